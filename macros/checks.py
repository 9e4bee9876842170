"""Checks across records: ids, references, dates, coverage and pages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from . import placeholders
from .calendar import DEADLINES_FILE, FOLDER
from .dates import long_date, period_text
from .financing_checks import check_financing
from .load import Path_
from .locator import Locator
from .model import (
    CREATE,
    Curriculum,
    Gathering,
    Period,
    Session,
    collection_file,
    collection_noun,
    id_collections,
)
from .problems import Problem
from .reading_checks import check_readings
from .validate import unknown_id_fix
from .values_process_checks import check_values_process
from .workload import check_workload


def check_curriculum(cur: Curriculum, at: Locator, root: Path) -> list[Problem]:
    return [
        *duplicate_ids(cur, at),
        *cohort_id(cur, at),
        *references(cur, at),
        *dates(cur, at),
        *sessions(cur, at),
        *coverage(cur, at),
        *reading_details(cur, at),
        *check_readings(cur, at),
        *missing_pages(cur, at, root),
        *gathering_headings(cur, at, root),
        *template_text(cur, at, root),
        *check_financing(cur, at),
        *check_values_process(cur, at),
        *check_workload(cur, at),
    ]


def duplicate_ids(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    collections = {field: getattr(cur, field) for field in id_collections() if field != "modules"}
    collections["modules"] = cur.programme.modules
    for field, records in collections.items():
        owner = "programme" if field == "modules" else field
        prefix = ("modules",) if field == "modules" else ()
        seen: dict[str, int] = {}
        for i, record in enumerate(records):
            if record.id in seen:
                first = at.files[owner].line_of((*prefix, seen[record.id], "id"))
                yield at.problem(
                    owner,
                    (*prefix, i, "id"),
                    f"id-en «{record.id}» er brukt før (linje {first})",
                    f"gi hver {collection_noun(field)} sin egen id",
                )
            seen.setdefault(record.id, i)
    # a number is unique in its module (model.Gathering.number); Modul II may continue Modul I's
    numbers: dict[tuple[str, int], int] = {}
    for i, g in enumerate(cur.gatherings):
        key = (g.module, g.number)
        if key in numbers:
            other = cur.gatherings[numbers[key]]
            free = max(x.number for x in cur.gatherings if x.module == g.module) + 1
            yield at.problem(
                "gatherings",
                (i, "number"),
                f"samling nummer {g.number} er brukt før, av «{other.id}» i samme modul",
                f"gi samlingen neste ledige nummer i modulen, {free}",
            )
        numbers.setdefault(key, i)


def cohort_id(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    """The programme's id names its calendar file (kalender/<id>.ics), beside one per gathering."""
    taken = {g.id: f"samlingen «{g.id}»" for g in cur.gatherings}
    taken[DEADLINES_FILE.removeprefix(f"{FOLDER}/").removesuffix(".ics")] = "kalenderen for fristene"
    if cur.programme.id in taken:
        yield at.problem(
            "programme",
            ("id",),
            f"programmets id «{cur.programme.id}» er også navnet på kalenderfilen for "
            f"{taken[cur.programme.id]}",
            "gi programmet en id med oppdragsgiver og år, for eksempel «nordby-2030»",
        )


def refs(
    cur: Curriculum, at: Locator, owner: str, path: Path_, target: str, ids: Iterable[str | None]
) -> Iterable[Problem]:
    """Problems for every id in ``ids`` that is not a ``target`` record."""
    known = cur.by_id(target)
    for j, ref in enumerate(ids):
        if ref is not None and ref not in known:
            sub = (*path, j) if isinstance(ids, list) else path
            yield at.problem(
                owner,
                sub,
                f"ukjent {collection_noun(target)} «{ref}»",
                unknown_id_fix(
                    ref, set(known), f"curriculum/{collection_file(target)}", CREATE.get(target, "")
                ),
            )


