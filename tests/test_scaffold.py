"""Scaffolding makes a valid new gathering or reading, keeps every other byte, never overwrites.

Everything is tried on the small fixture project; expectations are computed from its data."""

from __future__ import annotations

import difflib
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from macros import placeholders as blank
from macros.__main__ import run_checks
from macros.problems import DataError
from macros.scaffold import new_gathering, new_reading

from .conftest import ROOT

NAV = """
# navigation written by hand, as in the real mkdocs.yml
nav:
  - index.md
  - Samlinger:
      - samlinger/index.md
{pages}
      - Modul II:
          - samlinger/modul-2-samling-1.md  # the option
  - Teori:
      - teori/roller.md
"""


def scaffold(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args, "--root", str(root)], capture_output=True, text=True
    )


def records(root: Path, name: str) -> list[dict]:
    return YAML(typ="safe", pure=True).load((root / "curriculum" / name).read_text(encoding="utf-8"))


def of_module(root: Path, module: str) -> list[dict]:
    return [g for g in records(root, "samlinger.yml") if g["module"] == module]


def one_insertion(before: str, after: str) -> list[str]:
    """The lines added, asserting that nothing else changed (comments, blank lines, quoting)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    changes = [op for op in opcodes if op[0] != "equal"]
    assert len(changes) == 1 and changes[0][0] == "insert", changes
    _, _, _, start, end = changes[0]
    return new[start:end]


def with_nav(mini: Path) -> None:
    pages = "\n".join(f"      - {g['page']}" for g in of_module(mini, "modul-1"))
    mkdocs = mini / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8") + NAV.format(pages=pages), encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project (not the loader's cache)."""
    files = [p for p in sorted(root.rglob("*")) if p.is_file() and ".cache" not in p.relative_to(root).parts]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


TITLE = "Ledelse: roller #2 – «æøå» \"sitat\" og 'enkelt'"


def test_new_gathering_keeps_the_file_and_asks_for_its_texts_then_passes(mini: Path) -> None:
    with_nav(mini)
    data_file, mkdocs = mini / "curriculum" / "samlinger.yml", mini / "mkdocs.yml"
    # a comment introducing the next module, and one at the end: both stay where they are
    first_option = next(i for i, g in enumerate(records(mini, "samlinger.yml")) if g["module"] != "modul-1")
    option_id = records(mini, "samlinger.yml")[first_option]["id"]
    data = (
        data_file.read_text(encoding="utf-8").replace(
            f"- id: {option_id}\n", f"\n# Modul II er en opsjon.\n- id: {option_id}\n"
        )
        + "# slutt\n"
    )
    data_file.write_text(data, encoding="utf-8")
    nav_before = mkdocs.read_text(encoding="utf-8")
    ours = of_module(mini, "modul-1")
    number = max(g["number"] for g in ours) + 1
    ident = f"samling-{number}"

    result = scaffold(mini, "ny-samling", "--tittel", TITLE)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == f"Opprettet docs/samlinger/{ident}.md"
    assert out[1].startswith(
        f"Endret curriculum/samlinger.yml: ny samling «{ident}», nummer {number} i Modul I, linje "
    )
    assert out[2] == "Endret mkdocs.yml: siden er lagt inn i navigasjonen"
    assert "Dette gjenstår:" in out

    added = one_insertion(data, data_file.read_text(encoding="utf-8"))
    assert added[0] == f"- id: {ident}\n" and not any(line.startswith("#") for line in added)
    after = data_file.read_text(encoding="utf-8")
    assert after.index(f"- id: {ident}\n") < after.index("# Modul II er en opsjon.")  # after Modul I's last
    lines = re.search(r"linje (\d+)–(\d+)", out[1])
    first = after.splitlines().index(f"- id: {ident}") + 1
    assert [int(n) for n in lines.groups()] == [first, first + len(added) - 1]
    record = next(g for g in records(mini, "samlinger.yml") if g["id"] == ident)
    assert record["title"] == TITLE and record["module"] == "modul-1" and record["number"] == number
    assert record["page"] == f"samlinger/{ident}.md"
    assert [g["id"] for g in records(mini, "samlinger.yml")].index(ident) == first_option  # after Modul I's

    assert one_insertion(nav_before, mkdocs.read_text(encoding="utf-8")) == [
        f"      - samlinger/{ident}.md\n"
    ]
    nav = mkdocs.read_text(encoding="utf-8")
    assert (
        nav.index(f"- {ours[-1]['page']}\n") < nav.index(f"- samlinger/{ident}.md") < nav.index("Modul II:")
    )
    page_file = mini / "docs" / "samlinger" / f"{ident}.md"
    page = page_file.read_text(encoding="utf-8")
    assert page.startswith(f"# Samling {number}: {TITLE}\n")
    assert f'{{{{ agenda("{ident}") }}}}' in page

    # the texts the template left are refused, each saying what to write, until the editor writes
    problems = [str(p) for p in run_checks(mini)[1]]
    assert len(problems) == 4, problems
    assert all("står fortsatt slik malen laget det" in p for p in problems)
    assert any(p.startswith(f"docs/samlinger/{ident}.md:") for p in problems)
    assert any(f"({blank.WHAT_TO_WRITE[blank.SUMMARY]})" in p for p in problems)
    text = data_file.read_text(encoding="utf-8")
    for old, new in [
        (blank.SUMMARY, "Vi ser tilbake på året."),
        (blank.REFLECTION, "Hva tar du med deg?"),
        (blank.SESSION, "Oppsummering"),
    ]:
        text = text.replace(old, new)
    data_file.write_text(text, encoding="utf-8")
    page_file.write_text(page.replace(blank.STORY, "Vi avslutter programmet."), encoding="utf-8")
    assert run_checks(mini)[1] == []


