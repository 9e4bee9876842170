"""Requirements and goals: traceability and the coverage matrix."""

from __future__ import annotations

from ..markdown import blocks, esc, href, join_and, link, table
from ..model import Curriculum, Requirement

CATEGORY_LABELS = {
    "formal": "Formål",
    "grunnleggende-krav": "Grunnleggende krav",
    "generelle-mal": "Generelle mål for lederutviklingen",
    "programkrav": "Krav til programmet",
    "programmal": "Mål for programmet",
}
GOAL_CATEGORIES = ("generelle-mal", "programmal")


def where_met(cur: Curriculum, q: Requirement, here: str) -> str:
    """Links to the gatherings (with session counts) and pages that meet ``q``."""
    counts: dict[str, int] = {}
    for g, _ in cur.addressing(q.id):
        counts[g.id] = counts.get(g.id, 0) + 1
    gatherings = cur.by_id("gatherings")
    links = [
        f"{link(f'Samling {gatherings[gid].number}', gatherings[gid].page, here)} "
        f"({n} {'økt' if n == 1 else 'økter'})"
        for gid, n in counts.items()
    ]
    links += [link(cur.page_title(p), p, here) for p in q.pages]
    return join_and(links)


def traceability(cur: Curriculum, here: str, kategori: str | None = None) -> str:
    """Requirement → how and where it is met, grouped by category and group."""
    parts = []
    for category, label in CATEGORY_LABELS.items():
        if kategori not in (None, category):
            continue
        chosen = [q for q in cur.requirements if q.category == category]
        if not chosen:
            continue
        parts.append(f"### {label} {{#{category}}}")
        rows = [
            (
                f'<span id="{q.id}"></span>{esc(q.text)}' + (f" ({esc(q.group)})" if q.group else ""),
                esc(q.section),
                esc(q.how),
                where_met(cur, q, here),
            )
            for q in chosen
        ]
        parts.append(table(("Kundens krav eller mål", "Avsnitt", "Slik møter programmet det", "Hvor"), rows))
    return blocks(*parts)


def coverage_matrix(cur: Curriculum, here: str, krav_side: str = "om/krav-og-mal.md") -> str:
    """Goals × gatherings: how many sessions of each gathering work with each goal."""
    gatherings = cur.scheduled()
    headers = ["Mål"] + [f'[S{g.number}]({href(g.page, here)} "{esc(g.title)}")' for g in gatherings]
    rows = []
    for q in cur.requirements:
        if q.category not in GOAL_CATEGORIES:
            continue
        cells = []
        for g in gatherings:
            n = sum(q.id in s.addresses for s in g.sessions)
            cells.append(str(n) if n else "–")
        label = link(q.text, f"{krav_side}#{q.id}", here)
        if q.group:
            label = f"{esc(q.group)}: {label}"
        rows.append([label, *cells])
    note = "Tallene viser hvor mange økter på hver samling (S1, S2 …) som arbeider med målet; – betyr ingen."
    return blocks(note, table(headers, rows))
