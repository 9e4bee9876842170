"""Workload as data and order by construction (macros/workload.py), on the mini fixture and the real data.

Expectations are computed from the data, never typed: editing pensum or the agenda must not turn
these tests red, only breaking the rules does.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from macros.curriculum import load_curriculum
from macros.workload import HOURS_PER_CREDIT, budget, minutes, reading_spans, reading_spread, taught_at

ROOT = Path(__file__).resolve().parents[1]


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "curriculum" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")  # the first: Modul I


def problems_of(root: Path) -> list[str]:
    _, _, problems = load_curriculum(root)
    return [str(p) for p in problems]


def line_of(root: Path, name: str, text: str, after: str = "") -> int:
    lines = (root / "curriculum" / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def test_the_mini_fixture_passes(mini: Path) -> None:
    assert problems_of(mini) == []


def test_a_module_below_25_hours_per_credit_is_refused(mini: Path) -> None:
    edit(mini, "program.yml", "          hours: 650\n", "          hours: 50\n")
    line = line_of(mini, "program.yml", "workload:")
    found = [p for p in problems_of(mini) if "arbeidsmengden er" in p]
    assert len(found) == 1
    assert found[0].startswith(
        f"curriculum/program.yml:{line}: Modul I gir 30 studiepoeng, som er 750–900 timer"
    )
    assert "legg til om lag" in found[0]


def test_a_module_above_30_hours_per_credit_is_refused(mini: Path) -> None:
    edit(mini, "program.yml", "          hours: 650\n", "          hours: 950\n")
    found = [p for p in problems_of(mini) if "arbeidsmengden er" in p]
    assert len(found) == 1 and "ta bort om lag" in found[0]


def test_a_deadline_before_the_gathering_that_teaches_its_theme_is_refused(mini: Path) -> None:
    # notat-1 (due 2016-10-11) now builds on «kultur», the main theme of samling-2 (2016-10-25)
    edit(mini, "vurdering.yml", "  builds_on: [roller]\n", "  builds_on: [kultur]\n")
    line = line_of(mini, "vurdering.yml", "deadline:")
    theme = load_curriculum(mini, cross_check=False)[0].by_id("themes")["kultur"].name
    found = [p for p in problems_of(mini) if "undervises" in p]
    assert found == [
        f"curriculum/vurdering.yml:{line}: fristen for «Refleksjonsnotat» er tirsdag 11. oktober 2016, "
        f"før samling 2 (25. oktober 2016) er over, der temaet «{theme}» undervises "
        "(flytt fristen til tirsdag 25. oktober 2016 eller senere, eller la arbeidet bygge på temaer "
        "fra tidligere samlinger (builds_on))"
    ]


def test_a_theme_no_gathering_teaches_is_refused(mini: Path) -> None:
    edit(
        mini,
        "temaer.yml",
        "- id: kultur\n",
        "- id: uten-samling\n  name: Uten samling\n  description: Et tema.\n"
        "  page: teori/kultur.md\n- id: kultur\n",
    )
    edit(mini, "vurdering.yml", "  builds_on: [roller]\n", "  builds_on: [uten-samling]\n")
    assert any("ingen samling har «Uten samling» som hovedtema" in p for p in problems_of(mini))


def test_an_arbeidskrav_without_approval_criteria_and_an_incomplete_exam_are_refused(mini: Path) -> None:
    edit(mini, "vurdering.yml", "  approval: Levert innen fristen.\n", "")
    edit(mini, "vurdering.yml", "  resit:\n    open: Ny eksamen.\n", "")
    found = problems_of(mini)
    assert any(
        "arbeidskravet «Refleksjonsnotat» sier ikke hva som skal til for å få det godkjent" in p
        for p in found
    )
    assert any("eksamen «Eksamen» mangler ny og utsatt eksamen («resit»)" in p for p in found)


def test_an_exam_before_an_arbeidskrav_is_due_is_refused(mini: Path) -> None:
    edit(mini, "vurdering.yml", "  start: 2017-05-26\n", "  start: 2016-10-01\n")
    assert any("alle arbeidskrav må være godkjent før eksamen" in p for p in problems_of(mini))


def test_an_open_item_must_say_what_is_open(mini: Path) -> None:
    edit(mini, "vurdering.yml", "  grading:\n    open: Karakterskalaen.\n", "  grading:\n    avklares: ja\n")
    line = line_of(mini, "vurdering.yml", "avklares: ja")
    found = problems_of(mini)
    assert any(
        p.startswith(f"curriculum/vurdering.yml:{line}: her skal det stå en tekst, eller «open:»")
        for p in found
    )


def test_reading_above_the_weekly_limit_is_a_warning_not_an_error(
    mini: Path, caplog: pytest.LogCaptureFixture
) -> None:
    edit(mini, "program.yml", "      weekly_reading_limit: 12\n", "      weekly_reading_limit: 2\n")
    with caplog.at_level(logging.WARNING, logger="macros.workload"):
        assert problems_of(mini) == []
    warned = [r.getMessage() for r in caplog.records if "advarsel" in r.getMessage()]
    line = line_of(mini, "samlinger.yml", "readings:")
    assert warned and warned[0].startswith(
        f"curriculum/samlinger.yml:{line}: advarsel: 180 sider obligatorisk"
    )


def test_the_budget_adds_up_from_the_agenda_pensum_and_the_assessments(mini: Path) -> None:
    cur, _, _ = load_curriculum(mini)
    m = cur.by_id("modules")["modul-1"]
    b = budget(cur, m)
    gatherings = [g for g in cur.gatherings if g.module == "modul-1"]
    readings = cur.by_id("readings")
    pages = sum(readings[r].pages.count for g in gatherings for r in g.readings if readings[r].required)
    assert b.contact == sum(minutes(g) for g in gatherings) / 60
    assert b.reading == pages / m.workload.reading_rate
    assert b.total == b.contact + b.reading + sum(
        a.hours for a in cur.assessments if a.id in {"notat-1", "eksamen"}
    ) + sum(w.hours for w in m.workload.self_study)


# --- the real programme -------------------------------------------------------------------


def real():
    cur, _, problems = load_curriculum(ROOT, cross_check=False)
    assert cur is not None, problems
    return cur


def test_every_real_module_is_within_25_to_30_hours_per_credit() -> None:
    cur = real()
    for m in cur.programme.modules:
        total = budget(cur, m).total
        assert m.credits * HOURS_PER_CREDIT[0] <= round(total) <= m.credits * HOURS_PER_CREDIT[1], (
            m.id,
            total,
        )


def test_every_real_assessment_is_due_after_the_gatherings_that_teach_what_it_builds_on() -> None:
    cur = real()
    taught = taught_at(cur)
    for a in cur.assessments:
        for t in a.builds_on:
            assert a.deadline >= taught[t].end, (a.id, t)


def test_every_real_exam_comes_after_every_arbeidskrav_of_its_module() -> None:
    from macros.workload import assessments_of

    cur = real()
    for m in cur.programme.modules:
        tasks = assessments_of(cur, m.id)
        exams = [a for a in tasks if a.kind == "eksamen"]
        assert exams, m.id
        for exam in exams:
            assert all(a.deadline < exam.start for a in tasks if a.kind == "arbeidskrav"), exam.id


def test_every_real_module_has_outcomes_in_all_three_categories() -> None:
    cur = real()
    for m in cur.programme.modules:
        assert {o.category for o in cur.outcomes if o.module == m.id} == {
            "kunnskap",
            "ferdigheter",
            "generell-kompetanse",
        }, m.id


def test_reading_spread_is_computed_for_the_real_programme() -> None:
    """Reports, as data, which gatherings the warning names; it may name some (a warning, not an error)."""
    cur = real()
    from macros.curriculum import load_curriculum as load

    _, at, _ = load(ROOT, cross_check=False)
    warned = reading_spread(cur, at)
    over = [
        s
        for m in cur.programme.modules
        for s in reading_spans(cur, m)
        if s.per_week > m.workload.weekly_reading_limit
    ]
    assert len(warned) == len(over)