def test_a_number_is_unique_in_its_module_only(mini: Path) -> None:
    """Modul I's next number may be one Modul II uses too; the scaffold says so, the check allows it."""
    ours, others = of_module(mini, "modul-1"), of_module(mini, "modul-2")
    number = max(g["number"] for g in ours) + 1
    done = new_gathering(mini, "Avslutning")
    assert f"nummer {number} i Modul I" in done.changed[0][1]
    twins = [g["id"] for g in others if g["number"] == number]
    assert twins, "the fixture should give Modul II the number after Modul I's last"
    assert any(f"«{twins[0]}» i Modul II har også nummer {number}" in s for s in done.next_steps)


@pytest.mark.parametrize("wanted", ["2", "II", "modul-2", "Modul II", "modul ii"])
def test_modul_chooses_the_module_and_its_next_number(mini: Path, wanted: str) -> None:
    others = of_module(mini, "modul-2")
    last = max(others, key=lambda g: g["number"])
    prefix, n = re.fullmatch(r"(.*?)([0-9]+)", last["id"]).groups()
    before = (mini / "curriculum" / "samlinger.yml").read_text(encoding="utf-8")
    done = new_gathering(mini, "Fordypning", wanted)
    ident = f"{prefix}{int(n) + 1}"
    assert done.created == [mini / "docs" / "samlinger" / f"{ident}.md"]
    added = one_insertion(before, (mini / "curriculum" / "samlinger.yml").read_text(encoding="utf-8"))
    assert added[:4] == [
        f"- id: {ident}\n",
        f"  number: {last['number'] + 1}\n",
        "  module: modul-2\n",
        "  title: Fordypning\n",
    ]


def test_an_unknown_module_changes_nothing(mini: Path) -> None:
    before = snapshot(mini)
    result = scaffold(mini, "ny-samling", "--tittel", "X", "--modul", "9")
    assert result.returncode == 1
    assert result.stderr.startswith("ukjent modul «9» (ingenting ble endret; skriv MODUL= med en av modul-1")
    assert snapshot(mini) == before


