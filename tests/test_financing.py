"""The OU-fond budget: refunds held to the fund's limits, counts derived from the programme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from macros.components.facts import leaders
from macros.components.financing import (
    budget,
    capped_share,
    capped_tuition,
    fee_rows,
    gathering_days,
    lines,
    plan,
    semesters,
    timeline,
    total,
)
from macros.curriculum import curriculum_or_raise
from macros.model import Curriculum
from macros.problems import DataError

ROOT = Path(__file__).resolve().parents[1]


def edit(root: Path, name: str, change: Callable[[Any], None]) -> None:
    """Change one data file with a round-trip YAML editor, as an editor would by hand."""
    yaml = YAML()
    path = root / "curriculum" / name
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


def load(root: Path) -> Curriculum:
    return curriculum_or_raise(root)


def test_a_fee_above_the_limit_is_refunded_at_the_limit(mini: Path) -> None:
    def over(data: Any) -> None:
        data["ou_fund"]["fees"][0]["rate"] = data["ou_fund"]["fee_limit_per_day"] + 5000

    edit(mini, "program.yml", over)
    cur = load(mini)
    row = fee_rows(cur, plan(cur))[0]
    assert row.days > 0
    assert row.line.cost - row.line.refund == row.days * 5000


def test_a_fee_within_the_limit_is_refunded_in_full(mini: Path) -> None:
    def under(data: Any) -> None:
        data["ou_fund"]["fees"][0]["rate"] = data["ou_fund"]["fee_limit_per_day"] - 1000

    edit(mini, "program.yml", under)
    cur = load(mini)
    row = fee_rows(cur, plan(cur))[0]
    assert row.line.refund == row.line.cost > 0


def test_fee_days_follow_the_agenda(mini: Path) -> None:
    cur = load(mini)
    role = plan(cur).fees[0].role
    before = fee_rows(cur, plan(cur))[0].days
    led = {g.date_of(s) for g in cur.gatherings for s in g.sessions if s.responsible == role}
    i, k = next(
        (i, k)
        for i, g in enumerate(cur.gatherings)
        if g.module == plan(cur).module
        for k, s in enumerate(g.sessions)
        if g.date_of(s) not in led
    )

    def lead_another_day(data: Any) -> None:
        data[i]["sessions"][k]["responsible"] = role

    edit(mini, "samlinger.yml", lead_another_day)
    cur = load(mini)
    assert fee_rows(cur, plan(cur))[0].days == before + 1


def test_tuition_counts_each_term_with_a_gathering(mini: Path) -> None:
    cur = load(mini)
    one = next(x for x in lines(cur) if x.what == "Studieavgift")
    assert semesters(cur.in_module("modul-1")) == 1

    def to_spring(data: Any) -> None:
        gathering = [g for g in data if g["module"] == "modul-1"][-1]
        gathering["start"] = gathering["start"].replace(year=2017, month=2)
        gathering["end"] = gathering["end"].replace(year=2017, month=2)
        for session in gathering["sessions"]:
            if "date" in session:
                session["date"] = session["date"].replace(year=2017, month=2)

    edit(mini, "samlinger.yml", to_spring)
    cur = load(mini)
    two = next(x for x in lines(cur) if x.what == "Studieavgift")
    assert semesters(cur.in_module("modul-1")) == 2
    assert (two.cost, two.refund) == (2 * one.cost, 2 * one.refund)
    f = plan(cur)
    assert two.refund == min(f.tuition_per_semester, f.tuition_limit_per_semester) * leaders(cur) * 2


def test_own_costs_are_counted_per_unit_and_never_refunded(mini: Path) -> None:
    cur = load(mini)
    f = plan(cur)
    cost = f.own_costs[0]
    assert cost.unit == "deltakerdag"
    line = next(x for x in lines(cur) if x.what == cost.what)
    days = gathering_days(cur.in_module(f.module))
    assert (line.cost, line.refund) == (cost.amount * leaders(cur) * days, 0)


@pytest.mark.parametrize("root", [ROOT, Path(__file__).parent / "fixtures" / "mini"], ids=["real", "mini"])
def test_the_budget_adds_up_and_never_refunds_more_than_it_costs(root: Path) -> None:
    cur = load(root)
    found = lines(cur)
    s = total(found)
    assert s.cost == sum(x.cost for x in found) and s.refund == sum(x.refund for x in found)
    assert all(0 <= x.refund <= x.cost for x in found)
    assert s.own == s.cost - s.refund


def test_unconfirmed_limits_are_computed_and_marked(mini: Path) -> None:
    cur = load(mini)
    f = plan(cur)
    fee_refund = lines(cur)[0].refund
    assert capped_share(cur) == fee_refund * f.share_cap_unconfirmed // 100
    terms = semesters(cur.in_module(f.module))
    expected = min(f.tuition_per_semester * terms, f.tuition_cap_unconfirmed) * leaders(cur)
    assert capped_tuition(cur) == expected
    text = budget(cur, "om/finansiering.md")
    assert "**Ikke bekreftet:**" in text and f"{f.share_cap_unconfirmed} %" in text
    assert fee_refund > 0


def test_without_unconfirmed_limits_nothing_is_marked(mini: Path) -> None:
    def confirmed(data: Any) -> None:
        del data["ou_fund"]["share_cap_unconfirmed"], data["ou_fund"]["tuition_cap_unconfirmed"]
        data["ou_fund"]["example"] = False

    edit(mini, "program.yml", confirmed)
    text = budget(load(mini), "om/finansiering.md")
    assert "Ikke bekreftet" not in text and "Eksempeltall" not in text


def test_the_timeline_names_the_first_gathering(mini: Path) -> None:
    cur = load(mini)
    first = cur.in_module("modul-1")[0]
    from macros.dates import long_date

    assert long_date(first.start) in timeline(cur, "om/finansiering.md")


def test_a_programme_without_a_budget_says_so_in_norwegian(mini: Path) -> None:
    edit(mini, "program.yml", lambda data: data.pop("ou_fund"))
    with pytest.raises(DataError, match="ikke noe budsjett for OU-fondet"):
        budget(load(mini), "om/finansiering.md")