def references(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    for i, p in enumerate(cur.programme.participants):
        yield from refs(cur, at, "programme", ("participants", i, "role"), "roles", (p.role,))
    for i, g in enumerate(cur.gatherings):
        yield from refs(cur, at, "gatherings", (i, "module"), "modules", (g.module,))
        yield from refs(cur, at, "gatherings", (i, "theme"), "themes", (g.theme,))
        yield from refs(cur, at, "gatherings", (i, "readings"), "readings", g.readings)
        for k, s in enumerate(g.sessions):
            here = (i, "sessions", k)
            yield from refs(cur, at, "gatherings", (*here, "responsible"), "roles", (s.responsible,))
            yield from refs(cur, at, "gatherings", (*here, "addresses"), "requirements", s.addresses)
    for i, r in enumerate(cur.readings):
        yield from refs(cur, at, "readings", (i, "themes"), "themes", r.themes)
    for i, a in enumerate(cur.assessments):
        yield from refs(cur, at, "assessments", (i, "gathering"), "gatherings", (a.gathering,))
        yield from refs(cur, at, "assessments", (i, "outcomes"), "outcomes", a.outcomes)
    for i, t in enumerate(cur.terms):
        yield from refs(cur, at, "terms", (i, "see_also"), "terms", t.see_also)


def dates(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    periods: list[tuple[Path_, Period]] = [(("period",), cur.programme.period)]
    periods += [(("modules", i, "period"), m.period) for i, m in enumerate(cur.programme.modules)]
    for path, period in periods:
        if period.end < period.start:
            yield at.problem(
                "programme", (*path, "end"), "perioden slutter før den begynner", "bytt om start og end"
            )
    modules = cur.by_id("modules")
    for i, g in enumerate(cur.gatherings):
        if g.end < g.start:
            yield at.problem(
                "gatherings",
                (i, "end"),
                f"samlingen slutter ({g.end}) før den begynner ({g.start})",
                "sjekk start og end",
            )
            continue
        module = modules.get(g.module)
        if module and not (module.period.contains(g.start) and module.period.contains(g.end)):
            yield at.problem(
                "gatherings",
                (i, "start"),
                f"samlingen ligger utenfor perioden for {module.name} ({period_text(module.period)})",
                "flytt samlingen, eller rett perioden i curriculum/program.yml",
            )
    for i, a in enumerate(cur.assessments):
        module_ok = any(m.period.contains(a.deadline) for m in cur.programme.modules)
        if not module_ok:
            yield at.problem(
                "assessments",
                (i, "deadline"),
                f"fristen {long_date(a.deadline)} ligger utenfor programmet",
                "velg en frist innenfor en av modulene",
            )


def sessions(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    for i, g in enumerate(cur.gatherings):
        inside = []
        for k, s in enumerate(g.sessions):
            # an inverted gathering period is reported once, by dates(); don't cascade
            if g.start <= g.end:
                problem = outside(g, s, at, (i, "sessions", k))
                if problem:
                    yield problem
                else:
                    inside.append(k)
            if s.end <= s.start:
                yield at.problem(
                    "gatherings",
                    (i, "sessions", k, "end"),
                    f"økten «{s.title}» slutter før eller samtidig med at den begynner",
                    "sjekk start og end",
                )
        yield from overlaps(g, i, inside, at)


def outside(g: Gathering, s: Session, at: Locator, path: Path_) -> Problem | None:
    """A session whose day or date is not one of its gathering's days."""
    days = g.length()
    span = "day: 1" if days == 1 else f"day: 1 til day: {days}"
    if s.day is not None and s.day > days:
        lasts = "én dag" if days == 1 else f"{days} dager"
        return at.problem(
            "gatherings",
            (*path, "day"),
            f"økten «{s.title}» er dag {s.day}, men samlingen varer bare {lasts} ({period_text(g)})",
            f"bruk {span}, eller rett start og end for samlingen",
        )
    if s.date is not None and not g.start <= s.date <= g.end:
        return at.problem(
            "gatherings",
            (*path, "date"),
            f"økten «{s.title}» er {long_date(s.date)}, utenfor samlingen ({period_text(g)})",
            f"bruk en dato fra {g.start} til {g.end}, eller skriv {span} i stedet for date, "
            "så følger økten samlingen når den flyttes",
        )
    return None


def overlaps(g: Gathering, i: int, inside: list[int], at: Locator) -> Iterable[Problem]:
    """Sessions of one day that overlap (of the sessions that are on one of the gathering's days)."""
    ordered = sorted(inside, key=lambda k: (g.date_of(g.sessions[k]), g.sessions[k].start))
    for before, after in pairwise(ordered):
        a, b = g.sessions[before], g.sessions[after]
        if g.date_of(a) == g.date_of(b) and b.start < a.end:
            yield at.problem(
                "gatherings",
                (i, "sessions", after, "start"),
                f"økten «{b.title}» begynner {b.start:%H:%M}, før «{a.title}» slutter {a.end:%H:%M}",
                "flytt en av øktene så de ikke overlapper",
            )


def coverage(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    assigned = {r for g in cur.gatherings for r in g.readings}
    for i, r in enumerate(cur.readings):
        if r.id not in assigned:
            yield at.problem(
                "readings",
                (i, "id"),
                f"pensumteksten «{r.id}» er ikke satt opp til noen samling",
                "legg id-en inn under readings i en samling i curriculum/samlinger.yml, eller fjern teksten",
            )
    for i, q in enumerate(cur.requirements):
        if not q.pages and not cur.addressing(q.id):
            yield at.problem(
                "requirements",
                (i, "id"),
                f"ingen økt og ingen side arbeider med «{q.id}»",
                "nevn id-en under addresses i en økt i curriculum/samlinger.yml, eller under pages her",
            )


REQUIRED_BY_KIND = {"kapittel": "book", "artikkel": "journal", "bok": "publisher"}


def reading_details(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    for i, r in enumerate(cur.readings):
        needed = REQUIRED_BY_KIND.get(r.kind)
        if needed and getattr(r, needed) is None:
            yield at.problem(
                "readings",
                (i, "kind"),
                f"en tekst av typen «{r.kind}» må ha feltet «{needed}»",
                f"legg til «{needed}: …»",
            )


def missing_pages(cur: Curriculum, at: Locator, root: Path) -> Iterable[Problem]:
    wanted: list[tuple[str, Path_, str]] = [
        ("gatherings", (i, "page"), g.page) for i, g in enumerate(cur.gatherings)
    ]
    wanted += [("themes", (i, "page"), t.page) for i, t in enumerate(cur.themes)]
    wanted += [("programme", ("modules", i, "page"), m.page) for i, m in enumerate(cur.programme.modules)]
    wanted += [
        ("requirements", (i, "pages", j), page)
        for i, q in enumerate(cur.requirements)
        for j, page in enumerate(q.pages)
    ]
    for owner, path, page in wanted:
        if not (root / "docs" / page).is_file():
            yield at.problem(owner, path, f"siden docs/{page} finnes ikke", "opprett siden, eller rett stien")


# the page-aware next-gathering box on a gathering's page: {{ neste_samling("samling-3") }}
BOX_CALL = re.compile(r"""\{\{-?\s*neste_samling\(\s*["']([^"']*)["']""")


def gathering_headings(cur: Curriculum, at: Locator, root: Path) -> Iterable[Problem]:
    """A gathering's page must be headed with its number and title from the data, and a
    next-gathering box on it must be the page's own."""
    for g in cur.gatherings:
        path = root / "docs" / g.page
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"^# (.+?)\s*$", text, re.MULTILINE)
        wanted = g.label
        if not match or match[1] != wanted:
            line = text[: match.start()].count("\n") + 1 if match else 1
            yield Problem(
                f"docs/{g.page}",
                line,
                "overskriften stemmer ikke med samlingen i curriculum/samlinger.yml",
                f"skriv «# {wanted}»",
            )
        for box in BOX_CALL.finditer(text):
            if box[1] != g.id:
                yield Problem(
                    f"docs/{g.page}",
                    text[: box.start()].count("\n") + 1,
                    f"siden for «{g.id}» viser boksen «Neste samling» for «{box[1]}»",
                    f'skriv {{{{ neste_samling("{g.id}") }}}}',
                )


def template_text(cur: Curriculum, at: Locator, root: Path) -> Iterable[Problem]:
    """Text the scaffolding left to be replaced must not be published (macros/placeholders.py)."""
    return placeholders.left_from_template(cur, at, root)
