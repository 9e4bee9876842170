"""The build needs no network. Where the machine allows it, the real site builds in a network
namespace with no interfaces up (``unshare -n``); where it does not (a container without
CAP_SYS_ADMIN), in a Python whose sockets refuse every connection and name lookup."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast

UNSHARE = shutil.which("unshare")

# Loaded by every Python started with this folder first on PYTHONPATH: no socket may connect
GUARD = """import socket

def refuse(*args, **kwargs):
    raise OSError(101, "nettverk er slått av i denne testen")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def namespace_works() -> bool:
    if UNSHARE is None:
        return False
    return subprocess.run([UNSHARE, "-n", "--", "true"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory):
    """Runs a command with no network, by the strongest means this machine allows."""
    if namespace_works():

        def run(*command: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([UNSHARE, "-n", "--", *command], capture_output=True, text=True, cwd=ROOT)

        return run
    guard = tmp_path_factory.mktemp("offline")
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(guard), os.environ.get("PYTHONPATH", "")) if p)

    def guarded(*command: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": path}
        return subprocess.run(list(command), capture_output=True, text=True, cwd=ROOT, env=env)

    return guarded


def test_there_really_is_no_network(offline) -> None:
    probe = offline(
        sys.executable,
        "-c",
        (
            "import socket\n"
            "for host in [('1.1.1.1', 443), ('127.0.0.1', 9)]:\n"
            "    try:\n"
            "        socket.create_connection(host, timeout=2)\n"
            "    except OSError as err:\n"
            "        print(host[0], err.errno)\n"
        ),
    )
    assert probe.returncode == 0, probe.stderr
    # ENETUNREACH (101) even for loopback: not a single interface is up, or no socket may connect
    assert probe.stdout.split() == ["1.1.1.1", "101", "127.0.0.1", "101"]


def test_real_site_builds_offline(offline, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = offline(sys.executable, "-m", "macros", "build", "--root", str(ROOT), "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file() and (site / "search" / "search_index.json").is_file()
    assert len(list(site.rglob("index.html"))) >= 40
