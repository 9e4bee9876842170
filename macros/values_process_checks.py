"""The values process fits the programme, by construction.

Every exercise in the guide (curriculum/verdiprosess.yml) is run somewhere: in a session of a
gathering (``exercises:`` in samlinger.yml), in the leaders' own units after a gathering
(``exercises_after:``) or in the standing arenas after the decision. The dated steps (the writing
group, the consultation, the rådmann's decision) sit between them. Put in time order, the process
is refused when a session is shorter than its exercises, when an exercise comes before its phase
has begun, or when something relies on a result that nothing earlier produces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from .dates import clock, long_date, period_text
from .model import Curriculum, Exercise, Gathering, ProcessStep, Session
from .problems import Problem
from .validate import unknown_id_fix

if TYPE_CHECKING:
    from .load import Path_
    from .locator import Locator

FILE = "curriculum/verdiprosess.yml"
NEVER = datetime.max  # the standing arenas: after everything the programme dates
Key = tuple[datetime, int]


@dataclass(frozen=True)
class Use:
    """One exercise run once, or one dated step, placed in time.

    ``begins`` and ``ends`` order the process: a result is there for a use whose ``begins`` is
    after the producer's ``ends``. In one session the exercises follow each other in the order
    listed (the second number), so a later one may build on an earlier one.
    """

    begins: Key
    ends: Key
    phase: int
    needs: tuple[str, ...]
    produces: tuple[str, ...]
    field: str  # where it is written, for messages: curriculum field and path
    path: Path_
    exercise: Exercise | None = None
    step: ProcessStep | None = None
    gathering: Gathering | None = None
    session: Session | None = None
    until: Gathering | None = None  # for exercises in the units: the next gathering

    @property
    def name(self) -> str:
        return self.exercise.name if self.exercise else self.step.name  # type: ignore[union-attr]


def at_time(day: date, t: time = time(0, 0)) -> datetime:
    return datetime.combine(day, t)


def session_uses(cur: Curriculum, exercises: dict[str, Exercise]) -> list[Use]:
    index = {id(g): i for i, g in enumerate(cur.gatherings)}
    found = []
    for g in cur.scheduled():
        for k, s in enumerate(g.sessions):
            for j, ident in enumerate(s.exercises):
                if (e := exercises.get(ident)) is not None and e.place == "samling":
                    key = (at_time(g.date_of(s), s.start), j)
                    found.append(
                        Use(
                            key,
                            key,
                            e.phase,
                            tuple(e.needs),
                            tuple(e.produces),
                            "gatherings",
                            (index[id(g)], "sessions", k, "exercises", j),
                            e,
                            gathering=g,
                            session=s,
                        )
                    )
    return found


def unit_uses(cur: Curriculum, exercises: dict[str, Exercise]) -> list[Use]:
    """Exercises in the leaders' own units, between a gathering and the next."""
    index = {id(g): i for i, g in enumerate(cur.gatherings)}
    scheduled = cur.scheduled()
    found = []
    for n, g in enumerate(scheduled):
        following = scheduled[n + 1] if n + 1 < len(scheduled) else None
        for j, ident in enumerate(g.exercises_after):
            if (e := exercises.get(ident)) is not None and e.place == "virksomhet":
                begins = (at_time(g.end + timedelta(days=1)), j)
                ends = (at_time(following.start) if following else NEVER, j)
                found.append(
                    Use(
                        begins,
                        ends,
                        e.phase,
                        tuple(e.needs),
                        tuple(e.produces),
                        "gatherings",
                        (index[id(g)], "exercises_after", j),
                        e,
                        gathering=g,
                        until=following,
                    )
                )
    return found


def timeline(cur: Curriculum) -> list[Use]:
    """Every use of an exercise and every dated step, in the order the process runs."""
    process = cur.values_process
    exercises = {e.id: e for e in process.exercises}
    uses = session_uses(cur, exercises) + unit_uses(cur, exercises)
    for i, s in enumerate(process.steps):
        uses.append(
            Use(
                (at_time(s.start), 0),
                (at_time(s.end, time(23, 59)), 0),
                s.phase,
                tuple(s.needs),
                tuple(s.produces),
                "values_process",
                ("steps", i),
                step=s,
            )
        )
    for i, e in enumerate(process.exercises):
        if e.place == "arena":
            key = (NEVER, i)
            uses.append(
                Use(
                    key,
                    key,
                    e.phase,
                    tuple(e.needs),
                    tuple(e.produces),
                    "values_process",
                    ("exercises", i),
                    e,
                )
            )
    return sorted(uses, key=lambda u: u.begins)


