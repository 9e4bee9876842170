"""Front matter the theme prints as HTML without escaping.

Material writes ``page.meta.title`` into ``<title>`` and the navigation, ``description`` into a
``<meta content="…">`` attribute and ``subtitle`` into the navigation, all as they are; MkDocs'
Jinja environment does not autoescape. Escaping them once, here, makes them text.
"""

from __future__ import annotations

import html
from collections.abc import MutableMapping
from typing import Any

SHOWN_AS_HTML = ("title", "description", "subtitle")


def escape_shown_fields(meta: MutableMapping[str, Any]) -> None:
    for key in SHOWN_AS_HTML:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = html.escape(value, quote=True)
