"""Facts the data holds, for running text: "{{ fakta("ledere") }}" gives "18 ledere".

A count, the period, the organisation or the place typed into a page goes stale the day the data
changes; a page that asks for it here is right after every edit. Also the print page's gatherings,
one section each, so a new gathering reaches the paper version without anyone adding it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..markdown import blocks, esc, join_and
from ..model import Curriculum, Module
from ..problems import DataError, did_you_mean
from .schedule import agenda, gathering_summary

NUMBER_WORDS = ("null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv")


def counted(n: int, singular: str, plural: str) -> str:
    """'seks samlinger', 'én samling', '14 samlinger' (words up to twelve, as Norwegian prose)."""
    return f"{NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else n} {singular if n == 1 else plural}"


def leaders(cur: Curriculum) -> int:
    return sum(g.count for g in cur.programme.participants)


def roles_text(cur: Curriculum) -> str:
    """'rådmann, 3 kommunalsjefer og 14 virksomhetsledere'."""
    roles = cur.by_id("roles")
    parts = [
        role.title.lower() if g.count == 1 else f"{g.count} {(role.title_plural or role.title).lower()}"
        for g in cur.programme.participants
        for role in [roles[g.role]]
    ]
    return join_and(parts)


def years(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}–{end}"


def at_place(cur: Curriculum) -> str:
    """'på Hamar', 'i Bodø': Norwegian takes either preposition, so the data says which."""
    return f"{cur.programme.place_preposition} {cur.programme.place}"


def module_gatherings(cur: Curriculum, m: Module) -> int:
    return sum(1 for g in cur.gatherings if g.module == m.id)


FACTS: dict[str, tuple[str, Callable[[Curriculum, Module], str]]] = {
    "ledere": ("antall deltakere", lambda cur, m: counted(leaders(cur), "leder", "ledere")),
    "roller": ("deltakerne etter rolle", lambda cur, m: roles_text(cur)),
    "samlinger": (
        "antall samlinger i modulen",
        lambda cur, m: counted(module_gatherings(cur, m), "samling", "samlinger"),
    ),
    "studiepoeng": ("studiepoeng for modulen", lambda cur, m: f"{m.credits} studiepoeng"),
    "periode": ("årene modulen går over", lambda cur, m: years(m.period.start.year, m.period.end.year)),
    "oppdragsgiver": ("organisasjonen programmet er for", lambda cur, m: cur.programme.organisation),
    "sted": ("stedet samlingene holdes", lambda cur, m: cur.programme.place),
    "på_sted": ("stedet med sin preposisjon, «i Bodø» eller «på Hamar»", lambda cur, m: at_place(cur)),
    "hovedmål": ("programmets hovedmål, med kundens ord", lambda cur, m: cur.programme.main_goal),
    "formål": ("programmets formål, med kundens ord", lambda cur, m: cur.programme.purpose),
    "lesetempo": (
        "sidene i timen lesetiden regnes med i modulen",
        lambda cur, m: counted(m.workload.reading_rate, "side", "sider") + " i timen",
    ),
}


def facts(cur: Curriculum, here: str, navn: str, modul: str | None = None, stor: bool = False) -> str:
    if navn not in FACTS:
        raise DataError(f"ukjent faktum «{navn}»", did_you_mean(navn, set(FACTS)))
    modules = cur.by_id("modules")
    if modul is not None and modul not in modules:
        raise DataError(f"ukjent modul «{modul}»", did_you_mean(modul, set(modules)))
    module = modules[modul] if modul else next(m for m in cur.programme.modules if not m.optional)
    text = FACTS[navn][1](cur, module)
    return esc(text[:1].upper() + text[1:] if stor else text)


def all_gatherings(cur: Curriculum, here: str, modul: str | None = None) -> str:
    """Each scheduled gathering (or each of one module) as a section: heading, intro, agenda."""
    gatherings = cur.scheduled() if modul is None else [g for g in cur.gatherings if g.module == modul]
    if modul is not None and modul not in cur.by_id("modules"):
        raise DataError(f"ukjent modul «{modul}»", did_you_mean(modul, set(cur.by_id("modules"))))
    return blocks(
        *(
            blocks(f"## {esc(g.label)}", gathering_summary(cur, here, g.id), agenda(cur, here, g.id))
            for g in gatherings
        )
    )