TITLES = [
    "Ledelse: roller",
    "Møterom #3",
    "Tid: 10:30 # ikke en kommentar",
    '«Sitat» og "anførsel"',
    "Kari's 'team'",
    "æøå ÆØÅ",
    "@intranett",
    "`kode` først",
    "- strek først",
    "yes",
    "true",
    "2016",
    "10:30",
    "a\\b",
    "[liste]",
    "* stjerne",
    "& og",
    "! utrop",
    "% prosent",
    "? spørsmål",
    "> større",
    "| rør",
    "Tittel ",
]


@pytest.mark.parametrize("title", TITLES)
def test_any_title_round_trips_exactly(mini: Path, title: str) -> None:
    before = (mini / "curriculum" / "samlinger.yml").read_text(encoding="utf-8")
    done = new_gathering(mini, title)
    one_insertion(before, (mini / "curriculum" / "samlinger.yml").read_text(encoding="utf-8"))
    ident = done.created[0].stem
    record = next(g for g in records(mini, "samlinger.yml") if g["id"] == ident)
    assert record["title"] == title.strip()
    problems = [str(p) for p in run_checks(mini)[1]]
    assert all("står fortsatt slik malen laget det" in p for p in problems), problems  # heading matches


UNUSABLE = [
    "",
    "   ",
    "to\nlinjer",
    "{{ agenda() }}",
    "a{% if %}",
    "{ikke: felt}",
    "Ledelse {.klasse}",
    "bjelle\a",
]


@pytest.mark.parametrize("title", UNUSABLE)
def test_a_title_that_cannot_be_used_changes_nothing(mini: Path, title: str) -> None:
    before = snapshot(mini)
    with pytest.raises(DataError, match="tittelen"):
        new_gathering(mini, title)
    assert snapshot(mini) == before


def test_new_gathering_never_overwrites(mini: Path) -> None:
    number = max(g["number"] for g in of_module(mini, "modul-1")) + 1
    existing = mini / "docs" / "samlinger" / f"samling-{number}.md"
    existing.write_text("# Min egen side\n", encoding="utf-8")
    before = snapshot(mini)
    result = scaffold(mini, "ny-samling")
    assert result.returncode == 1
    assert f"siden docs/samlinger/samling-{number}.md finnes allerede (ingenting ble endret" in result.stderr
    assert snapshot(mini) == before


def test_an_id_in_use_is_never_reused(mini: Path) -> None:
    """The next id of Modul I taken by a gathering of another module: refused, nothing changed."""
    data = mini / "curriculum" / "samlinger.yml"
    ours, others = of_module(mini, "modul-1"), of_module(mini, "modul-2")
    prefix, n = re.fullmatch(r"(.*?)([0-9]+)", ours[-1]["id"]).groups()
    taken = f"{prefix}{int(n) + 1}"
    data.write_text(
        data.read_text(encoding="utf-8").replace(f"id: {others[0]['id']}\n", f"id: {taken}\n"),
        encoding="utf-8",
    )
    before = snapshot(mini)
    with pytest.raises(DataError, match=f"samlingen «{taken}» finnes allerede"):
        new_gathering(mini)
    assert snapshot(mini) == before


def test_new_reading_keeps_the_file_and_asks_for_everything_it_needs(mini: Path) -> None:
    data = mini / "curriculum" / "pensum.yml"
    data.write_text(
        "# Pensum: én post per tekst.\n" + data.read_text(encoding="utf-8") + "# slutt\n", encoding="utf-8"
    )
    before = data.read_text(encoding="utf-8")
    result = scaffold(mini, "ny-lesning")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Endret curriculum/pensum.yml: ny pensumtekst «ny-tekst-1», linje ")
    assert "Opprettet" not in result.stdout
    added = one_insertion(before, data.read_text(encoding="utf-8"))
    assert added[0] == "- id: ny-tekst-1\n" and data.read_text(encoding="utf-8").endswith("# slutt\n")
    assert new_reading(mini).changed[0][1].startswith("ny pensumtekst «ny-tekst-2»")

    problems = [str(p) for p in run_checks(mini)[1]]
    unassigned = [p for p in problems if "er ikke satt opp til noen samling" in p]
    assert len(unassigned) == 2 and "«ny-tekst-2»" in unassigned[1]
    assert len([p for p in problems if "id-en «ny-tekst-" in p and "gi teksten en id" in p]) == 2
    assert len([p for p in problems if f"sidetallet {blank.PAGES} står fortsatt" in p]) == 2
    for placeholder in (blank.AUTHOR, blank.TITLE, blank.PUBLISHER):  # each says what to write
        assert len([p for p in problems if f"({blank.WHAT_TO_WRITE[placeholder]})" in p]) == 2


