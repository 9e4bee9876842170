"""Reference lists: glossary, roles, and what a theme links to."""

from __future__ import annotations

import unicodedata

from ..markdown import blocks, bullets, definitions, esc, link, sort_key, table
from ..model import Curriculum
from .readings import reading_item
from .records import find


def initial(term: str) -> str:
    """The letter a term is listed under: Æ, Ø and Å are letters of their own, É is an E."""
    first = term.strip()[:1].upper()
    if first in "ÆØÅ":
        return first
    base = unicodedata.normalize("NFD", first)[:1]
    if base.isalpha():
        return base
    return DIGITS if first.isdigit() else OTHER


DIGITS, OTHER = "0–9", "Andre tegn"


def letter_anchor(letter: str) -> str:
    return {DIGITS: "bokstav-tall", OTHER: "bokstav-andre"}.get(letter, f"bokstav-{letter.lower()}")


def glossary(cur: Curriculum, here: str) -> str:
    """The terms from A to Å, each letter a heading, with links to the letters at the top."""
    terms = cur.by_id("terms")
    groups: dict[str, list[tuple[str, str]]] = {}
    for t in sorted(cur.terms, key=lambda t: sort_key(t.term)):
        text = esc(t.definition)
        if t.see_also:
            refs = ", ".join(f"[{esc(terms[s].term)}](#{s})" for s in t.see_also)
            text += f" Se også {refs}."
        groups.setdefault(initial(t.term), []).append((f'<dfn id="{t.id}">{esc(t.term)}</dfn>', text))
    order = sorted(groups, key=lambda g: (g != DIGITS, g == OTHER, sort_key(g)))
    if not order:
        return ""
    index = " ".join(f"[{esc(g)}](#{letter_anchor(g)})" for g in order)
    parts = [f"Gå til bokstav: {index}\n{{: .lp-bokstaver }}"]
    for g in order:
        parts += [f"## {esc(g)} {{: #{letter_anchor(g)} }}", definitions(groups[g])]
    return blocks(*parts)


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
    gatherings = [g for g in cur.scheduled() if g.theme == theme.id or reading_ids & set(g.readings)]
    parts = ["### Pensum om temaet"]
    parts.append(bullets(reading_item(r, here) for r in readings) if readings else "Ingen tekster ennå.")
    parts.append("### Samlinger der temaet brukes")
    parts.append(
        bullets(
            link(g.label, g.page, here) + (" (hovedtema)" if g.theme == theme.id else "") for g in gatherings
        )
        if gatherings
        else "Temaet er ikke satt opp på noen samling ennå."
    )
    return blocks(*parts)
