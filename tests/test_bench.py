"""`make bench` smoke test: one pair of builds per engine at 1×; checks the output, never the timings."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from bench.run import strip_our_code

from .conftest import ROOT

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast

NUM = r"(\d+\.\d\d)"
LAST = re.compile(
    rf"^bench: ratio_1x={NUM} ratio_4x=NA ratio_16x=NA scaling_16x=NA check_s={NUM} "
    rf"bare_scaling_16x=NA load_start={NUM} load_end={NUM}$"
)


def tables(lines: list[str]) -> list[list[dict[str, str]]]:
    """Each Markdown table in the output as rows keyed by its header."""
    found, head = [], None
    for line in lines:
        if not line.startswith("|"):
            head = None
            continue
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if head is None:
            head = cells
            found.append([])
        elif not set("".join(cells)) <= set("-"):
            assert len(cells) == len(head), line
            found[-1].append(dict(zip(head, cells, strict=True)))
    return found


def test_bench_quick_prints_tables_and_bench_line():
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.strip().splitlines()
    last = LAST.match(lines[-1])
    assert last, lines[-1]
    assert any(re.match(r"Load average \(1, 5, 15 min\): start [\d. ]+, end [\d. ]+", line) for line in lines)
    builds, checks = tables(lines)
    # MkDocs and Zensical side by side, each our build and the bare engine
    assert [(r["engine"], r["build"]) for r in builds] == [
        ("mkdocs", "ours"),
        ("mkdocs", "bare"),
        ("zensical", "ours"),
        ("zensical", "bare"),
    ]
    for ours, bare in (builds[0:2], builds[2:4]):
        # the bare engine built the same pages: same count and the same median page size (ours
        # within 2 %: the sanitiser re-serialises our articles, e.g. &para; as ¶)
        assert int(ours["pages"]) > 40 and ours["pages"] == bare["pages"]
        assert abs(float(ours["median page KB"]) - float(bare["median page KB"])) <= 0.02 * float(
            bare["median page KB"]
        ), (ours, bare)
        assert float(ours["search index KB"]) > 0  # a search index was written
        for row in (ours, bare):
            assert row["runs"] == "1"
            assert float(row["min s"]) <= float(row["median s"]) <= float(row["max s"])
        # the ratio is ours over bare of the pair, and its load was recorded
        pair = float(ours["median s"]) / float(bare["median s"])
        assert float(ours["ratio"]) == pytest.approx(pair, abs=0.01)
        assert ours["ratio min–max"] == f"{ours['ratio']}–{ours['ratio']}"
        assert re.fullmatch(r"[\d.]+ / [\d.]+ / [\d.]+", ours["load start / max / end"])
        assert bare["ratio"] == ""
    assert builds[0]["ratio"] == last[1]
    [check] = checks
    assert check["size"] == "1×" and check["pages"] == builds[0]["pages"]
    assert check["check median s"] == last[2]
    assert 0 < float(check["check min s"]) <= float(check["check median s"]) <= float(check["check max s"])
    assert float(check["check first s (no .cache/)"]) > 0


def test_the_bare_config_keeps_none_of_our_code():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    bare = strip_our_code(config)
    assert "theme:" in bare and "nav:" in bare and "markdown_extensions:" in bare
    assert "hooks:" not in bare
    assert not [line for line in bare.splitlines() if "macros" in line.split("#", 1)[0]]
    with pytest.raises(SystemExit):
        strip_our_code(config + "plugins:\n  - macros_new_plugin\n")
