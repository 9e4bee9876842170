"""Search that forgives, in real Chromium on the real site: what participants typed and the page
each must put first; letters without æ/ø/å and one-letter typos find what the right word finds;
editors' pages only for editors; one entry per glossary term; no chart text; Material's worker
messages and asset paths as docs/javascripts/norwegian-search.js expects them.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]

# Real participant questions and the page each must put first (stable page addresses).
QUESTIONS = {
    "hvor er neste samling": "samlinger/",
    "hva skal jeg lese før samling 3": "samlinger/samling-3/",
    "radmann": "praktisk/begreper/",
    "roros": "",
    "verdiprosessen": "verdiprosessen/",
    "medarbeiderskapet": "teori/medarbeiderskap/",
    "tilbakemledinger": "lederverktoy/tilbakemelding/",
    "pdf": "praktisk/utskrift/",
    "skrive ut": "praktisk/utskrift/",
}

# Typed without æ/ø/å or with one letter wrong, and the word meant: both must find the same pages.
FORGIVEN = {
    "radmann": "rådmann",
    "raadmann": "rådmann",
    "roros": "røros",
    "laering": "læring",
    "tilbakemledinger": "tilbakemeldinger",
    "medarbiederskap": "medarbeiderskap",
    "verdiprossesen": "verdiprosessen",
}

# The Material versions whose search worker (messages SETUP 0, QUERY 2, RESULT 3 with
# data.items[][].location) and lunr files (assets/javascripts/lunr/min/) the step was checked against.
MATERIAL = SpecifierSet(">=9.7,<9.9")

# Runs in the page: Material's worker (wrapped by the step) with its index; the pages each query
# finds, in order, as the reader would see them.
FIRST_PAGES = """async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, base));
  const replies = [];
  let wake = null;
  worker.addEventListener("message", e => { replies.push(e.data); if (wake) wake(); });
  const next = () => new Promise(r => { if (replies.length) r(); else wake = r; })
    .then(() => { wake = null; return replies.shift(); });
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await next();
  const found = {};
  for (const q of queries) {
    worker.postMessage({type: 2, data: q});
    const reply = await next();
    found[q] = reply.data.items.map(group => group[0].location.split("#")[0]);
  }
  worker.terminate();
  return found;
}"""


def open_page(browser, url: str):
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("window.norwegianQuery && window.norwegianQuery('kommunene') === 'kommun'")
    return page


def found_pages(browser, url: str, queries: list[str]) -> dict[str, list[str]]:
    page = open_page(browser, url)
    try:
        found = page.evaluate(FIRST_PAGES, queries)
        assert page.evaluate("window.norwegianSearch.problems") == []
        return found
    finally:
        page.close()


def index_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


# --- Material's internals the step depends on --------------------------------------------------


def test_material_is_a_version_the_search_step_was_checked_against() -> None:
    version = metadata.version("mkdocs-material")
    assert version in MATERIAL, (
        f"mkdocs-material {version}: check docs/javascripts/norwegian-search.js against the new search "
        "worker (src/templates/assets/javascripts/integrations/search/worker/message and _/index.ts: "
        "message types and the result's items) and the lunr files' path, then update MATERIAL here"
    )


def test_the_lunr_files_the_step_loads_are_where_it_looks(real_site: Path) -> None:
    lunr = real_site / "assets" / "javascripts" / "lunr" / "min"
    assert (lunr / "lunr.stemmer.support.min.js").is_file() and (lunr / "lunr.no.min.js").is_file()
    config = re.search(
        r'id="__config"[^>]*>(.*?)</script>', (real_site / "index.html").read_text(encoding="utf-8")
    )
    assert config and (real_site / json.loads(config[1])["search"]).is_file()


@pytest.mark.browser
def test_typing_in_the_search_box_goes_through_the_step_without_problems(browser, server) -> None:
    page = open_page(browser, server)
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially("radmann", delay=20)
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    state = page.evaluate("(({setup, results, problems}) => ({setup, results, problems}))(norwegianSearch)")
    assert state["setup"] and state["results"] > 0 and state["problems"] == [], state
    assert "praktisk/begreper/" in first.locator("a").first.get_attribute("href")
    assert "rådmann" in first.inner_text().lower()
    page.close()


# --- what participants find -------------------------------------------------------------------


@pytest.mark.browser
def test_each_participant_question_puts_its_page_first(browser, server) -> None:
    found = found_pages(browser, server, list(QUESTIONS))
    firsts = {q: (pages[:1] or ["(ingenting)"])[0] for q, pages in found.items()}
    assert firsts == QUESTIONS


@pytest.mark.browser
def test_missing_diacritics_and_small_typos_find_what_the_word_finds(browser, server) -> None:
    found = found_pages(browser, server, [*FORGIVEN, *FORGIVEN.values()])
    for typed, meant in FORGIVEN.items():
        assert found[meant], meant
        assert set(found[typed]) == set(found[meant]), typed


@pytest.mark.browser
def test_modul_ii_pages_come_after_modul_i_pages_that_match_as_well(real_site: Path, browser, server) -> None:
    lower = {d["location"].split("#")[0] for d in index_docs(real_site) if d.get("boost", 1) < 1}
    assert lower, "no page ranks itself lower with search: boost (the optional Modul II)"
    found = found_pages(browser, server, ["medarbeiderskap", "samling"])
    for pages in found.values():
        assert pages and pages[0] not in lower, pages[:3]


@pytest.mark.browser
def test_editor_pages_only_in_editors_results(real_site: Path, browser, server) -> None:
    editors = sorted(
        {d["location"].split("#")[0] for d in index_docs(real_site) if d["location"].startswith("redaktor/")}
    )
    assert editors
    participants = found_pages(browser, server, ["datafiler", "samling", "makroer"])
    assert not [p for pages in participants.values() for p in pages if p.startswith("redaktor/")]
    on_editor_page = found_pages(browser, server + editors[0], ["datafiler", "makroer"])
    assert on_editor_page["datafiler"][0].startswith("redaktor/")
    assert on_editor_page["makroer"][0].startswith("redaktor/")


# --- the index --------------------------------------------------------------------------------


def test_every_glossary_term_is_an_entry_of_its_own(real_site: Path) -> None:
    page = "praktisk/begreper/"
    html = (real_site / page / "index.html").read_text(encoding="utf-8")
    terms = dict(re.findall(r'<dfn id="([^"]+)">([^<]+)</dfn>', html))
    assert len(terms) > 5
    entries = {d["location"]: d for d in index_docs(real_site) if d["location"].startswith(page)}
    for anchor, term in terms.items():
        assert entries[f"{page}#{anchor}"]["title"] == term
    # apart from the page itself, every entry is one term: no letter section with many terms
    assert {loc.partition("#")[2] for loc in entries} - {""} == set(terms)


def test_chart_pictures_are_not_in_the_index(real_site: Path) -> None:
    texts = " ".join(d["text"] for d in index_docs(real_site))
    charts = [
        svg
        for path in real_site.rglob("*.html")
        for svg in re.findall(
            r'<figure class="lp-chart".*?</svg>', path.read_text(encoding="utf-8"), re.DOTALL
        )
    ]
    assert charts
    for svg in charts:
        labels = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
        description = re.search(r"<desc[^>]*>([^<]*)</desc>", svg)[1]
        assert labels not in texts and description not in texts


def test_the_hook_splits_terms_and_keeps_other_sections() -> None:
    from macros.engines import search_index as hook

    content = (
        '<h1 id="liste">Liste</h1><p>Innledning</p>'
        '<h2 id="a">A</h2><dl>'
        '<dt><dfn id="ansvar">Ansvar</dfn></dt><dd>Å svare for <a href="#x">noe</a>.</dd>'
        '<dt><dfn id="avtale">Avtale</dfn></dt><dd>En &amp; to.</dd></dl>'
        '<h2 id="mer">Mer</h2><p>Tekst</p><dl><dt><dfn id="bruk">Bruk</dfn></dt><dd>Bruken.</dd></dl>'
    )
    assert hook.term_sections(content) == {"a"}
    docs = [
        {"location": "l/", "title": "Liste", "text": "Innledning"},
        {"location": "l/#a", "title": "A", "text": "…"},
        {"location": "l/#mer", "title": "Mer", "text": "…"},
    ]
    pages = {"l/": {"terms": hook.terms_of(content), "drop": hook.term_sections(content), "keywords": "pdf"}}
    out = hook.rewritten(docs, pages)
    assert [d["location"] for d in out] == ["l/", "l/#ansvar", "l/#avtale", "l/#bruk", "l/#mer"]
    assert out[0]["keywords"] == "pdf"
    assert out[1] == {"location": "l/#ansvar", "title": "Ansvar", "text": "Å svare for noe."}
    assert out[2]["text"] == "En &amp; to."
