"""Live preview: every mistake shows as a Norwegian page in the browser, and the preview
recovers by itself when the file is fixed."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import free_port

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast


def wait_for(condition: Callable[[], bool], seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def answer(url: str) -> tuple[int, str]:
    """Status and text of `url`, the problem page (503) included; 0 when there is no answer
    within 3 seconds (a closed port or a hanging request)."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
    except OSError:
        return 0, ""


def processes_in(root: Path) -> list[int]:
    """Processes working in `root` (the supervisor's MkDocs server and checks run there)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and Path(os.readlink(proc / "cwd")) == root:
                found.append(int(proc.name))
        except OSError:
            pass
    return found


@contextmanager
def previewing(root: Path, log_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`python -m macros serve` on `root`, its output in `log_path`; yields (process, base URL)."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "macros", "serve", "--root", str(root), "--adresse", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process, f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert wait_for(lambda: not processes_in(root.resolve()), seconds=10), "a server outlived the preview"


def test_serve_survives_a_data_mistake(mini: Path, tmp_path: Path) -> None:
    data = mini / "curriculum" / "samlinger.yml"
    original = data.read_text(encoding="utf-8")
    with previewing(mini, tmp_path / "serve.log") as (process, base):
        url = base + "samlinger/samling-2/"
        assert wait_for(lambda: "Andre samling" in page(url))
        data.write_text(original.replace("  number: 2", "  number: to"), encoding="utf-8")
        assert wait_for(lambda: "«number» skal være et heltall" in (tmp_path / "serve.log").read_text())
        assert process.poll() is None
        heading = mini / "docs" / "samlinger" / "samling-2.md"
        heading.write_text(
            heading.read_text(encoding="utf-8").replace("Andre samling", "Andre samling, flyttet")
        )
        data.write_text(
            original.replace("title: Andre samling", "title: Andre samling, flyttet"), encoding="utf-8"
        )
        assert wait_for(lambda: "Andre samling, flyttet" in page(url))


def search_locations(base: str) -> set[str]:
    try:
        with urllib.request.urlopen(base + "search/search_index.json", timeout=3) as response:
            docs = json.load(response)["docs"]
    except (OSError, ValueError):
        return set()
    return {d["location"].split("#")[0] for d in docs}


def test_preview_rebuilds_a_saved_page_and_everything_shared(mini: Path, tmp_path: Path) -> None:
    """Saving a page rebuilds that page (quick), and search still finds every page; a change
    that other pages show (data, a page title) reaches those pages too."""
    log_path = tmp_path / "serve.log"
    page_file = mini / "docs" / "teori" / "kultur.md"
    with previewing(mini, log_path) as (process, base):
        culture, schedule, roles = base + "teori/kultur/", base + "samlinger/", base + "teori/roller/"
        assert wait_for(lambda: "Andre samling" in page(schedule))
        every_page = search_locations(base)
        assert {"teori/kultur/", "samlinger/", ""} <= every_page

        page_file.write_text(
            page_file.read_text(encoding="utf-8") + "\nKultur spiser strategi.\n", encoding="utf-8"
        )
        assert wait_for(lambda: "Kultur spiser strategi." in page(culture))
        assert search_locations(base) == every_page

        heading = mini / "docs" / "samlinger" / "samling-2.md"  # its heading must match the data
        heading.write_text(heading.read_text(encoding="utf-8").replace("Andre samling", "Andre samling, ny"))
        data = mini / "curriculum" / "samlinger.yml"
        data.write_text(
            data.read_text(encoding="utf-8").replace("title: Andre samling", "title: Andre samling, ny"),
            encoding="utf-8",
        )
        assert wait_for(lambda: "Andre samling, ny" in page(schedule))  # a page nobody saved

        page_file.write_text(
            page_file.read_text(encoding="utf-8").replace("# Kultur", "# Kultur og verdier"), encoding="utf-8"
        )
        assert wait_for(lambda: "Kultur og verdier" in page(roles))  # in the other page's navigation
        assert search_locations(base) == every_page

        data.write_text(
            data.read_text(encoding="utf-8").replace("room: Storsalen", "room: Lillesalen"), encoding="utf-8"
        )  # samling-2.md itself is as it was at its last rebuild
        assert wait_for(lambda: "Lillesalen" in page(base + "samlinger/samling-2/"))
        assert process.poll() is None
        assert "'dirty' build" not in log_path.read_text(encoding="utf-8")
        process.terminate()  # as a service manager stops it: the MkDocs server goes with it
        process.wait(timeout=10)
        assert wait_for(lambda: page(base) == "", seconds=10)


@dataclass
class Mistake:
    name: str
    file: str
    old: str
    new: str
    shown: str  # what the problem page says (file:line and the start of the message)


def mistakes(root: Path) -> list[Mistake]:
    title_line = (root / "curriculum" / "samlinger.yml").read_text(encoding="utf-8").splitlines().index(
        "  title: Andre samling"
    ) + 1
    page, call = "docs/samlinger/samling-2.md", '{{ agenda("samling-2") }}'
    return [
        Mistake(
            "YAML",
            "curriculum/samlinger.yml",
            "  title: Andre samling",
            '  title: "Andre samling',
            f"curriculum/samlinger.yml:{title_line}: YAML-syntaksfeil",
        ),
        Mistake(
            "ukjent id", page, call, '{{ agenda("finnes-ikke") }}', f"{page}:3: ukjent samling «finnes-ikke»"
        ),
        Mistake(
            "feil argument",
            page,
            call,
            '{{ agenda("samling-2", farge="rød") }}',
            f"{page}:3: makroen «agenda» har ikke argumentet «farge»",
        ),
        Mistake(
            "ukjent makro",
            page,
            call,
            call + "\n\n{{ finnes_ikke() }}",
            f"{page}:5: ukjent makro eller variabel «finnes_ikke»",
        ),
        Mistake(
            "udefinert navn",
            page,
            call,
            call + "\n\n{{ ukjent }}",
            f"{page}:5: ukjent makro eller variabel «ukjent»",
        ),
        Mistake(
            "overskrift",
            page,
            "# Samling 2: Andre samling",
            "# Samling 2: Feil tittel",
            f"{page}:1: overskriften stemmer ikke med samlingen",
        ),
        Mistake(
            "lenke",
            page,
            call,
            call + "\n\n[Programmet](finnes-ikke.md)",
            f"{page}:5: lenken går til «finnes-ikke.md», som ikke finnes",
        ),
        Mistake(
            "script",
            page,
            call,
            call + "\n\n<script>alert(1)</script>",
            f"{page}:5: HTML-elementet <script> er ikke tillatt",
        ),
        # Only MkDocs finds this one today (the checks do not read the navigation): its own words
        Mistake(
            "nav",
            "mkdocs.yml",
            "hooks:",
            "nav:\n  - samlinger/finnes-ikke.md\nhooks:",
            "samlinger/finnes-ikke.md",
        ),
    ]


def check_lines(root: Path) -> set[str]:
    """What `make check` says, without its summary line."""
    done = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(root)], capture_output=True, text=True
    )
    return set(done.stderr.strip().splitlines()[:-1])


def shown_lines(tab: Page) -> set[str]:
    return {line.strip() for line in tab.locator(".lp-feil li").all_inner_texts()}


@pytest.mark.browser
def test_preview_shows_every_mistake_in_norwegian_and_recovers(
    mini: Path, tmp_path: Path, browser: Browser
) -> None:
    """A tab open on a page switches by itself to a Norwegian page with make check's lines when a
    mistake is saved, and back to the page when it is fixed; no request hangs meanwhile."""
    log_path = tmp_path / "serve.log"
    seconds: dict[str, tuple[float, float]] = {}
    with previewing(mini, log_path) as (process, base):
        url = base + "samlinger/samling-2/"
        assert wait_for(lambda: "Andre samling" in page(url))
        tab = browser.new_page()
        tab.goto(url)
        expect(tab.locator("h1")).to_contain_text("Andre samling")
        for mistake in mistakes(mini):
            path = mini / mistake.file
            original = path.read_text(encoding="utf-8")
            assert mistake.old in original, mistake.name
            started = time.monotonic()
            path.write_text(original.replace(mistake.old, mistake.new, 1), encoding="utf-8")
            expect(tab.locator(".lp-feil"), mistake.name).to_contain_text(mistake.shown, timeout=15_000)
            to_error = time.monotonic() - started
            status, text = answer(base + "teori/kultur/")  # any address, at once
            assert status == 503 and mistake.shown.split(":")[0] in html.unescape(text), mistake.name
            checked = check_lines(mini)
            if checked:  # the very lines of make check
                assert shown_lines(tab) == checked, mistake.name
                expect(tab.locator("h1")).to_have_text(re.compile(r"Forhåndsvisningen fant \d+ feil"))
            else:  # what only MkDocs finds, in its words
                expect(tab.locator("h1")).to_have_text("MkDocs kunne ikke bygge forhåndsvisningen")
            started = time.monotonic()
            path.write_text(original, encoding="utf-8")
            expect(tab.locator("h1"), mistake.name).to_contain_text(
                "Samling 2: Andre samling", timeout=15_000
            )
            seconds[mistake.name] = (to_error, time.monotonic() - started)
        assert process.poll() is None
        tab.close()
    print(
        "\nsekunder fra lagring til feilside og tilbake:",
        {k: (round(a, 1), round(b, 1)) for k, (a, b) in seconds.items()},
    )
    assert all(a < 10 and b < 10 for a, b in seconds.values()), seconds
    log = log_path.read_text(encoding="utf-8")
    for mistake in mistakes(mini):
        assert mistake.shown in log, mistake.name  # the terminal has the same lines
    for noise in ("Traceback", "ERROR", "WARNING", "INFO", "Aborted"):
        assert noise not in log, noise


def test_preview_recovers_after_a_failed_first_build(mini: Path, tmp_path: Path) -> None:
    """Started with a mistake in a page and one only MkDocs finds: each shows in turn, and the
    site comes back once both are fixed, without a restart by hand."""
    page_file, config = mini / "docs" / "samlinger" / "samling-2.md", mini / "mkdocs.yml"
    page_text, config_text = page_file.read_text(encoding="utf-8"), config.read_text(encoding="utf-8")
    page_file.write_text(page_text.replace('agenda("samling-2")', 'agenda("finnes-ikke")'), encoding="utf-8")
    config.write_text(
        config_text.replace("hooks:", "nav:\n  - samlinger/finnes-ikke.md\nhooks:"), encoding="utf-8"
    )
    with previewing(mini, tmp_path / "serve.log") as (process, base):
        url = base + "samlinger/samling-2/"
        assert wait_for(lambda: "ukjent samling «finnes-ikke»" in answer(url)[1], seconds=20)
        page_file.write_text(page_text, encoding="utf-8")
        assert wait_for(lambda: "samlinger/finnes-ikke.md" in answer(url)[1], seconds=20)
        config.write_text(config_text, encoding="utf-8")
        assert wait_for(lambda: answer(url)[0] == 200, seconds=20)
        assert "Andre samling" in page(url)
        assert process.poll() is None
