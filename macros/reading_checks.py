"""Checks of one reading at a time: language, «kort fortalt», edition and the pages of the selection."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .model import SCANDINAVIAN, Curriculum, Reading
from .problems import Problem

if TYPE_CHECKING:
    from .locator import Locator

# «s. 13–98» or «s. 296-349» in a selection: the page ranges a participant reads
RANGE = re.compile(r"\bs\.\s*(\d{1,5})\s*[-–]\s*(\d{1,5})")


def check_readings(cur: Curriculum, at: Locator) -> list[Problem]:
    problems: list[Problem] = []
    for i, r in enumerate(cur.readings):
        problems += summary_needed(r, i, at)
        problems += edition_needed(r, i, at)
        problems += selection_pages(r, i, at)
    return problems


def summary_needed(r: Reading, i: int, at: Locator) -> Iterable[Problem]:
    """All communication in the programme is Norwegian: a text in another language gets «kort fortalt»."""
    if r.language not in SCANDINAVIAN and not r.summary:
        yield at.problem(
            "readings",
            (i, "language"),
            f"«{r.id}» er på engelsk, men har ingen «kort fortalt» på norsk",
            "legg til «summary: …» med to–tre setninger på norsk om hva teksten sier",
        )


def edition_needed(r: Reading, i: int, at: Locator) -> Iterable[Problem]:
    if r.kind == "bok" and r.edition is None and "edition" not in r.unverified:
        yield at.problem(
            "readings",
            (i, "kind"),
            f"boka «{r.id}» sier ikke hvilken utgave som leses",
            "legg til «edition: 1» (eller nummeret på utgaven), eller «unverified: [edition]» "
            "hvis du ikke har fått bekreftet utgaven",
        )


def range_pages(selection: str) -> int | None:
    """Pages in the ranges a selection names, or None when it names none."""
    spans = [(int(a), int(b)) for a, b in RANGE.findall(selection)]
    return sum(b - a + 1 for a, b in spans) if spans else None


def selection_pages(r: Reading, i: int, at: Locator) -> Iterable[Problem]:
    """A count of pages must agree with the page ranges the selection names (facts live once)."""
    counted = range_pages(r.selection or "")
    if counted is None or r.pages.first is not None:
        return
    backwards = [m.group(0) for m in RANGE.finditer(r.selection or "") if int(m[1]) > int(m[2])]
    if backwards:
        yield at.problem(
            "readings",
            (i, "selection"),
            f"sideintervallet «{backwards[0]}» går baklengs",
            "skriv den første siden først, for eksempel «s. 13–98»",
        )
    elif counted != r.pages.count:
        yield at.problem(
            "readings",
            (i, "pages"),
            f"sidetallet {r.pages.count} stemmer ikke med sideintervallene i «selection» "
            f"(til sammen {counted} sider)",
            f"skriv «pages: {counted}», eller rett intervallene",
        )
