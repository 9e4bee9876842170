"""The loader accepts only the plain part of YAML, the model bounds what it holds, and the
calendar writer cannot be injected.

The refusals with their messages as an editor sees them are in tests/bad_inputs.yml; these tests
hold the loader, the model and the calendar writer to the properties behind them.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
from pydantic import TypeAdapter, ValidationError

from macros.calendar import calendar_files
from macros.curriculum import curriculum_or_raise
from macros.load import load_yaml
from macros.model import Curriculum, Programme, Theme
from macros.problems import Problem
from macros.validate import validate_file

from .conftest import MINI

# words of ruamel's English messages; none may reach an editor
ENGLISH = re.compile(r"\b(while|found|expected|scanning|parsing|allowed|token|document start)\b")


def load(tmp_path: Path, text: str) -> tuple[object, list[Problem]]:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_yaml(path, "curriculum/x.yml")
    return (loaded.data if loaded else None), problems


def alias_bomb(levels: int = 7, width: int = 10) -> str:
    """The "billion laughs": each level lists the one above ``width`` times (10**levels strings)."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly_and_never_expanded(tmp_path: Path) -> None:
    text = alias_bomb()
    assert 400 <= len(text.encode()) <= 600
    start = time.perf_counter()
    data, problems = load(tmp_path, text)
    elapsed = time.perf_counter() - start
    assert data is None
    assert [str(p) for p in problems] == [
        "curriculum/x.yml:1: «&l0» er et YAML-anker; anker og alias er ikke tillatt i datafilene "
        "(skriv verdien ut der den trengs; skal teksten begynne med & eller *, sett den i anførselstegn)"
    ]
    assert elapsed < 0.5, f"{elapsed * 1000:.0f} ms"  # measured about 1 ms; expanding took 13 s and 1.6 GB


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        ("a: 1\nb: &x 2\n", 2, "«&x» er et YAML-anker"),
        ("a:\n  - &liste\n    b: 1\n", 2, "«&liste» er et YAML-anker"),
        ("a: *x\n", 1, "«*x» er et YAML-alias"),  # an alias without its anchor
        ("a: 1\nb: *viktig*\n", 2, "«*viktig*» er et YAML-alias"),  # Markdown emphasis, unquoted
        ("a:\n  <<: *basis\n", 2, "«*basis» er et YAML-alias"),  # a merge key needs an alias
    ],
)
def test_anchors_and_aliases_are_refused(tmp_path: Path, text: str, line: int, shown: str) -> None:
    data, problems = load(tmp_path, text)
    assert data is None
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [(line, shown)]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!bool yes\n", "!!bool"),
        ("a: !!str 5\n", "!!str"),
        ("a: !!int '7'\n", "!!int"),
        ("a: !foo bar\n", "!foo"),
        ("a: !!python/object:os.system {}\n", "!!python/object:os.system"),
        ("a: !<tag:yaml.org,2002:bool> yes\n", "!<tag:yaml.org,2002:bool>"),
        ("a: ! 5\n", "!"),
        ("a: !!binary aGVp\n", "!!binary"),
        ("a: !!set {b, c}\n", "!!set"),
        ("- !!map {b: 1}\n", "!!map"),
        ("!!seq [1]\n", "!!seq"),
    ],
)
def test_explicit_tags_are_refused(tmp_path: Path, text: str, tag: str) -> None:
    data, problems = load(tmp_path, text)
    assert data is None
    assert [p.message for p in problems] == [
        f"«{tag}» foran verdien er en YAML-tag; tagger er ikke tillatt i datafilene"
    ]
    assert problems[0].line == 1 and "anførselstegn" in problems[0].fix


def test_only_true_and_false_are_booleans(tmp_path: Path) -> None:
    words = ["true", "false", "True", "TRUE", "False", "FALSE", "yes", "no", "on", "off", "y", "n"]
    data, problems = load(tmp_path, "".join(f"k{i}: {w}\n" for i, w in enumerate(words)))
    assert problems == []
    assert list(data.values()) == [True, False, *words[2:]]


def test_directives_are_refused_so_yaml_11_never_applies(tmp_path: Path) -> None:
    for text in ["%YAML 1.1\n---\na: no\nb: 10:30\n", "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n"]:
        data, problems = load(tmp_path, text)
        assert data is None
        assert [p.line for p in problems] == [2]
        assert problems[0].message.startswith("YAML-direktiver")


