"""Zensical's adapter for the glossary links (``macros.glossary_links``).

MkDocs runs the link step in ``on_post_page_macros`` (``macros/__init__.py``); Zensical 0.0.73's
macros extension has no such hook, so this Markdown extension runs the same step right after
Zensical's macros preprocessor (priority 35), with the page from Zensical's rendering context.
Under MkDocs there is no such context and the extension does nothing.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .curriculum import curriculum_once
from .glossary_links import GLOSSARY_PAGE, link_terms


class GlossaryPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        try:
            from zensical.extensions.context import ContextPreprocessor
        except ImportError:
            return lines
        context = ContextPreprocessor.from_markdown(self.md)
        if context is None or context.page is None:
            return lines
        root = Path(context.config.get("root_dir", ".")).resolve()
        if not (root / context.config.get("docs_dir", "docs") / GLOSSARY_PAGE).exists():
            return lines
        cur = curriculum_once(root)
        return link_terms("\n".join(lines), context.page.path, cur.terms).split("\n")


class GlossaryExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(GlossaryPreprocessor(md), "glossary_links", 34)


def makeExtension(**kwargs: object) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)
