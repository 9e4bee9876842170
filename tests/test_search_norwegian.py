"""Norwegian search in real Chromium: an inflected form finds the pages with the other forms.

Recall is measured against Material's own search worker and index: for each word family, the
pages that contain any listed form (from search_index.json) against the pages each typed form
finds, with Material's plain query and with the Norwegian query step in front of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

FAMILIES = {
    "samling": ["samling", "samlingen", "samlingene"],
    "leder": ["leder", "lederen", "ledere", "lederne"],
    "tilbakemelding": ["tilbakemelding", "tilbakemeldingene"],
    "verdi": ["verdi", "verdiene"],
    "kommune": ["kommune", "kommunen", "kommunene"],
}
FORMS = [form for forms in FAMILIES.values() for form in forms]

# Runs in the page: Material's worker with its index, queried with or without the query step.
QUERY_ALL = """async ([forms, stepped]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const Raw = Worker.prototype.constructor;
  const worker = stepped ? new Worker(new URL(config.search, base)) : new Raw(new URL(config.search, base));
  const reply = () =>
    new Promise(resolve => worker.addEventListener("message", e => resolve(e.data), {once: true}));
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await reply();
  const found = {};
  for (const form of forms) {
    worker.postMessage({type: 2, data: form});
    const result = await reply();
    found[form] = [...new Set(result.data.items.flat().map(i => i.location.split("#")[0]))];
  }
  worker.terminate();
  return found;
}"""


def pages_with(site: Path) -> dict[str, set[str]]:
    """For each family, the participants' pages whose indexed text contains any listed form as a word
    (editors' pages are left out of a participant's results, tests/test_search_ranking.py)."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    docs = [d for d in docs if not d["location"].startswith("redaktor/")]
    pages: dict[str, set[str]] = {}
    for family, forms in FAMILIES.items():
        word = re.compile(r"(?<![\wæøå])(" + "|".join(forms) + r")(?![\wæøå])", re.IGNORECASE)
        pages[family] = {
            d["location"].split("#")[0] for d in docs if word.search(d["title"] + " " + d["text"])
        }
    return pages


def recall(site: Path, page, *, stepped: bool) -> dict[str, float]:
    found = page.evaluate(QUERY_ALL, [FORMS, stepped])
    expected = pages_with(site)
    return {
        form: len(set(found[form]) & expected[family]) / len(expected[family])
        for family, forms in FAMILIES.items()
        for form in forms
    }


@pytest.fixture
def page(browser, server):
    page = browser.new_page()
    page.goto(server)
    page.wait_for_function("window.norwegianQuery && window.norwegianQuery('kommunene') === 'kommun'")
    yield page
    page.close()


def test_query_step_stems_norwegian_words_and_keeps_syntax(page) -> None:
    step = lambda q: page.evaluate("q => window.norwegianQuery(q)", q)  # noqa: E731
    assert step("kommunene") == "kommun"
    assert step("Samlingene verdiene") == "samling verdi"
    assert step("lederne") == "led"
    assert step("ko") == "ko"  # a half-typed word stays a prefix
    assert step("+kommunene -leder") == "+kommunene -leder"
    assert step("title:verdi") == "title:verdi"


def test_every_form_finds_every_page_with_any_form(real_site, page) -> None:
    after = recall(real_site, page, stepped=True)
    assert after == {form: 1.0 for form in FORMS}


def test_plain_material_query_misses_inflections(real_site, page) -> None:
    """The step is needed: without it, at least the long forms miss pages."""
    before = recall(real_site, page, stepped=False)
    assert before["kommunene"] < 1.0 and before["lederne"] < 1.0


def test_typing_an_inflected_form_in_the_search_box_finds_other_forms(page) -> None:
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially("kommunene", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    texts = " ".join(results.all_inner_texts()).lower()
    assert re.search(r"\bkommunen\b", texts), texts[:500]
