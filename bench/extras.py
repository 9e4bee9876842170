"""Two measurements on the real site that the size runs do not cover (BENCHMARKS.md):

- ``serve``: seconds from saving one page to the preview serving the rebuilt page
  (``python -m macros serve``, the command behind ``make serve``, on a copy of the project);
- ``weight``: bytes the start page and everything it loads would take gzip-compressed,
  from Chromium's list of responses.

``python -m bench.extras`` prints both.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from scripts.print_pdf import CHROMIUM, FLAGS, Quiet

from .run import EPOCH, PY, ROOT
from .synth import make_programme

PAGE = "teori/roller.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def serve_rebuild_seconds(edits: int = 3) -> list[float]:
    """Save a page with a new sentence; time until the preview serves it."""
    with tempfile.TemporaryDirectory(prefix="lederportal-serve-") as tmp:
        project = make_programme(ROOT, Path(tmp), 1)
        port = free_port()
        url = f"http://127.0.0.1:{port}/{PAGE.removesuffix('.md')}/"
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        process = subprocess.Popen(
            [PY, "-m", "macros", "serve", "--root", str(project), "--adresse", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 300
            while "<html" not in fetch(url):
                if time.monotonic() > deadline:
                    raise SystemExit("bench: the preview never served the page")
                time.sleep(0.2)
            time.sleep(2)  # let the watcher settle after the first build
            page = project / "docs" / PAGE
            seconds = []
            for n in range(edits):
                marker = f"Målepunkt {n} for forhåndsvisningen."
                started = time.perf_counter()
                page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                while marker not in fetch(url):
                    if time.perf_counter() - started > 120:
                        raise SystemExit("bench: the preview never served the edit")
                    time.sleep(0.05)
                seconds.append(time.perf_counter() - started)
                time.sleep(1)
            return seconds
        finally:
            os.killpg(process.pid, 15)
            process.wait()


def first_load_bytes() -> tuple[int, int, list[tuple[str, int]]]:
    """(gzip bytes, raw bytes, per response) for the start page of a fresh build of the real site."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="lederportal-weight-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [PY, "-m", "macros", "build", "--site-dir", str(site)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        )
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
        )
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        bodies: list[tuple[str, bytes]] = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page()
                page.on("response", lambda r: bodies.append((r.url, r.body())) if r.ok else None)
                page.goto(f"http://127.0.0.1:{httpd.server_port}/", wait_until="networkidle")
                browser.close()
        finally:
            httpd.shutdown()
        sizes = [(url, len(gzip.compress(body, 9))) for url, body in bodies]
        return sum(s for _, s in sizes), sum(len(b) for _, b in bodies), sizes


def main() -> int:
    gz, raw, sizes = first_load_bytes()
    for url, size in sorted(sizes, key=lambda x: -x[1]):
        print(f"  {size / 1000:7.1f} KB  {url.split('/', 3)[-1] or '/'}")
    print(f"first load: {len(sizes)} responses, {raw / 1000:.0f} KB, {gz / 1000:.0f} KB gzip-compressed")
    seconds = serve_rebuild_seconds()
    print(
        "serve rebuild after one page edit: "
        + ", ".join(f"{s:.2f}" for s in seconds)
        + f" s (median {sorted(seconds)[len(seconds) // 2]:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
