"""Studiepoeng: learning outcomes, assessment and deadlines."""

from __future__ import annotations

from ..dates import long_date
from ..markdown import blocks, bullets, esc, join_and, link, table
from ..model import Curriculum

OUTCOME_HEADINGS = {
    "kunnskap": ("Kunnskap", "Kandidaten"),
    "ferdigheter": ("Ferdigheter", "Kandidaten kan"),
    "generell-kompetanse": ("Generell kompetanse", "Kandidaten kan"),
}


def outcomes(cur: Curriculum, here: str) -> str:
    parts = []
    for category, (heading, lead) in OUTCOME_HEADINGS.items():
        chosen = [o for o in cur.outcomes if o.category == category]
        if chosen:
            parts += [f"### {heading}", f"{lead} …", bullets(esc(o.text) for o in chosen)]
    return blocks(*parts)


def assessment(cur: Curriculum, here: str) -> str:
    gatherings = cur.by_id("gatherings")
    outcomes_by_id = cur.by_id("outcomes")
    parts = []
    for kind, heading in (("arbeidskrav", "Arbeidskrav"), ("eksamen", "Eksamen")):
        chosen = sorted((a for a in cur.assessments if a.kind == kind), key=lambda a: a.deadline)
        if chosen:
            parts.append(f"### {heading}")
        for a in chosen:
            facts = [f"Frist: {esc(long_date(a.deadline))}."]
            if a.gathering:
                g = gatherings[a.gathering]
                facts.append(f"Hører til {link(f'samling {g.number}: {g.title}', g.page, here)}.")
            categories = sorted({outcomes_by_id[o].category for o in a.outcomes}, key=list(OUTCOME_HEADINGS).index)
            if categories:
                names = join_and([OUTCOME_HEADINGS[c][0].lower() for c in categories])
                facts.append(f"Prøver læringsutbytte innen {names}.")
            parts += [f"#### {esc(a.title)}", " ".join(facts), esc(a.description)]
    return blocks(*parts)


def deadlines(cur: Curriculum, here: str) -> str:
    """Every deadline in date order."""
    gatherings = cur.by_id("gatherings")
    rows = []
    for a in sorted(cur.assessments, key=lambda a: a.deadline):
        g = gatherings.get(a.gathering) if a.gathering else None
        where = link(f"Samling {g.number}", g.page, here) if g else ""
        rows.append((esc(long_date(a.deadline)), esc(a.title), esc(a.kind.capitalize()), where))
    return blocks(table(("Frist", "Hva", "Type", "Samling"), rows))
