"""What a participant uses between gatherings: the next gathering and the reading plan.

Both are computed in the browser (docs/javascripts/), from data embedded here at build time, so
"today" is the reader's day, never the build's. Without JavaScript the static content stays:
the gatherings with dates, and the reading list with pages.
"""

from __future__ import annotations

from typing import Any

from ..dates import clock_span, period_text
from ..markdown import blocks, bullets, esc, link
from ..model import Curriculum, Gathering, Module, Reading
from .charts import render
from .readings import hours, pages_text, reading_rate
from .records import find
from .schedule import where

DEADLINES_PAGE = "om/studiepoeng-og-vurdering.md"
READING_PLAN_PAGE = "pensum/leseplan.md"  # the page that calls {{ leseplan() }}


def short_authors(r: Reading) -> str:
    names = [a.split(",")[0].strip() for a in r.authors]
    return names[0] + (" mfl." if len(names) > 2 else f" og {names[1]}" if len(names) == 2 else "")


def reading_label(r: Reading) -> str:
    return f"{short_authors(r)} ({r.year}): {r.title}"


def reading_anchor(g: Gathering, r: Reading) -> str:
    """The reading's entry in Min leseplan; the box links there, where it can be ticked."""
    return f"lesning-{g.id}-{r.id}"


def sessions_by_day(g: Gathering) -> list[dict[str, Any]]:
    """Each day's sessions with Norwegian times, for the box on a gathering day."""
    return [
        {
            "date": day.isoformat(),
            "sessions": [
                {
                    "start": s.start.strftime("%H:%M"),
                    "end": s.end.strftime("%H:%M"),
                    "time": clock_span(s.start, s.end),
                    "title": s.title,
                    # only a room other than the gathering's: that one is said once, above
                    "room": s.room if s.room and s.room != g.room else None,
                }
                for s in sessions
            ],
        }
        for day, sessions in g.days()
    ]


def gathering_data(cur: Curriculum, g: Gathering, *, whole: bool = True) -> dict[str, Any]:
    """What the script needs of a gathering; whole=False for the others on a gathering's own page
    (their dates and place, no programme or readings). Computed once per curriculum: every page
    with a box needs every gathering's."""
    return cur.memoised(f"box-data:{g.id}:{whole}", lambda: computed_gathering_data(cur, g, whole=whole))


def computed_gathering_data(cur: Curriculum, g: Gathering, *, whole: bool) -> dict[str, Any]:
    data = {
        "id": g.id,
        "label": g.label,
        "module": g.module,
        "start": g.start.isoformat(),
        "end": g.end.isoformat(),
        "when": period_text(g),
        "place": where(g),
    }
    if not whole:
        return data
    readings = [cur.by_id("readings")[r] for r in dict.fromkeys(g.readings)]
    required = sum(r.pages.count for r in readings if r.required)
    return data | {
        "length": g.length(),
        "room": g.room,
        "days": sessions_by_day(g),
        "readings": [
            {
                "id": r.id,
                "anchor": reading_anchor(g, r),
                "label": reading_label(r),
                "pages": r.pages.count,
                "required": r.required,
            }
            for r in readings
        ],
        "requiredPages": required,
        "recommendedPages": sum(r.pages.count for r in readings if not r.required),
        "hours": hours(required, reading_rate(cur, [g])),
        "pagesPerHour": reading_rate(cur, [g]),
        "assignments": [{"title": a.title, "date": a.deadline.isoformat()} for a in cur.assignments_of(g.id)],
    }


def modules_not_planned(cur: Curriculum) -> list[Module]:
    """Modules after the last planned one that are not in the plan (an option not ordered)."""
    modules = cur.programme.modules
    planned = [i for i, m in enumerate(modules) if m.enabled]
    after = planned[-1] + 1 if planned else 0
    return [m for m in modules[after:] if not m.enabled]


def box_data(cur: Curriculum, here_id: str | None) -> dict[str, Any]:
    gatherings = cur.scheduled()
    scheduled = {g.id for g in gatherings}
    deadlines = sorted(
        (a for a in cur.assessments if a.gathering is None or a.gathering in scheduled),
        key=lambda a: a.deadline,
    )
    return {
        "here": here_id,
        "gatherings": [gathering_data(cur, g, whole=here_id in (None, g.id)) for g in gatherings],
        "deadlines": [{"title": a.title, "date": a.deadline.isoformat()} for a in deadlines],
        "modules": {m.id: m.name for m in cur.programme.modules},
        "notPlanned": [
            {"id": m.id, "name": m.name, "rest": not_planned_rest(m)} for m in modules_not_planned(cur)
        ],
        "storageKey": storage_key(cur),
        "pagesPerHour": reading_rate(cur),
    }


def has_page(cur: Curriculum, page: str) -> bool:
    return cur.page_title(page) != page


def shared_links(cur: Curriculum, here: str) -> list[str]:
    """Links the script reuses (MkDocs has made them relative to this page): the deadlines and the
    reading plan, where the project has those pages (a link to a missing page fails the build)."""
    pages = (("Alle frister", DEADLINES_PAGE, "frister"), ("Min leseplan", READING_PLAN_PAGE, "leseplan"))
    return [
        link(text, page, here) + f'{{ data-lp-{key}="" }}' for text, page, key in pages if has_page(cur, page)
    ]


def not_planned_rest(m: Module) -> str:
    return "er en opsjon som ikke er med i planen nå." if m.optional else "er ikke med i planen nå."