@pytest.mark.parametrize(
    ("text", "line"),
    [("a: 1\n---\nb: 2\n", 2), ("- a\n...\n- b\n", 3), ("---\na: 1\n---\n", 3)],
)
def test_one_document_per_file(tmp_path: Path, text: str, line: int) -> None:
    data, problems = load(tmp_path, text)
    assert data is None
    assert [(p.line, p.message) for p in problems] == [
        (line, "et nytt YAML-dokument begynner her, men en datafil kan bare ha ett")
    ]


def test_explicit_document_markers_around_one_document_are_fine(tmp_path: Path) -> None:
    assert load(tmp_path, "---\na: 1\n...\n") == ({"a": 1}, [])


@pytest.mark.parametrize(
    "escape_text",
    [
        "\\0",
        "\\a",
        "\\b",
        "\\v",
        "\\f",
        "\\r",
        "\\e",
        "\\x1b",
        "\\x7f",
        "\\x85",
        "\\N",
        "\\L",
        "\\P",
        "\\u0000",
    ],
)
def test_control_characters_in_values_are_refused(tmp_path: Path, escape_text: str) -> None:
    data, problems = load(tmp_path, f'a: ok\nb: "før{escape_text}etter"\n')
    assert data is None
    assert len(problems) == 1 and problems[0].line == 2
    message = r"verdien inneholder kontrolltegnet U\+[0-9A-F]{4}, som ikke er tillatt i datafilene"
    assert re.fullmatch(message, problems[0].message)


def test_control_character_in_a_field_name_is_refused(tmp_path: Path) -> None:
    _, problems = load(tmp_path, 'a: 1\n"b\\rc": 2\n')
    assert [(p.line, p.message[:43]) for p in problems] == [
        (2, "feltnavnet inneholder kontrolltegnet U+000D")
    ]


def test_tab_and_newline_are_text_and_crlf_files_load(tmp_path: Path) -> None:
    text = 'a: |\n  første\tlinje\n  andre linje\nb: "x\\ty\\nz"\nc: >-\n  en\n  to\n'
    assert load(tmp_path, text) == ({"a": "første\tlinje\nandre linje\n", "b": "x\ty\nz", "c": "en to"}, [])
    assert load(tmp_path, text.replace("\n", "\r\n")) == load(tmp_path, text)  # Windows line ends


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: @x\n", 1),
        ("a: `kode`\n", 1),
        ("- ok\n- %x\n", 2),
        ("a: b: c\n", 1),
        ('a: "x\\q"\n', 1),
        ('a: "\\xZZ"\n', 1),
        ("a:\n  - 1\n b: 2\n", 3),
        ("- a\nb: 1\n", 2),
        ("a: |0\n  x\n", 1),
        ("a: &\n", 1),
        ("a: *\n", 1),
        ("a: !<x\n", 1),
        ("a: !x!y 1\n", 1),
        ("%YAML 2.0\n---\na: 1\n", 1),
        ("a: 'x' y\n", 1),
        ("a: b\nc\n", 2),
        ("a: [b, c: d: e]\n", 1),
        ("a: -\n", 1),
        ("a: [,]\n", 1),
        ("[a]]\n", 1),
        ("  a: 1\nb: 2\n", 2),
        ("a: 1\n...\n- b\n", 3),
        ("a: 'x\n---\n'\n", 1),
        ("a:\n  b: 1\n   c: 2\n", 3),
        ('a: "x\n\n', 1),
        ("a: [x\n", 1),
        ("a: {x: 1\n", 1),
    ],
)
def test_every_parser_message_is_norwegian_with_its_line(tmp_path: Path, text: str, line: int) -> None:
    data, problems = load(tmp_path, text)
    assert data is None and len(problems) == 1
    problem = problems[0]
    assert problem.line == line, str(problem)
    assert problem.fix and not ENGLISH.search(problem.message + problem.fix), str(problem)


@pytest.mark.parametrize("indicator", ["@", "`", "%"])
def test_reserved_indicators_explain_quoting(tmp_path: Path, indicator: str) -> None:
    _, problems = load(tmp_path, f"a: ok\nb: {indicator}navn er tekst\n")
    assert [str(p) for p in problems] == [
        f"curriculum/x.yml:2: YAML-syntaksfeil: tegnet {indicator} kan ikke stå først i en verdi uten "
        f'anførselstegn (sett verdien i anførselstegn, f.eks. "{indicator}navn")'
    ]
    quoted, problems = load(tmp_path, f'a: ok\nb: "{indicator}navn er tekst"\n')
    assert problems == [] and quoted["b"] == f"{indicator}navn er tekst"


