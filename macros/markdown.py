"""Small helpers that turn values into safe Markdown."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!])")


def esc(value: object) -> str:
    """Escape a data value for Markdown text: no HTML, no Markdown syntax."""
    return _esc(str(value))


# The same names, titles and links recur on many pages: each is escaped or computed once.
@lru_cache(maxsize=65536)
def _esc(text: str) -> str:
    # quotes as &quot; (safe in any attribute); an apostrophe stays: Python-Markdown's table of
    # contents would show &#x27; literally in a heading
    text = html.escape(text, quote=False).replace('"', "&quot;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("|", "&#124;")
    text = " ".join(text.split())
    # "1. september" at the start of a line would become a numbered list.
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


@lru_cache(maxsize=65536)
def href(target: str, here: str) -> str:
    """A link from page ``here`` to page ``target`` (both relative to docs/)."""
    target, _, anchor = target.partition("#")
    path = relative(target, posixpath.dirname(here)) if target else ""
    return f"{path}#{anchor}" if anchor else path


def relative(target: str, folder: str) -> str:
    """``posixpath.relpath(target, folder)`` for paths inside docs/, without its two calls to
    os.getcwd() (the largest cost of rendering the link-heavy pages)."""
    parts = [p for p in target.split("/") if p not in ("", ".")]
    start = [p for p in folder.split("/") if p not in ("", ".")]
    if ".." in parts or ".." in start:
        return posixpath.relpath(target, folder or ".")
    common = 0
    while common < min(len(parts), len(start)) and parts[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def link(text: object, target: str, here: str) -> str:
    return f"[{esc(text)}]({href(target, here)})"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: Iterable[str], *, numbered: bool = False) -> str:
    return "\n".join(f"{'1.' if numbered else '-'} {item}" for item in items)


def definitions(pairs: Iterable[tuple[str, str]]) -> str:
    return "\n\n".join(f"{term}\n:   {text}" for term, text in pairs)


def join_and(words: Sequence[str]) -> str:
    """'a, b og c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} og {words[-1]}"


def blocks(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p) + "\n"


_NORWEGIAN_ORDER = str.maketrans({"æ": "z{", "ø": "z|", "å": "z}"})


def sort_key(text: str) -> str:
    """Alphabetical order as in Norwegian: … x y z æ ø å."""
    return text.lower().translate(_NORWEGIAN_ORDER)
