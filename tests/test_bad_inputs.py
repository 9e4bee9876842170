"""Every bad input is refused with file, line and a Norwegian message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from macros.__main__ import run_checks

CASES = YAML(typ="safe").load((Path(__file__).parent / "bad_inputs.yml").read_text(encoding="utf-8"))


def apply(case: dict, root: Path) -> None:
    path = root / case["file"]
    if case.get("delete"):
        path.unlink()
    elif case.get("latin1"):
        path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    elif "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    else:
        old, new = case["replace"]
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {case['file']}"
        path.write_text(text.replace(old, new), encoding="utf-8")


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input(case: dict, mini: Path) -> None:
    apply(case, mini)
    if "also" in case:  # a second file changed with the first (e.g. an allowlist and a page)
        apply(case["also"], mini)
    _, problems = run_checks(mini)
    found = [str(p) for p in problems]
    for expected in case["expect"]:
        assert any(line.startswith(expected) for line in found), f"expected {expected!r}, got:\n" + "\n".join(
            found
        )
    if "count" in case:  # one mistake, one message: nothing cascades
        assert len(found) == case["count"], "\n".join(found)


def test_cli_reports_without_traceback(mini: Path) -> None:
    apply(CASES[0], mini)
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(mini)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "curriculum/samlinger.yml:4: YAML-syntaksfeil" in result.stderr
    assert result.stderr.strip().endswith("1 feil funnet. Rett dem og kjør «make check» på nytt.")
