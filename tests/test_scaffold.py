"""Scaffolding makes a valid new gathering or reading, and never overwrites anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from macros import placeholders as blank
from macros.__main__ import run_checks

from .conftest import ROOT


def scaffold(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args, "--root", str(root)], capture_output=True, text=True
    )


def test_new_gathering_asks_for_its_texts_then_passes(mini: Path) -> None:
    (mini / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = scaffold(mini, "ny-samling", "--tittel", "Fjerde samling")
    assert result.returncode == 0, result.stderr
    page_file = mini / "docs" / "samlinger" / "samling-4.md"
    page = page_file.read_text(encoding="utf-8")
    assert page.startswith("# Samling 4: Fjerde samling\n")  # numbers run on after Modul II's 3
    assert '{{ agenda("samling-4") }}' in page
    data_file = mini / "curriculum" / "samlinger.yml"
    data = data_file.read_text(encoding="utf-8")
    assert "- id: samling-4\n  number: 4\n  module: modul-1\n  title: Fjerde samling\n" in data
    assert "start: 2016-12-06" in data  # six weeks after the last gathering, same weekday
    nav = (mini / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - samlinger/samling-6.md\n      - samlinger/samling-4.md\n" in nav

    # the texts the template left are refused until the editor writes their own
    problems = [str(p) for p in run_checks(mini)[1]]
    assert len(problems) == 4, problems
    assert all("står fortsatt slik malen laget det" in p for p in problems)
    assert any(p.startswith("docs/samlinger/samling-4.md:") for p in problems)
    for old, new in [
        (blank.SUMMARY, "Vi ser tilbake på året."), (blank.REFLECTION, "Hva tar du med deg?"),
        (blank.SESSION, "Oppsummering"),
    ]:
        data = data.replace(old, new)
    data_file.write_text(data, encoding="utf-8")
    page_file.write_text(page.replace(blank.STORY, "Vi avslutter programmet."), encoding="utf-8")
    assert run_checks(mini)[1] == []


def test_new_gathering_never_overwrites(mini: Path) -> None:
    existing = mini / "docs" / "samlinger" / "samling-4.md"
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
    unassigned = [p for p in problems if "er ikke satt opp til noen samling" in p]
    assert len(unassigned) == 2
    assert "«ny-tekst-2»" in unassigned[1]
    # authors, title and publisher of each are still the template's
    assert len([p for p in problems if "står fortsatt slik malen laget det" in p]) == 6


def test_scaffolding_refuses_broken_data(mini: Path) -> None:
    (mini / "curriculum" / "temaer.yml").write_text("- id: [\n", encoding="utf-8")
    result = scaffold(mini, "ny-lesning")
    assert result.returncode == 1
    assert "curriculum/temaer.yml:1: YAML-syntaksfeil" in result.stderr
    assert "Traceback" not in result.stderr
