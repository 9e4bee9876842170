"""Live preview: data mistakes are reported and the server keeps running and recovers."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@contextmanager
def previewing(root: Path, log_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`python -m macros serve` on `root`, its output in `log_path`; yields (process, base URL)."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "macros", "serve", "--root", str(root), "--adresse", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            yield process, f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)


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
        heading.write_text(heading.read_text(encoding="utf-8").replace("Andre samling", "Andre samling, flyttet"))
        data.write_text(original.replace("title: Andre samling", "title: Andre samling, flyttet"), encoding="utf-8")
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

        page_file.write_text(page_file.read_text(encoding="utf-8") + "\nKultur spiser strategi.\n", encoding="utf-8")
        assert wait_for(lambda: "Kultur spiser strategi." in page(culture))
        assert search_locations(base) == every_page

        heading = mini / "docs" / "samlinger" / "samling-2.md"  # its heading must match the data
        heading.write_text(heading.read_text(encoding="utf-8").replace("Andre samling", "Andre samling, ny"))
        data = mini / "curriculum" / "samlinger.yml"
        data.write_text(data.read_text(encoding="utf-8").replace("title: Andre samling", "title: Andre samling, ny"),
                        encoding="utf-8")
        assert wait_for(lambda: "Andre samling, ny" in page(schedule))  # a page nobody saved

        page_file.write_text(page_file.read_text(encoding="utf-8").replace("# Kultur", "# Kultur og verdier"),
                             encoding="utf-8")
        assert wait_for(lambda: "Kultur og verdier" in page(roles))  # in the other page's navigation
        assert search_locations(base) == every_page
        assert process.poll() is None
        assert "'dirty' build" not in log_path.read_text(encoding="utf-8")
        process.terminate()  # as a service manager stops it: the MkDocs server goes with it
        process.wait(timeout=10)
        assert wait_for(lambda: page(base) == "", seconds=10)
