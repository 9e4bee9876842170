"""The project's own data and pages pass every check, quickly."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from macros.__main__ import run_checks
from macros.curriculum import curriculum_or_raise
from macros.dates import long_date, period_text
from macros.model import Period

from .conftest import ROOT


def test_project_data_and_pages_pass() -> None:
    pages, problems = run_checks(ROOT)
    assert problems == []
    assert pages >= 40


def test_make_check_command_succeeds() -> None:
    result = subprocess.run([sys.executable, "-m", "macros", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Alt i orden: 9 datafiler og ")


def test_customer_facts() -> None:
    cur = curriculum_or_raise(ROOT)
    counts = {p.role: p.count for p in cur.programme.participants}
    assert counts == {"radmann": 1, "kommunalsjef": 3, "virksomhetsleder": 14}
    assert cur.programme.credits == 30
    assert {g.place for g in cur.gatherings} == {"Røros"}
    assert [v.name for v in cur.programme.values] == [
        "Åpenhet", "Nærhet og tilstedeværelse", "Tydelighet", "Tilbakemeldinger", "Vi-følelse",
    ]
    modul_2 = cur.by_id("modules")["modul-2"]
    assert modul_2.optional and not modul_2.enabled and modul_2.credits == 30


def test_norwegian_dates() -> None:
    assert long_date(date(2016, 9, 13)) == "tirsdag 13. september 2016"
    assert period_text(Period(start=date(2016, 9, 13), end=date(2016, 9, 14))) == "13.–14. september 2016"
    assert period_text(Period(start=date(2016, 9, 30), end=date(2016, 10, 1))) == "30. september–1. oktober 2016"
    assert period_text(Period(start=date(2016, 12, 31), end=date(2017, 1, 1))) == "31. desember 2016–1. januar 2017"


def test_yaml_12_keeps_norwegian_words_and_times_as_text(mini) -> None:
    path = mini / "curriculum" / "temaer.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Roller", "name: no"), encoding="utf-8")
    cur = curriculum_or_raise(mini)
    assert cur.by_id("themes")["roller"].name == "no"
