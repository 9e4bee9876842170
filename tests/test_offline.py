"""The build needs no network: the real site builds in a network namespace with no interfaces up."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNSHARE = shutil.which("unshare")


def offline(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([UNSHARE, "-n", "--", *command], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def unshare_works() -> None:
    if UNSHARE is None:
        pytest.skip("unshare (util-linux) finnes ikke på denne maskinen")
    probe = subprocess.run([UNSHARE, "-n", "--", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n er ikke tillatt her (krever root eller CAP_SYS_ADMIN): {probe.stderr.strip()}")


def test_namespace_really_has_no_network(unshare_works: None) -> None:
    probe = offline(sys.executable, "-c", (
        "import socket\n"
        "for host in [('1.1.1.1', 443), ('127.0.0.1', 9)]:\n"
        "    try:\n"
        "        socket.create_connection(host, timeout=2)\n"
        "    except OSError as err:\n"
        "        print(host[0], err.errno)\n"
    ))
    assert probe.returncode == 0, probe.stderr
    # ENETUNREACH (101) even for loopback: not a single interface is up
    assert probe.stdout.split() == ["1.1.1.1", "101", "127.0.0.1", "101"]


def test_real_site_builds_offline(unshare_works: None, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = offline(sys.executable, "-m", "macros", "build", "--root", str(ROOT), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file() and (site / "search" / "search_index.json").is_file()
    assert len(list(site.rglob("index.html"))) >= 40
