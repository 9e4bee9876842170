"""Workload and order by construction: each module's hours computed from the data, and checks.

A module's workload is its contact hours (the agenda), its required reading (pages divided by
the module's reading rate), the hours of its arbeidskrav and exam, and the other self-study it
lists. ECTS sets 25–30 hours of work per credit (ECTS Users' Guide: 60 credits are 1,500–1,800
hours), so a module outside that range is refused. An arbeidskrav or exam may not fall due
before the gathering that teaches a theme it builds on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import long_date, period_text
from .locator import Locator
from .model import Assessment, Curriculum, Gathering, Module
from .problems import Problem
from .validate import unknown_id_fix

HOURS_PER_CREDIT = (25, 30)
EXAM_FIELDS = {
    "form": "eksamensformen",
    "size": "omfanget",
    "start": "perioden (dagen oppgaven gis ut)",
    "grading": "karakterskalaen",
    "internal_examiner": "intern sensor",
    "external_examiner": "ekstern sensor",
    "resit": "ny og utsatt eksamen",
}

log = logging.getLogger(__name__)


def minutes(g: Gathering) -> int:
    """Teaching time of a gathering: every session but the breaks."""
    return sum(
        (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)
        for s in g.sessions
        if s.kind != "pause"
    )


def module_of(cur: Curriculum, a: Assessment) -> Module | None:
    """The module of an assessment: its gathering's, else the one whose period holds the deadline."""
    modules = cur.by_id("modules")
    g = cur.by_id("gatherings").get(a.gathering) if a.gathering else None
    if g is not None:
        return modules.get(g.module)
    return next((m for m in cur.programme.modules if m.period.contains(a.deadline)), None)


def assessments_of(cur: Curriculum, module_id: str) -> list[Assessment]:
    found = [a for a in cur.assessments if (m := module_of(cur, a)) is not None and m.id == module_id]
    return sorted(found, key=lambda a: a.deadline)


def required_pages(cur: Curriculum, gatherings: Iterable[Gathering]) -> int:
    readings = cur.by_id("readings")
    ids = dict.fromkeys(r for g in gatherings for r in g.readings if r in readings)
    return sum(readings[r].pages.count for r in ids if readings[r].required)


@dataclass(frozen=True)
class Budget:
    module: Module
    contact: float
    pages: int
    reading: float
    assessments: list[tuple[Assessment, int]]
    self_study: list[tuple[str, int]]

    @property
    def total(self) -> float:
        return (
            self.contact
            + self.reading
            + sum(h for _, h in self.assessments)
            + sum(h for _, h in self.self_study)
        )

    @property
    def low(self) -> int:
        return self.module.credits * HOURS_PER_CREDIT[0]

    @property
    def high(self) -> int:
        return self.module.credits * HOURS_PER_CREDIT[1]


def budget(cur: Curriculum, module: Module) -> Budget:
    gatherings = cur.in_module(module.id)
    pages = required_pages(cur, gatherings)
    return Budget(
        module=module,
        contact=sum(minutes(g) for g in gatherings) / 60,
        pages=pages,
        reading=pages / module.workload.reading_rate,
        assessments=[(a, a.hours) for a in assessments_of(cur, module.id)],
        self_study=[(w.what, w.hours) for w in module.workload.self_study],
    )


@dataclass(frozen=True)
class ReadingSpan:
    gathering: Gathering
    start: date
    end: date
    pages: int
    hours: float

    @property
    def weeks(self) -> float:
        return max(1, (self.end - self.start).days + 1) / 7

    @property
    def per_week(self) -> float:
        return self.hours / self.weeks


def reading_spans(cur: Curriculum, module: Module) -> list[ReadingSpan]:
    """Required reading before each gathering, spread over the days since the previous one."""
    spans = []
    begin = module.period.start
    for g in cur.in_module(module.id):
        pages = required_pages(cur, [g])
        end = max(begin, g.start - timedelta(days=1))
        spans.append(ReadingSpan(g, begin, end, pages, pages / module.workload.reading_rate))
        begin = g.end + timedelta(days=1)
    return spans


def taught_at(cur: Curriculum) -> dict[str, Gathering]:
    """Each theme and the first gathering that has it as its main theme."""
    found: dict[str, Gathering] = {}
    for g in sorted(cur.gatherings, key=lambda g: (g.start, g.number)):
        found.setdefault(g.theme, g)
    return found


def hours_text(hours: float) -> str:
    return f"{hours:.0f}" if abs(hours - round(hours)) < 0.05 else f"{hours:.1f}".replace(".", ",")


# --- checks -------------------------------------------------------------------------------


def check_workload(cur: Curriculum, at: Locator) -> list[Problem]:
    for warning in reading_spread(cur, at):
        log.warning("%s", warning)
    return [*budgets(cur, at), *order(cur, at), *course_plans(cur, at)]


