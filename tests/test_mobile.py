"""Phones first: the real site in real Chromium at 320, 360 and 400 px (and 1280 px for contrast).

Tables become cards with their column names, nothing scrolls sideways, time ranges stay on
one line, text is at least 16 px, chart text at least 12 px or the chart gives way to its text
list, the start page's title never breaks inside a word, and what comes next is on the first
screen. Pages and expectations come from the built site and curriculum/, not from literals.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .conftest import ROOT
from .test_a11y import site_pages
from .test_participant import SCHEDULED, url_of

pytestmark = pytest.mark.browser

PHONES = [320, 360, 400]
TIME_RANGE = re.compile(r"\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}")
CHART_MIN_PX = 12
TEXT_MIN_PX = 16


def table_pages(site: Path) -> list[str]:
    """Every page of the built site with a table in its article."""
    return [
        p
        for p in site_pages(site)
        if "<table>"
        in (site / p / "index.html" if not p.endswith(".html") else site / p)
        .read_text(encoding="utf-8")
        .split("<article", 1)[-1]
    ]


@pytest.fixture(scope="module")
def with_tables(real_site: Path) -> list[str]:
    pages = table_pages(real_site)
    assert url_of(SCHEDULED[0].page) in pages and "pensum/" in pages and "verdiprosessen/" in pages
    return pages


def visit(page: Page, url: str) -> None:
    """Open a page and wait for the portal's own scripts to have run (they mark the menu button)."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(".lp-menyknapp[data-lp-koblet]", state="attached")


def phone(browser: Browser, width: int, height: int = 740) -> Page:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.clock.set_fixed_time("2016-11-20T10:00:00")  # any day: the box renders either way
    return page


TABLES = """() => [...document.querySelectorAll('article table')].map(table => {
  const names = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  const wrap = table.closest('.md-typeset__scrollwrap') || table;
  const cells = [...table.querySelectorAll('tbody tr')].flatMap(tr => [...tr.cells].map((td, i) => ({
    label: td.dataset.label || null, name: names[i] || null, text: td.textContent.trim(),
    shown: td.getClientRects().length > 0,
    before: getComputedStyle(td, '::before').content,
    size: parseFloat(getComputedStyle(td).fontSize),
    right: td.getBoundingClientRect().right,
  })));
  return {display: getComputedStyle(table).display, names, cells,
          scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          right: table.getBoundingClientRect().right};
})"""


