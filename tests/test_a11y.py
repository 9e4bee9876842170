"""Universal design and privacy on every page of the built site, in real Chromium.

Every page is visited in light and dark palette at 1280 and 320 px. On each visit axe-core
(the copy shipped in axe-playwright-python) checks WCAG 2.1 A and AA, and the same visit
records every request, the cookies, the page width and the link to the accessibility statement.
The four combinations run side by side, each in its own browser context with one reused tab.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python
import pytest
from playwright.async_api import Browser as AsyncBrowser
from playwright.async_api import async_playwright
from playwright.sync_api import Browser, Page

from .conftest import CHROMIUM, FLAGS, ROOT
from .test_participant import SCHEDULED, url_of

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COMBINATIONS = [("light", 1280), ("light", 320), ("dark", 1280), ("dark", 320)]
PALETTES = {"light": "default", "dark": "slate"}  # Material's name for each scheme
STATEMENT = "om/tilgjengelighet/"
GATHERING = url_of(SCHEDULED[0].page)  # a page with an agenda table, whichever gathering comes first
AXE_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
                                     targets: v.nodes.map(n => n.target.join(" "))})))"""
PAGE_FACTS = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  palette: document.body.dataset.mdColorScheme,
  statementLinks: [...document.querySelectorAll("nav.lp-footer-links a")]
    .filter(a => a.href.endsWith("/STATEMENT")).length,
})""".replace("STATEMENT", STATEMENT)


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as a path relative to its root ("" is the front page)."""
    return [
        html.relative_to(site).as_posix().removesuffix("index.html")
        for html in sorted(site.rglob("*.html"))
        if html.relative_to(site).parts[0] not in ("assets", "javascripts", "stylesheets", "search")
    ]


@dataclass
class Visit:
    path: str
    scheme: str
    width: int
    violations: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    cookies: int = 0
    facts: dict = field(default_factory=dict)


async def visit_all(
    browser: AsyncBrowser, server: str, paths: list[str], scheme: str, width: int
) -> list[Visit]:
    own = urlparse(server).netloc
    context = await browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = await context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    visits = []
    for path in paths:
        requested.clear()
        await page.goto(server + path, wait_until="load")
        await page.add_script_tag(path=str(AXE))
        visit = Visit(path, scheme, width, violations=await page.evaluate(AXE_RUN, TAGS))
        visit.facts = await page.evaluate(PAGE_FACTS)
        visit.cookies = len(await context.cookies())
        visit.requests = list(requested)
        visit.foreign = [
            u for u in requested if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != own
        ]
        visits.append(visit)
    await context.close()
    return visits


async def audit(server: str, paths: list[str]) -> list[Visit]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        runs = await asyncio.gather(*(visit_all(browser, server, paths, s, w) for s, w in COMBINATIONS))
        await browser.close()
    return [visit for run in runs for visit in run]


@pytest.fixture(scope="module")
def visits(real_site: Path, server: str) -> list[Visit]:
    paths = site_pages(real_site)
    docs = ROOT / "docs"
    assert {url_of(md.relative_to(docs).as_posix()) for md in docs.rglob("*.md")} <= set(paths)  # every page
    # Its own thread, so its event loop never meets the sync Playwright of the other tests.
    with ThreadPoolExecutor(1) as pool:
        found = pool.submit(asyncio.run, audit(server, paths)).result()
    print(
        f"\n{len(paths)} sider × 2 paletter × 2 bredder = {len(found)} besøk; "
        f"axe-brudd: {sum(len(v.violations) for v in found)}; "
        f"forespørsler: {sum(len(v.requests) for v in found)}, "
        f"til andre verter: {sum(len(v.foreign) for v in found)}; "
        f"informasjonskapsler: {sum(v.cookies for v in found)}"
    )
    return found


def test_every_page_in_both_palettes_at_both_widths(visits: list[Visit], real_site: Path) -> None:
    pages = set(site_pages(real_site))
    for scheme, width in COMBINATIONS:
        seen = [v for v in visits if (v.scheme, v.width) == (scheme, width)]
        assert {v.path for v in seen} == pages
        assert {v.facts["palette"] for v in seen} == {PALETTES[scheme]}


def test_no_axe_violations(visits: list[Visit]) -> None:
    summary = [
        f"/{v.path} [{v.scheme}, {v.width} px] {rule['id']} ({rule['impact']}): "
        f"{', '.join(rule['targets'][:5])}"
        for v in visits
        for rule in v.violations
    ]
    assert not summary, f"{len(summary)} brudd:\n" + "\n".join(summary)


def test_only_own_host_and_no_cookies(visits: list[Visit]) -> None:
    assert all(v.requests for v in visits)
    assert [f"/{v.path}: {url}" for v in visits for url in v.foreign] == []
    assert [f"/{v.path}" for v in visits if v.cookies] == []


