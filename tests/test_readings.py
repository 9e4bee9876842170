"""The reading list: language, «kort fortalt», edition, unverified details and the pages of a selection."""

from __future__ import annotations

from pathlib import Path

from macros.__main__ import run_checks
from macros.components.readings import reading_item, scandinavian_share
from macros.curriculum import curriculum_or_raise
from macros.model import SCANDINAVIAN

from .conftest import ROOT


def edit(root: Path, old: str, new: str) -> None:
    data = root / "curriculum" / "pensum.yml"
    text = data.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    data.write_text(text.replace(old, new), encoding="utf-8")


def problems(root: Path) -> list[str]:
    return [str(p) for p in run_checks(root)[1]]


def line_of(root: Path, text: str) -> int:
    lines = (root / "curriculum" / "pensum.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == text)


def test_an_english_text_needs_kort_fortalt(mini: Path) -> None:
    edit(mini, "  summary: Ledere bør oftere spørre enn fortelle.\n", "")
    lines = (mini / "curriculum" / "pensum.yml").read_text(encoding="utf-8").splitlines()
    line = max(i for i, text in enumerate(lines, 1) if text == "  language: en")
    assert (
        f"curriculum/pensum.yml:{line}: «bok-d» er på engelsk, men har ingen «kort fortalt» på norsk"
        in "\n".join(problems(mini))
    )


def test_an_unknown_language_code_is_named(mini: Path) -> None:
    edit(mini, "  language: nb\n  edition: 5\n", "  language: no\n  edition: 5\n")
    line = line_of(mini, "  language: no")
    found = [p for p in problems(mini) if p.startswith(f"curriculum/pensum.yml:{line}:")]
    assert found and "«no» er ikke en gyldig verdi for «language»" in found[0] and "«nb»" in found[0]


def test_a_book_says_which_edition_or_that_it_is_not_confirmed(mini: Path) -> None:
    edit(mini, "  edition: 5\n", "")
    assert any("boka «bok-a» sier ikke hvilken utgave som leses" in p for p in problems(mini))
    edit(
        mini,
        "  language: nb\n  publisher: Gyldendal",
        "  language: nb\n  unverified: [edition]\n  publisher: Gyldendal",
    )
    assert not any("bok-a" in p for p in problems(mini))


def test_pages_agree_with_the_ranges_of_the_selection(mini: Path) -> None:
    edit(mini, "  selection: kapittel 1–3\n", "  selection: kapittel 1–3, s. 11–98 og s. 120–131\n")
    line = line_of(mini, "  pages: 180")
    assert any(
        p.startswith(f"curriculum/pensum.yml:{line}: sidetallet 180 stemmer ikke med sideintervallene")
        and "(til sammen 100 sider)" in p
        and "pages: 100" in p
        for p in problems(mini)
    )
    edit(mini, "  pages: 180\n", "  pages: 100\n")
    assert not any("bok-a" in p for p in problems(mini))


def test_unverified_details_are_said_quietly_and_kort_fortalt_is_shown(mini: Path) -> None:
    cur = curriculum_or_raise(mini)
    chapter, article = cur.by_id("readings")["kapittel-c"], cur.by_id("readings")["artikkel-b"]
    assert reading_item(chapter, "pensum/index.md").endswith("*Ikke bekreftet: sidetall.*")
    assert "på engelsk. **Kort fortalt:** Psykologisk trygghet" in reading_item(article, "pensum/index.md")


def test_the_share_of_scandinavian_pages_is_computed_from_the_data() -> None:
    cur = curriculum_or_raise(ROOT)
    readings = cur.active_readings()
    required = [r for r in readings if r.required]
    nordic = sum(r.pages.count for r in required if r.language in SCANDINAVIAN)
    total = sum(r.pages.count for r in required)
    assert f"({nordic} av {total} sider)" in scandinavian_share(readings)
    assert f"{round(100 * nordic / total)} %" in scandinavian_share(readings)
    english = [r for r in cur.readings if r.language not in SCANDINAVIAN]
    assert all(r.summary for r in english)
