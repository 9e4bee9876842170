"""Every value from data and front matter is escaped in the built HTML (mini site, real build)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINI

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast


def hostile(label: str) -> str:
    """A value that is markup if not escaped, with quotes and an ampersand, marked by ``label``."""
    return f"<img src=x onerror=alert(1)> {label} & \"sitat\" 'enkel'"


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def escaped(label: str) -> str:
    """How ``hostile(label)`` must read in HTML text."""
    return f"&lt;img src=x onerror=alert(1)&gt; {label} &amp; &quot;sitat&quot; 'enkel'"


# (label, file, old text, new text) in the mini project
DATA = [
    ("pensumtittel", "curriculum/pensum.yml", "  title: Et kapittel\n", "  title: {}\n"),
    ("rollenavn", "curriculum/roller.yml", "  title: Prosessveileder\n", "  title: {}\n"),
    ("begrep", "curriculum/begreper.yml", "  term: Årshjul\n", "  term: {}\n"),
    ("definisjon", "curriculum/begreper.yml", "  definition: Oversikt over året.\n", "  definition: {}\n"),
    ("kravtekst", "curriculum/krav.yml", "  text: Skape vi-følelse.\n", "  text: {}\n"),
    ("temanavn", "curriculum/temaer.yml", "  name: Roller\n", "  name: {}\n"),
]
PAGE = """---
title: {title}
description: {description}
---

# Alt som kan komme fra data

{{{{ pensum_etter_tema() }}}}

{{{{ roller() }}}}

{{{{ begrepsliste() }}}}

{{{{ sporbarhet() }}}}

{{{{ tema_kobling("roller") }}}}
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "mini"
    shutil.copytree(MINI, root)
    for label, file, old, new in DATA:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        path.write_text(text.replace(old, new.format(quoted(hostile(label)))), encoding="utf-8")
    page = PAGE.format(title=quoted(hostile("sidetittel")), description=quoted(hostile("beskrivelse")))
    (root / "docs" / "alt.md").write_text(page, encoding="utf-8")
    site = root.parent / "site"
    # `make check` already refuses onerror= in a page's front matter; build past the checks,
    # so this tests the second line of defence: the theme and the components escape.
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def all_html(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_no_hostile_markup_anywhere(hostile_site: Path) -> None:
    pages = all_html(hostile_site)
    leaks = {name for name, html in pages.items() if re.search(r"<img[^>]*onerror", html, re.IGNORECASE)}
    assert leaks == set()
    # a quote from data never closes an attribute: no onerror= right after a quote
    assert {name for name, html in pages.items() if re.search(r"[\"']\s*onerror=", html)} == set()


def test_nothing_is_escaped_twice(hostile_site: Path) -> None:
    twice = re.compile(r"&amp;(?:lt|gt|amp|quot|#x27|#39|#34);")
    assert {
        name: twice.findall(html) for name, html in all_html(hostile_site).items() if twice.search(html)
    } == {}


def test_front_matter_title_and_description_are_escaped(hostile_site: Path) -> None:
    html = (hostile_site / "alt" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)[1]
    assert title == escaped("sidetittel").replace("'", "&#x27;") + " - Testprogram"
    description = re.search(r'<meta name="description" content="([^"]*)"', html)[1]
    assert description == escaped("beskrivelse").replace("'", "&#x27;")
    # the title also names the page in the navigation of every other page
    nav = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert escaped("sidetittel").replace("'", "&#x27;") in nav


def as_text(label: str) -> str:
    """How ``hostile(label)`` reads in the article's text once the sanitiser has written it
    (macros/sanitise.py serialises text with &lt; &gt; &amp;; quotes need no escaping there)."""
    return f"&lt;img src=x onerror=alert(1)&gt; {label} &amp; \"sitat\" 'enkel'"


@pytest.mark.parametrize("label", [d[0] for d in DATA])
def test_data_values_are_escaped_in_content(hostile_site: Path, label: str) -> None:
    html = (hostile_site / "alt" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert as_text(label) in article, label
    assert "<img" not in article
