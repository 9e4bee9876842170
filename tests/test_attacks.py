"""Careless and hostile edits (issue 16): every attack in tests/attacks.yml is refused by the
checks with the page, the line and a Norwegian message, nothing in it runs, and what the
sanitiser would publish from it is harmless, also in a real browser. Files that may not be
published (symbolic links, HTML, scripts in the wrong place) are refused by the checks and
by the build itself."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import Browser
from ruamel.yaml import YAML

from macros.__main__ import run_checks
from macros.published import to_html
from macros.sanitise import clean, violations

from .conftest import ROOT, serving

CASES = YAML(typ="safe").load((Path(__file__).parent / "attacks.yml").read_text(encoding="utf-8"))
HTML_CASES = [c for c in CASES if c.get("html")]
PAGE = "docs/teori/kultur.md"
# What must never be in published HTML: elements and attributes that run, load or send.
DANGER = (
    r"<(script|iframe|object|embed|meta|base|form|link|style|math|noscript|textarea|template|animate)\b"
    r"|\son[a-z]+\s*=|javascript:|vbscript:|data:|formaction|xlink:href|autofocus|evil\.example"
)


def payload(case: dict) -> str:
    if "nested_list" in case:
        return "\n".join("  " * level + "- x" for level in range(case["nested_list"]))
    if "page_repeat" in case:
        start, times, end = case["page_repeat"]
        return start * times + end
    return case.get("page", "Tekst.")


def apply(case: dict, root: Path) -> None:
    path = root / PAGE
    text = path.read_text(encoding="utf-8").replace("Tekst.", payload(case))
    if "front" in case:
        text = f"---\n{case['front']}\n---\n{text}"
    path.write_text(text, encoding="utf-8")


def test_the_corpus_is_large() -> None:
    assert len(CASES) >= 60 and len(HTML_CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_attack_is_refused_and_nothing_runs(case: dict, mini: Path) -> None:
    apply(case, mini)
    started = time.perf_counter()
    _, problems = run_checks(mini)
    assert time.perf_counter() - started < 20  # no loop runs, no nesting recursion
    found = [str(p) for p in problems]
    expect = case["expect"]
    if expect[0].isdigit():
        assert any(line.startswith(f"{PAGE}:{expect}") for line in found), "\n".join(found)
    else:
        assert any(line.startswith(PAGE) and expect in line for line in found), "\n".join(found)
    assert not (mini / "PWNED").exists() and not Path("PWNED").exists()


@pytest.mark.parametrize("case", HTML_CASES, ids=[c["name"] for c in HTML_CASES])
def test_sanitiser_alone_makes_it_harmless(case: dict) -> None:
    import re

    published = clean(to_html(ROOT, payload(case)))
    markup = re.sub(r"(^|>)[^<]*", r"\1", published)  # text (escaped, shown as text) left out
    assert not re.search(DANGER, markup, re.IGNORECASE), published
    assert violations(published) == []


@pytest.mark.browser
def test_sanitised_payloads_do_nothing_in_chromium(browser: Browser, tmp_path: Path) -> None:
    """All payloads on one page, raw and sanitised: the raw page must misbehave (so the test can
    fail), the sanitised one must open no dialog and request nothing from another host."""
    raw = "\n".join(to_html(ROOT, payload(c)) for c in HTML_CASES)
    (tmp_path / "raw.html").write_text(f"<!doctype html><title>r</title><body>{raw}", encoding="utf-8")
    (tmp_path / "clean.html").write_text(
        f"<!doctype html><title>c</title><body>{clean(raw)}", encoding="utf-8"
    )
    with serving(tmp_path) as base:
        seen = {name: visit(browser, f"{base}/{name}.html") for name in ("raw", "clean")}
    assert seen["raw"]["dialogs"] or seen["raw"]["foreign"], seen["raw"]
    assert seen["clean"] == {"dialogs": [], "foreign": [], "url": f"{base}/clean.html"}


def visit(browser: Browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    foreign: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route(
        "**/*",
        lambda route: (
            (foreign.append(route.request.url), route.abort())
            if not route.request.url.startswith(url.rsplit("/", 1)[0])
            else route.continue_()
        ),
    )
    page.goto(url)
    page.mouse.move(10, 10)
    page.keyboard.press("Tab")
    page.wait_for_timeout(700)
    result = {"dialogs": dialogs, "foreign": foreign, "url": page.url}
    context.close()
    return result


def plain_mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` without ``make check`` first: the preview and the engine's own path."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "out")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )


@pytest.mark.build
@pytest.mark.parametrize(
    "name",
    [
        "reaching Python's internals through lipsum",
        "svg with onload, no space",
        "entity-encoded javascript in a Markdown link",
        "meta refresh",
    ],
)
def test_the_build_refuses_without_the_checks(name: str, mini: Path) -> None:
    apply(next(c for c in CASES if c["name"] == name), mini)
    result = plain_mkdocs_build(mini)
    assert result.returncode != 0
    assert "Nettstedet kan ikke bygges" in result.stderr and PAGE in result.stderr, result.stderr[-2000:]
    assert not (mini / "PWNED").exists()
    assert not (mini / "out" / "teori" / "kultur" / "index.html").exists()


def file_attack(root: Path, kind: str) -> None:
    teori = root / "docs" / "teori"
    if kind == "symlinked page":
        (teori / "vertsfil.md").symlink_to("/etc/hosts")
    elif kind == "symlinked file":
        (teori / "passwd.txt").symlink_to("/etc/passwd")
    elif kind == "symlinked folder":
        (root / "docs" / "etc").symlink_to("/etc")
    elif kind == "html and script":
        (teori / "x.html").write_text("<script src='x.js'></script>", encoding="utf-8")
        (teori / "x.js").write_text("alert(1)", encoding="utf-8")
    elif kind == "svg image":
        (root / "docs" / "bilder").mkdir()
        (root / "docs" / "bilder" / "x.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")


FILE_ATTACKS = {
    "symlinked page": ["docs/teori/vertsfil.md: symbolske lenker publiseres ikke"],
    "symlinked file": ["docs/teori/passwd.txt: symbolske lenker publiseres ikke"],
    "symlinked folder": ["docs/etc: symbolske lenker publiseres ikke"],
    "html and script": [
        "docs/teori/x.html: filtypen publiseres ikke",
        "docs/teori/x.js: filtypen publiseres ikke",
    ],
    "svg image": ["docs/bilder/x.svg: filtypen publiseres ikke"],
}


@pytest.mark.build
@pytest.mark.parametrize("kind", FILE_ATTACKS)
def test_files_that_may_not_be_published(kind: str, mini: Path) -> None:
    file_attack(mini, kind)
    _, problems = run_checks(mini)
    found = [str(p) for p in problems]
    for expected in FILE_ATTACKS[kind]:
        assert any(line.startswith(expected) for line in found), "\n".join(found)
    result = plain_mkdocs_build(mini)
    assert result.returncode != 0 and FILE_ATTACKS[kind][0].split(":")[0] in result.stderr, result.stderr[
        -2000:
    ]
    hosts = Path("/etc/hosts").read_text(encoding="utf-8").strip().splitlines()[0]
    assert not any(hosts in p.read_text(errors="replace") for p in (mini / "out").rglob("*") if p.is_file())


@pytest.mark.build
def test_images_in_bilder_are_published(mini: Path) -> None:
    (mini / "docs" / "bilder").mkdir()
    (mini / "docs" / "bilder" / "kart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    apply({"page": "![Kart over Røros](../bilder/kart.png)"}, mini)
    assert [str(p) for p in run_checks(mini)[1]] == []


def test_search_index_is_read_for_personal_data(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from macros.engines.mkdocs_hooks import on_post_build

    (tmp_path / "site" / "search").mkdir(parents=True)
    (tmp_path / "site" / "search" / "search_index.json").write_text(
        '{"docs": [{"location": "a/", "title": "A", "text": "<p>Skriv til ola&#64;roros.kommune.no</p>"}]}',
        encoding="utf-8",
    )
    config = SimpleNamespace(site_dir=str(tmp_path / "site"), config_file_path=str(tmp_path / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"ola@roros\.kommune\.no"):
        on_post_build(config)


def test_a_cached_check_reports_the_same(mini: Path) -> None:
    """The published check is cached in .cache/published.json; a second run says the same."""
    apply(next(c for c in CASES if c["name"] == "meta refresh"), mini)
    first = [str(p) for p in run_checks(mini)[1]]
    assert (mini / ".cache" / "published.json").is_file()
    assert [str(p) for p in run_checks(mini)[1]] == first and first


@pytest.mark.build
def test_zensical_output_is_held_to_the_allowlist(tmp_path: Path) -> None:
    from macros.engines.zensical_build import unsafe_articles

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        "<html><body><article class='md-content'><p>Tekst</p><img src=x onerror=alert(1)></article>"
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text(
        "<article><p>Ren</p></article><script>ok()</script>", encoding="utf-8"
    )
    assert sorted(unsafe_articles(tmp_path)) == [
        "a/index.html: attributtet onerror= på <img> er ikke tillatt på sidene",
        "a/index.html: et bilde må være en .png-, .jpg-, .gif- eller .webp-fil i docs/bilder/",
    ]