def test_no_horizontal_scroll_at_320(visits: list[Visit]) -> None:
    narrow = [v for v in visits if v.width == 320]
    assert narrow and all(v.facts["clientWidth"] == 320 for v in narrow)
    wide = [
        f"/{v.path} [{v.scheme}]: {v.facts['scrollWidth']} px"
        for v in narrow
        if v.facts["scrollWidth"] > v.facts["clientWidth"]
    ]
    assert wide == []


def test_every_page_links_to_the_accessibility_statement(visits: list[Visit]) -> None:
    assert [f"/{v.path}" for v in visits if v.facts["statementLinks"] != 1] == []


# Keyboard: a fresh page each, the way a reader arrives.


def focused(page: Page) -> dict:
    return page.evaluate("""() => {
      const el = document.activeElement;
      // Material's toggles are hidden inputs whose label, next to them, shows the focus.
      const shown = el.matches(".md-option") ? el.nextElementSibling : el;
      const style = getComputedStyle(shown);
      return {tag: el.tagName, cls: el.className, href: el.getAttribute("href") || "",
              text: el.textContent.trim(), inArticle: !!el.closest("article"),
              outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
              shadow: style.boxShadow !== "none", visible: style.opacity === "1" &&
              shown.getBoundingClientRect().width > 0}
    }""")


@pytest.mark.parametrize("width", [1280, 320])
def test_first_tab_reaches_the_skip_link(server: str, browser: Browser, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + GATHERING)
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)  # Material fades the skip link in
    skip = focused(page)
    assert "md-skip" in skip["cls"].split() and skip["text"] == "Gå til innhold", skip
    assert skip["visible"] and (skip["outline"] or skip["shadow"]), skip
    page.keyboard.press("Enter")
    assert page.evaluate("decodeURIComponent(location.hash)") == skip["href"]
    page.keyboard.press("Tab")
    assert focused(page)["inArticle"], "Tab etter «Gå til innhold» skal lande i innholdet"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_is_always_visible(server: str, browser: Browser, scheme: str) -> None:
    """Tab through the start of a page: every focused element shows an outline or a shadow."""
    page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page.goto(server + GATHERING)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        state = focused(page)
        seen.append(state)
        assert state["outline"] or state["shadow"], f"fokus synes ikke: {state}"
    assert sum(s["tag"] == "A" for s in seen) > 30
    assert any(s["inArticle"] for s in seen)
    page.close()


def test_palette_toggle_switches_and_is_named_in_norwegian(server: str, browser: Browser) -> None:
    page = browser.new_page(color_scheme="light")
    page.goto(server)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    toggle = page.locator("form[data-md-component=palette] label:visible")
    # The focusable control is the checked radio; its name says what pressing it does.
    for scheme, name in [("slate", "Bytt til lys modus"), ("default", "Bytt til mørk modus")]:
        toggle.click()
        assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
        assert page.get_by_role("radio", name=name).is_checked()
    page.close()


def test_search_dialog_has_a_name(server: str, browser: Browser) -> None:
    """Material's search dialog is unnamed (Lighthouse's aria-dialog-name, an axe best-practice
    rule outside the WCAG tags); our theme names it."""
    page = browser.new_page()
    page.goto(server)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""() => axe.run(document, {runOnly: {type: "rule", values: ["aria-dialog-name"]}})
        .then(r => ({violations: r.violations.length, passes: r.passes.length}))""")
    assert found == {"violations": 0, "passes": 1}
    assert page.get_by_role("dialog", name="Søk", include_hidden=True).count() == 1
    page.close()


def test_wide_table_scrolls_in_its_own_box_reachable_by_keyboard(server: str, browser: Browser) -> None:
    """Above the phone width a table wider than the column scrolls in its own named, focusable box
    (the coverage matrix on the requirements page is the widest); on a phone tables are cards
    (tests/test_mobile.py) and no box is a tab stop."""
    page = browser.new_page(viewport={"width": 760, "height": 800})
    page.goto(server + "om/krav-og-mal/")
    boxes = page.locator(".md-typeset__scrollwrap[tabindex='0']")
    page.wait_for_function("() => document.querySelector('.md-typeset__scrollwrap[tabindex]')")
    box = boxes.first
    assert box.get_attribute("role") == "region" and box.get_attribute("aria-label")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=box.element_handle())
    page.set_viewport_size({"width": 320, "height": 800})
    page.wait_for_function("() => !document.querySelector('.md-typeset__scrollwrap[tabindex]')")
    page.close()


def test_statement_names_the_axe_version_that_tests_it() -> None:
    version = re.search(r"axe v(\d+\.\d+\.\d+)", AXE.read_text(encoding="utf-8")[:200]).group(1)
    statement = (ROOT / "docs" / "om" / "tilgjengelighet.md").read_text(encoding="utf-8")
    assert f"axe-core {version}" in statement
