from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

# Real Chromium (Debian's, never a downloaded browser) with the settings `make pdf` prints with,
# and a local server that keeps quiet: the same for the tests as for the PDF
from scripts.print_pdf import CHROMIUM, FLAGS
from scripts.print_pdf import Quiet as QuietHandler

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/*.md")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A skipped test is a failed one: ``make test`` installs everything the tests need
    (scripts/ensure-*), so a skip means something is missing that nobody would notice."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"Testen ble hoppet over, og det teller som feil: {reason}"


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-goldens")


# `make test-fast` leaves out the tests marked «browser» or «build». So that the fast loop stays
# fast, a test that builds a site or starts MkDocs, Zensical, nginx, make or Chromium there without
# such a mark fails and says so.
ENGINE_COMMANDS = {"build", "serve", "nytt-kull", "kunde"}  # python -m macros <command>
ENGINE_PROGRAMS = {"chromium", "nginx", "zensical", "mkdocs", "make", "faketime", "linkchecker", "rsync"}


def fast_loop(config: pytest.Config) -> bool:
    expression = config.getoption("markexpr") or ""
    return "not build" in expression


def heavy(args: object) -> str | None:
    """What in a command would build a site or start a server or a browser, if anything."""
    words = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
    if any(Path(w).name in ENGINE_PROGRAMS for w in words[:1]):
        return Path(words[0]).name
    if "run-driver" in words:  # Playwright's driver, which starts the browser
        return "Chromium (Playwright)"
    for i, word in enumerate(words[:-1]):
        if word == "-m" and words[i + 1] in ("mkdocs", "zensical"):
            return words[i + 1]
        if word == "-m" and words[i + 1] == "macros" and ENGINE_COMMANDS & set(words[i + 2 : i + 3]):
            return f"macros {words[i + 2]}"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the real built site (``real_site``, directly or through ``server``) is a
    build test, whatever else it is."""
    for item in items:
        if "real_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)


def pytest_configure(config: pytest.Config) -> None:
    """In the fast loop, building a site or starting an engine, a server or a browser fails the
    test that does it (fixtures included), naming the test."""
    if not fast_loop(config):
        return
    original = subprocess.Popen

    def refuse(what: str) -> None:
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
        pytest.fail(
            f"{test} starter {what}: merk testen (eller modulen) med @pytest.mark.build, så "
            "holder make test-fast seg rask",
            pytrace=False,
        )

    class Guarded(original):  # type: ignore[misc, valid-type]
        def __init__(self, args: object, *rest: object, **kwargs: object) -> None:
            if (what := heavy(args)) is not None:
                refuse(what)
            super().__init__(args, *rest, **kwargs)

    def in_process(*args: object, **kwargs: object) -> int:
        refuse("en bygging av nettstedet")
        return 1

    import macros.__main__

    subprocess.Popen = Guarded  # type: ignore[misc]
    macros.__main__.build_with_mkdocs = in_process  # type: ignore[assignment]
    macros.__main__.build_with_zensical = in_process  # type: ignore[assignment]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small test project."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def free_port() -> int:
    """A TCP port nobody listens on now, on the loopback address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's own build command (checks, strict build, atomic swap)."""
    return subprocess.run(
        [sys.executable, "-m", "macros", "build", "--root", str(root), "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=root,
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test run into a temporary folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@contextmanager
def serving(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """A local HTTP server over `site`; yields its URL (ending in /)."""
    handler_for_site = functools.partial(handler or QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for_site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(real_site: Path) -> Iterator[str]:
    with serving(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    if fast_loop(request.config):
        pytest.fail("testen bruker Chromium: merk den med @pytest.mark.browser", pytrace=False)
    assert Path(CHROMIUM).exists(), "Chromium mangler: kjør scripts/ensure-chromium (make test gjør det)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
