"""The keyboard alone, at 1280 px and at 320 px (a laptop at 400 % zoom), in real Chromium;
and finding the way: Norwegian landmark names, the editors' own section, previous and next.

Every test drives the page with key presses only and, after each one, waits for the page's
transitions to finish and asks where focus is: the focused element must be on screen, not
covered by anything, not transparent, and show a focus indicator (an outline or a shadow).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .test_participant import SCHEDULED, url_of

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]
GATHERING = url_of(SCHEDULED[0].page)
PAGES = ["", GATHERING, "pensum/", "pensum/leseplan/", "verdiprosessen/", "praktisk/begreper/"]

# Where focus is, and whether a sighted keyboard user can see it. Material's palette and menu
# toggles are hidden inputs shown by the label next to them.
FOCUS = """async () => {
  // transitions start on the next frame: wait for two, then for every running one to end
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: "BODY", visible: true, indicator: true, name: ""};
  const shown = el.matches(".md-option") ? el.nextElementSibling : el;
  const r = shown.getClientRects()[0] || shown.getBoundingClientRect();  // an inline link's first line
  const x = r.left + Math.min(r.width / 2, 8), y = r.top + Math.min(r.height / 2, 8);
  const inside = r.width > 0 && r.height > 0 && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
  const hit = inside ? document.elementFromPoint(x, y) : null;
  let opaque = true;
  for (let n = shown; n instanceof Element; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (parseFloat(s.opacity) < 0.5 || s.visibility === "hidden") opaque = false;
  }
  const style = getComputedStyle(shown);
  return {
    tag: el.tagName, cls: String(el.className), href: el.getAttribute("href") || "",
    name: (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60),
    role: el.getAttribute("role") || "",
    visible: inside && opaque && !!hit && (shown.contains(hit) || hit.contains(shown)),
    indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none",
    inDrawer: !!el.closest(".md-sidebar--primary"), inSearch: !!el.closest(".md-search"),
    inArticle: !!el.closest("article"),
  };
}"""


def press(page: Page, key: str) -> dict:
    page.keyboard.press(key)
    return page.evaluate(FOCUS)


def assert_seen(state: dict, where: str) -> None:
    assert state["visible"], f"{where}: fokus på noe som ikke synes: {state}"
    assert state["indicator"], f"{where}: fokus uten synlig markering: {state}"


def open_page(browser: Browser, url: str, width: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url)
    page.evaluate(FOCUS)
    return page


def tab_to(page: Page, predicate, limit: int = 40) -> dict:
    for _ in range(limit):
        state = press(page, "Tab")
        assert_seen(state, "på vei")
        if predicate(state):
            return state
    raise AssertionError("fant ikke elementet med Tab")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_every_tab_stop_is_visible(server: str, browser: Browser, path: str, width: int) -> None:
    """Tab from the top of the page to its end: every stop is seen; no stop is in a closed
    menu or in the closed search; the walk reaches the article and the footer."""
    page = open_page(browser, server + path, width)
    seen: list[dict] = []
    for _ in range(600):
        state = press(page, "Tab")
        if state["tag"] == "BODY" or (
            seen and state["cls"] == seen[0]["cls"] and state["href"] == seen[0]["href"]
        ):
            break
        assert_seen(state, f"/{path} ved {width} px, stopp {len(seen) + 1}")
        assert not state["inDrawer"] or width == 1280, f"lukket meny tar fokus: {state}"
        seen.append(state)
    else:
        raise AssertionError("Tab kom aldri til slutten av siden")
    page.close()
    assert any(s["inArticle"] for s in seen)
    assert any(s["name"] == "Tilgjengelighetserklæring" for s in seen)
    # The closed search box's results take no stop (Material closes search on Tab).
    assert not any("md-search__scrollwrap" in s["cls"] for s in seen)


@pytest.mark.parametrize("key", ["Enter", " "])
def test_menu_opens_from_a_real_button_and_escape_closes_it(server: str, browser: Browser, key: str) -> None:
    page = open_page(browser, server + GATHERING, 320)
    button = tab_to(page, lambda s: s["tag"] == "BUTTON" and s["name"] == "Meny")
    assert page.get_by_role("button", name="Meny", exact=True).get_attribute("aria-expanded") == "false"
    first = press(page, key)
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert (
        page.get_by_role("button", name="Meny", exact=True, include_hidden=True).get_attribute(
            "aria-expanded"
        )
        == "true"
    )
    assert first["inDrawer"], first
    assert_seen(first, "første stopp i menyen")
    # Tab stays in the open menu and shows every stop.
    names = [first["name"]]
    for _ in range(30):
        state = press(page, "Tab")
        if state["tag"] == "BODY":  # past the last stop focus goes to the browser, then back
            continue
        assert_seen(state, "i menyen")
        assert state["inDrawer"], f"Tab forlot den åpne menyen: {state}"
        names.append(state["name"])
    assert any(n.startswith(f"Samling {SCHEDULED[-1].number}") for n in names), names
    closed = press(page, "Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert (closed["tag"], closed["name"]) == (button["tag"], "Meny")
    assert_seen(closed, "etter Escape")
    page.close()


def test_menu_levels_open_and_close_by_keyboard(server: str, browser: Browser) -> None:
    """The menu's sub-levels (Modul II, a page's table of contents, back to the main menu)."""
    page = open_page(browser, server + GATHERING, 320)
    tab_to(page, lambda s: s["name"] == "Meny")
    press(page, "Enter")
    back = page.evaluate(FOCUS)
    assert back["role"] == "button" and back["name"] == "Tilbake til hovedmenyen", back
    # Into Modul II and back again
    opener = tab_to(page, lambda s: s["name"].startswith("Modul II"))
    assert opener["role"] == "button"
    inner = press(page, "Enter")
    assert inner["name"] == "Tilbake til Samlinger", inner
    assert_seen(inner, "Modul II")
    link = press(page, "Tab")
    assert link["tag"] == "A" and link["name"].startswith("Samling 7"), link
    assert_seen(link, "Modul II")
    press(page, "Shift+Tab")
    returned = press(page, " ")
    assert returned["name"].startswith("Modul II"), returned
    assert_seen(returned, "tilbake")
    # Up to the main menu, whose entries are then the only stops
    while page.evaluate(FOCUS)["name"] != "Tilbake til hovedmenyen":
        press(page, "Shift+Tab")
    top = press(page, "Enter")
    assert top["name"] == "Åpne Samlinger" and top["role"] == "button", top
    assert_seen(top, "hovedmenyen")
    names = set()
    for _ in range(14):
        state = press(page, "Tab")
        assert_seen(state, "hovedmenyen")
        names.add(state["name"].split(":")[0])
    assert {"Start", "Pensum", "Praktisk"} <= names and "Samling 1" not in names, names
    # A link in the menu opens its page
    while page.evaluate(FOCUS)["name"] != "Pensum":
        press(page, "Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pensum/")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_closing_search_returns_focus(server: str, browser: Browser, width: int) -> None:
    page = open_page(browser, server + GATHERING, width)
    if width == 320:
        before = tab_to(page, lambda s: s["tag"] == "BUTTON" and s["name"] == "Søk")
        opened = press(page, "Enter")
    else:
        before = tab_to(
            page, lambda s: s["inArticle"] and s["tag"] == "A" and not s["cls"].startswith("headerlink")
        )
        opened = press(page, "/")
    assert opened["inSearch"] and opened["tag"] == "INPUT", opened
    assert_seen(opened, "søkefeltet")
    page.keyboard.type("samling", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    after = press(page, "Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert (after["tag"], after["name"], after["href"]) == (before["tag"], before["name"], before["href"]), (
        after
    )
    assert_seen(after, "etter søket")
    page.close()


def test_palette_toggle_by_keyboard(server: str, browser: Browser) -> None:
    page = open_page(browser, server, 320)
    toggle = tab_to(page, lambda s: "md-option" in s["cls"])
    assert toggle["name"] == "" or "modus" in toggle["name"]
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    press(page, "ArrowDown")
    assert page.evaluate("document.body.dataset.mdColorScheme") != scheme
    assert_seen(page.evaluate(FOCUS), "fargevalget")
    page.close()


# Finding the way: landmarks, the editors' section, previous and next. Read from the built HTML.


def built_pages(site: Path) -> dict[str, str]:
    """Every page of the built site (its path from the root) and its HTML."""
    return {
        html.relative_to(site).as_posix().removesuffix("index.html"): html.read_text(encoding="utf-8")
        for html in sorted(site.rglob("index.html"))
        if html.relative_to(site).parts[0] not in ("assets", "search", "javascripts", "stylesheets")
    }


def test_landmarks_have_norwegian_names(real_site: Path) -> None:
    english = re.compile(r'aria-label="(Header|Footer|Navigation|Table of contents|Tabs|Search)"')
    for path, html in {
        **built_pages(real_site),
        "404.html": (real_site / "404.html").read_text(encoding="utf-8"),
    }.items():
        assert not english.findall(html), path
        assert 'class="md-header__inner md-grid" aria-label="Toppfelt"' in html, path
        assert '<nav class="lp-footer-links md-typeset" aria-label="Om nettstedet">' in html, path


def test_editor_pages_are_no_main_tab_and_are_linked_from_every_footer(real_site: Path) -> None:
    pages = built_pages(real_site)
    editors = [p for p in pages if p.startswith("redaktor/")]
    assert len(editors) >= 3
    for path, html in pages.items():
        tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.DOTALL)[0]
        drawer = re.search(
            r'<nav class="md-nav md-nav--primary.*?</nav>\s*</div>\s*</div>\s*</div>', html, re.DOTALL
        )[0]
        footer = re.search(r'<nav class="lp-footer-links.*?</nav>', html, re.DOTALL)[0]
        link = re.search(r'<a href="([^"]*)">For redaktører</a>', footer)
        assert link and posixpath.normpath(posixpath.join(path or ".", link[1])) == "redaktor", path
        if path.startswith("redaktor/"):
            # in their own section the editors find every one of their pages in the menu
            targets = {
                posixpath.normpath(posixpath.join(path, h)) + "/"
                for h in re.findall(r'href="([^"#]*)"', drawer)
            }
            assert set(editors) - {path} <= targets, (path, set(editors) - targets)
        else:
            assert "For redaktører" not in tabs and "redaktor/" not in tabs, path
            assert "For redaktører" not in drawer and "redaktor/" not in drawer, path


def test_previous_and_next_stay_within_the_section(real_site: Path) -> None:
    """The footer's previous/next links lead to a page of the same section (its folder here);
    a page outside any section (the start page) has none."""
    linked = 0
    for path, html in built_pages(real_site).items():
        for direction in ("prev", "next"):
            found = re.search(
                rf'<a href="([^"]*)" class="md-footer__link md-footer__link--{direction}"', html
            )
            if not found:
                continue
            linked += 1
            target = posixpath.normpath(posixpath.join(path or ".", found[1]))
            assert "/" in path and target.split("/")[0] == path.split("/")[0], (path, direction, target)
    assert linked >= 20


@pytest.mark.parametrize("width", WIDTHS)
def test_not_found_page_by_keyboard(server: str, browser: Browser, width: int) -> None:
    """The 404 page: a way home and a search button, both reached and used by keyboard."""
    page = open_page(browser, server + "404.html", width)  # what nginx shows (test_nginx.py tests that)
    assert page.locator("article h1").inner_text() == "Fant ikke siden"
    home = tab_to(page, lambda s: s["inArticle"] and s["name"] == "Til forsiden")
    assert home["tag"] == "A"
    search = press(page, "Tab")
    assert search["tag"] == "BUTTON" and search["name"] == "Søk i læringsportalen", search
    opened = press(page, "Enter")
    assert opened["inSearch"] and opened["tag"] == "INPUT", opened
    assert_seen(opened, "søket fra 404-siden")
    page.close()


def test_no_developer_words_on_participant_pages(real_site: Path) -> None:
    """Participants read no file names, data fields or commands; the editors' guide may."""
    jargon = re.compile(
        r"curriculum/|tests/|\.ya?ml\b|\.py\b|\bmake [a-z]|enabled:|mkdocs|\bYAML\b|pull request",
        re.IGNORECASE,
    )
    for path, html in built_pages(real_site).items():
        if path.startswith("redaktor/"):
            continue
        article = re.search(r"<article.*?</article>", html, re.DOTALL)[0]
        text = re.sub(r"<[^>]+>", " ", article)
        assert not jargon.findall(text), (path, jargon.findall(text))
