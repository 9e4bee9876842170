"""Page front matter: which keys an editor may write, and escaping what the theme prints.

Front matter the theme prints as HTML without escaping:

Material writes ``page.meta.title`` into ``<title>`` and the navigation, ``description`` into a
``<meta content="…">`` attribute and ``subtitle`` into the navigation, all as they are; MkDocs'
Jinja environment does not autoescape. Escaping them once, here, makes them text.
"""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.tokens import AliasToken, AnchorToken, TagToken

from .problems import Problem

SHOWN_AS_HTML = ("title", "description", "subtitle")


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, number of lines before the body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 0
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    offset = text[: len(text) - len(body)].count("\n")
    return match.group(1), body, offset


def front_matter_values(front: str) -> dict[str, Any]:
    """The front matter as plain values, every scalar as text (no tags run, no types guessed);
    raises ruamel's YAMLError when it cannot be read. The one reader of front matter for
    news, customer pages and the PDF's name (the checks read it node by node, for lines)."""
    meta = YAML(typ="base", pure=True).load(front) if front else None
    return meta if isinstance(meta, dict) else {}


def escape_shown_fields(meta: MutableMapping[str, Any]) -> None:
    for key in SHOWN_AS_HTML:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = html.escape(value, quote=True)


# Front matter an editor may write, and what each value must be. Anything else (status:, icon:,
# template:, …) reaches the theme's templates, so it is refused rather than passed on.
FIELDS: dict[str, str] = {
    "title": "tekst",
    "description": "tekst",
    "date": "dato",
    "hide": "liste",
    "render_macros": "true eller false",
    "pdf": "filnavn",
    "search": "søkeinnstilling",
    # the page states facts about the customer's own organisation (python -m macros check --kunde)
    "kunde": "true eller false",
}
HIDE = {"navigation", "toc", "footer", "path"}
PDF_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.pdf")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def field_problem(key: str, value: Any) -> str | None:
    """Why ``value`` is wrong for ``key``, or None."""
    kind = FIELDS[key]
    if kind == "tekst":
        ok = isinstance(value, str) and not CONTROL.search(value) and len(value) <= 300
    elif kind == "dato":  # its form is checked with the notices (macros/news.py), with an example
        ok = isinstance(value, str)
    elif kind == "liste":
        ok = isinstance(value, list) and all(isinstance(v, str) and v in HIDE for v in value)
    elif kind == "true eller false":
        ok = value in ("true", "false")
    elif kind == "filnavn":
        ok = isinstance(value, str) and PDF_NAME.fullmatch(value) is not None
    else:
        ok = search_ok(value)
    return None if ok else kind


# Material's search settings (exclude, boost: below 1 ranks the page lower, as the optional
# Modul II) and our keywords (words the page answers without using them, as «pdf» on the print page)
BOOST = re.compile(r"\d{1,2}(\.\d{1,3})?")


def search_ok(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) <= {"exclude", "boost", "keywords"}
        and value.get("exclude", "false") in ("true", "false")
        and BOOST.fullmatch(str(value.get("boost", "1"))) is not None
        and isinstance(value.get("keywords", ""), str)
        and len(value.get("keywords", "")) <= 300
    )


def front_matter_problems(front: str, name: str) -> list[Problem]:
    """Unknown keys and wrong values in a page's front matter (line 1 is the opening ---)."""
    if not front:
        return []
    yaml = YAML(typ="base", pure=True)  # every value as text
    try:
        if found := tag_problems(front, name):
            return found
        node = yaml.compose(front)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [
            Problem(
                name,
                (mark.line + 2) if mark else 1,
                "sidehodet kan ikke leses",
                "skriv hver linje som «nøkkel: verdi» mellom to linjer med ---",
            )
        ]
    if not isinstance(node, MappingNode):
        return [
            Problem(
                name, 2, "sidehodet skal være linjer med «nøkkel: verdi»", "se veiledningen for redaktører"
            )
        ]
    problems = []
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key not in FIELDS:
            problems.append(
                Problem(
                    name,
                    line,
                    f"feltet «{key}» er ikke tillatt i sidehodet",
                    "tillatte felt er " + ", ".join(f"«{k}»" for k in FIELDS),
                )
            )
        elif (kind := field_problem(key, plain(value_node))) is not None:
            problems.append(
                Problem(
                    name,
                    line,
                    f"«{key}» i sidehodet skal være {kind}",
                    f"tillatte verdier for hide er {', '.join(sorted(HIDE))}"
                    if key == "hide"
                    else "skriv search: med exclude: true, boost: et tall (0.5 gir lavere rangering) "
                    "eller keywords: ord som skal finne siden"
                    if key == "search"
                    else "rett verdien",
                )
            )
    return problems


def tag_problems(front: str, name: str) -> list[Problem]:
    """Tags (``!!python/object``) and anchors or aliases (``&x``, ``*x``), wherever they stand."""
    tokens = YAML(typ="base", pure=True).scan(front)
    return [
        Problem(
            name,
            t.start_mark.line + 2,
            "sidehodet kan ikke ha YAML-tagger (!…) eller ankre (&, *)",
            "skriv verdien som vanlig tekst, gjerne i anførselstegn",
        )
        for t in tokens
        if isinstance(t, (TagToken, AnchorToken, AliasToken))
    ]


def plain(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [plain(n) for n in node.value]
    if isinstance(node, MappingNode):
        return {str(k.value): plain(v) for k, v in node.value}
    return None
