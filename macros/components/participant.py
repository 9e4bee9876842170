"""What a participant uses between gatherings: the next gathering and the reading plan.

Both are computed in the browser (docs/javascripts/), from data embedded here at build time, so
"today" is the reader's day, never the build's. Without JavaScript the static content stays:
the gatherings with dates, and the reading list with pages.
"""

from __future__ import annotations

from ..dates import long_date, period_text
from ..markdown import blocks, bullets, esc, link
from ..model import Curriculum, Gathering, Reading
from .charts import render
from .readings import hours, pages_text
from .records import gathering_label
from .schedule import where

DEADLINES_PAGE = "om/studiepoeng-og-vurdering.md"


def short_authors(r: Reading) -> str:
    names = [a.split(",")[0].strip() for a in r.authors]
    return names[0] + (" mfl." if len(names) > 2 else f" og {names[1]}" if len(names) == 2 else "")


def reading_label(r: Reading) -> str:
    return f"{short_authors(r)} ({r.year}): {r.title}"


def gathering_data(cur: Curriculum, g: Gathering) -> dict:
    readings = [cur.by_id("readings")[r] for r in g.readings]
    required = sum(r.pages.count for r in readings if r.required)
    return {
        "id": g.id,
        "label": gathering_label(g),
        "start": g.start.isoformat(),
        "end": g.end.isoformat(),
        "when": period_text(g),
        "startText": long_date(g.start),
        "place": where(g),
        "readings": [{"label": reading_label(r), "pages": r.pages.count, "required": r.required} for r in readings],
        "requiredPages": required,
        "hours": hours(required),
        "assignments": [cur.by_id("assessments")[a].title for a in g.assignments],
    }


def next_gathering(cur: Curriculum, here: str) -> str:
    """A box with the next gathering, days left, what to prepare and the next deadline (JavaScript).

    Without JavaScript, the gatherings with their dates and a link to the deadlines.
    """
    gatherings = cur.scheduled()
    scheduled = {g.id for g in gatherings}
    deadlines = sorted(
        (a for a in cur.assessments if a.gathering is None or a.gathering in scheduled),
        key=lambda a: a.deadline,
    )
    data = {
        "gatherings": [gathering_data(cur, g) for g in gatherings],
        "deadlines": [{"title": a.title, "date": a.deadline.isoformat()} for a in deadlines],
    }
    fallback = bullets(
        f"{link(gathering_label(g), g.page, here)}{{ data-lp-samling=\"{g.id}\" }}: "
        f"{esc(period_text(g))}, {esc(where(g))}"
        for g in gatherings
    )
    deadline_link = link("Alle frister", DEADLINES_PAGE, here) + '{ data-lp-frister="" }'
    return blocks(
        render("next-gathering.html", data=data, part="open"),
        "**Samlingene og fristene.** Hvilken samling som kommer nå, vises her når JavaScript er slått på.",
        fallback,
        deadline_link,
        render("next-gathering.html", data=data, part="close"),
    )


def reading_plan(cur: Curriculum, here: str) -> str:
    """Readings per gathering with checkboxes; progress is kept in the reader's browser only."""
    groups = []
    for g in cur.scheduled():
        readings = [cur.by_id("readings")[r] for r in g.readings]
        if not readings:
            continue
        required = sum(r.pages.count for r in readings if r.required)
        groups.append({
            "id": g.id,
            "label": gathering_label(g),
            "when": period_text(g),
            "total": sum(r.pages.count for r in readings),
            "required": required,
            "hours": hours(required),
            "readings": [
                {
                    "id": r.id,
                    "label": reading_label(r),
                    "pages": r.pages.count,
                    "details": pages_text(r) + (", obligatorisk" if r.required else ", anbefalt")
                    + (f", les {r.selection}" if r.selection else ""),
                }
                for r in readings
            ],
        })
    total = sum(group["total"] for group in groups)
    return render("reading-plan.html", groups=groups, total=total, storage_key=storage_key(cur))


def storage_key(cur: Curriculum) -> str:
    """The localStorage key for the ticks: one per cohort, so two portals on one host never mix."""
    return f"{cur.programme.id}-lest"
