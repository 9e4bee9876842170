"""The project's own data and pages pass every check, quickly."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from macros.__main__ import run_checks
from macros.curriculum import curriculum_or_raise
from macros.dates import long_date, period_text
from macros.model import FILES, Period

from .conftest import ROOT


def test_project_data_and_pages_pass() -> None:
    pages, problems = run_checks(ROOT)
    assert problems == []
    assert pages == len(list((ROOT / "docs").rglob("*.md")))  # every page was checked


def test_make_check_command_succeeds() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    pages = len(list((ROOT / "docs").rglob("*.md")))
    assert result.stdout.startswith(f"Alt i orden: {len(FILES)} datafiler og {pages} sider sjekket på ")


def test_programme_facts_agree_with_each_other() -> None:
    """Properties the data must keep through any correct edit; the values themselves live in the data."""
    cur = curriculum_or_raise(ROOT)
    p = cur.programme
    roles = cur.by_id("roles")
    assert all(roles[group.role].kind == "deltaker" for group in p.participants)  # never staff
    agreed = [m for m in p.modules if not m.optional]
    assert agreed and all(m.enabled for m in agreed)  # the agreed module is always in the plan
    assert p.credits == sum(m.credits for m in agreed)
    assert all(p.period.contains(m.period.start) and p.period.contains(m.period.end) for m in agreed)
    assert len({v.name for v in p.values}) == len(p.values)


def test_norwegian_dates() -> None:
    assert long_date(date(2016, 9, 13)) == "tirsdag 13. september 2016"
    assert period_text(Period(start=date(2016, 9, 13), end=date(2016, 9, 14))) == "13.–14. september 2016"
    assert (
        period_text(Period(start=date(2016, 9, 30), end=date(2016, 10, 1))) == "30. september–1. oktober 2016"
    )
    assert (
        period_text(Period(start=date(2016, 12, 31), end=date(2017, 1, 1)))
        == "31. desember 2016–1. januar 2017"
    )


def test_yaml_12_keeps_norwegian_words_and_times_as_text(mini) -> None:
    path = mini / "curriculum" / "temaer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Roller", "name: no"), encoding="utf-8")
    cur = curriculum_or_raise(mini)
    assert cur.by_id("themes")["roller"].name == "no"