def budgets(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    for i, m in enumerate(cur.programme.modules):
        b = budget(cur, m)
        if b.low <= round(b.total) <= b.high:
            continue
        if b.total < b.low:
            fix = (
                f"legg til om lag {hours_text(b.low - b.total)} timer selvstudium eller "
                "utviklingsarbeid under "
                "workload.self_study, eller rett timene (hours) på arbeidskravene i curriculum/vurdering.yml"
            )
        else:
            fix = (
                f"ta bort om lag {hours_text(b.total - b.high)} timer: "
                "færre timer under workload.self_study, "
                "mindre pensum eller lettere arbeidskrav"
            )
        yield at.problem(
            "programme",
            ("modules", i, "workload"),
            f"{m.name} gir {m.credits} studiepoeng, som er {b.low}–{b.high} timer arbeid "
            f"({HOURS_PER_CREDIT[0]}–{HOURS_PER_CREDIT[1]} timer per studiepoeng), men arbeidsmengden er "
            f"{hours_text(b.total)} timer",
            fix,
            key=True,
        )


def order(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    themes = cur.by_id("themes")
    taught = taught_at(cur)
    for i, a in enumerate(cur.assessments):
        for j, t in enumerate(a.builds_on):
            if t not in themes:
                yield at.problem(
                    "assessments",
                    (i, "builds_on", j),
                    f"ukjent tema «{t}»",
                    unknown_id_fix(t, set(themes), "curriculum/temaer.yml", ""),
                )
            elif t not in taught:
                yield at.problem(
                    "assessments",
                    (i, "builds_on", j),
                    f"ingen samling har «{themes[t].name}» som hovedtema, "
                    f"så «{a.title}» kan ikke bygge på det",
                    "velg et tema som er hovedtema (theme) for en samling i curriculum/samlinger.yml",
                )
            elif a.deadline < (g := taught[t]).end:
                yield at.problem(
                    "assessments",
                    (i, "deadline"),
                    f"fristen for «{a.title}» er {long_date(a.deadline)}, før samling {g.number} "
                    f"({period_text(g)}) er over, der temaet «{themes[t].name}» undervises",
                    f"flytt fristen til {long_date(g.end)} eller senere, eller la arbeidet bygge på temaer "
                    "fra tidligere samlinger (builds_on)",
                )


def course_plans(cur: Curriculum, at: Locator) -> Iterable[Problem]:
    modules = cur.by_id("modules")
    outcomes = cur.by_id("outcomes")
    for i, o in enumerate(cur.outcomes):
        if o.module not in modules:
            yield at.problem(
                "outcomes",
                (i, "module"),
                f"ukjent modul «{o.module}»",
                unknown_id_fix(o.module, set(modules), "curriculum/program.yml", ""),
            )
    for i, a in enumerate(cur.assessments):
        yield from assessment_plan(cur, at, i, a)
        m = module_of(cur, a)
        for j, oid in enumerate(a.outcomes):
            if m is not None and oid in outcomes and outcomes[oid].module != m.id:
                yield at.problem(
                    "assessments",
                    (i, "outcomes", j),
                    f"læringsutbyttet «{oid}» hører til en annen modul enn «{a.title}» ({m.name})",
                    f"velg læringsutbytte med «module: {m.id}» i curriculum/utbytte.yml",
                )
    for i, m in enumerate(cur.programme.modules):
        if not any(o.module == m.id for o in cur.outcomes):
            yield at.problem(
                "programme",
                ("modules", i, "id"),
                f"{m.name} har ikke noe læringsutbytte",
                f"legg til læringsutbytte med «module: {m.id}» i curriculum/utbytte.yml",
            )
        if not any(a.kind == "eksamen" for a in assessments_of(cur, m.id)):
            yield at.problem(
                "programme",
                ("modules", i, "id"),
                f"{m.name} har ingen eksamen",
                "legg til en eksamen (kind: eksamen) med en samling i modulen i curriculum/vurdering.yml",
            )


def assessment_plan(cur: Curriculum, at: Locator, i: int, a: Assessment) -> Iterable[Problem]:
    if a.kind == "arbeidskrav":
        if a.approval is None:
            yield at.problem(
                "assessments",
                (i, "kind"),
                f"arbeidskravet «{a.title}» sier ikke hva som skal til for å få det godkjent",
                "legg til «approval: …» med kriteriene for godkjent",
            )
        return
    for field, what in EXAM_FIELDS.items():
        if getattr(a, field) is None:
            yield at.problem(
                "assessments",
                (i, "kind"),
                f"eksamen «{a.title}» mangler {what} («{field}»)",
                f"legg til «{field}: …»; er det ikke avklart ennå, skriv «open: …» på linjen under {field}",
            )
    if a.start is None:
        return
    if a.start > a.deadline:
        yield at.problem(
            "assessments",
            (i, "start"),
            f"eksamen «{a.title}» gis ut etter fristen ({long_date(a.deadline)})",
            "sjekk start og deadline",
        )
    m = module_of(cur, a)
    for other in assessments_of(cur, m.id) if m else []:
        if other.kind == "arbeidskrav" and other.deadline >= a.start:
            yield at.problem(
                "assessments",
                (i, "start"),
                f"eksamen «{a.title}» gis ut {long_date(a.start)}, "
                f"men arbeidskravet «{other.title}» har frist "
                f"{long_date(other.deadline)}; alle arbeidskrav må være godkjent før eksamen",
                "flytt eksamen senere, eller fristen for arbeidskravet tidligere",
            )


def reading_spread(cur: Curriculum, at: Locator) -> list[Problem]:
    """Warnings (not errors): required reading before a gathering above the module's weekly limit."""
    index = {g.id: i for i, g in enumerate(cur.gatherings)}
    found = []
    for m in cur.programme.modules:
        limit = m.workload.weekly_reading_limit
        for s in reading_spans(cur, m):
            if s.per_week > limit:
                found.append(
                    at.problem(
                        "gatherings",
                        (index[s.gathering.id], "readings"),
                        f"advarsel: {s.pages} sider obligatorisk pensum før samling {s.gathering.number} er "
                        f"{hours_text(s.hours)} timer lesing på {hours_text(s.weeks)} uker "
                        f"({period_text(s)}), "
                        f"{hours_text(s.per_week)} timer per uke, over grensen på {limit} for {m.name}",
                        "flytt noe av pensum til en samling med mindre lesing før seg, "
                        "eller gi mer tid før samlingen",
                    )
                )
    return found
