"""What the scaffolding writes for editors to replace, and the check that refuses it left in place.

One table: each text the templates leave, with what the editor should write instead. A new
placeholder in ``scaffold.py`` goes here too, or a half-filled record could be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .locator import Locator
    from .model import Curriculum

SUMMARY = "Skriv to–tre setninger om hva samlingen handler om."
REFLECTION = "Skriv et refleksjonsspørsmål deltakerne kan ta med seg."
SESSION = "Skriv tittelen på første økt"
STORY = "Skriv hva som skjer på samlingen, og hvorfor."
AUTHOR = "Etternavn, Fornavn"
TITLE = "Tittel på teksten"
PUBLISHER = "Navn på forlaget"
GATHERING_TITLE = "Ny samling"  # the title of a gathering made without TITTEL=
READING_ID = "ny-tekst-{n}"  # the id of a new reading, numbered until it is free
PAGES = 1  # with pages_estimated: true; would publish as «ca. 1 sider»

WHAT_TO_WRITE = {
    SUMMARY: "bytt den ut med to–tre setninger om hva samlingen handler om",
    REFLECTION: "bytt det ut med et spørsmål deltakerne kan tenke på før samlingen",
    SESSION: "skriv tittelen på økten, og rett tid, arbeidsform og ansvarlig under den",
    STORY: "skriv med egne ord hva som skjer på samlingen, og hvorfor",
    AUTHOR: 'skriv forfatteren som «Etternavn, Fornavn», f.eks. "Schein, Edgar H."',
    TITLE: "skriv tittelen på teksten, med undertittel etter kolon, i anførselstegn",
    PUBLISHER: "skriv navnet på forlaget; for en artikkel bytter du «publisher» ut med «journal»",
}
ALL = tuple(WHAT_TO_WRITE)
_READING_ID = re.compile(re.escape(READING_ID).replace(re.escape("{n}"), "[0-9]+"))


def left_from_template(cur: Curriculum, at: Locator, root: Path) -> Iterable[Problem]:
    """Everything the scaffolding wrote that the editor has not yet replaced."""
    yield from texts(cur, at)
    for i, g in enumerate(cur.gatherings):
        if g.title == GATHERING_TITLE:
            yield at.problem(
                "gatherings",
                (i, "title"),
                f"tittelen «{g.title}» står fortsatt slik malen laget den",
                f"skriv samlingens tittel her, og den samme i overskriften «# Samling {g.number}: …» "
                f"på docs/{g.page}",
            )
        yield from page_lines(root, g.page)
    for i, r in enumerate(cur.readings):
        if _READING_ID.fullmatch(r.id):
            yield at.problem(
                "readings",
                (i, "id"),
                f"id-en «{r.id}» står fortsatt slik malen laget den",
                "gi teksten en id som sier hva den er, f.eks. «schein-organizational-culture»; "
                "bytt den også under readings i samlingen den skal leses til",
            )
        if r.pages.count == PAGES and r.pages.first is None and r.pages_estimated:
            yield at.problem(
                "readings",
                (i, "pages"),
                f"sidetallet {PAGES} står fortsatt slik malen laget det",
                "skriv hvor mange sider som skal leses, f.eks. 240, eller sidene i anførselstegn, "
                'f.eks. "45-67"; la pages_estimated: true stå bare hvis tallet er et anslag',
            )


def texts(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    fields: list[tuple[str, tuple[str | int, ...], str | None]] = [
        ("gatherings", (i, *path), value)
        for i, g in enumerate(cur.gatherings)
        for path, value in [
            (("summary",), g.summary),
            *((("reflection", k), q) for k, q in enumerate(g.reflection)),
            *((("sessions", k, "title"), s.title) for k, s in enumerate(g.sessions)),
        ]
    ]
    fields += [
        ("readings", (i, *path), value)
        for i, r in enumerate(cur.readings)
        for path, value in [
            (("title",), r.title),
            (("publisher",), r.publisher),
            *((("authors", k), a) for k, a in enumerate(r.authors)),
        ]
    ]
    for owner, path, value in fields:
        if value is not None and value in WHAT_TO_WRITE:
            yield at.problem(
                owner, path, f"«{value}» står fortsatt slik malen laget det", WHAT_TO_WRITE[value]
            )


def page_lines(root: Path, page: str) -> Iterable[Problem]:
    path = root / "docs" / page
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
    for n, line in enumerate(lines, 1):
        if line.strip() in WHAT_TO_WRITE:
            yield Problem(
                f"docs/{page}",
                n,
                f"«{line.strip()}» står fortsatt slik malen laget det",
                WHAT_TO_WRITE[line.strip()],
            )
