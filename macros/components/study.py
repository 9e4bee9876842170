"""Studiepoeng: the course plan of each module, learning outcomes, assessment, workload and deadlines."""

from __future__ import annotations

from ..dates import long_date, period_text
from ..markdown import blocks, bullets, esc, join_and, link, table
from ..model import Assessment, Curriculum, Module, Session
from ..open_items import OPEN_TEXT, Open
from ..workload import EXAM_FIELDS, assessments_of, budget, hours_text, module_of, reading_spans
from .facts import roles_text
from .records import find
from .schedule import KIND_LABELS

OPEN_PAGE = "om/apne-punkter.md"
OUTCOME_HEADINGS = {
    "kunnskap": ("Kunnskap", "Kandidaten"),
    "ferdigheter": ("Ferdigheter", "Kandidaten kan"),
    "generell-kompetanse": ("Generell kompetanse", "Kandidaten kan"),
}
# labels of the facts that can be open, for the course plan and the list of open items
FACT_LABELS = {
    "provider": "Utdanningsinstitusjon",
    "code": "Emnekode",
    "admission": "Opptakskrav",
    "form": "Eksamensform",
    "size": "Omfang",
    "start": "Periode",
    "grading": "Karakterskala",
    "internal_examiner": "Intern sensor",
    "external_examiner": "Ekstern sensor",
    "resit": "Ny og utsatt eksamen",
}


def modules_shown(cur: Curriculum, modul: str | None) -> list[Module]:
    """One module by id, or the switched-on ones."""
    if modul is not None:
        return [find(cur, "modules", modul, "modul")]
    return [m for m in cur.programme.modules if m.enabled]


def fact(value: str | Open | None, here: str) -> str:
    if isinstance(value, Open):
        return f"*{link(OPEN_TEXT, OPEN_PAGE, here)}*"
    return esc(value) if value is not None else ""


def outcomes(cur: Curriculum, here: str, modul: str | None = None) -> str:
    shown = {m.id for m in modules_shown(cur, modul)}
    parts = []
    for category, (heading, lead) in OUTCOME_HEADINGS.items():
        chosen = [o for o in cur.outcomes if o.category == category and o.module in shown]
        if chosen:
            parts += [f"### {heading}", f"{lead} …", bullets(esc(o.text) for o in chosen)]
    return blocks(*parts)


def assessment(cur: Curriculum, here: str, modul: str | None = None) -> str:
    chosen_modules = modules_shown(cur, modul)
    tasks = [a for m in chosen_modules for a in assessments_of(cur, m.id)]
    parts = []
    for kind, heading in (("arbeidskrav", "Arbeidskrav"), ("eksamen", "Eksamen")):
        chosen = [a for a in tasks if a.kind == kind]
        if chosen:
            parts.append(f"### {heading}")
        for a in chosen:
            parts += [f"#### {esc(a.title)}", assessment_facts(cur, a, here), esc(a.description)]
            if a.approval:
                parts.append(f"**Godkjent når:** {esc(a.approval)}")
            if a.kind == "eksamen":
                parts.append(exam_table(a, here))
    return blocks(*parts)


def assessment_facts(cur: Curriculum, a: Assessment, here: str) -> str:
    gatherings = cur.by_id("gatherings")
    themes = cur.by_id("themes")
    facts = [f"Frist: {esc(long_date(a.deadline))}.", f"Anslått arbeid: {a.hours} timer."]
    if a.gathering:
        g = gatherings[a.gathering]
        facts.append(f"Hører til {link(f'samling {g.number}: {g.title}', g.page, here)}.")
    built = [link(themes[t].name, themes[t].page, here) for t in a.builds_on if t in themes]
    if built:
        facts.append(f"Bygger på {join_and(built)}.")
    categories = sorted(
        {cur.by_id("outcomes")[o].category for o in a.outcomes}, key=list(OUTCOME_HEADINGS).index
    )
    if categories:
        names = join_and([OUTCOME_HEADINGS[c][0].lower() for c in categories])
        facts.append(f"Prøver læringsutbytte innen {names}.")
    return " ".join(facts)


def exam_table(a: Assessment, here: str) -> str:
    period = f"fra {long_date(a.start)} til {long_date(a.deadline)}" if a.start else long_date(a.deadline)
    rows = [
        (FACT_LABELS[field], esc(period) if field == "start" else fact(getattr(a, field), here))
        for field in EXAM_FIELDS
    ]
    return table(("Eksamen", "Plan"), rows)


def deadlines(cur: Curriculum, here: str, modul: str | None = None) -> str:
    """Every deadline of the switched-on modules (or of one module) in date order."""
    gatherings = cur.by_id("gatherings")
    rows = []
    tasks = [a for m in modules_shown(cur, modul) for a in assessments_of(cur, m.id)]
    for a in sorted(tasks, key=lambda a: a.deadline):
        g = gatherings.get(a.gathering) if a.gathering else None
        where = link(f"Samling {g.number}", g.page, here) if g else ""
        rows.append((esc(long_date(a.deadline)), esc(a.title), esc(a.kind.capitalize()), where))
    return blocks(table(("Frist", "Hva", "Type", "Samling"), rows))


