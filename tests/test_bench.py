"""`make bench` smoke test: one build of each kind and engine at 1×; checks the output, never the timings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAST = re.compile(
    r"^bench: ratio_1x=(\d+\.\d\d) ratio_4x=NA ratio_16x=NA scaling_16x=NA check_s=(\d+\.\d\d)$"
)


def test_bench_quick_prints_table_and_bench_line():
    out = subprocess.run([sys.executable, "-m", "bench", "--quick"], cwd=ROOT, capture_output=True,
                         text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.strip().splitlines()
    assert LAST.match(lines[-1]), lines[-1]
    rows = [[c.strip() for c in line.split("|")[1:-1]] for line in lines if line.startswith("| 1× |")]
    # MkDocs and Zensical side by side, each our build and the bare engine
    assert [(r[1], r[2]) for r in rows] == [("mkdocs", "ours"), ("mkdocs", "bare"),
                                            ("zensical", "ours"), ("zensical", "bare")]
    for ours, bare in (rows[0:2], rows[2:4]):
        # the bare engine built the same pages: same count and the same median page size (ours
        # within 2 %: the sanitiser re-serialises our articles, e.g. &para; as ¶)
        assert int(ours[3]) > 40 and ours[3] == bare[3]
        assert abs(float(ours[7]) - float(bare[7])) <= 0.02 * float(bare[7]), (ours[7], bare[7])
        assert float(ours[8]) > 0  # a search index was written
