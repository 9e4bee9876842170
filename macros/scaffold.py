"""Scaffolding for editors: a new gathering (record and page) or a new reading. Never overwrites."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from . import placeholders as blank
from .curriculum import curriculum_or_raise
from .model import Curriculum, Module
from .problems import DataError

GATHERING = """
- id: {id}
  number: {number}
  module: {module}
  title: {title}
  theme: {theme}
  start: {start}
  end: {end}
  place: {place}
  page: {page}
  summary: >-
    {summary}
  readings: []
  reflection:
    - {reflection}
  sessions:
    - date: {start}
      start: "09:00"
      end: "16:00"
      title: {session}
      kind: forelesning
      responsible: {responsible}
"""

PAGE = """# Samling {number}: {title}

{{{{ samling_intro("{id}") }}}}

## Hvorfor denne samlingen

{story}

## Program

{{{{ agenda("{id}") }}}}

## Forberedelse

{{{{ forberedelse("{id}") }}}}
"""

READING = """
- id: {id}
  authors: ["{author}"]
  year: {year}
  title: {title}
  kind: bok
  publisher: {publisher}
  pages: 1
  pages_estimated: true
  required: true
  themes: [{theme}]
"""


def default_module(cur: Curriculum) -> Module:
    return next(m for m in cur.programme.modules if m.enabled and not m.optional)


def new_gathering(root: Path, title: str = "Ny samling") -> list[Path]:
    """Add the next gathering of the agreed module: a record, a page and a nav entry."""
    cur = curriculum_or_raise(root, cross_check=False)
    module = default_module(cur)
    existing = cur.in_module(module.id)
    number = max((g.number for g in cur.gatherings), default=0) + 1  # numbers run across modules
    ident = f"samling-{number}"
    page = f"samlinger/{ident}.md"
    if ident in cur.by_id("gatherings") or (root / "docs" / page).exists():
        raise DataError(f"samlingen «{ident}» eller siden docs/{page} finnes allerede", "ingenting ble endret")
    last = existing[-1] if existing else None
    start = last.end + timedelta(weeks=6) - timedelta(days=(last.end - last.start).days) if last else module.period.start
    values = {
        "id": ident, "number": number, "module": module.id, "title": title,
        "theme": cur.themes[0].id, "start": start, "end": start + timedelta(days=1),
        "place": cur.programme.place, "page": page,
        "responsible": next((r.id for r in cur.roles if r.kind == "prosessveileder"), cur.roles[0].id),
        "summary": blank.SUMMARY, "reflection": blank.REFLECTION, "session": blank.SESSION, "story": blank.STORY,
    }
    data = root / "curriculum" / "samlinger.yml"
    data.write_text(data.read_text(encoding="utf-8").rstrip("\n") + "\n" + GATHERING.format(**values), encoding="utf-8")
    (root / "docs" / page).write_text(PAGE.format(**values), encoding="utf-8")
    add_to_nav(root / "mkdocs.yml", page)
    return [data, root / "docs" / page, root / "mkdocs.yml"]


def add_to_nav(mkdocs_yml: Path, page: str) -> None:
    """Put the page after the last gathering page of Modul I in the navigation."""
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if re.match(r"\s+- samlinger/samling-\d+\.md\s*$", line)]
    if not found:
        return  # no explicit nav: MkDocs lists the page by itself
    last = found[-1]
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    lines.insert(last + 1, f"{indent}- {page}\n")
    mkdocs_yml.write_text("".join(lines), encoding="utf-8")


def new_reading(root: Path) -> list[Path]:
    """Add a reading record to fill in, with the next free id ny-tekst-N."""
    cur = curriculum_or_raise(root, cross_check=False)
    readings = cur.by_id("readings")
    n = 1
    while f"ny-tekst-{n}" in readings:
        n += 1
    data = root / "curriculum" / "pensum.yml"
    text = READING.format(
        id=f"ny-tekst-{n}", year=cur.programme.period.start.year, theme=cur.themes[0].id,
        author=blank.AUTHOR, title=blank.TITLE, publisher=blank.PUBLISHER,
    )
    data.write_text(data.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")
    return [data]
