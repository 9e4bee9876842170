"""The built site in real Chromium (Debian's, never a downloaded browser)."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


def test_gathering_page_in_chromium(server: str, browser: Browser) -> None:
    page = browser.new_page()
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "samlinger/samling-1/")
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert page.locator("h1").first.inner_text().startswith("Samling 1")
    assert page.get_by_role("heading", name="Dag 1: tirsdag 13. september 2016").is_visible()
    assert page.locator("article table").count() == 2
    assert hosts == {urlparse(server).netloc}
    assert errors == []
    assert page.context.cookies() == []
    page.close()


def test_search_finds_a_gathering(server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("s")  # Material's shortcut opens the search
    page.locator("input.md-search__input").press_sequentially("verdiprosessen", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    page.close()
