"""The published HTML, held to one allowlist of elements, attributes and URL schemes.

Pages are Markdown with some HTML, and Python-Markdown lets raw HTML and ``attr_list``
attributes through as written, so filtering the source is not enough (entities such as
``&#x6A;avascript:`` survive it). After rendering, ``clean`` rewrites the HTML with nh3
(ammonia, a maintained sanitiser) and ``violations`` names what it would remove, so that
``make check`` can refuse it with the page and line instead of silently dropping it.
Both read the same allowlist below, which is also what the site's own components write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .docs_files import ALLOWED

TEXT = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
}
# The reading plan's checkboxes (no <form>: nothing is ever sent anywhere)
CONTROLS = {"button", "fieldset", "input", "label", "legend"}
# The charts (macros/components/charts.py)
SVG = {
    "svg",
    "g",
    "rect",
    "line",
    "circle",
    "ellipse",
    "path",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "title",
    "desc",
}
TAGS = TEXT | CONTROLS | SVG
LOWER_TAGS = {t.lower() for t in TAGS}  # html.parser gives names in lower case

GENERIC = {"id", "class", "title", "lang", "dir", "hidden", "role", "tabindex"}
PREFIXES = {"aria-", "data-"}
SVG_ATTRIBUTES = {
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "dx",
    "dy",
    "d",
    "points",
    "width",
    "height",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "transform",
    "opacity",
}
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "data": {"value"},
    "figure": {"markdown"},  # md_in_html keeps markdown="0" on the charts' figures
    "input": {"type", "checked", "disabled", "value", "name"},
    "label": {"for"},
    "button": {"type", "disabled"},
    "fieldset": {"disabled"},
    "svg": {"viewBox", "width", "height", "xmlns", "focusable", "preserveAspectRatio"},
    **{tag: SVG_ATTRIBUTES for tag in SVG - {"svg", "title", "desc"}},
}
SCHEMES = {"http", "https", "mailto"}
IMAGE_TYPES = ALLOWED["bilder"]  # the images docs/bilder/ may hold
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "poster",
    "background",
    "cite",
    "longdesc",
    "usemap",
    "ping",
    "data",
}
# Python-Markdown's tables write the column alignment as a style; nothing else may use one.
ALIGN = re.compile(r"\s*text-align:\s*(left|right|center);?\s*", re.IGNORECASE)
# Browsers drop these anywhere in a URL before reading its scheme: "jav\tascript:" is javascript:
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Violation:
    """Something the sanitiser removes; ``needle`` is text to find the source line by."""

    message: str
    needle: str


def allowed_attribute(tag: str, name: str) -> bool:
    return name in GENERIC or name in ATTRIBUTES.get(tag, ()) or any(name.startswith(p) for p in PREFIXES)


def url_problem(tag: str, name: str, value: str) -> str | None:
    """Why this URL may not be published, or None."""
    url = IGNORED_IN_URL.sub("", value).lower()
    scheme = url.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.\-]*:", url) else ""
    if scheme and scheme not in SCHEMES:
        return f"adressen bruker «{scheme}:», som ikke er tillatt"
    if name == "src" and (scheme or url.startswith("//")):
        return "bilder og andre ressurser må ligge i docs/; eksterne adresser er ikke tillatt"
    if name == "src" and not url.split("?")[0].split("#")[0].endswith(IMAGE_TYPES):
        return "et bilde må være en .png-, .jpg-, .gif- eller .webp-fil i docs/bilder/"
    return None


def value_problem(tag: str, name: str, value: str) -> str | None:
    if name == "style" and not ALIGN.fullmatch(value):
        return "style= er bare tillatt for venstre-, høyre- eller midtstilling i tabeller"
    if name in URL_ATTRIBUTES:
        return url_problem(tag, name, value)
    return None


def attribute_filter(tag: str, name: str, value: str) -> str | None:
    return None if value_problem(tag, name, value) else value


def clean(html: str) -> str:
    """The HTML with everything outside the allowlist removed."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes={"*": GENERIC, **ATTRIBUTES},
        generic_attribute_prefixes=PREFIXES,
        url_schemes=SCHEMES,
        attribute_filter=attribute_filter,
        link_rel=None,
        strip_comments=False,
    )


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Violation] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag not in LOWER_TAGS:
            self.found.append(Violation(f"HTML-elementet <{tag}> er ikke tillatt på sidene", f"<{tag}"))
            return
        svg_case = {a.lower(): a for a in ATTRIBUTES.get(tag, ())}
        for raw, value in attrs:
            name = svg_case.get(raw, raw)
            if not allowed_attribute(tag, name):
                self.found.append(Violation(f"attributtet {raw}= på <{tag}> er ikke tillatt på sidene", raw))
            elif (why := value_problem(tag, name, value or "")) is not None:
                self.found.append(Violation(why, needle_of(value or "")))


def needle_of(value: str) -> str:
    """A piece of a URL to find in the source (the part after the scheme survives encodings)."""
    rest = value.split(":", 1)[-1].strip()
    return rest[:24] or value[:24]


def violations(html: str) -> list[Violation]:
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.found


def texts(html: str) -> Iterator[str]:
    """The published text: what a reader sees, and the attribute values a browser acts on."""
    collector = _Text()
    collector.feed(html)
    collector.close()
    yield from collector.parts


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(value for _, value in attrs if value)
