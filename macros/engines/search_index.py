"""MkDocs hook (``hooks:`` in mkdocs.yml): two things Material's search index cannot say itself.

- One entry per defined term: Material cuts a page into entries at its headings, so a glossary
  whose terms are ``<dt><dfn id>`` under letter headings came back as one hit per letter. Each
  term becomes its own entry (title: the term, text: its definition, link: the term's anchor),
  and a heading whose section holds nothing but such terms is dropped.
- Keywords: ``search: keywords:`` in a page's front matter (words the page answers without
  using them, such as «pdf» on the print page) go into a field of their own, ``keywords``
  (``fields:`` of the search plugin in mkdocs.yml), searched but never shown.

The index is rewritten after Material has written it (hooks come after the plugins, at the same
priority) and before the offline plugin turns it into a script (priority -100). Listed first under
``hooks:``, so the personal-data check in macros/engines/mkdocs_hooks.py reads the rewritten index.
The pages' findings are kept across the preview's rebuilds, as Material keeps its entries.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

TERM = re.compile(
    r"<dt[^>]*>\s*<dfn[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</dfn>\s*</dt>\s*<dd[^>]*>(.*?)</dd>", re.DOTALL
)
TERM_LIST = re.compile(r"<dl[^>]*>(?:(?!</dl>).)*</dl>", re.DOTALL)
HEADING = re.compile(r"<h[1-6][^>]*\bid=\"([^\"]+)\"[^>]*>.*?</h[1-6]>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")

_PAGES: dict[str, dict[str, Any]] = {}


def text_of(fragment: str) -> str:
    """Plain text as Material writes it into the index: tags dropped, whitespace collapsed, escaped."""
    return html.escape(" ".join(html.unescape(TAG.sub("", fragment)).split()), quote=False)


def terms_of(content: str) -> list[dict[str, str]]:
    return [
        {"id": id_, "title": text_of(term), "text": text_of(definition)}
        for id_, term, definition in TERM.findall(content)
    ]


def only_terms(section: str) -> bool:
    """True when a heading's section is nothing but definition lists whose every term has an anchor."""
    rest = TERM_LIST.sub(lambda m: "" if m[0].count("<dt") == len(TERM.findall(m[0])) else m[0], section)
    return not text_of(rest)


def term_sections(content: str) -> set[str]:
    """Anchors of the headings (after the page's first) whose sections hold only anchored terms."""
    headings = list(HEADING.finditer(content))
    return {
        h[1]
        for h, after in zip(headings[1:], [*headings[2:], None], strict=True)
        if only_terms(content[h.end() : after.start() if after else len(content)])
    }


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    terms = terms_of(page.content or "")
    keywords = ((page.meta.get("search") or {}).get("keywords") or "").strip()
    _PAGES.pop(page.url, None)
    if terms or keywords:
        _PAGES[page.url] = {
            "terms": terms,
            "drop": term_sections(page.content or "") if terms else set(),
            "keywords": keywords,
        }
    return context


def rewritten(docs: list[dict[str, Any]], pages: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        found = pages.get(page)
        if found and anchor in found["drop"]:
            continue
        if found and not anchor and found["keywords"]:
            doc = {**doc, "keywords": found["keywords"]}
        out.append(doc)
        if found and not anchor:
            out.extend(
                {"location": f"{page}#{t['id']}", "title": t["title"], "text": t["text"]}
                for t in found["terms"]
            )
    return out


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file() or not _PAGES:
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data["docs"] = rewritten(data["docs"], _PAGES)
    path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")
