"""The reading list (pensum): one reading, lists and page totals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import period_text
from ..markdown import blocks, bullets, esc, link, table
from ..model import SCANDINAVIAN, Curriculum, Gathering, Reading
from .records import find

LANGUAGE_NAMES = {"nb": "bokmål", "nn": "nynorsk", "sv": "svensk", "da": "dansk", "en": "engelsk"}
UNVERIFIED_NAMES = {
    "authors": "forfattere",
    "year": "år",
    "title": "tittel",
    "edition": "utgave",
    "publisher": "forlag",
    "journal": "tidsskrift, årgang og hefte",
    "selection": "kapitler",
    "pages": "sidetall",
}


def pages_text(r: Reading) -> str:
    if r.pages.first is not None:
        return f"s. {r.pages} ({r.pages.count} sider)"
    return f"{'ca. ' if r.pages_estimated else ''}{r.pages.count} sider"


def citation(r: Reading) -> str:
    """APA-like reference, escaped, with the title in italics."""
    authors = (
        " & ".join(r.authors) if len(r.authors) <= 2 else ", ".join(r.authors[:-1]) + " & " + r.authors[-1]
    )
    head = f"{esc(authors)} ({r.year})."
    edition = f" ({r.edition}. utg.)" if r.edition and r.edition > 1 else ""
    if r.kind == "kapittel":
        where = f"I *{esc(r.book)}*{edition}." + (f" {esc(r.publisher)}." if r.publisher else "")
        return f"{head} {esc(r.title)}. {where}"
    if r.kind == "artikkel":
        return f"{head} {esc(r.title)}. *{esc(r.journal)}*."
    return f"{head} *{esc(r.title)}*{edition}." + (f" {esc(r.publisher)}." if r.publisher else "")


def reading_item(r: Reading, here: str) -> str:
    status = "obligatorisk" if r.required else "anbefalt"
    details = [pages_text(r), status]
    if r.selection:
        details.insert(0, f"les {r.selection}")
    if r.language not in ("nb", "nn"):
        details.append(f"på {LANGUAGE_NAMES[r.language]}")
    line = f"{citation(r)} – {esc(', '.join(details))}."
    line += f" {esc(r.note)}" if r.note else ""
    line += f" **Kort fortalt:** {esc(r.summary)}" if r.summary else ""
    return line + unverified_text(r)


def unverified_text(r: Reading) -> str:
    """What has not been checked against a published source, said quietly after the reading."""
    if not r.unverified:
        return ""
    names = ", ".join(UNVERIFIED_NAMES[f] for f in dict.fromkeys(r.unverified))
    return f" *Ikke bekreftet: {esc(names)}.*"


def scandinavian_share(readings: Sequence[Reading]) -> str:
    """The share of the required pages written in Norwegian, Swedish or Danish."""
    required = [r for r in readings if r.required]
    total = sum(r.pages.count for r in required)
    if not total:
        return ""
    nordic = sum(r.pages.count for r in required if r.language in SCANDINAVIAN)
    percent = round(100 * nordic / total)
    return (
        f"**Språk:** {percent} % av de obligatoriske sidene er på norsk, svensk eller dansk "
        f"({nordic} av {total} sider). Tekster på engelsk har et «kort fortalt» på norsk, "
        "og vi drøfter dem på norsk."
    )


def reading_rate(cur: Curriculum, gatherings: Iterable[Gathering] | None = None) -> int:
    """Pages read in an hour, from the data (each module's ``workload.reading_rate``, which the
    workload budget uses too): the rate of the gatherings' modules, all scheduled ones when none
    are given; where the modules differ, the slowest, so no estimate comes out too low."""
    modules = cur.by_id("modules")
    chosen = cur.scheduled() if gatherings is None else list(gatherings)
    rates: set[int] = {modules[g.module].workload.reading_rate for g in chosen if g.module in modules}
    return min(rates or {m.workload.reading_rate for m in cur.programme.modules})


def hours(pages: int, rate: int) -> int:
    """Whole hours, rounded up, to read ``pages`` at ``rate`` pages an hour."""
    return -(-pages // rate)


def totals_sentence(readings: Sequence[Reading], rate: int) -> str:
    required = sum(r.pages.count for r in readings if r.required)
    recommended = sum(r.pages.count for r in readings if not r.required)
    estimated = any(r.pages_estimated for r in readings)
    text = f"**Sum:** {required} sider obligatorisk"
    if recommended:
        text += f" og {recommended} sider anbefalt"
    text += f", om lag {hours(required, rate)} timer lesing for det obligatoriske"
    text += f" (regnet med {rate} sider i timen"
    text += "; noen sidetall er anslag)." if estimated else ")."
    return text


def reading_list(
    cur: Curriculum,
    here: str,
    samling: str | None = None,
    tema: str | None = None,
    modul: str | None = None,
) -> str:
    """Readings by gathering (all scheduled, or one module's), or those of one gathering or theme."""
    if samling is not None:
        g = find(cur, "gatherings", samling, "samling")
        chosen = [cur.by_id("readings")[r] for r in g.readings]
        return blocks(
            bullets(reading_item(r, here) for r in chosen), totals_sentence(chosen, reading_rate(cur, [g]))
        )
    if tema is not None:
        find(cur, "themes", tema, "tema")
        chosen = [r for r in cur.active_readings() if tema in r.themes]
        return blocks(
            bullets(reading_item(r, here) for r in chosen), totals_sentence(chosen, reading_rate(cur))
        )
    if modul is not None:
        return by_gathering(cur, here, cur.in_module(find(cur, "modules", modul, "modul").id))
    return by_gathering(cur, here, cur.scheduled())


def by_gathering(cur: Curriculum, here: str, gatherings: list[Gathering]) -> str:
    readings = cur.by_id("readings")
    parts = []
    for g in gatherings:
        chosen = [readings[r] for r in g.readings]
        if chosen:
            parts += [
                f"### {link(g.label, g.page, here)}",
                bullets(reading_item(r, here) for r in chosen),
                totals_sentence(chosen, reading_rate(cur, [g])),
            ]
    ids = {r for g in gatherings for r in g.readings}
    everything = [r for r in cur.readings if r.id in ids]
    whole = totals_sentence(everything, reading_rate(cur, gatherings))
    parts += ["### Hele pensum", whole, scandinavian_share(everything)]
    return blocks(*parts)


def reading_list_by_theme(cur: Curriculum, here: str) -> str:
    parts = []
    active = cur.active_readings()
    for t in cur.themes:
        chosen = [r for r in active if t.id in r.themes]
        if chosen:
            parts += [
                f"### {link(t.name, t.page, here)}",
                bullets(reading_item(r, here) for r in chosen),
            ]
    return blocks(*parts)


def study_plan(cur: Curriculum, here: str) -> str:
    """Self-study between gatherings: pages and estimated hours per period."""
    readings = cur.by_id("readings")
    rows = []
    previous_end = cur.programme.period.start - timedelta(days=1)
    for g in cur.scheduled():
        pages = sum(readings[r].pages.count for r in g.readings if readings[r].required)
        span = Span(previous_end + timedelta(days=1), g.start - timedelta(days=1))
        weeks = max(1, round((span.end - span.start).days / 7))
        estimate = hours(pages, reading_rate(cur, [g]))
        rows.append(
            (
                link(g.label, g.page, here),
                esc(period_text(span)),
                str(weeks),
                str(pages),
                str(estimate),
                f"{estimate / weeks:.1f}".replace(".", ","),
            )
        )
        previous_end = g.end
    headers = ("Før samling", "Lesetid", "Uker", "Sider", "Timer (anslag)", "Timer per uke")
    return blocks(table(headers, rows))


@dataclass(frozen=True)
class Span:
    start: date
    end: date
