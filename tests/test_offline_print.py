"""make offline and make pdf, and printing any page, in real Chromium.

The offline zip is unpacked into a temporary folder and opened from file:// (no server): the
start page, a link to a gathering page, and a search for an inflected Norwegian word. The PDF
is made by the same script as ``make pdf`` and read back with pdftotext.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    site = work / "lederprogram"
    env = {**os.environ, "OFFLINE": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    archive = work / "lederprogram-offline.zip"
    subprocess.run(
        [sys.executable, "-m", "zipfile", "-c", str(archive), "lederprogram/"], cwd=work, check=True
    )
    return archive


def test_offline_zip_works_from_file_urls_with_search(offline_zip: Path, tmp_path: Path, browser) -> None:
    with zipfile.ZipFile(offline_zip) as z:
        z.extractall(tmp_path)
    index = tmp_path / "lederprogram" / "index.html"
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(index.as_uri())
    page.get_by_role("link", name=re.compile(r"^Samlinger")).first.click()
    page.locator("article a[href$='samling-3.html']").first.click()
    assert page.url.startswith("file://") and page.url.endswith("samlinger/samling-3.html")
    assert page.locator("h1").inner_text().startswith("Samling 3")
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially("kommunene", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    assert results.count() > 0
    assert re.search(r"\bkommunen\b", " ".join(results.all_inner_texts()).lower())
    assert [u for u in requests if not u.startswith(("file://", "data:", "about:"))] == []
    page.close()


def test_offline_zip_has_no_directory_urls_and_no_cdn(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as z:
        names = set(z.namelist())
        home = z.read("lederprogram/index.html").decode("utf-8")
    assert "lederprogram/samlinger/samling-3.html" in names
    assert "lederprogram/search/search_index.js" in names
    assert "unpkg.com" not in home and "iframe-worker-shim.js" in home


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
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
    subprocess.run([sys.executable, str(ROOT / "scripts" / "print_pdf.py"), str(site)], check=True, cwd=ROOT)
    return site


def test_pdf_has_the_whole_programme(pdf_site: Path) -> None:
    from macros.curriculum import curriculum_or_raise

    pdf = pdf_site / "praktisk" / "utskrift" / "lederprogram.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])
    assert pages >= 8
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for g in curriculum_or_raise(ROOT).scheduled():
        assert " ".join(g.title.split()) in text, g.title
    assert "Søk" not in text.split("Hele programmet", 1)[0]  # no header or search above the title
    assert "Last ned hele programmet som PDF" not in text


def test_print_page_links_the_pdf_only_when_it_was_made(pdf_site: Path, real_site: Path) -> None:
    link = 'href="lederprogram.pdf"'
    assert link in (pdf_site / "praktisk" / "utskrift" / "index.html").read_text(encoding="utf-8")
    assert link not in (real_site / "praktisk" / "utskrift" / "index.html").read_text(encoding="utf-8")
    assert not list(real_site.rglob("*.pdf"))


def test_printing_any_page_drops_navigation_and_search(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "teori/roller/")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert page.locator(selector).first.is_visible(), selector
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".md-tabs"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    page.close()
