"""Glossary in context: the first use of a term links to its definition, reachable by keyboard
and announced by screen readers (checked in Chromium's accessibility tree)."""

from __future__ import annotations

import pytest

from macros.glossary_links import link_terms
from macros.model import Term

TERMS = [
    Term(id="delegering", term="Delegering", definition='Å overlate oppgaver til "andre".'),
    Term(id="slg", term="SLG", definition="Strategisk ledergruppe."),
]


def linked(text: str, here: str = "teori/roller.md") -> str:
    return link_terms(text, here, TERMS)


def test_first_use_links_to_the_glossary_anchor_with_the_definition() -> None:
    out = linked("Om delegeringen.\n\nMer delegering her.")
    assert out == (
        'Om [delegeringen](../praktisk/begreper.md#delegering "Å overlate oppgaver til ”andre”."){ .begrep }.'
        "\n\nMer delegering her."
    )


@pytest.mark.parametrize(
    "text",
    [
        "# Delegering i praksis",
        "Se `delegering` i koden.",
        "Les [delegering i teorien](teori.md).",
        '<a href="x.html">delegering</a> og mer',
        "```\ndelegering\n```",
        '!!! note "Delegering"',
        "| Delegering | Tema |\n|---|---|",
        "redelegering og delegeringsfullmakt",
        "slg skrevet med små bokstaver",
    ],
)
def test_no_link_in_headings_code_links_html_or_other_words(text: str) -> None:
    assert linked(text) == text


def test_later_line_gets_the_link_when_the_first_use_is_protected() -> None:
    out = linked("# Delegering\n\nTekst om delegering og SLG.")
    assert out.count("{ .begrep }") == 2 and out.startswith("# Delegering\n")


def test_glossary_page_itself_is_left_alone() -> None:
    assert linked("Delegering.", here="praktisk/begreper.md") == "Delegering."


@pytest.mark.browser
def test_term_on_a_theory_page_is_a_focusable_link_with_its_definition(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "teori/roller/")
    term = page.locator("article a.begrep").first
    assert term.inner_text() == "delegeringen"
    # Marked by more than colour: underlined in running text.
    assert "underline" in term.evaluate("el => getComputedStyle(el).textDecorationLine")
    # Reachable by keyboard: Tab until the term has focus.
    for _ in range(200):
        page.keyboard.press("Tab")
        if term.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the glossary link never got keyboard focus")
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article a.begrep"})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    assert ax["role"]["value"] == "link"
    assert ax["name"]["value"] == "delegeringen"
    assert "overlate oppgaver og myndighet" in ax["description"]["value"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/praktisk/begreper/#delegering")
    assert page.locator("#delegering").is_visible()
    page.close()
