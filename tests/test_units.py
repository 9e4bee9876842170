"""Small pure functions: escaping, links, ordering, loading."""

from __future__ import annotations

from pathlib import Path

from macros.load import load_yaml
from macros.markdown import esc, href, sort_key


def test_esc_neutralises_html_and_markdown() -> None:
    assert esc('<img src=x onerror="a()">') == "&lt;img src=x onerror=&quot;a()&quot;&gt;"
    assert esc("*fet* _kursiv_ [lenke](x) a|b") == r"\*fet\* \_kursiv\_ \[lenke\](x) a&#124;b"
    assert esc("1. september") == r"1\. september"
    assert esc("to\nlinjer") == "to linjer"


def test_href_is_relative_to_the_calling_page() -> None:
    assert href("samlinger/samling-1.md", "index.md") == "samlinger/samling-1.md"
    assert href("samlinger/samling-1.md", "teori/roller.md") == "../samlinger/samling-1.md"
    assert href("om/krav-og-mal.md#pm-hoved", "om/index.md") == "krav-og-mal.md#pm-hoved"


def test_norwegian_alphabetical_order() -> None:
    words = ["Årshjul", "Øvelse", "Ærlighet", "Zebra", "arbeidskrav"]
    assert sorted(words, key=sort_key) == ["arbeidskrav", "Zebra", "Ærlighet", "Øvelse", "Årshjul"]


def test_loader_keeps_lines_and_yaml_12_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text('a: no\nb: 10:30\nc: >-\n  en to\n  tre\nd:\n  - 0150\n', encoding="utf-8")
    loaded, problems = load_yaml(path, "x.yml")
    assert problems == []
    assert loaded.data == {"a": "no", "b": "10:30", "c": "en to tre", "d": [150]}
    assert loaded.line_of(("d", 0)) == 7
    assert loaded.line_of(("c",)) == 3


def test_relative_links_equal_posixpath_relpath() -> None:
    import itertools
    import posixpath

    from macros.markdown import relative

    paths = ["index.md", "om/index.md", "om/krav.md", "om/krav/a.md", "samlinger/samling-1.md",
             "kopi-2/om/krav.md", "kopi-2/samlinger/samling-1.md", "om", "", ".", "./om/krav.md"]
    for target, here in itertools.product([p for p in paths if p], paths):  # href never asks for ""
        folder = posixpath.dirname(here)
        assert relative(target, folder) == posixpath.relpath(target, folder or "."), (target, folder)
