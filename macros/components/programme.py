"""The programme at a glance: overview, participants, values, modules."""

from __future__ import annotations

from ..dates import period_text
from ..markdown import blocks, bullets, definitions, esc, link
from ..model import Curriculum, Module
from .facts import at_place, counted, leaders, module_gatherings, roles_text


def participants_text(cur: Curriculum) -> str:
    """'18 ledere: rådmann, 3 kommunalsjefer og 14 virksomhetsledere'."""
    return f"{leaders(cur)} ledere: {roles_text(cur)}"


def programme_overview(cur: Curriculum, here: str) -> str:
    p = cur.programme
    first = next(m for m in p.modules if not m.optional)
    gatherings = [g for g in cur.scheduled() if g.module == first.id]
    options = [m for m in p.modules if m.optional]
    rows = [
        ("Oppdragsgiver", esc(p.organisation)),
        ("Periode", esc(period_text(p.period))),
        ("Omfang", esc(f"{p.credits} studiepoeng på {p.level}")),
        ("Samlinger", esc(f"{len(gatherings)} samlinger, alle {at_place(cur)}")),
        ("Deltakere", esc(participants_text(cur))),
        ("Språk", esc(p.language)),
        ("Finansiering", esc(p.financing)),
    ]
    for m in options:
        status = "med i planen" if m.enabled else "opsjon, ikke bestilt"
        rows.append((esc(m.name), f"{link(f'{m.credits} nye studiepoeng', m.page, here)} ({status})"))
    return blocks(definitions(rows))


def participants(cur: Curriculum, here: str) -> str:
    return esc(participants_text(cur))


def values(cur: Curriculum, here: str) -> str:
    return blocks(definitions((f"**{esc(v.name)}**", esc(v.description)) for v in cur.programme.values))


def where(cur: Curriculum, m: Module) -> str:
    """'Seks samlinger på Hamar.' (from the data, so it never goes stale)."""
    text = counted(module_gatherings(cur, m), "samling", "samlinger")
    return f"{text[:1].upper()}{text[1:]} {at_place(cur)}."


def modules(cur: Curriculum, here: str) -> str:
    items = []
    for m in cur.programme.modules:
        status = "opsjon" if m.optional else "avtalt"
        if m.optional:
            status += ", med i planen" if m.enabled else ", ikke bestilt"
        items.append(
            f"{link(m.name, m.page, here)}: {m.credits} studiepoeng, "
            f"{esc(period_text(m.period))} ({status}). {esc(where(cur, m))} {esc(m.description)}"
        )
    return blocks(bullets(items))