def test_the_model_refuses_control_characters_however_a_record_is_built() -> None:
    """Defence in depth: the loader refuses these first; a record built in code is held to the same."""
    theme = {"id": "roller", "name": "Roller", "description": "Om roller.", "page": "teori/roller.md"}
    TypeAdapter(Theme).validate_python(theme)
    for bad in ["Roller\r", "Rol\x00ler", "\x1b[31mRoller"]:
        with pytest.raises(ValidationError, match="kontrolltegnet U\\+00"):
            TypeAdapter(Theme).validate_python({**theme, "name": bad})


def test_a_huge_value_is_named_briefly(tmp_path: Path) -> None:
    path = tmp_path / "program.yml"
    path.write_text(f"credits: {'9' * 5000}\n", encoding="utf-8")  # more digits than Python converts
    loaded, problems = load_yaml(path, "curriculum/program.yml")
    _, problems = validate_file(TypeAdapter(Programme), Programme, loaded)
    credits = [p.message for p in problems if "credits" in p.message]
    assert credits == [f"«credits» skal være et heltall, ikke «{'9' * 79}…»"]


STAMP = datetime(2016, 9, 1, tzinfo=UTC)
HOSTILE = "A\rUID:evil@x\rURL:https://evil.example/\nATTACH:x\r\nX-EVIL:1\x00\x1b\x0b\x85\u2028END:VEVENT"


def hostile_calendar(base_url: str = "") -> str:
    """The fixture's whole calendar with hostile titles, rooms, places and descriptions, as if the
    loader had let them through (it refuses control characters; the writer does not rely on it)."""
    cur = curriculum_or_raise(MINI)
    hostile = {"title": HOSTILE, "place": HOSTILE, "room": HOSTILE}
    gatherings = [g.model_copy(update=hostile) for g in cur.gatherings]
    assessments = [a.model_copy(update={"title": HOSTILE, "description": HOSTILE}) for a in cur.assessments]
    programme = cur.programme.model_copy(update={"short_name": HOSTILE, "organisation": HOSTILE})
    bad = Curriculum.model_construct(
        **{**dict(cur), "programme": programme, "gatherings": gatherings, "assessments": assessments}
    )
    return calendar_files(bad, STAMP, base_url)["kalender/testprogram-2016.ics"]


@pytest.mark.parametrize("base_url", ["", "https://intranett.example/\r\nX-EVIL:1\rUID:evil"])
def test_calendar_values_cannot_inject_properties(base_url: str) -> None:
    text = hostile_calendar(base_url)
    assert not re.search(r"\r(?!\n)|(?<!\r)\n", text), "a bare CR or LF in the file"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", text.replace("\r\n", ""))
    cal = icalendar.Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(events) == 5 and all(uid.startswith("testprogram-2016-") for uid in uids)
    properties = [name for name, _ in cal.property_items()]  # every component's, nested ones too
    assert properties.count("UID") == len(events)
    assert properties.count("URL") == (len(events) if base_url else 0)
    assert not {"ATTACH", "X-EVIL"} & set(properties)
    # a lenient reader splits at any line break (str.splitlines: CR, VT, NEL, U+2028 …) and still
    # sees one UID an event and no injected property
    lenient = [line.split(":")[0].split(";")[0] for line in text.replace("\r\n ", "").splitlines()]
    assert lenient.count("UID") == len(events) and not {"ATTACH", "X-EVIL"} & set(lenient)
    # the hostile lines are still there, as text
    lines = "A\nUID:evil@x\nURL:https://evil.example/\nATTACH:x\nX-EVIL:1"
    assert str(events[0]["SUMMARY"]) == f"Samling 1, dag 1: {lines}\n\n\nEND:VEVENT"
    assert str(events[0]["LOCATION"]).startswith(lines)
    assert str(events[-1]["DESCRIPTION"]).startswith(lines)
    if base_url:
        assert str(events[0]["URL"]).startswith("https://intranett.example/X-EVIL:1UID:evil/")
