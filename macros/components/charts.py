"""Pictures rendered at build time: the gatherings on a timeline, the reading load per period.

Each returns an accessible SVG figure (role="img", <title>, <desc>) with the same content as a
list next to it, from a Jinja template in overrides/fragments/ (autoescaped). Colours come
from ``currentColor``, so the contrast is the text's in light and dark mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import jinja2

from ..dates import format_date, period_text, short_date
from ..model import Curriculum, Gathering
from .readings import hours, reading_rate

FRAGMENTS = Path(__file__).resolve().parents[2] / "overrides" / "fragments"
WIDTH = 720


@cache
def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FRAGMENTS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


# Material's search leaves out an element with this attribute: the picture's axis labels and
# numbers ("sep. 16 okt. 16 …") are no answer to a search; the list beside it says the same.
SEARCH_EXCLUDE = "<svg data-search-exclude "


def render(name: str, **values: object) -> str:
    # A raw HTML block for Markdown: one block, no blank lines inside.
    html = templates().get_template(name).render(**values).replace("<svg ", SEARCH_EXCLUDE, 1)
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def months(first: date, last: date) -> list[date]:
    day, found = first.replace(day=1), []
    while day <= last:
        found.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return found


def timeline(cur: Curriculum, here: str) -> str:
    """The scheduled gatherings on a line from the first month to the last."""
    gatherings = cur.scheduled()
    first = gatherings[0].start.replace(day=1)
    last_month = months(gatherings[-1].end, gatherings[-1].end)[0]
    end = (last_month + timedelta(days=32)).replace(day=1)
    left, right = 30, WIDTH - 30

    def x(day: date) -> int:
        return round(left + (right - left) * (day - first).days / (end - first).days)

    ticks = [{"x": x(m), "label": format_date(m, "MMM yy", locale="nb")} for m in months(first, end)]
    # Alternate label heights so neighbouring gatherings do not overlap.
    items = [
        {"x": x(g.start), "label": str(g.number), "label_y": 24 if i % 2 == 0 else 52}
        for i, g in enumerate(gatherings)
    ]
    lines = [f"{g.label}: {period_text(g)}, {g.place}" for g in gatherings]
    span = f"fra {short_date(gatherings[0].start)} til {short_date(gatherings[-1].end)}"
    return render(
        "timeline.svg.html",
        id="tidslinje",
        width=WIDTH,
        height=130,
        left=left,
        right=right,
        axis_y=86,
        ticks=ticks,
        items=items,
        lines=lines,
        title="Tidslinje over samlingene",
        description=f"{len(gatherings)} samlinger {span}. Listen under figuren har datoene.",
        caption=f"Samlingene på en tidslinje, {span}. Tallene er samlingsnumrene.",
    )


@dataclass(frozen=True)
class Load:
    gathering: Gathering
    start: date
    end: date
    pages: int


def loads(cur: Curriculum) -> list[Load]:
    """Required pages to read in each period before a gathering (after the one before it)."""
    readings = cur.by_id("readings")
    found, previous_end = [], cur.programme.period.start - timedelta(days=1)
    for g in cur.scheduled():
        pages = sum(readings[r].pages.count for r in g.readings if readings[r].required)
        found.append(Load(g, previous_end + timedelta(days=1), g.start - timedelta(days=1), pages))
        previous_end = g.end
    return found


def reading_load(cur: Curriculum, here: str) -> str:
    """Bars: required pages (and estimated hours) to read before each gathering."""
    periods = loads(cur)
    left, right, base_y, top = 20, WIDTH - 20, 200, 44
    slot = (right - left) / len(periods)
    most = max((p.pages for p in periods), default=0) or 1
    bars = []
    for i, p in enumerate(periods):
        height = round((base_y - top) * p.pages / most)
        bars.append(
            {
                "x": round(left + i * slot + slot * 0.2),
                "width": round(slot * 0.6),
                "middle": round(left + (i + 0.5) * slot),
                "y": base_y - height,
                "height": height,
                "pages": f"{p.pages} s.",
                "hours": f"{hours(p.pages, reading_rate(cur, [p.gathering]))} t",
                "label": f"Før {p.gathering.number}",
            }
        )
    lines = [
        f"Før samling {p.gathering.number}, {p.gathering.title} ({period_text(p)}): "
        f"{p.pages} sider, om lag {hours(p.pages, reading_rate(cur, [p.gathering]))} timer"
        for p in periods
    ]
    total = sum(p.pages for p in periods)
    heaviest = max(periods, key=lambda p: p.pages)
    return render(
        "reading-load.svg.html",
        id="lesebelastning",
        width=WIDTH,
        height=base_y + 30,
        left=left,
        right=right,
        base_y=base_y,
        bars=bars,
        lines=lines,
        title="Lesebelastning mellom samlingene",
        description=(
            f"Søyler med obligatoriske sider å lese før hver samling, til sammen {total} sider; "
            f"mest før samling {heaviest.gathering.number} ({heaviest.pages} sider). "
            "Listen under figuren har tallene."
        ),
        caption=(
            f"Obligatoriske sider (s.) og anslått lesetid i timer (t) før hver samling, "
            f"regnet med {reading_rate(cur)} sider i timen."
        ),
    )