def teaching_forms(cur: Curriculum, m: Module) -> str:
    """The working forms of the gatherings with their hours, from the agenda."""
    found: dict[str, int] = {}
    for g in cur.in_module(m.id):
        for s in g.sessions:
            if s.kind != "pause":
                found[s.kind] = found.get(s.kind, 0) + minutes_of(s)
    ordered = sorted(found.items(), key=lambda kv: -kv[1])
    return join_and([f"{KIND_LABELS[k].lower()} ({hours_text(v / 60)} t)" for k, v in ordered])


def minutes_of(s: Session) -> int:
    return (s.end.hour * 60 + s.end.minute) - (s.start.hour * 60 + s.start.minute)


def course_plan(cur: Curriculum, here: str, modul: str) -> str:
    """The course plan (emneplan) of one module, as one table of facts."""
    m: Module = find(cur, "modules", modul, "modul")
    gatherings = cur.in_module(m.id)
    b = budget(cur, m)
    exams = [a for a in assessments_of(cur, m.id) if a.kind == "eksamen"]
    tasks = [a for a in assessments_of(cur, m.id) if a.kind == "arbeidskrav"]
    rows = [
        ("Utdanningsinstitusjon", fact(m.provider, here)),
        ("Emnekode", fact(m.code, here)),
        ("Omfang og nivå", esc(f"{m.credits} studiepoeng på {cur.programme.level}")),
        ("Periode", esc(period_text(m.period))),
        ("Målgruppe", esc(f"{roles_text(cur)} i {cur.programme.organisation}")),
        ("Opptakskrav", fact(m.admission, here)),
        ("Undervisnings- og arbeidsformer", esc(m.teaching)),
        (
            "På samlingene",
            esc(f"{len(gatherings)} samlinger: {teaching_forms(cur, m)}") if gatherings else "",
        ),
        ("Arbeidsmengde", esc(f"om lag {round(b.total)} timer (normen er {b.low}–{b.high} timer)")),
        ("Arbeidskrav", esc(f"{len(tasks)} arbeidskrav, som må være godkjent før eksamen")),
        ("Eksamen", esc("; ".join(f"{a.title}, frist {long_date(a.deadline)}" for a in exams))),
        ("Metode og utviklingsarbeid", esc(m.method)),
    ]
    return blocks(table(("Emneplan", esc(m.name)), rows))


def workload(cur: Curriculum, here: str, modul: str) -> str:
    """The workload budget of one module, computed from the agenda, pensum and the assessments."""
    m: Module = find(cur, "modules", modul, "modul")
    b = budget(cur, m)
    rate = m.workload.reading_rate
    rows = [
        ("Samlingene (øktene i programmet, uten pauser)", hours_text(b.contact)),
        (esc(f"Obligatorisk pensum: {b.pages} sider, {rate} sider i timen"), hours_text(b.reading)),
        *((esc(work_label(a)), str(h)) for a, h in b.assessments),
        *((esc(what), str(h)) for what, h in b.self_study),
        ("**Sum**", f"**{hours_text(b.total)}**"),
    ]
    spans = reading_spans(cur, m)
    limit = m.workload.weekly_reading_limit
    over = [s for s in spans if s.per_week > limit]
    spread = [
        f"Lesingen er regnet over dagene fra forrige samling. Grensen er {limit} timer obligatorisk "
        "lesing per uke mellom to samlinger."
    ]
    if over:
        spread.append(
            "Over grensen: "
            + join_and(
                [
                    f"før samling {s.gathering.number} "
                    f"({hours_text(s.per_week)} timer per uke, {esc(period_text(s))})"
                    for s in over
                ]
            )
            + "."
        )
    else:
        spread.append("Ingen periode er over grensen.")
    return blocks(
        table(("Arbeid", "Timer"), rows),
        f"{m.credits} studiepoeng skal være {b.low}–{b.high} timer arbeid: 25–30 timer per studiepoeng, "
        "som i det europeiske studiepoengsystemet (ECTS). Timene for arbeidskrav, eksamen og "
        "selvstudium er anslag.",
        " ".join(spread),
    )


def work_label(a: Assessment) -> str:
    return a.title if a.title.lower().startswith(a.kind) else f"{a.kind.capitalize()}: {a.title}"


def open_items(cur: Curriculum, here: str) -> str:
    """Every fact the data leaves to the contract, by module, with what must be settled."""
    rows = []
    for m in cur.programme.modules:
        for field in ("provider", "code", "admission"):
            value = getattr(m, field)
            if isinstance(value, Open):
                rows.append((link(m.name, m.page, here), esc(FACT_LABELS[field]), esc(value.what)))
    for a in cur.assessments:
        owner = module_of(cur, a)
        for field in EXAM_FIELDS:
            value = getattr(a, field, None)
            if isinstance(value, Open):
                where = link(owner.name, owner.page, here) if owner else ""
                rows.append((where, esc(f"{FACT_LABELS[field]} ({a.title})"), esc(value.what)))
    if not rows:
        return blocks("Ingen punkter står åpne.")
    return blocks(table(("Modul", "Hva", "Hva som må avklares"), rows))
