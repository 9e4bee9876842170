"""Scaffolding makes a valid new gathering or reading, and never overwrites anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from macros.__main__ import run_checks

from .conftest import ROOT


def scaffold(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args, "--root", str(root)], capture_output=True, text=True
    )


def test_new_gathering_passes_the_checks(mini: Path) -> None:
    (mini / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = scaffold(mini, "ny-samling", "--tittel", "Tredje samling")
    assert result.returncode == 0, result.stderr
    page = (mini / "docs" / "samlinger" / "samling-3.md").read_text(encoding="utf-8")
    assert page.startswith("# Samling 3: Tredje samling\n")
    assert '{{ agenda("samling-3") }}' in page
    data = (mini / "curriculum" / "samlinger.yml").read_text(encoding="utf-8")
    assert "- id: samling-3\n  number: 3\n  module: modul-1\n  title: Tredje samling\n" in data
    assert "start: 2016-12-06" in data  # six weeks after the last gathering, same weekday
    nav = (mini / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - samlinger/samling-6.md\n      - samlinger/samling-3.md\n" in nav
    assert run_checks(mini)[1] == []


def test_new_gathering_never_overwrites(mini: Path) -> None:
    existing = mini / "docs" / "samlinger" / "samling-3.md"
    existing.write_text("# Min egen side\n", encoding="utf-8")
    before = (mini / "curriculum" / "samlinger.yml").read_bytes()
    result = scaffold(mini, "ny-samling")
    assert result.returncode == 1
    assert "finnes allerede (ingenting ble endret)" in result.stderr
    assert existing.read_text(encoding="utf-8") == "# Min egen side\n"
    assert (mini / "curriculum" / "samlinger.yml").read_bytes() == before


def test_new_reading_asks_to_be_assigned(mini: Path) -> None:
    assert scaffold(mini, "ny-lesning").returncode == 0
    assert scaffold(mini, "ny-lesning").returncode == 0
    problems = [str(p) for p in run_checks(mini)[1]]
    assert len(problems) == 2
    assert all("er ikke satt opp til noen samling" in p for p in problems)
    assert "«ny-tekst-2»" in problems[1]


def test_scaffolding_refuses_broken_data(mini: Path) -> None:
    (mini / "curriculum" / "temaer.yml").write_text("- id: [\n", encoding="utf-8")
    result = scaffold(mini, "ny-lesning")
    assert result.returncode == 1
    assert "curriculum/temaer.yml:1: YAML-syntaksfeil" in result.stderr
    assert "Traceback" not in result.stderr
