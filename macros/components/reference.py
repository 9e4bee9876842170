"""Reference lists: glossary, roles, and what a theme links to."""

from __future__ import annotations

from ..markdown import blocks, bullets, definitions, esc, link, sort_key, table
from ..model import Curriculum
from .readings import reading_item
from .schedule import find, gathering_label


def glossary(cur: Curriculum, here: str) -> str:
    terms = cur.by_id("terms")
    pairs = []
    for t in sorted(cur.terms, key=lambda t: sort_key(t.term)):
        text = esc(t.definition)
        if t.see_also:
            refs = ", ".join(f"[{esc(terms[s].term)}](#{s})" for s in t.see_also)
            text += f" Se også {refs}."
        pairs.append((f"<dfn id=\"{t.id}\">{esc(t.term)}</dfn>", text))
    return blocks(definitions(pairs))


def roles(cur: Curriculum, here: str, type: str | None = None) -> str:
    counts = {p.role: p.count for p in cur.programme.participants}
    rows = []
    for r in cur.roles:
        if type not in (None, r.kind):
            continue
        title = esc(r.title) + (f" ({counts[r.id]})" if r.id in counts else "")
        rows.append((title, esc(r.description), esc(r.contact or "")))
    return blocks(table(("Rolle", "Oppgaver i programmet", "Kontakt"), rows))


def theme_links(cur: Curriculum, here: str, tema: str) -> str:
    """Readings of a theme and the gatherings that work with it."""
    theme = find(cur, "themes", tema, "tema")
    readings = [r for r in cur.active_readings() if theme.id in r.themes]
    reading_ids = {r.id for r in readings}
    gatherings = [
        g for g in cur.scheduled() if g.theme == theme.id or reading_ids & set(g.readings)
    ]
    parts = ["### Pensum om temaet"]
    parts.append(bullets(reading_item(r, here) for r in readings) if readings else "Ingen tekster ennå.")
    parts.append("### Samlinger der temaet brukes")
    parts.append(
        bullets(
            link(gathering_label(g), g.page, here) + (" (hovedtema)" if g.theme == theme.id else "")
            for g in gatherings
        )
        if gatherings
        else "Temaet er ikke satt opp på noen samling ennå."
    )
    return blocks(*parts)
