"""The same sources build with Zensical (Material's successor) and say the same thing.

The comparison is page by page: the set of pages, the text of each page's main ``<article>``
(whitespace normalised) and where each link in it leads. Theme differences that are allowed
are listed in ALLOWED below; with Zensical 0.0.73 and this site there are none: the permalink
sign (¶, from the Markdown ``toc`` extension), headings, tables and macro output come out the
same, and the site has no edit buttons (no ``repo_url``). Zensical adds an empty
``<a id="__skip">`` inside the article, which has no text and no link, so it needs no entry.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from macros.curriculum import curriculum_once
from macros.engines.zensical_build import build_with_zensical

from .conftest import ROOT

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast

# (pattern, reason): text removed from both builds' article text before comparing.
ALLOWED: tuple[tuple[str, str], ...] = ()

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Article(HTMLParser):
    """Text and link targets inside the first <article> element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.done = False
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "article" and self.depth == 0:
            self.depth = 1
        elif self.depth and tag not in VOID:
            self.depth += 1
        if self.depth and tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def article(site: Path, page: Path) -> tuple[str, list[str]]:
    """Normalised article text, and every link resolved against the page's own address."""
    parser = Article()
    parser.feed(page.read_text(encoding="utf-8"))
    text = " ".join(" ".join(parser.text).split())
    for pattern, _reason in ALLOWED:
        text = re.sub(pattern, "", text)
    base = "http://portal.invalid/" + page.relative_to(site).as_posix().removesuffix("index.html")
    return text, [urljoin(base, href) for href in parser.links]


def html_pages(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*.html"))


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built by ``python -m macros build --engine zensical``."""
    site = tmp_path_factory.mktemp("zensical") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--engine", "zensical", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "med Zensical" in result.stdout
    return site


def test_both_engines_build_the_same_pages(real_site: Path, zensical_site: Path) -> None:
    pages = html_pages(real_site)
    assert len(pages) >= 40
    assert html_pages(zensical_site) == pages


def test_every_article_says_the_same(real_site: Path, zensical_site: Path) -> None:
    different = []
    for page in html_pages(real_site):
        text, links = article(real_site, real_site / page)
        z_text, z_links = article(zensical_site, zensical_site / page)
        assert text, f"{page}: fant ingen tekst i <article>"
        if (text, links) != (z_text, z_links):
            different.append(
                (str(page), first_difference(text, z_text), first_link_difference(links, z_links))
            )
    assert different == []


def first_difference(a: str, b: str) -> str:
    if a == b:
        return ""
    i = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"MkDocs: …{a[max(0, i - 40) : i + 40]}… / Zensical: …{b[max(0, i - 40) : i + 40]}…"


def first_link_difference(a: list[str], b: list[str]) -> str:
    pairs = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    return "" if a == b else f"{len(a)} mot {len(b)} lenker, først ulike: {pairs[:1]}"


def test_component_links_point_to_the_right_page(zensical_site: Path) -> None:
    # The components link relative to the calling page; Zensical gives that page as page.path.
    _, links = article(zensical_site, zensical_site / "om" / "krav-og-mal" / "index.html")
    assert "http://portal.invalid/om/krav-og-mal/#gm-tilhorighet" in links


def test_zensical_build_loads_nothing_from_outside(zensical_site: Path) -> None:
    for page in html_pages(zensical_site):
        html = (zensical_site / page).read_text(encoding="utf-8")
        loads = re.findall(r'(?:src|href)="(https?:)?//([^"/]+)', html)
        assert loads == [], (page, loads)
        assert '<html lang="nb"' in html and "fonts.googleapis" not in html, page


def test_zensical_build_is_reproducible(zensical_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--engine", "zensical", "--site-dir", str(again)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for page in html_pages(zensical_site):
        assert (again / page).read_bytes() == (zensical_site / page).read_bytes(), page


def test_zensical_fails_on_a_macro_error_and_leaves_nothing_behind(mini: Path, tmp_path: Path) -> None:
    # Straight to Zensical, past our own checks: its macros extension must stop the build.
    page = mini / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ agenda("finnes-ikke") }}\n', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    before = set(mini.iterdir())
    assert build_with_zensical(mini, out, env=dict(os.environ)) != 0
    assert list(out.iterdir()) == []
    left = {p.name for p in set(mini.iterdir()) - before}
    assert left <= {".cache"}, left


def test_zensical_fails_on_an_undefined_variable(mini: Path, tmp_path: Path) -> None:
    page = mini / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ finnes_ikke }}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert build_with_zensical(mini, out, env=dict(os.environ)) != 0


def test_curriculum_is_loaded_once_until_a_file_changes(mini: Path) -> None:
    # Zensical calls define_env for every page; loading the data each time made it 14x slower.
    first = curriculum_once(mini)
    assert curriculum_once(mini) is first
    data = mini / "curriculum" / "samlinger.yml"
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = curriculum_once(mini)
    assert second is not first
    page = mini / "docs" / "index.md"  # page titles come from docs/ too
    page.write_text(page.read_text(encoding="utf-8") + "\nMer tekst.\n", encoding="utf-8")
    assert curriculum_once(mini) is not second


def test_make_site_passes_the_engine() -> None:
    def dry_run(*args: str) -> str:
        return subprocess.run(["make", "-n", "site", *args], capture_output=True, text=True, cwd=ROOT).stdout

    assert "-m macros build --engine mkdocs" in dry_run()
    assert "-m macros build --engine zensical" in dry_run("ENGINE=zensical")
