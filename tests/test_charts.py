"""The timeline and reading-load figures: escaped values, accessible SVG, shown in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.components.charts import reading_load, timeline
from macros.curriculum import curriculum_or_raise


def test_values_from_data_are_escaped(mini: Path) -> None:
    data = mini / "curriculum" / "samlinger.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "title: Første samling", 'title: "<script>x</script> & co"', 1
        ),
        encoding="utf-8",
    )
    cur = curriculum_or_raise(mini, cross_check=False)
    for html in (timeline(cur, "samlinger/index.md"), reading_load(cur, "pensum/index.md")):
        assert "<script>" not in html
        assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in html


def test_figure_is_one_raw_html_block(mini: Path) -> None:
    html = timeline(curriculum_or_raise(mini), "samlinger/index.md")
    assert "\n\n" not in html.strip()  # a blank line would end the HTML block in Markdown
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert 'fill="currentColor"' in html and "#" not in html.split("<svg", 1)[1].split("</svg>")[0]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "name", "items"),
    [
        ("samlinger/", "Tidslinje over samlingene", 6),
        ("pensum/", "Lesebelastning mellom samlingene", 6),
    ],
)
def test_chart_is_an_image_with_a_name_and_a_text_alternative(
    server: str, browser, path: str, name: str, items: int
) -> None:
    page = browser.new_page()
    page.goto(server + path)
    svg = page.get_by_role("img", name=name)
    assert svg.count() == 1
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 50
    figure = page.locator("figure.lp-chart", has=svg)
    figure.get_by_text("Vis som tekst").click()
    assert figure.locator("details li").count() == items
    assert figure.locator("details li").first.is_visible()
    # The drawing uses the text colour, so it has the text's contrast in either colour scheme.
    colours = page.evaluate(
        "el => [getComputedStyle(el).color, getComputedStyle(el.querySelector('circle, rect')).fill]",
        svg.element_handle(),
    )
    assert colours[0] == colours[1]
    page.close()
