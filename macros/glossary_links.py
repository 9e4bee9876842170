"""Glossary in context: the first use of a glossary term on a page links to its definition.

Works on a page's Markdown after the components have run, so it does not depend on the engine.
The link goes to the term's anchor in the glossary page, carries the definition as its title
(read by screen readers as the link's description, and shown by Material's tooltips on hover
and on keyboard focus) and the class ``begrep``. Headings, code, links, HTML, tables' header
rows and admonition titles are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .markdown import href
from .model import Term

GLOSSARY_PAGE = "praktisk/begreper.md"

# Spans that must not get a link inside them: code, links and images, autolinks, HTML elements
# that are links, abbreviations or definitions already, and any other tag.
_PROTECTED = re.compile(
    r"(`+[^`]*?`+"
    r"|!?\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)(?:\{[^}]*\})?"
    r"|!?\[[^\]]*\]\[[^\]]*\]"
    r"|<(a|abbr|dfn|code|kbd)\b.*?</\2>"
    r"|<[^>]+>"
    r"|\{\{.*?\}\}|\{[:#.][^}]*\})"
)
# Lines that are not running text: headings, HTML blocks, admonition titles, front matter,
# attribute lines, footnote and link definitions, table separator rows.
_SKIP_LINE = re.compile(r"^\s*(#|<|!!!|\?\?\?|---|\{:|\[[^\]]+\]:|\|?\s*:?-{3,})")
_FENCE = re.compile(r"^\s*(```|~~~)")
# Norwegian endings, so "samlingen" and "verdiprosessen" also count as a use of the term.
_ENDINGS = r"(?:n|r|t|ne|ns|en|et|a|er|ere|erne|ene|ens|ets|s)?"
_LETTER = r"[\wæøåÆØÅ]"


def term_pattern(term: Term) -> re.Pattern[str]:
    return _pattern(term.term)


@cache
def _pattern(text: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in text.split())
    # Abbreviations (KS, SLG) match only in capitals; words in any case.
    flags = 0 if text.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!{_LETTER}|-){words}{_ENDINGS}(?!{_LETTER}|-)", flags)


@cache
def _first_word(text: str) -> str:
    return text.split()[0].lower()


@cache
def _any_word(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words)))


def link_terms(markdown: str, here: str, terms: Iterable[Term]) -> str:
    """The page's Markdown with the first use of each term linked to the glossary."""
    if here == GLOSSARY_PAGE:
        return markdown
    pending = [(t, term_pattern(t)) for t in sorted(terms, key=lambda t: -len(t.term))]
    # Most lines hold no term at all; one search for any term's first word (in lower case) says
    # so far faster than a regular expression per term.
    maybe = _any_word(frozenset(_first_word(t.term) for t, _ in pending))
    lines, fenced, header_row = markdown.split("\n"), False, True
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or (line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "1"))):
            continue
        if _SKIP_LINE.match(line):
            continue
        is_table = line.lstrip().startswith("|")
        if is_table and header_row:
            header_row = False
            continue
        header_row = not is_table
        if not maybe.search(line.lower()):
            continue
        lines[i], pending = link_line(line, here, pending)
        if not pending:
            break
    return "\n".join(lines)


Pending = list[tuple[Term, re.Pattern[str]]]


def link_line(line: str, here: str, pending: Pending) -> tuple[str, Pending]:
    left: Pending = []
    lower = line.lower()
    # The protected spans change only when a link is added: found once per change, not per term
    # (per term, this search was the largest cost of the whole build).
    spans: list[re.Match[str] | None] = [*_PROTECTED.finditer(line), None]
    for term, pattern in pending:
        if _first_word(term.term) not in lower:  # cheap test before the regular expression
            left.append((term, pattern))
            continue
        linked = link_first_free(line, pattern, term, here, spans)
        if linked is None:
            left.append((term, pattern))
        else:
            line, lower = linked, linked.lower()
            spans = [*_PROTECTED.finditer(line), None]
    return line, left


def link_first_free(
    line: str,
    pattern: re.Pattern[str],
    term: Term,
    here: str,
    spans: list[re.Match[str] | None] | None = None,
) -> str | None:
    """The line with the first match outside protected spans linked, or None."""
    start = 0
    for span in spans if spans is not None else [*_PROTECTED.finditer(line), None]:
        end = span.start() if span else len(line)
        found = pattern.search(line, start, end)
        if found:
            return line[: found.start()] + glossary_link(found[0], term, here) + line[found.end() :]
        if span is None:
            return None
        start = span.end()
    return None


def glossary_link(text: str, term: Term, here: str) -> str:
    title = " ".join(term.definition.split()).replace('"', "”")
    target = href(f"{GLOSSARY_PAGE}#{term.id}", here)
    return f'[{text}]({target} "{title}"){{ .begrep }}'