def test_a_filled_in_reading_passes(mini: Path) -> None:
    new_reading(mini)
    data = mini / "curriculum" / "pensum.yml"
    text = data.read_text(encoding="utf-8")
    for old, new in [
        ("ny-tekst-1", "heifetz-adaptive"),
        (blank.AUTHOR, "Heifetz, Ronald A."),
        (blank.TITLE, "Leadership Without Easy Answers"),
        (blank.PUBLISHER, "Belknap Press"),
        (f"pages: {blank.PAGES}\n", "pages: 348\n"),
    ]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    data.write_text(text, encoding="utf-8")
    gatherings = mini / "curriculum" / "samlinger.yml"
    first = records(mini, "samlinger.yml")[0]
    listed = ", ".join(first["readings"])
    text = gatherings.read_text(encoding="utf-8")
    gatherings.write_text(
        text.replace(f"readings: [{listed}]", f"readings: [{listed}, heifetz-adaptive]", 1), encoding="utf-8"
    )
    assert run_checks(mini)[1] == []


def test_what_else_to_look_at(mini: Path) -> None:
    """A page naming the gatherings one by one, and a text stating their number, are pointed out."""
    ours = of_module(mini, "modul-1")
    (mini / "docs" / "utskrift.md").write_text(
        "# Utskrift\n\n" + "".join(f'{{{{ agenda("{g["id"]}") }}}}\n\n' for g in ours), encoding="utf-8"
    )
    words = {2: "To", 3: "Tre", 4: "Fire"}
    program = mini / "curriculum" / "program.yml"
    program.write_text(
        program.read_text(encoding="utf-8").replace(
            "    description: Med selvstudium mellom samlingene.",
            f"    description: {words[len(ours)]} samlinger, med selvstudium mellom.",
        ),
        encoding="utf-8",
    )
    steps = new_gathering(mini, "Ekstra").next_steps
    last_line = 2 + 2 * len(ours) - 1
    assert any(s.startswith(f"docs/utskrift.md:{last_line} nevner samlingene én for én") for s in steps)
    assert any("curriculum/program.yml:" in s and f"har nå {len(ours) + 1}" in s for s in steps)


def test_scaffolding_refuses_broken_data(mini: Path) -> None:
    (mini / "curriculum" / "temaer.yml").write_text("- id: [\n", encoding="utf-8")
    before = snapshot(mini)
    result = scaffold(mini, "ny-lesning")
    assert result.returncode == 1
    assert "curriculum/temaer.yml:1: YAML-syntaksfeil" in result.stderr
    assert "ingenting ble endret" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mini) == before


@pytest.mark.build
def test_make_passes_any_title_as_text(mini: Path) -> None:
    """TITTEL reaches Python as typed: quotes, $ and ` are never make or shell code."""
    title = """Ledelse: "roller" $HOME `id` it's $(shell id) #1"""
    dry = (
        subprocess.run(
            ["make", "-n", "-s", "-o", ".venv/.ready", "ny-samling", f"TITTEL={title}", "MODUL=2"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    command = shlex.split(dry)
    assert command[1:] == ["-m", "macros", "ny-samling", "--tittel", title, "--modul", "2"]
    done = subprocess.run([sys.executable, *command[1:], "--root", str(mini)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert any(g["title"] == title for g in records(mini, "samlinger.yml"))
