"""Zensical's glossary links (``macros.glossary_links``), as a Markdown extension.

MkDocs links the glossary terms in its ``on_page_markdown`` hook (``mkdocs_hooks.py``). Zensical
0.0.73's macros extension has no such hook, so this extension (in mkdocs.yml's
``markdown_extensions``) runs the same step right after Zensical's macros preprocessor (priority
35), with the page taken from Zensical's rendering context. That context is Zensical's internal
``zensical.extensions.context.ContextPreprocessor``: Zensical is pinned to the version it was
written for, and tests/test_engines.py fails loudly if it is not there. Under MkDocs (no Zensical
loaded) the extension does nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from ..curriculum import curriculum_once
from ..glossary_links import GLOSSARY_PAGE, link_terms


class GlossaryPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if "zensical" not in sys.modules:  # MkDocs: its hook links the terms
            return lines
        from zensical.extensions.context import ContextPreprocessor

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
