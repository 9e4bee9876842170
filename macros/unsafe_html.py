"""Refuse HTML in content pages that could run code: scripts, frames, event handlers, javascript: links.

Pages may use plain HTML for layout (``md_in_html``), but never anything that executes;
the site's scripts live in ``docs/javascripts/`` and are added by the theme. Code shown as
code (fenced blocks and `inline code`) is only text and is not refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem

FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)

RULES = [
    (re.compile(r"<\s*script\b", re.IGNORECASE),
     "<script> er ikke tillatt på sidene",
     "legg skript i docs/javascripts/ og ta dem inn gjennom temaet, ikke på en side"),
    (re.compile(r"<\s*iframe\b", re.IGNORECASE),
     "<iframe> er ikke tillatt på sidene",
     "lenk til innholdet i stedet for å bygge det inn"),
    (re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-zA-Z]+)\s*=", re.IGNORECASE),
     "hendelsesattributtet {0}= er ikke tillatt på sidene",
     "fjern attributtet; sidene skal ikke kjøre kode"),
    (re.compile(r"(?:\]\(\s*<?|\]:\s*<?|(?:href|src|action|formaction)\s*=\s*[\"']?\s*)java\s*script\s*:",
                re.IGNORECASE),
     "javascript:-lenker er ikke tillatt på sidene",
     "lenk til en side eller en adresse som begynner med https://"),
]


def blank(match: re.Match[str]) -> str:
    """Code replaced by spaces, keeping line breaks so lines still match the file."""
    return re.sub(r"[^\n]", " ", match[0])


def without_code(text: str) -> str:
    return INLINE_CODE.sub(blank, FENCE.sub(blank, text))


def unsafe_html(text: str, name: str) -> Iterable[Problem]:
    scanned = without_code(text)
    for pattern, message, fix in RULES:
        for m in pattern.finditer(scanned):
            start = m.start(1) if m.lastindex else m.start()
            line = scanned.count("\n", 0, start) + 1
            yield Problem(name, line, message.format(*m.groups()), fix)


def check_unsafe_html(root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted((root / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += unsafe_html(text, path.relative_to(root).as_posix())
    return problems
