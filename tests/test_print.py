"""Paper and PDF: print styles in real Chromium, the tagged PDF of `make pdf`, and `make offline`.

What only a screen can use (menus, footer bars, calendar files, the box that depends on
today's date) is left out of print; headings stay with what follows them and a day's
programme, the deadlines and every row stay together on one sheet. The PDF is tagged, has
the headings as bookmarks, and goes into the offline zip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import ROOT
from .test_participant import DEADLINES, SCHEDULED, days_of, long_text, url_of

pytestmark = pytest.mark.browser
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext") and shutil.which("pdftohtml")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils mangler: kjør scripts/ensure-poppler")

SCREEN_ONLY = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-footer",
    ".lp-footer-links",
    ".lp-neste",
    "article a[href$='.ics']",
]


def test_printing_leaves_out_what_only_a_screen_can_use(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.clock.set_fixed_time(f"{SCHEDULED[0].start.isoformat()}T08:00:00")  # the box has something to say
    page.goto(server + url_of(SCHEDULED[0].page))
    page.locator(".lp-neste").first.wait_for()
    for selector in SCREEN_ONLY:
        assert page.locator(selector).first.is_visible(), selector
    page.emulate_media(media="print")
    for selector in SCREEN_ONLY:
        shown = page.locator(selector).evaluate_all(
            "els => els.filter(e => e.getClientRects().length).length"
        )
        assert shown == 0, selector
    assert page.locator("article h1").is_visible() and page.locator("article table").first.is_visible()
    kept = page.evaluate("""() => ({
      headings: [...document.querySelectorAll('article h2, article h3')]
        .map(h => getComputedStyle(h).breakAfter),
      tables: [...document.querySelectorAll('article table')].map(t => getComputedStyle(t).breakInside),
      rows: [...document.querySelectorAll('article tr')].map(r => getComputedStyle(r).breakInside),
      afterHeading: [...document.querySelectorAll('article h3 + *')]
        .map(e => getComputedStyle(e).breakBefore),
    })""")
    assert (
        set(kept["headings"]) == {"avoid"}
        and set(kept["tables"]) == {"avoid"}
        and set(kept["rows"]) == {"avoid"}
    )
    assert set(kept["afterHeading"]) == {"avoid"}
    page.close()


def make_pdf(site: Path) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "print_pdf.py"), str(site)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return next(site.rglob("lederprogram.pdf"))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make pdf` makes: the site built with LEDERPROGRAM_PDF=true, printed by the script."""
    site = tmp_path_factory.mktemp("pdf") / "site"
    env = {**os.environ, "LEDERPROGRAM_PDF": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return make_pdf(site)


def pages_text(pdf: Path) -> list[str]:
    """The text of each page, whitespace collapsed."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def outline(pdf: Path) -> list[str]:
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(item.split()) for item in re.findall(r"<item page=\"\d+\">(.*?)</item>", xml, re.DOTALL)]


@needs_poppler
def test_pdf_is_tagged_with_the_headings_as_bookmarks(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    structure = subprocess.run(["pdfinfo", "-struct", str(pdf)], capture_output=True, text=True).stdout
    for tag in ("H1", "H2", "Table", "TH", "TD", "L", "LI", "Link"):
        assert re.search(rf"^\s*{tag}\b", structure, re.MULTILINE), tag
    marks = outline(pdf)
    assert marks[0] == "Hele programmet"
    for g in SCHEDULED:
        assert f"Samling {g.number}: {' '.join(g.title.split())}" in marks, g.id
        for day in days_of(g):
            assert f"Dag {(day - g.start).days + 1}: {long_text(day)}" in marks, (g.id, day)


@needs_poppler
def test_pdf_keeps_each_day_and_the_deadlines_on_one_page(pdf: Path) -> None:
    """A day's heading and every session's time are on one page; so is every deadline."""
    pages = pages_text(pdf)
    for g in SCHEDULED:
        for day, sessions in days_of(g).items():
            heading = f"Dag {(day - g.start).days + 1}: {long_text(day)}"
            times = [f"{s.start:%H.%M}–{s.end:%H.%M}" for s in sessions]
            holding = [i for i, text in enumerate(pages) if heading in text]
            assert len(holding) == 1, (g.id, heading)
            assert all(t in pages[holding[0]] for t in times), (g.id, heading, times)
    # The deadlines: counted by the type column of the print page's table (the titles wrap).
    html = next(pdf.parent.glob("index.html")).read_text(encoding="utf-8")
    table = re.search(r'<h2 id="frister".*?<tbody>(.*?)</tbody>', html, re.DOTALL)[1]
    rows = [
        re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    ]
    assert len(rows) == len(DEADLINES)
    kinds = {row[2]: sum(r[2] == row[2] for r in rows) for row in rows}
    holding = [i for i, text in enumerate(pages) if re.search(r"(^| )Frister Frist Hva Type Samling ", text)]
    assert len(holding) == 1
    for kind, count in kinds.items():
        assert pages[holding[0]].count(kind) >= count, (kind, count)
    whole = " ".join(pages)
    assert "Tilgjengelighetserklæring" not in whole and ".ics" not in whole and "Neste samling" not in whole


@needs_poppler
def test_make_offline_puts_the_tagged_pdf_in_the_zip(tmp_path: Path) -> None:
    """The Makefile's own recipe (its venv taken as it is: -o keeps make from reinstalling it)."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.ready", "offline", f"DIST={tmp_path}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    archive = tmp_path / "lederprogram-offline.zip"
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        assert "lederprogram/praktisk/lederprogram.pdf" in names
        assert 'href="lederprogram.pdf"' in z.read("lederprogram/praktisk/utskrift.html").decode("utf-8")
        z.extract("lederprogram/praktisk/lederprogram.pdf", tmp_path / "ut")
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "ut" / "lederprogram" / "praktisk" / "lederprogram.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
