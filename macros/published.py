"""Check a page as it will be published: its HTML after the components and Markdown have run.

The checks turn each page into HTML with the Markdown extensions named in ``mkdocs.yml`` (with
Python-Markdown itself, not the engine), then hold that HTML to the sanitiser's allowlist and the
privacy patterns. Entities, YAML escapes, full-width characters and zero-width spaces are all
decoded by then, so ``ola&#64;x.no`` and ``&#x6A;avascript:`` are seen for what they are.
A finding is reported at the first source line that contains it.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import nh3
import pymdownx.slugs
from ruamel.yaml import YAML

from . import privacy, sanitise
from .privacy import Allowed, findings, normalised
from .problems import Problem, closest, did_you_mean
from .sanitise import IGNORED_IN_URL, texts, violations

# Deeper nesting than this (lists, quotes) is refused before Markdown sees it: Python-Markdown
# recurses once per level and fails or takes minutes at several hundred.
MAX_INDENT = 64
MAX_QUOTES = 16
INDENT = re.compile(r"^([ \t]*)((?:>[ \t]?)*)", re.MULTILINE)
SLUGIFIERS = {"pymdownx.slugs.slugify": pymdownx.slugs.slugify}


def slug_maker(function: Callable[..., Any]) -> Callable[[Any, Any], Any]:
    def construct(loader: Any, node: Any) -> Any:
        arguments = loader.construct_mapping(node, deep=True)
        return function(**dict(arguments.get("kwds") or {}))

    return construct


# Always on in MkDocs, whatever mkdocs.yml says
ENGINE_DEFAULTS = ("toc", "tables", "fenced_code")


def extensions(config_text: str) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions and their settings from mkdocs.yml. Of the Python objects YAML can
    name there, only the heading slug functions are made (anchors must match the build's)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.constructor.add_constructor(None, lambda loader, node: None)  # !ENV, other !!python/…
    for name, function in SLUGIFIERS.items():
        yaml.constructor.add_constructor(
            f"tag:yaml.org,2002:python/object/apply:{name}", slug_maker(function)
        )
    data = yaml.load(config_text) or {}
    names: list[str] = list(ENGINE_DEFAULTS)
    configs: dict[str, dict[str, Any]] = {}
    for entry in data.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name.startswith("macros."):  # ours, for Zensical only
            continue
        if name not in names:
            names.append(name)
        configs[name] = {k: v for k, v in (options or {}).items() if v is not None}
    return names, configs


@lru_cache(maxsize=4)
def converter(config_text: str) -> markdown.Markdown:
    names, configs = extensions(config_text)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def to_html(root: Path, text: str) -> str:
    md = converter((root / "mkdocs.yml").read_text(encoding="utf-8"))
    md.reset()
    return md.convert(text)


def nesting_problems(body: str, name: str, offset: int) -> list[Problem]:
    for m in INDENT.finditer(body):
        width = len(m[1].expandtabs(4))
        if width > MAX_INDENT or m[2].count(">") > MAX_QUOTES:
            line = body.count("\n", 0, m.start()) + 1 + offset
            return [
                Problem(
                    name,
                    line,
                    "innrykket eller sitatet er for dypt nestet",
                    f"bruk høyst {MAX_QUOTES} nivåer; del opp listen eller sitatet",
                )
            ]
    return []


def source_line(source: str, needle: str, offset: int) -> int | None:
    """The first line of the page whose text, decoded as the browser would, contains ``needle``."""
    wanted = simplified(needle)
    if not wanted:
        return None
    for number, line in enumerate(source.split("\n"), start=1):  # lines as editors count them
        if wanted in simplified(line):
            return number + offset
    return None


def simplified(text: str) -> str:
    return IGNORED_IN_URL.sub("", normalised(html.unescape(text))).lower()


def html_problems(page_html: str, source: str, name: str, offset: int) -> list[Problem]:
    fix = "fjern det eller skriv det som vanlig Markdown; sidene kan ikke kjøre kode eller hente noe utenfra"
    return [
        Problem(name, source_line(source, v.needle, offset) or offset + 1, v.message, fix)
        for v in violations(page_html)
    ]


def privacy_problems(page_html: str, source: str, name: str, offset: int, allowed: Allowed) -> list[Problem]:
    """Personal data in the published text. What cannot be found in the page's own source came
    from the data, and the data check reports it there."""
    problems = []
    for part in texts(page_html):
        for f in findings(normalised(part), allowed):
            line = source_line(source, f.found, offset) or source_line(
                source, re.sub(r"\D", "", f.found), offset
            )
            if line is not None:
                problems.append(Problem(name, line, f.message, f.fix))
    return problems


# The published check of a page is a pure function of its text, mkdocs.yml, the allowlist and this
# code: kept in .cache/published.json, so an unchanged page costs nothing the next time.
CACHE = ".cache/published.json"
# by cache key: the problems, links and ids of a page (as JSON values); all entries, and those used
_CACHE: dict[Path, tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]] = {}


@lru_cache(maxsize=1)
def code_version() -> str:
    sources = [Path(inspect.getfile(m)).read_bytes() for m in (privacy, sanitise)] + [
        Path(__file__).read_bytes()
    ]
    versions = f"{markdown.__version__} {getattr(nh3, '__version__', '')}".encode()
    return hashlib.sha256(b"\0".join([*sources, versions])).hexdigest()


@dataclass(frozen=True)
class Published:
    """What the checks learn from a page's HTML: its problems, its links (line, address) to
    other pages and files, and the anchors it offers to links from elsewhere."""

    problems: list[Problem]
    links: list[tuple[int, str]]
    ids: list[str]


def page_links(page_html: str, source: str, offset: int) -> tuple[list[tuple[int, str]], list[str]]:
    collector = _Links()
    collector.feed(page_html)
    collector.close()
    links = [(source_line(source, href, offset) or offset + 1, href) for href in collector.hrefs]
    return links, collector.ids


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            elif (
                name == "href"
                and tag == "a"
                and value
                and not re.match(r"^([a-z][a-z0-9+.\-]*:|//)", value, re.I)
            ):
                self.hrefs.append(value)


def cached(root: Path, parts: tuple[str, ...], compute: Callable[[], Published]) -> Published:
    """``compute()``, or what it gave last time for the same ``parts``."""
    if root not in _CACHE:
        try:
            _CACHE[root] = (json.loads((root / CACHE).read_text(encoding="utf-8")), {})
        except (OSError, ValueError):
            _CACHE[root] = ({}, {})
    old, used = _CACHE[root]
    key = hashlib.sha256("\0".join((code_version(), *parts)).encode()).hexdigest()
    if key not in old:
        found = compute()
        old[key] = {
            "problems": [[p.file, p.line, p.message, p.fix] for p in found.problems],
            "links": found.links,
            "ids": found.ids,
        }
    used[key] = entry = old[key]
    return Published(
        [Problem(*fields) for fields in entry["problems"]],
        [(line, href) for line, href in entry["links"]],
        entry["ids"],
    )


def save_cache(root: Path) -> None:
    """Keep what this run used, so the file does not grow with every edit."""
    if root not in _CACHE:
        return
    _, used = _CACHE.pop(root)
    path = root / CACHE
    try:
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(used), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only project is checked all the same, only not faster next time


def link_problems(
    name: str, page: str, links: list[tuple[int, str]], anchors: dict[str, list[str]], files: set[str]
) -> list[Problem]:
    """Links from ``page`` (relative to docs/) to pages, anchors and files that do not exist: what
    MkDocs' link validation would stop the build for, found by the checks first."""
    problems = []
    for line, href in links:
        path, _, fragment = unquote(href).partition("#")
        if path.startswith("/"):
            problems.append(
                Problem(
                    name,
                    line,
                    f"lenken «{href}» er absolutt",
                    "skriv stien til .md-filen relativt til denne siden, f.eks. ../om/index.md",
                )
            )
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        if target not in anchors and target not in files:
            known = sorted(anchors) if target.endswith(".md") else sorted(files)
            problems.append(
                Problem(
                    name,
                    line,
                    f"lenken går til «{path}», som ikke finnes",
                    "stien er relativ til denne siden; " + (did_you_mean_path(target, known)),
                )
            )
        elif fragment and target in anchors and fragment not in anchors[target]:
            problems.append(
                Problem(
                    name,
                    line,
                    f"lenken går til ankeret «#{fragment}», som ikke finnes på «{target}»",
                    did_you_mean(fragment, set(anchors[target])) or "se overskriftene på siden",
                )
            )
    return problems


def did_you_mean_path(target: str, known: list[str]) -> str:
    close = closest(target, known)
    return f"mente du «{close}» (fra docs/)?" if close else "sjekk navnet på filen i docs/"