@pytest.mark.parametrize("width", PHONES)
def test_tables_are_cards_with_column_names_and_never_scroll(
    server: str, browser: Browser, with_tables: list[str], width: int
) -> None:
    page = phone(browser, width)
    for path in with_tables:
        visit(page, server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        for table in page.evaluate(TABLES):
            assert table["display"] == "block", (path, table["names"])
            assert not table["scrolls"] and table["right"] <= width, (path, table["names"])
            for cell in table["cells"]:
                assert cell["label"] == cell["name"], (path, cell)
                if cell["shown"]:
                    assert cell["name"] in cell["before"], (path, cell)  # the column name is on screen
                    assert cell["size"] >= TEXT_MIN_PX and cell["right"] <= width, (path, cell)
                else:
                    assert not cell["text"], (path, cell)  # only empty cells are left out
    page.close()


def test_tables_stay_tables_on_a_wide_screen(server: str, browser: Browser, with_tables: list[str]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    visit(page, server + url_of(SCHEDULED[0].page))
    tables = page.evaluate(TABLES)
    assert tables and all(t["display"] != "block" for t in tables)
    assert page.locator("article table thead").first.is_visible()
    assert all(c["size"] >= TEXT_MIN_PX for t in tables for c in t["cells"])
    page.close()


TIMES = """() => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!/\\d{1,2}[.:]\\d{2}\\s*[–-]\\s*\\d{1,2}[.:]\\d{2}/.test(node.nodeValue)) continue;
    const el = node.parentElement.closest('.lp-tid');
    found.push({text: node.nodeValue.trim(), marked: !!el, lines: el ? el.getClientRects().length : 0,
                nowrap: el ? getComputedStyle(el).whiteSpace : ''});
  }
  return found;
}"""


@pytest.mark.parametrize("width", [*PHONES, 1280])
def test_time_ranges_never_wrap(server: str, browser: Browser, width: int) -> None:
    page = phone(browser, width)
    for g in SCHEDULED:
        visit(page, server + url_of(g.page))
        times = page.evaluate(TIMES)
        expected = {f"{s.start:%H.%M}–{s.end:%H.%M}" for s in g.sessions}
        assert {t["text"] for t in times} >= expected, g.id
        for t in times:
            assert TIME_RANGE.fullmatch(t["text"]) and t["marked"], (g.id, t)
            assert t["lines"] == 1 and t["nowrap"] == "nowrap", (g.id, t)
    page.close()


TEXT_SIZES = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.nodeValue.trim() || el.closest('svg, .headerlink') || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < MIN) small.push({text: node.nodeValue.trim().slice(0, 40), size,
                                code: !!el.closest('code, kbd, pre'), tag: el.tagName});
  }
  return small;
}""".replace("MIN", str(TEXT_MIN_PX))


@pytest.mark.parametrize("width", [320, 400])
def test_text_is_at_least_16_px(server: str, browser: Browser, real_site: Path, width: int) -> None:
    """Every visible text in every page's article: body, tables, notes, lists, captions.
    Code in the editors' guide keeps Material's smaller monospace (no participant page has code)."""
    page = phone(browser, width)
    for path in site_pages(real_site):
        visit(page, server + path)
        small = page.evaluate(TEXT_SIZES)
        if path.startswith("redaktor/"):
            small = [s for s in small if not s["code"]]
        assert small == [], (path, small[:5])
    page.close()


CHARTS = """() => [...document.querySelectorAll('article figure.lp-chart')].map(figure => {
  const svg = figure.querySelector('svg'), list = figure.querySelector('details ul');
  const shown = svg.getClientRects().length > 0;
  const scale = shown ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 0;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size') ||
      t.closest('[font-size]').getAttribute('font-size')) * scale);
  return {shown, smallest: sizes.length ? Math.min(...sizes) : null,
          list: !!list && list.getClientRects().length > 0 && list.children.length};
})"""


@pytest.mark.parametrize("width", [*PHONES, 1280])
def test_chart_text_is_12_px_or_the_chart_gives_way_to_its_list(
    server: str, browser: Browser, width: int
) -> None:
    page = phone(browser, width)
    seen = 0
    for path in ("pensum/", "samlinger/", "praktisk/utskrift/"):
        visit(page, server + path)
        for chart in page.evaluate(CHARTS):
            seen += 1
            if chart["shown"]:
                assert chart["smallest"] >= CHART_MIN_PX, (path, width, chart)
            else:
                assert chart["list"], (path, width, chart)  # the text version is open in its place
            if width < 720:
                assert not chart["shown"] and chart["list"], (path, width, chart)
    assert seen >= 2
    page.close()


WORDS = """el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const broken = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const m of node.nodeValue.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return {broken, right: el.getBoundingClientRect().right, width: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("width", [*PHONES, 1280])
def test_no_word_broken_in_the_start_page_title(server: str, browser: Browser, width: int) -> None:
    page = phone(browser, width)
    visit(page, server)
    found = page.locator("article h1").evaluate(WORDS)
    assert found["broken"] == [] and found["right"] <= found["width"], found
    page.close()


@pytest.mark.parametrize(("width", "height"), [(360, 740), (390, 844), (412, 915)])
def test_whats_next_is_on_the_first_screen(server: str, browser: Browser, width: int, height: int) -> None:
    """Start page: the next-gathering box with its heading and first line. Each gathering page:
    its date and place."""
    page = phone(browser, width, height)
    visit(page, server)
    box = page.locator("article .lp-neste").first
    first_line = box.locator("a").first
    assert box.bounding_box()["y"] < height
    assert first_line.bounding_box()["y"] + first_line.bounding_box()["height"] <= height
    for g in SCHEDULED:
        visit(page, server + url_of(g.page))
        when = page.locator("article p").first
        assert g.place in when.inner_text(), g.id
        assert when.bounding_box()["y"] + when.bounding_box()["height"] <= height, g.id
    page.close()


def test_header_title_is_not_cut_on_a_phone(server: str, browser: Browser) -> None:
    """Below the desktop width the header shows the text logo, not the site name cut short."""
    page = phone(browser, 320)
    visit(page, server)
    logo = page.locator(".md-header .md-logo")
    assert logo.is_visible() and logo.get_attribute("aria-label") == page.evaluate("document.title")
    fits = logo.evaluate(
        "el => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= innerWidth"
    )
    assert fits
    assert not page.locator(".md-header__topic").first.is_visible()
    page.close()


# The look: a calm palette with AA contrast in light and dark, heavy dark headings, a text
# logo, bold glossary terms under an A–Å index. Colours are read from the rendered page and
# blended over what lies behind them, as a reader sees them.

CONTRAST = """selectors => {
  const parse = c => {
    const p = c.match(/rgba?\\(([^)]+)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (f, b) => ({
    r: f.r * f.a + b.r * (1 - f.a), g: f.g * f.a + b.g * (1 - f.a), b: f.b * f.a + b.b * (1 - f.a), a: 1,
  });
  const behind = el => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a === 1) break;
    }
    return layers.reverse().reduce((bg, layer) => over(layer, bg), {r: 255, g: 255, b: 255, a: 1});
  };
  const lum = c => [c.r, c.g, c.b]
    .map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const out = {};
  for (const [name, selector, property] of selectors) {
    const el = document.querySelector(selector);
    if (!el) { out[name] = null; continue; }
    const bg = behind(el);
    const style = property === "before" ? getComputedStyle(el, "::before") : getComputedStyle(el);
    const color = property === "outline" ? style.outlineColor : style.color;
    out[name] = {
      ratio: Math.round(ratio(over(parse(color), bg), bg) * 100) / 100, weight: parseInt(style.fontWeight),
      background: getComputedStyle(document.querySelector(".md-header")).backgroundColor,
    };
  }
  return out;
}"""
PAIRS = [
    ("header", ".md-header__topic", "text"),
    ("tab", ".md-tabs__link", "text"),
    ("text", "article p", "text"),
    ("link", "article p a", "text"),
    ("h1", "article h1", "text"),
    ("h2", "article h2", "text"),
    ("h3", "article h3", "text"),
    ("footer link", ".lp-footer-links a", "text"),
    ("previous/next", ".md-footer__link", "text"),
    ("copyright", ".md-copyright", "text"),
    ("sidebar", ".md-sidebar--primary .md-nav__link", "text"),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_palette_has_aa_contrast_and_heavy_headings(server: str, browser: Browser, scheme: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    visit(page, server + url_of(SCHEDULED[0].page))
    found = page.evaluate(CONTRAST, PAIRS)
    assert found["header"]["background"] != "rgb(63, 81, 181)"  # not Material's default indigo
    for name, value in found.items():
        assert value and value["ratio"] >= 4.5, (scheme, name, value)
    for heading in ("h1", "h2", "h3"):
        assert found[heading]["weight"] >= 700 and found[heading]["ratio"] >= 12, (
            scheme,
            heading,
            found[heading],
        )
    # focus rings: copper in the content, white on the header, at least 3:1 against what is behind
    page.locator("article p a").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = page.evaluate(CONTRAST, [("content", "article p a:focus-visible", "outline")])["content"]
    assert ring and ring["ratio"] >= 3, (scheme, ring)
    page.close()
    page = phone(browser, 360)
    page.emulate_media(color_scheme=scheme)
    visit(page, server + url_of(SCHEDULED[0].page))
    label = page.evaluate(CONTRAST, [("card label", "article td[data-label]", "before")])["card label"]
    assert label["ratio"] >= 4.5, (scheme, label)  # the column name written before each value
    page.close()


def test_text_logo_instead_of_the_book_icon(server: str, browser: Browser) -> None:
    author = re.search(
        r"^site_author:\s*(.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE
    )[1]
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    visit(page, server)
    for logo in (page.locator(".md-header .md-logo"), page.locator(".md-nav__title .md-logo")):
        assert logo.locator("svg, img").count() == 0
        assert (
            " ".join(logo.inner_text(timeout=1000).split()).lower() == author.strip().lower()
            or not logo.is_visible()
        )
        assert logo.get_attribute("aria-label")  # the link is named with the site's name
    assert page.locator(".md-header .md-logo").is_visible()
    page.close()


def test_glossary_has_bold_terms_under_an_a_to_aa_index(server: str, browser: Browser) -> None:
    from macros.markdown import sort_key

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    visit(page, server + "praktisk/begreper/")
    found = page.evaluate("""() => ({
      index: [...document.querySelectorAll('article .lp-bokstaver a')]
        .map(a => [a.textContent.trim(), a.getAttribute('href')]),
      letters: [...document.querySelectorAll('article h2')].map(h => [
        h.textContent.replace('¶', '').trim(),
        h.id,
        [...(h.nextElementSibling || {querySelectorAll: () => []}).querySelectorAll('dfn')]
          .map(d => d.textContent.trim()),
      ]),
      terms: [...document.querySelectorAll('article dfn')]
        .map(d => [getComputedStyle(d).fontWeight, getComputedStyle(d).fontStyle]),
    })""")
    assert found["terms"] and all(int(w) >= 700 and s == "normal" for w, s in found["terms"])
    assert [(text, f"#{id_}") for text, id_, _ in found["letters"]] == [tuple(x) for x in found["index"]]
    letters = [text for text, _, _ in found["letters"]]
    named = [x for x in letters if x != "0–9"]
    assert named == sorted(named, key=sort_key) and named[0] == "A"
    total = 0
    for letter, _, terms in found["letters"]:
        assert terms, letter
        total += len(terms)
        for term in terms:
            first = term[0].upper()
            assert (
                first.isdigit() if letter == "0–9" else first == letter or (first in "ÉÈ" and letter == "E")
            ), (letter, term)
    assert total == len(found["terms"])
    page.close()
