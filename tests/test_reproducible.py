"""Two builds of the same sources on different days give the same bytes in every file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_build import digest

FAKETIME = shutil.which("faketime")
pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(FAKETIME is None, reason="faketime mangler: kjør scripts/ensure-faketime"),
]


def build_later(root: Path, site: Path, days: int) -> None:
    """Build with the clock moved `days` ahead (Debian's faketime), without SOURCE_DATE_EPOCH set."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [
            FAKETIME,
            "-f",
            f"+{days}d",
            sys.executable,
            "-m",
            "macros",
            "build",
            "--root",
            str(root),
            "--site-dir",
            str(site),
        ],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    clock = subprocess.run(
        [FAKETIME, "-f", f"+{days}d", sys.executable, "-c", "import time; print(time.time())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert float(clock) - time.time() > (days - 1) * 86400  # the clock really was moved


def differing(a: Path, b: Path) -> list[str]:
    left, right = digest(a), digest(b)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def test_real_site_is_the_same_bytes_on_another_day(real_site: Path, tmp_path: Path) -> None:
    later = tmp_path / "site"
    build_later(ROOT, later, days=40)
    assert differing(real_site, later) == []
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "index.html"} <= set(digest(later))


def test_copy_without_git_is_the_same_bytes_on_another_day(mini: Path, tmp_path: Path) -> None:
    assert not (mini / ".git").exists()
    first, second = tmp_path / "first", tmp_path / "second"
    build_later(mini, first, days=0)
    build_later(mini, second, days=400)
    assert differing(first, second) == []
