"""The built site in real Chromium (Debian's, never a downloaded browser)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser

from .test_participant import SCHEDULED, days_of, long_text, url_of

pytestmark = pytest.mark.browser
FIRST = SCHEDULED[0]  # whichever gathering comes first in the data


def test_gathering_page_in_chromium(server: str, browser: Browser) -> None:
    page = browser.new_page()
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + url_of(FIRST.page))
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert page.locator("h1").first.inner_text().startswith(f"Samling {FIRST.number}: {FIRST.title}")
    days = days_of(FIRST)
    for day in days:
        name = f"Dag {(day - FIRST.start).days + 1}: {long_text(day)}"
        assert page.get_by_role("heading", name=name).is_visible()
    assert page.locator("article table").count() == len(days)  # one agenda table a day
    assert hosts == {urlparse(server).netloc}
    assert errors == []
    assert page.context.cookies() == []
    page.close()


def test_search_finds_a_gathering(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("s")  # Material's shortcut opens the search
    word = max(re.findall(r"[^\W\d_]+", FIRST.title), key=len)  # a word of the data, not of a page
    page.locator("input.md-search__input").press_sequentially(word.lower(), delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    page.close()
