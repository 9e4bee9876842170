"""The values process from curriculum/verdiprosess.yml: each exercise as the guide shows it, the
process in time order (for the guide, a phase or a gathering), and the dated steps.

The minutes, the phase and when an exercise is run live once, in the data; the guide's pages
and the gathering pages show them from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..dates import clock_span, long_date, period_text
from ..markdown import blocks, definitions, esc, href, join_and, link, table
from ..model import Curriculum, Exercise, Gathering, ProcessStep
from ..problems import DataError, did_you_mean
from ..values_process_checks import Use, minutes, timeline

PROPOSED = "Datoene for trinnene utenom samlingene er forslag og avtales med rådmannen og de tillitsvalgte."


def anchor(e: Exercise) -> str:
    return f"ovelse-{e.id}"


def exercise_target(cur: Curriculum, e: Exercise) -> str:
    """The exercise on its phase's page (the page and the anchor its heading gets)."""
    phases = {p.number: p for p in cur.values_process.phases}
    page = phases[e.phase].page if e.phase in phases else ""
    return f"{page}#{anchor(e)}"


def exercise_link(cur: Curriculum, e: Exercise, here: str) -> str:
    return f"[{esc(e.name)}]({href(exercise_target(cur, e), here)})"


def duration(n: int) -> str:
    """'75 minutter', 'tre timer' (whole hours from two up), '1 minutt'."""
    hours = {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks"}
    if n % 60 == 0 and n // 60 in hours:
        return f"{hours[n // 60]} timer"
    return f"{n} minutt" if n == 1 else f"{n} minutter"


def time_text(e: Exercise) -> str:
    return duration(e.minutes) + (f" ({e.time_note})" if e.time_note else "")


def gathering_link(g: Gathering, here: str) -> str:
    return link(f"Samling {g.number}", g.page, here)


def when_text(u: Use, here: str) -> str:
    """When and where a use is, with a link to its gathering."""
    if u.session is not None and u.gathering is not None:
        day = u.gathering.date_of(u.session)
        return (
            f"{gathering_link(u.gathering, here)}, {esc(long_date(day))} "
            f"kl. {esc(clock_span(u.session.start, u.session.end))}"
        )
    if u.gathering is not None:
        text = (
            f"I egen virksomhet etter {gathering_link(u.gathering, here).replace('[Samling', '[samling', 1)}"
        )
        if u.until is not None:
            text += f", før {gathering_link(u.until, here).replace('[Samling', '[samling', 1)}"
        return text
    if u.step is not None:
        s = u.step
        return esc(long_date(s.start) if s.start == s.end else period_text(s))
    return "I arenaene som allerede finnes, etter vedtaket"


def find_exercise(cur: Curriculum, ident: str) -> Exercise:
    exercises = {e.id: e for e in cur.values_process.exercises}
    if ident not in exercises:
        raise DataError(f"ukjent øvelse «{ident}»", did_you_mean(ident, set(exercises)))
    return exercises[ident]


def makers(cur: Curriculum, uses: list[Use], ident: str, before: Use | None, here: str) -> str:
    """A result, with what makes it before ``before``."""
    names = {r.id: r.name for r in cur.values_process.results}
    found = [m for m in uses if ident in m.produces and (before is None or m.ends < before.begins)]
    text = esc(names.get(ident, ident))
    if not found:
        return text
    m = found[0]
    source = exercise_link(cur, m.exercise, here) if m.exercise else esc(m.name)
    return f"{text} (fra {source})"


def exercise(cur: Curriculum, here: str, id: str) -> str:
    """One exercise as the guide shows it: heading, summary, time, when it is run, needs and results."""
    e = find_exercise(cur, id)
    uses = timeline(cur)
    mine = [u for u in uses if u.exercise is e]
    first = mine[0] if mine else None
    runs = [when_text(u, here) for u in mine] or ["Ikke lagt inn i programmet ennå."]
    names = {r.id: r.name for r in cur.values_process.results}
    pairs = [("Tid", esc(time_text(e))), ("I programmet", "<br>".join(runs) if len(runs) > 1 else runs[0])]
    if e.needs:
        pairs.append(
            ("Bygger på", upper_first(join_and([makers(cur, uses, x, first, here) for x in e.needs])))
        )
    if e.produces:
        pairs.append(("Gir", upper_first(join_and([esc(names.get(x, x)) for x in e.produces]))))
    return blocks(f"### Øvelse: {esc(e.name)} {{ #{anchor(e)} }}", esc(e.summary), definitions(pairs))


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def grouped(uses: Iterable[Use]) -> list[list[Use]]:
    """The uses in order, the exercises of one session together."""
    groups: list[list[Use]] = []
    for u in uses:
        if u.session is not None and groups and groups[-1][0].session is u.session:
            groups[-1].append(u)
        else:
            groups.append([u])
    return groups


def row(cur: Curriculum, group: list[Use], here: str) -> tuple[str, str, str, str]:
    """Når, fase, hva, tid: a session with its exercises, work in the units, a step or an arena."""
    u = group[0]
    if u.session is not None:
        done = [x.exercise for x in group if x.exercise is not None]  # a session's uses are exercises
        what = "<br>".join(f"{exercise_link(cur, e, here)} ({e.minutes} min)" for e in done)
        used = sum(e.minutes for e in done)
        return when_text(u, here), phases_of(group), what, f"{used} av {minutes(u.session)} minutter"
    if u.exercise is not None:
        return (
            when_text(u, here),
            str(u.phase),
            exercise_link(cur, u.exercise, here),
            esc(time_text(u.exercise)),
        )
    s = u.step
    assert s is not None  # a use that is no exercise is a step
    what = f"[{esc(s.name)}]({href(step_target(cur, s), here)})"
    return when_text(u, here), str(u.phase), what, esc(step_length(s))


def phases_of(group: list[Use]) -> str:
    return " og ".join(str(p) for p in sorted({u.phase for u in group}))


def step_length(s: ProcessStep) -> str:
    """'én dag', '4 dager', '4 uker', '4 uker og én dag'."""
    days = (s.end - s.start).days + 1
    if days < 14:
        return "én dag" if days == 1 else f"{days} dager"
    weeks, rest = divmod(days, 7)
    extra = "" if rest == 0 else " og én dag" if rest == 1 else f" og {rest} dager"
    return f"{weeks} uker{extra}"


def step_target(cur: Curriculum, s: ProcessStep) -> str:
    phases = {p.number: p for p in cur.values_process.phases}
    return f"{phases[s.phase].page if s.phase in phases else ''}#trinn-{s.id}"


def selected(cur: Curriculum, fase: int | None, samling: str | None) -> list[Use]:
    uses = timeline(cur)
    if fase is not None:
        if fase not in {p.number for p in cur.values_process.phases}:
            raise DataError(
                f"verdiprosessen har ingen fase {fase}",
                "bruk et av numrene under phases i curriculum/verdiprosess.yml",
            )
        uses = [u for u in uses if u.phase == fase]
    if samling is not None:
        uses = in_gathering(cur, uses, samling)
    return uses


def in_gathering(cur: Curriculum, uses: list[Use], samling: str) -> list[Use]:
    """The gathering's sessions, the work in the units after it, and the steps until the next."""
    scheduled = cur.scheduled()
    found = next((n for n, g in enumerate(scheduled) if g.id == samling), None)
    if found is None:
        known = {g.id for g in cur.gatherings}
        raise DataError(
            f"ukjent samling «{samling}», eller samlingen er ikke i planen",
            did_you_mean(samling, known) or "bruk id-en til en samling i curriculum/samlinger.yml",
        )
    g = scheduled[found]
    following = scheduled[found + 1] if found + 1 < len(scheduled) else None
    return [
        u
        for u in uses
        if u.gathering is g
        or (
            u.step is not None
            and g.start <= u.step.start
            and (following is None or u.step.start < following.start)
        )
    ]


def plan(cur: Curriculum, here: str, fase: int | None = None, samling: str | None = None) -> str:
    """The values process in time order: sessions with their exercises and minutes, the work in
    the units and the dated steps; for the whole process, one phase or one gathering."""
    uses = selected(cur, fase, samling)
    if not uses:
        return blocks("Verdiprosessen har ingen økter eller trinn her.")
    headers: tuple[str, ...] = ("Når", "Fase", "Hva", "Tid")
    body: list[tuple[str, ...]] = [row(cur, group, here) for group in grouped(uses)]
    if fase is not None:
        headers = ("Når", "Hva", "Tid")
        body = [(r[0], r[2], r[3]) for r in body]
    note = PROPOSED if any(u.step is not None for u in uses) else ""
    return blocks(table(headers, body), note)


def steps(cur: Curriculum, here: str, fase: int | None = None) -> str:
    """The dated steps outside the gatherings, each with dates, who, what, needs and results."""
    uses = [(u, u.step) for u in timeline(cur) if u.step is not None and (fase is None or u.phase == fase)]
    names = {r.id: r.name for r in cur.values_process.results}
    parts = []
    for u, s in uses:
        pairs = [("Når", when_text(u, here)), ("Hvem", esc(s.who))]
        if s.needs:
            pairs.append(
                (
                    "Bygger på",
                    upper_first(join_and([makers(cur, timeline(cur), x, u, here) for x in s.needs])),
                )
            )
        if s.produces:
            pairs.append(("Gir", upper_first(join_and([esc(names.get(x, x)) for x in s.produces]))))
        parts.append(blocks(f"### {esc(s.name)} {{ #trinn-{s.id} }}", esc(s.description), definitions(pairs)))
    if not parts:
        return blocks("Ingen daterte trinn i denne fasen.")
    return blocks(*parts, PROPOSED)