def not_planned_text(cur: Curriculum, here: str) -> str:
    return " ".join(
        f'{link(m.name, m.page, here)}{{ data-lp-modul="{m.id}" }} {esc(not_planned_rest(m))}'
        for m in modules_not_planned(cur)
    )


def gathering_list(cur: Curriculum, here: str) -> str:
    return bullets(
        f'{link(g.label, g.page, here)}{{ data-lp-samling="{g.id}" }}: {esc(period_text(g))}, {esc(where(g))}'
        for g in cur.scheduled()
    )


def next_gathering(cur: Curriculum, here: str, samling: str | None = None) -> str:
    """A box with what is next, computed in the browser on the reader's day.

    Without an argument (the start page): the next gathering, days left, what to read with what
    is ticked in Min leseplan, and the next deadline; on a gathering day that day's programme.
    With a gathering's id (its own page): only where that gathering stands for the reader.
    Without JavaScript: the gatherings with their dates, or on a gathering's page the next one.
    """
    if samling is not None:
        return gathering_status(cur, here, find(cur, "gatherings", samling, "samling"))
    data = box_data(cur, None)
    return blocks(
        render("next-gathering.html", data=data, part="open", label="Neste samling"),
        "**Samlingene og fristene.** Hvilken samling som kommer nå, vises her når JavaScript er slått på.",
        gathering_list(cur, here),
        " · ".join(shared_links(cur, here)),
        not_planned_text(cur, here),
        render("next-gathering.html", data=data, part="close"),
    )


def gathering_status(cur: Curriculum, here: str, g: Gathering) -> str:
    """The compact box on a gathering's own page: days left and this gathering's preparation."""
    label = f"Status for samling {g.number}"
    if g not in cur.scheduled():
        module = cur.module_of(g)
        return blocks(
            render("next-gathering.html", data=None, part="open", label=label),
            f"Denne samlingen hører til {link(module.name, module.page, here)}, som ikke er med i planen nå.",
            render("next-gathering.html", data=None, part="close"),
        )
    gatherings = cur.scheduled()
    after = gatherings[gatherings.index(g) + 1 :]
    following = (
        f"Samlingen etter denne: {link(after[0].label, after[0].page, here)}, {esc(period_text(after[0]))}."
        if after
        else " ".join(filter(None, ["Dette er den siste samlingen i planen.", not_planned_text(cur, here)]))
    )
    return blocks(
        render("next-gathering.html", data=box_data(cur, g.id), part="open", label=label),
        "Hvor mange dager det er igjen, og hvor mye du har lest, vises her når JavaScript er slått på. "
        + following,
        " · ".join(shared_links(cur, here)),
        # the other gatherings' addresses, for the script (it may say which one comes first)
        '<div class="lp-neste__lenker" hidden markdown="1">',
        gathering_list(cur, here),
        not_planned_text(cur, here) if after else "",
        "</div>",
        render("next-gathering.html", data=None, part="close"),
    )


def reading_plan(cur: Curriculum, here: str) -> str:
    """Readings per gathering with checkboxes, required and recommended apart; the ticks are kept
    in the reader's browser only."""
    groups = []
    for g in cur.scheduled():
        readings = [cur.by_id("readings")[r] for r in dict.fromkeys(g.readings)]
        if not readings:
            continue
        required = sum(r.pages.count for r in readings if r.required)
        groups.append(
            {
                "id": g.id,
                "label": g.label,
                "when": period_text(g),
                "total": sum(r.pages.count for r in readings),
                "required": required,
                "recommended": sum(r.pages.count for r in readings if not r.required),
                "hours": hours(required, reading_rate(cur, [g])),
                "pages_per_hour": reading_rate(cur, [g]),
                "parts": plan_parts(g, readings),
            }
        )
    # a text read for two gatherings counts once in all (the script counts its ticks once too)
    unique = {r.id: r for g in cur.scheduled() for r in (cur.by_id("readings")[x] for x in g.readings)}
    required = sum(r.pages.count for r in unique.values() if r.required)
    recommended = sum(r.pages.count for r in unique.values() if not r.required)
    return render(
        "reading-plan.html",
        groups=groups,
        required=required,
        recommended=recommended,
        total=required + recommended,
        storage_key=storage_key(cur),
        pages_per_hour=reading_rate(cur),
    )


def plan_parts(g: Gathering, readings: list[Reading]) -> list[dict[str, Any]]:
    """The required readings, then the recommended, each with its pages (a part only if it has any)."""
    parts = []
    for kind, title, required in (("obligatorisk", "Obligatorisk", True), ("anbefalt", "Anbefalt", False)):
        chosen = [r for r in readings if r.required == required]
        if chosen:
            parts.append(
                {
                    "kind": kind,
                    "title": title,
                    "pages": sum(r.pages.count for r in chosen),
                    "readings": [plan_entry(g, r) for r in chosen],
                }
            )
    return parts


def plan_entry(g: Gathering, r: Reading) -> dict[str, Any]:
    return {
        "id": r.id,
        "anchor": reading_anchor(g, r),
        "label": reading_label(r),
        "pages": r.pages.count,
        "details": pages_text(r) + (f", les {r.selection}" if r.selection else ""),  # after a dash
    }


def storage_key(cur: Curriculum) -> str:
    """The localStorage key for the ticks: one per cohort, so two portals on one host never mix."""
    return f"{cur.programme.id}-lest"
