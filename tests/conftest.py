from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/*.md")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small test project."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's own build command (checks, strict build, atomic swap)."""
    return subprocess.run(
        [sys.executable, "-m", "macros", "build", "--root", str(root), "--site-dir", str(site)],
        capture_output=True, text=True, cwd=root,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run into a temporary folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
