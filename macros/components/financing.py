"""The budget against the limits of KS' OU-fond, and the application's timeline.

Every count the sums need (fee days, gathering days, participants, semesters) is derived from
the programme, so moving a session or adding a participant changes the budget without anyone
retyping a number. The fund's limits and the prices are data (``ou_fund`` in program.yml).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.numbers import format_decimal

from ..dates import long_date
from ..markdown import blocks, bullets, esc, table
from ..model import Curriculum, Financing, Gathering
from ..problems import DataError
from .facts import counted, leaders

UNIT_LABELS = {
    "deltakerdag": "per deltaker per samlingsdag",
    "samlingsdag": "per samlingsdag",
    "deltaker": "per deltaker",
    "programmet": "for hele programmet",
}


@dataclass(frozen=True)
class Line:
    """One line of the budget: what it costs, and what the fund refunds of it."""

    what: str
    cost: int
    refund: int

    @property
    def own(self) -> int:
        return self.cost - self.refund


@dataclass(frozen=True)
class FeeRow:
    role: str
    days: int
    rate: int
    travel_per_day: int
    line: Line


def kr(amount: int) -> str:
    """'kr 16 000' (Norwegian grouping, through Babel)."""
    return f"kr {format_decimal(amount, locale='nb')}"


def plan(cur: Curriculum) -> Financing:
    if cur.programme.ou_fund is None:
        raise DataError(
            "programmet har ikke noe budsjett for OU-fondet",
            "legg inn «ou_fund:» i curriculum/program.yml (se For redaktører → Datafilene)",
        )
    return cur.programme.ou_fund


def gatherings_of(cur: Curriculum, f: Financing) -> list[Gathering]:
    return cur.in_module(f.module)


def fee_days(gatherings: list[Gathering], role: str) -> int:
    """The days on which the role leads at least one session."""
    return len({g.date_of(s) for g in gatherings for s in g.sessions if s.responsible == role})


def gathering_days(gatherings: list[Gathering]) -> int:
    return sum(g.length() for g in gatherings)


def semesters(gatherings: list[Gathering]) -> int:
    """Spring (January–June) and autumn (July–December) terms with at least one gathering."""
    return len({(g.start.year, g.start.month > 6) for g in gatherings})


def fee_rows(cur: Curriculum, f: Financing) -> list[FeeRow]:
    gatherings = gatherings_of(cur, f)
    roles = cur.by_id("roles")
    rows = []
    for fee in f.fees:
        days = fee_days(gatherings, fee.role)
        cost = days * (fee.rate + fee.travel_per_day)
        refund = days * (min(fee.rate, f.fee_limit_per_day) + fee.travel_per_day)
        rows.append(FeeRow(roles[fee.role].title, days, fee.rate, fee.travel_per_day, Line("", cost, refund)))
    return rows


def tuition_line(cur: Curriculum, f: Financing) -> Line:
    people, terms = leaders(cur), semesters(gatherings_of(cur, f))
    cost = f.tuition_per_semester * people * terms
    refund = min(f.tuition_per_semester, f.tuition_limit_per_semester) * people * terms
    return Line("Studieavgift", cost, refund)


def unit_count(cur: Curriculum, f: Financing, unit: str) -> int:
    days = gathering_days(gatherings_of(cur, f))
    return {
        "deltakerdag": leaders(cur) * days,
        "samlingsdag": days,
        "deltaker": leaders(cur),
        "programmet": 1,
    }[unit]


def lines(cur: Curriculum) -> list[Line]:
    """Fees and travel, tuition, then what the municipality pays itself."""
    f = plan(cur)
    fees = fee_rows(cur, f)
    result = [Line("Honorar og reise", sum(r.line.cost for r in fees), sum(r.line.refund for r in fees))]
    result.append(tuition_line(cur, f))
    result += [Line(c.what, c.amount * unit_count(cur, f, c.unit), 0) for c in f.own_costs]
    return result


def total(found: list[Line]) -> Line:
    return Line("Sum", sum(x.cost for x in found), sum(x.refund for x in found))


def capped_share(cur: Curriculum) -> int | None:
    """The fee-and-travel refund if the fund pays only a share of it (not confirmed)."""
    f = plan(cur)
    if f.share_cap_unconfirmed is None:
        return None
    return sum(r.line.refund for r in fee_rows(cur, f)) * f.share_cap_unconfirmed // 100


def capped_tuition(cur: Curriculum) -> int | None:
    """The tuition refund if the fund pays one fixed sum per participant for the whole study."""
    f = plan(cur)
    if f.tuition_cap_unconfirmed is None:
        return None
    terms = semesters(gatherings_of(cur, f))
    per_person = min(f.tuition_per_semester * terms, f.tuition_cap_unconfirmed)
    return per_person * leaders(cur)


def fee_table(cur: Curriculum, f: Financing) -> str:
    rows = [
        (
            esc(r.role),
            str(r.days),
            esc(kr(r.rate)),
            esc(kr(r.travel_per_day)),
            esc(kr(r.line.cost)),
            esc(kr(r.line.refund)),
        )
        for r in fee_rows(cur, f)
    ]
    headings = ("Rolle", "Dager", "Honorar per dag", "Reise og opphold per dag", "Kostnad", "Kan refunderes")
    return table(headings, rows)


def summary_table(found: list[Line]) -> str:
    rows = [(esc(x.what), esc(kr(x.cost)), esc(kr(x.refund)), esc(kr(x.own))) for x in found]
    s = total(found)
    rows.append(("**Sum**", f"**{esc(kr(s.cost))}**", f"**{esc(kr(s.refund))}**", f"**{esc(kr(s.own))}**"))
    return table(("Post", "Kostnad", "Refusjon fra OU-fondet", "Kommunen betaler selv"), rows)


def unconfirmed(cur: Curriculum, found: list[Line]) -> str:
    f, s = plan(cur), total(found)
    fee_refund, tuition_refund = found[0].refund, found[1].refund
    items = []
    if (share := capped_share(cur)) is not None:
        items.append(
            f"Dekker fondet høyst {f.share_cap_unconfirmed} % av honorar og reise, blir refusjonen for dem "
            f"{kr(share)} i stedet for {kr(fee_refund)}, "
            f"og kommunen betaler {kr(s.own + fee_refund - share)} selv."
        )
    cap = f.tuition_cap_unconfirmed
    if (tuition := capped_tuition(cur)) is not None and cap is not None:
        rule = f"Dekker fondet høyst {kr(cap)} i studieavgift per deltaker for hele studiet, "
        items.append(
            rule + f"endrer ikke det refusjonen for studieavgiften ({kr(tuition)})."
            if tuition == tuition_refund
            else rule + f"blir refusjonen for studieavgiften {kr(tuition)} i stedet for {kr(tuition_refund)}."
        )
    if share is not None and tuition is not None:
        worst = s.own + fee_refund - share + tuition_refund - tuition
        items.append(f"Gjelder begge grensene, betaler kommunen {kr(worst)} selv.")
    if not items:
        return ""
    return blocks(
        "**Ikke bekreftet:** grenser som må avklares med KS før søknaden sendes.",
        bullets(esc(i) for i in items),
    )


def terms_text(n: int) -> str:
    """'ett semester', 'to semestre' (semester is neuter, so not counted()'s «én»)."""
    return "ett semester" if n == 1 else counted(n, "semester", "semestre")


def basis(cur: Curriculum, f: Financing) -> str:
    gatherings = gatherings_of(cur, f)
    own = "; ".join(f"{c.what.lower()} {kr(c.amount)} {UNIT_LABELS[c.unit]}" for c in f.own_costs)
    text = (
        f"Regnet ut for {counted(leaders(cur), 'deltaker', 'deltakere')}, "
        f"{counted(gathering_days(gatherings), 'samlingsdag', 'samlingsdager')} og "
        f"{terms_text(semesters(gatherings))}. "
        "Honorardagene er dagene rollen leder minst én økt i programmet. "
        f"OU-fondet refunderer inntil {kr(f.fee_limit_per_day)} i honorar per kursholder per dag og inntil "
        f"{kr(f.tuition_limit_per_semester)} i studieavgift per deltaker per semester. "
        f"Studieavgift: {kr(f.tuition_per_semester)} per deltaker per semester."
    )
    return esc(text + (f" Kommunens egne kostnader: {own}." if own else ""))


def budget(cur: Curriculum, here: str) -> str:
    f = plan(cur)
    found = lines(cur)
    note = (
        '!!! note "Eksempeltall"\n    Beløpene er eksempler som viser regnestykket, ikke tall fra et tilbud. '
        "Byttes ut med tallene i leverandørens tilbud før søknaden sendes."
        if f.example
        else ""
    )
    return blocks(note, basis(cur, f), fee_table(cur, f), summary_table(found), unconfirmed(cur, found))


def completion(cur: Curriculum, f: Financing) -> date:
    """The module's last day of teaching or assessment: the refund is claimed after it."""
    module = cur.by_id("modules")[f.module]
    ends = [g.end for g in gatherings_of(cur, f)]
    ends += [a.deadline for a in cur.assessments if module.period.contains(a.deadline)]
    return max(ends)


def timeline(cur: Curriculum, here: str) -> str:
    f = plan(cur)
    gatherings = gatherings_of(cur, f)
    first = gatherings[0].start if gatherings else cur.by_id("modules")[f.module].period.start
    steps = [
        "**Tilbud og kostnadsoverslag**: leverandørens tilbud er grunnlaget for søknaden.",
        "**Søknad til KS**: kommunen søker på KS' skjema, med tilbudet og en beskrivelse av programmet.",
        f"**Tilsagn før start**: tilsagnet må foreligge før første samling, {esc(long_date(first))}. "
        "Kontrakten effektueres først når tilsagnet er gitt.",
        "**Gjennomføring**: leverandøren fakturerer kommunen, og kommunen betaler.",
        "**Refusjonskrav etter avslutningen**: når modulen er avsluttet "
        f"({esc(long_date(completion(cur, f)))}), "
        "sender kommunen refusjonskrav til KS med kopi av tilsagnsbrevet og fakturaene, "
        "innen fristen i tilsagnsbrevet.",
    ]
    return blocks(bullets(steps, numbered=True))
