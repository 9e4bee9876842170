"""Gatherings: the schedule, one gathering's agenda, and its preparation."""

from __future__ import annotations

from ..calendar import DEADLINES_FILE, gathering_file, programme_file
from ..dates import clock_span, long_date, period_text
from ..markdown import blocks, bullets, esc, link, table
from ..model import Curriculum, Gathering
from .readings import reading_item, reading_rate, totals_sentence
from .records import find

KIND_LABELS = {
    "forelesning": "Forelesning",
    "dialog": "Dialog i plenum",
    "gruppearbeid": "Gruppearbeid",
    "refleksjon": "Refleksjon",
    "verksted": "Verksted",
    "veiledning": "Veiledning",
    "casearbeid": "Casearbeid",
    "evaluering": "Evaluering",
    "pause": "Pause",
}


def schedule(cur: Curriculum, here: str, modul: str | None = None) -> str:
    """Table of gatherings: the switched-on ones, or every one of a module."""
    gatherings = cur.scheduled() if modul is None else cur.in_module(find(cur, "modules", modul, "modul").id)
    themes = cur.by_id("themes")
    rows = [
        (
            str(g.number),
            esc(period_text(g)),
            link(g.title, g.page, here),
            link(themes[g.theme].name, themes[g.theme].page, here),
            esc(where(g)),
        )
        for g in gatherings
    ]
    return blocks(
        table(("Nr.", "Dato", "Samling", "Tema", "Sted"), rows), calendar_links(cur, here, gatherings)
    )


def calendar_links(cur: Curriculum, here: str, gatherings: list[Gathering]) -> str:
    """Links to the calendar files (macros.calendar), for the gatherings that have one."""
    if not any(cur.module_of(g).enabled for g in gatherings):
        return ""
    return (
        f"{link('Legg hele programmet i kalenderen (.ics)', programme_file(cur), here)} · "
        f"{link('Legg fristene i kalenderen (.ics)', DEADLINES_FILE, here)}"
    )


def where(g: Gathering) -> str:
    """The gathering's place, with its room when the data names one."""
    return f"{g.room}, {g.place}" if g.room else g.place


def agenda(cur: Curriculum, here: str, samling: str) -> str:
    """The sessions day by day; a room column when the gathering or a session names a room."""
    g: Gathering = find(cur, "gatherings", samling, "samling")
    roles = cur.by_id("roles")
    with_rooms = any(g.room_of(s) for s in g.sessions)
    headings = ("Tid", "Økt", "Arbeidsform", "Ansvarlig") + (("Rom",) if with_rooms else ())
    days = []
    for day, sessions in g.days():
        rows = [
            (
                esc(clock_span(s.start, s.end)),
                f"**{esc(s.title)}**" + (f" – {esc(s.description)}" if s.description else ""),
                esc(KIND_LABELS[s.kind]),
                esc(roles[s.responsible].title) if s.responsible else "",
            )
            + ((esc(g.room_of(s) or ""),) if with_rooms else ())
            for s in sessions
        ]
        heading = f"### Dag {g.day_number(day)}: {esc(long_date(day))}"
        days.append(blocks(heading, table(headings, rows)))
    return blocks(*days)


def preparation(cur: Curriculum, here: str, samling: str) -> str:
    g: Gathering = find(cur, "gatherings", samling, "samling")
    readings = [cur.by_id("readings")[r] for r in g.readings]
    parts = ["### Les før samlingen"]
    if readings:
        parts += [
            bullets(reading_item(r, here) for r in readings),
            totals_sentence(readings, reading_rate(cur, [g])),
        ]
    else:
        parts.append("Ingen ny pensumlitteratur til denne samlingen.")
    tasks = cur.assignments_of(g.id)
    if tasks:
        parts += [
            "### Arbeidskrav",
            bullets(
                f"**{esc(a.title)}** (frist {esc(long_date(a.deadline))}): {esc(a.description)}"
                for a in tasks
            ),
        ]
    if g.reflection:
        parts += ["### Refleksjonsspørsmål", bullets((esc(q) for q in g.reflection), numbered=True)]
    return blocks(*parts)


def gathering_summary(cur: Curriculum, here: str, samling: str) -> str:
    """One line for a gathering: date, place and summary (for its own page)."""
    g: Gathering = find(cur, "gatherings", samling, "samling")
    theme = cur.by_id("themes")[g.theme]
    in_calendar = cur.module_of(g).enabled
    return blocks(
        f"**{esc(period_text(g))}, {esc(where(g))}.** Tema: {link(theme.name, theme.page, here)}.",
        esc(g.summary),
        link("Legg samlingen i kalenderen (.ics)", gathering_file(g), here) if in_calendar else "",
    )
