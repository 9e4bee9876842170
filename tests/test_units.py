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
    path.write_text("a: no\nb: 10:30\nc: >-\n  en to\n  tre\nd:\n  - 0150\n", encoding="utf-8")
    loaded, problems = load_yaml(path, "x.yml")
    assert problems == []
    assert loaded.data == {"a": "no", "b": "10:30", "c": "en to tre", "d": [150]}
    assert loaded.line_of(("d", 0)) == 7
    assert loaded.line_of(("c",)) == 3


def test_relative_links_equal_posixpath_relpath() -> None:
    import itertools
    import posixpath

    from macros.markdown import relative

    paths = [
        "index.md",
        "om/index.md",
        "om/krav.md",
        "om/krav/a.md",
        "samlinger/samling-1.md",
        "kopi-2/om/krav.md",
        "kopi-2/samlinger/samling-1.md",
        "om",
        "",
        ".",
        "./om/krav.md",
    ]
    for target, here in itertools.product([p for p in paths if p], paths):  # href never asks for ""
        folder = posixpath.dirname(here)
        assert relative(target, folder) == posixpath.relpath(target, folder or "."), (target, folder)


def test_obvious_conversions_are_offered_and_doubtful_ones_are_not() -> None:
    from macros.validate import as_clock, as_iso_date

    assert [as_clock(t) for t in ["9.30", "09.30", "9:30", "9,30", "0930", "930", "9", "kl. 14.15"]] == [
        '"09:30"',
        '"09:30"',
        '"09:30"',
        '"09:30"',
        '"09:30"',
        '"09:30"',
        '"09:00"',
        '"14:15"',
    ]
    assert [as_clock(t) for t in ["9.3", "25:00", "9:75", "ni", ""]] == [None] * 5  # 9.3: 9:30 or 9:03?
    assert [as_iso_date(t) for t in ["13.12.2016", "13/12/16", "1.2.2017", "2016-9-5", "2016.09.05"]] == [
        "2016-12-13",
        "2016-12-13",
        "2017-02-01",
        "2016-09-05",
        "2016-09-05",
    ]
    assert [as_iso_date(t) for t in ["31.02.2017", "13.12", "2016-13-01", "i morgen"]] == [None] * 4


def test_only_close_ids_are_suggested() -> None:
    from macros.validate import close_ids, unknown_id_fix

    known = {"samling-1", "samling-2", "modul-2-samling-1", "bok-a", "schein-humble-inquiry"}
    assert close_ids("bok-aa", known) == ["bok-a"]
    assert close_ids("schein-humble-inqiury", known) == ["schein-humble-inquiry"]
    assert close_ids("samling-9", known) == []  # another number is another gathering, not a typo
    assert close_ids("helt-ukjent", known) == []
    assert unknown_id_fix("x", known, "curriculum/pensum.yml", "make ny-lesning") == (
        "ingen id i curriculum/pensum.yml ligner; en ny lager du med «make ny-lesning»"
    )


def test_numbers_keep_the_text_that_was_typed(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: 09.30\nb: 9.30\nc: 0150\nd: 12\ne: 1e3\nf: '09.30'\n", encoding="utf-8")
    loaded, problems = load_yaml(path, "x.yml")
    assert problems == []
    assert loaded.data == {"a": 9.3, "b": 9.3, "c": 150, "d": 12, "e": 1000.0, "f": "09.30"}
    assert loaded.typed == {("a",): "09.30", ("b",): "9.30", ("c",): "0150", ("e",): "1e3"}


def test_a_tab_is_replaced_by_the_indentation_of_the_line_above(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    cases = {
        "- id: a\n\ttitle: b\n": "2 mellomrom, så «title» står rett under «id» på linje 1",
        "- id: a\n  items:\n\t- b\n": "4 mellomrom, to mer enn «items» på linje 2",
        "- id: a\n  items:\n    - b\n\t- c\n": "4 mellomrom, så «-» står rett under «-» på linje 3",
        "- id: a\n  text: >-\n\tb\n": "4 mellomrom, to mer enn «text» på linje 2",
    }
    for text, fix in cases.items():
        path.write_text(text, encoding="utf-8")
        _, problems = load_yaml(path, "x.yml")
        assert [p.fix for p in problems] == [f"YAML krever mellomrom: bytt tabulatoren ut med {fix}"], text


def test_calendar_paths_are_the_files_calendar_files_writes() -> None:
    from macros.calendar import calendar_files, calendar_paths
    from macros.curriculum import curriculum_or_raise

    from .conftest import MINI, ROOT

    for root in (ROOT, MINI):
        cur = curriculum_or_raise(root)
        assert sorted(calendar_paths(cur)) == sorted(calendar_files(cur, None))


def test_every_component_example_is_a_call_a_page_may_make() -> None:
    """The macro reference shows each component's example; the page check accepts every one of
    them, against the component's own signature."""
    from macros.components import COMPONENTS, REGISTRY
    from macros.templates import environment, template_problems

    env = environment(dict(COMPONENTS))
    names = [c.name for c in REGISTRY]
    assert len(names) == len(set(names)) and all(c.description.strip() for c in REGISTRY)
    for c in REGISTRY:
        assert c.example.split("(")[0] == c.name, c.example
        tree = env.parse("{{ " + c.example + " }}")
        assert template_problems(tree, "docs/x.md", 0, dict(COMPONENTS)) == [], c.example


def test_a_wrong_example_would_be_refused() -> None:
    from macros.components import COMPONENTS
    from macros.templates import environment, template_problems

    tree = environment(dict(COMPONENTS)).parse('{{ agenda(samlingen="samling-3") }}')
    assert template_problems(tree, "docs/x.md", 0, dict(COMPONENTS)) != []


def test_an_archive_lives_under_the_current_sites_address() -> None:
    """Archived cohorts link their calendars to their own pages (site_url), never to the current
    cohort's; without an address, none."""
    from macros.archive import archive_site_url, site_url_of, with_site_url

    config = 'site_name: X\nsite_url: "https://intranett.no/lederprogram/"\nnav:\n  - index.md\n'
    current = site_url_of(config)
    assert current == "https://intranett.no/lederprogram/"
    url = archive_site_url(current, "2016-2017")
    assert url == "https://intranett.no/lederprogram/arkiv/2016-2017/"
    assert site_url_of(with_site_url(config, url)) == url
    assert with_site_url(config, url).count("site_url") == 1
    assert archive_site_url(site_url_of('site_url: ""\n'), "2016-2017") == ""
    assert site_url_of(with_site_url("site_name: X\n", "")) == ""