def when(u: Use) -> str:
    """Where a use stands in the programme, in words."""
    if u.session is not None and u.gathering is not None:
        day = u.gathering.date_of(u.session)
        return f"samling {u.gathering.number}, {long_date(day)} kl. {clock(u.session.start)}"
    if u.gathering is not None:
        after = f"i virksomhetene etter samling {u.gathering.number}"
        return after + (f", før samling {u.until.number}" if u.until else "")
    if u.step is not None:
        return period_text(u.step) if u.step.start != u.step.end else long_date(u.step.start)
    return "i de faste arenaene etter vedtaket"


# --- the checks ------------------------------------------------------------------------------------


def check_values_process(cur: Curriculum, at: Locator) -> list[Problem]:
    reference_problems = [*duplicates(cur, at), *references(cur, at), *places(cur, at)]
    if reference_problems:  # an unknown id would cascade into the order checks
        return reference_problems
    uses = timeline(cur)
    return [
        *slot_lengths(cur, at),
        *phase_order(uses, at),
        *dependencies(uses, cur, at),
        *unused(cur, at, uses),
        *step_dates(cur, at),
        *title_phases(cur, at),
    ]


def duplicates(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    process = cur.values_process
    kinds = (
        ("phases", process.phases, "number", "fase"),
        ("results", process.results, "id", "resultat"),
        ("exercises", process.exercises, "id", "øvelse"),
        ("steps", process.steps, "id", "trinn"),
    )
    for name, records, key, noun in kinds:
        seen: dict[object, int] = {}
        for i, r in enumerate(records):
            value = getattr(r, key)
            if value in seen:
                first = at.files["values_process"].line_of((name, seen[value], key))
                what = f"fase {value}" if key == "number" else f"id-en «{value}»"
                yield at.problem(
                    "values_process",
                    (name, i, key),
                    f"{what} er brukt før (linje {first})",
                    f"gi hver {noun} sitt eget {'nummer' if key == 'number' else 'id'}",
                )
            seen.setdefault(value, i)


def references(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    process = cur.values_process
    phases = {p.number for p in process.phases}
    results = {r.id for r in process.results}
    exercises = {e.id for e in process.exercises}
    records: list[tuple[str, int, Exercise | ProcessStep]] = [
        ("exercises", i, e) for i, e in enumerate(process.exercises)
    ]
    records += [("steps", i, s) for i, s in enumerate(process.steps)]
    for kind, i, r in records:
        if r.phase not in phases:
            yield at.problem(
                "values_process",
                (kind, i, "phase"),
                f"«{r.id}» hører til fase {r.phase}, som ikke finnes",
                "bruk et av numrene under phases: " + ", ".join(str(n) for n in sorted(phases)),
            )
        for key in ("needs", "produces"):
            for j, ident in enumerate(getattr(r, key)):
                if ident not in results:
                    yield at.problem(
                        "values_process",
                        (kind, i, key, j),
                        f"ukjent resultat «{ident}»",
                        unknown_id_fix(ident, results, FILE + " under results"),
                    )
    for i, g in enumerate(cur.gatherings):
        named: list[tuple[Path_, str]] = [
            ((i, "sessions", k, "exercises", j), ident)
            for k, s in enumerate(g.sessions)
            for j, ident in enumerate(s.exercises)
        ]
        named += [((i, "exercises_after", j), ident) for j, ident in enumerate(g.exercises_after)]
        for path, ident in named:
            if ident not in exercises:
                yield at.problem(
                    "gatherings",
                    path,
                    f"ukjent øvelse «{ident}»",
                    unknown_id_fix(ident, exercises, FILE + " under exercises"),
                )


PLACES = {
    "samling": "i en økt (exercises)",
    "virksomhet": "under exercises_after for samlingen den følger",
    "arena": "ikke i samlinger.yml: den gjøres i de faste arenaene",
}


def places(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    """A gathering's session runs place: samling exercises; exercises_after the units' ones."""
    exercises = {e.id: e for e in cur.values_process.exercises}
    for i, g in enumerate(cur.gatherings):
        named: list[tuple[Path_, str, str]] = [
            ((i, "sessions", k, "exercises", j), ident, "samling")
            for k, s in enumerate(g.sessions)
            for j, ident in enumerate(s.exercises)
        ]
        named += [
            ((i, "exercises_after", j), ident, "virksomhet") for j, ident in enumerate(g.exercises_after)
        ]
        for path, ident, wanted in named:
            e = exercises.get(ident)
            if e is not None and e.place != wanted:
                yield at.problem(
                    "gatherings",
                    path,
                    f"øvelsen «{e.name}» har place: {e.place}, og står derfor {PLACES[e.place]}",
                    f"flytt id-en dit, eller rett place i {FILE}",
                )


def minutes(s: Session) -> int:
    return (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)


def slot_lengths(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    exercises = {e.id: e for e in cur.values_process.exercises}
    for i, g in enumerate(cur.gatherings):
        for k, s in enumerate(g.sessions):
            needed = sum(exercises[ident].minutes for ident in s.exercises)
            if s.exercises and needed > minutes(s) > 0:
                names = ", ".join(f"«{exercises[x].name}» ({exercises[x].minutes} min)" for x in s.exercises)
                yield at.problem(
                    "gatherings",
                    (i, "sessions", k, "exercises"),
                    f"økten «{s.title}» varer {minutes(s)} minutter, men øvelsene tar {needed}: {names}",
                    f"gjør økten {needed - minutes(s)} minutter lengre, fordel øvelsene på flere økter, "
                    "eller flytt en øvelse til virksomhetene (place: virksomhet) og si det i veiledningen",
                )


def phase_order(uses: list[Use], at: Locator) -> Iterable[Problem]:
    """An exercise or step of phase p before every earlier phase has begun."""
    first: dict[int, Use] = {}
    for u in uses:
        first.setdefault(u.phase, u)
    for u in uses:
        later = sorted(q for q, f in first.items() if q < u.phase and f.begins > u.begins)
        if later:
            q, f = later[0], first[later[0]]
            what = "øvelsen" if u.exercise else "trinnet"
            yield at.problem(
                u.field,
                u.path,
                f"{what} «{u.name}» hører til fase {u.phase}, men kommer før fase {q} har begynt "
                f"({when(u)}; fase {q} begynner med «{f.name}», {when(f)})",
                f"flytt «{u.name}» til etter «{f.name}», eller flytt fase {q} fram",
            )


def dependencies(uses: list[Use], cur: Curriculum, at: Locator) -> Iterable[Problem]:
    """Every result a use needs is produced by a use that ends before it begins."""
    names = {r.id: r.name for r in cur.values_process.results}
    for u in uses:
        for ident in u.needs:
            makers = [m for m in uses if ident in m.produces]
            if any(m.ends < u.begins for m in makers):
                continue
            what = "øvelsen" if u.exercise else "trinnet"
            if makers:
                m = makers[0]
                fix = (
                    f"«{m.name}» lager det først ({when(m)}); "
                    f"flytt «{u.name}» til etter det, eller flytt «{m.name}» fram"
                )
            else:
                fix = f"ingen øvelse eller trinn lager det; legg «{ident}» under produces der det blir til"
            yield at.problem(
                u.field,
                u.path,
                f"{what} «{u.name}» (fase {u.phase}, {when(u)}) bygger på {names.get(ident, ident)} "
                f"(«{ident}»), men ingenting før lager det",
                fix,
            )


def unused(cur: Curriculum, at: Locator, uses: list[Use]) -> Iterable[Problem]:
    """An exercise the guide describes but the programme never runs: the guide would promise it."""
    run = {u.exercise.id for u in uses if u.exercise is not None}
    for i, e in enumerate(cur.values_process.exercises):
        if e.id not in run and e.place != "arena":
            where = (
                "under exercises i en økt" if e.place == "samling" else "under exercises_after for en samling"
            )
            yield at.problem(
                "values_process",
                ("exercises", i, "id"),
                f"øvelsen «{e.name}» er ikke lagt inn i programmet",
                f"skriv «{e.id}» {where} i curriculum/samlinger.yml, eller ta øvelsen ut av veiledningen",
            )


def step_dates(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    period = cur.programme.period
    for i, s in enumerate(cur.values_process.steps):
        if s.end < s.start:
            yield at.problem(
                "values_process",
                ("steps", i, "end"),
                f"trinnet «{s.name}» slutter ({s.end}) før det begynner ({s.start})",
                "sjekk start og end",
            )
        elif not (period.contains(s.start) and period.contains(s.end)):
            yield at.problem(
                "values_process",
                ("steps", i, "start"),
                f"trinnet «{s.name}» ligger utenfor programmet ({period_text(period)})",
                "flytt trinnet inn i programperioden, eller rett perioden i curriculum/program.yml",
            )


PHASE_IN_TITLE = re.compile(r"\bfase (\d+)\b", re.IGNORECASE)


def title_phases(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    """A session titled «Verdiprosessen, fase 3: …» runs exercises of phase 3."""
    exercises = {e.id: e for e in cur.values_process.exercises}
    for i, g in enumerate(cur.gatherings):
        for k, s in enumerate(g.sessions):
            match = PHASE_IN_TITLE.search(s.title)
            phases = sorted({exercises[x].phase for x in s.exercises})
            if match and phases and int(match[1]) not in phases:
                shown = " og ".join(str(p) for p in phases)
                yield at.problem(
                    "gatherings",
                    (i, "sessions", k, "title"),
                    f"økten «{s.title}» sier fase {match[1]}, men øvelsene hører til fase {shown}",
                    "rett fasen i tittelen, eller øvelsene under exercises",
                )
