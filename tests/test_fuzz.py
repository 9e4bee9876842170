"""Property-based tests: whatever an editor writes, the loader and the checks answer with
problems (file, line, Norwegian message) or success, never an unhandled exception."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from ruamel.yaml import YAML

from macros.__main__ import run_checks
from macros.curriculum import load_curriculum
from macros.load import load_yaml
from macros.model import FILES, Curriculum
from macros.problems import Problem
from macros.validate import validate_file

from .conftest import MINI

# database=None: nothing is written into the project; a failure prints the example to add below
COMMON = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
FAST = settings(max_examples=150, **COMMON)
SLOW = settings(max_examples=20, **COMMON)

# text weighted towards what makes YAML interesting
YAML_CHARS = st.sampled_from([*":-[]{}'\"#&*!|>%@`,?\t\n ", "\r\n", "  ", "- ", ": ", "\\", "\ufeff"])
# what the loader refuses: anchors, aliases, tags, directives, documents, control characters raw and escaped
YAML_CONSTRUCTS = st.sampled_from(
    [
        "&a ",
        "*a",
        "&a [x, *a]",
        "<<: *a",
        "!!bool ",
        "!!str ",
        "!!python/object:os.system ",
        "!foo ",
        "! ",
        "!<tag:yaml.org,2002:int> ",
        "!e!x ",
        "%YAML 1.1\n",
        "%TAG !e! tag:e.org,2000:\n",
        "\n---\n",
        "\n...\n",
        '"\\0"',
        '"a\\rb"',
        '"\\x1b[31m"',
        '"\\L"',
        '"\\N"',
        '"\\u0000"',
        "\x00",
        "\r",
        "\x1b",
        "\x85",
        "\u2028",
        "? [a, b]\n: c\n",
        "True",
        "TRUE",
        "1" * 40,
        "0x1F",
        "1e30",
        ".inf",
    ]
)
YAML_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(
            YAML_CHARS,
            YAML_CONSTRUCTS,
            st.text(max_size=5),
            st.sampled_from(["id", "title", "2016-09-13", "10:30", "no"]),
        ),
        max_size=80,
    ).map("".join),
)
# a message translated from the parser never shows its English
ENGLISH = re.compile(r"\b(while|found|expected|scanning|parsing|allowed|token)\b")
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(min_value=date(1, 1, 1)),
    st.sampled_from(["samling-1", "roller", "2016-02-30", "25:00", "no", "~", ""]),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=12), st.sampled_from(["id", "title", "start", "sessions"])),
            children,
            max_size=4,
        ),
    ),
    max_leaves=20,
)
FILE_NAMES = st.sampled_from(sorted(FILES))


def dump(data: Any) -> str:
    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue()


def assert_problems(problems: list[Problem]) -> None:
    for p in problems:
        assert isinstance(p, Problem)
        assert p.file and isinstance(p.line, int) and p.line >= 0 and p.message
        if p.message.startswith("YAML-syntaksfeil"):
            assert not ENGLISH.search(p.message + p.fix), str(p)
        str(p)


def load_and_validate(path: Path, filename: str) -> None:
    loaded, problems = load_yaml(path, f"curriculum/{filename}")
    assert_problems(problems)
    if loaded is None:
        assert problems
        return
    annotation = Curriculum.model_fields[FILES[filename]].annotation
    value, problems = validate_file(TypeAdapter(annotation), annotation, loaded)
    assert_problems(problems)
    assert (value is None) == bool(problems)


@FAST
@given(filename=FILE_NAMES, text=YAML_TEXT)
@example(filename="begreper.yml", text="\x08")  # found: ruamel's ReaderError escaped the loader
@example(filename="temaer.yml", text="[" * 1200)  # nesting deep enough for a RecursionError
@example(
    filename="pensum.yml", text="a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
)  # an alias bomb
def test_arbitrary_text_as_a_data_file(tmp_path: Path, filename: str, text: str) -> None:
    path = tmp_path / filename
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    load_and_validate(path, filename)


@FAST
@given(filename=FILE_NAMES, raw=st.binary(max_size=200))
def test_arbitrary_bytes_as_a_data_file(tmp_path: Path, filename: str, raw: bytes) -> None:
    path = tmp_path / filename
    path.write_bytes(raw)
    load_and_validate(path, filename)


@FAST
@given(filename=FILE_NAMES, data=STRUCTURES)
@example(filename="vurdering.yml", data=[{"kind": "{0} {x"}])  # found: a value was used as a format string
def test_arbitrary_structures_as_a_data_file(tmp_path: Path, filename: str, data: Any) -> None:
    path = tmp_path / filename
    path.write_text(dump(data), encoding="utf-8")
    load_and_validate(path, filename)


def leaves(data: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value in the record tree, containers included."""
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += leaves(value, (*path, i))
    return found


def replaced(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: replaced(data[head], rest, value)}
    return [replaced(item, rest, value) if i == head else item for i, item in enumerate(data)]


ORIGINAL = {
    name: YAML(typ="safe", pure=True).load((MINI / "curriculum" / name).read_text(encoding="utf-8"))
    for name in FILES
}


@SLOW
@given(filename=FILE_NAMES, choice=st.randoms(use_true_random=False), value=STRUCTURES)
def test_arbitrary_value_in_a_valid_record(mini: Path, filename: str, choice: Any, value: Any) -> None:
    """One field of the valid mini project gets any value; the whole check runs, pages included."""
    original = ORIGINAL[filename]
    path = choice.choice(leaves(original))
    target = mini / "curriculum" / filename
    target.write_text(dump(replaced(original, path, value)), encoding="utf-8")
    try:
        _, problems = run_checks(mini)
        assert_problems(problems)
        cur, _, problems = load_curriculum(mini)
        assert (cur is None) == bool(problems)
    finally:
        target.write_text(dump(original), encoding="utf-8")


MINI_TEXT = {name: (MINI / "curriculum" / name).read_text(encoding="utf-8") for name in FILES}
FIELD_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+: )(?![|>])(\S.*)$")  # "  title: Første samling", "- id: x"
REFUSED_PREFIXES = st.sampled_from(
    ["&a ", "!!str ", "!!bool ", "!!int ", "!foo ", "! ", "!<tag:yaml.org,2002:str> ", "!!python/object:x "]
)
ESCAPES = st.sampled_from(
    ["\\0", "\\a", "\\r", "\\e", "\\x1b", "\\x7f", "\\v", "\\N", "\\L", "\\P", "\\u0085"]
)


def edit_field_line(filename: str, choice: Any, edit: Any) -> tuple[str, int]:
    """A valid mini file with one "key: value" line rewritten by ``edit(key, value)``; its 1-based line."""
    lines = MINI_TEXT[filename].splitlines(keepends=True)
    number = choice.choice([i for i, line in enumerate(lines) if FIELD_LINE.match(line)])
    key, value = FIELD_LINE.match(lines[number]).groups()
    lines[number] = edit(key, value) + "\n"
    return "".join(lines), number + 1


def assert_refused_on(path: Path, text: str, line: int, words: str) -> None:
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_yaml(path, f"curriculum/{path.name}")
    assert loaded is None
    assert [p.line for p in problems] == [line] and words in problems[0].message, problems


@FAST
@given(filename=FILE_NAMES, choice=st.randoms(use_true_random=False), prefix=REFUSED_PREFIXES)
def test_a_tag_or_anchor_before_any_value_is_refused_on_its_line(
    tmp_path: Path, filename: str, choice: Any, prefix: str
) -> None:
    text, line = edit_field_line(filename, choice, lambda key, value: key + prefix + value)
    assert_refused_on(tmp_path / filename, text, line, f"«{prefix.strip()}»")


@FAST
@given(filename=FILE_NAMES, choice=st.randoms(use_true_random=False), escape=ESCAPES, at=st.integers(0, 40))
def test_an_escaped_control_character_in_any_value_is_refused_on_its_line(
    tmp_path: Path, filename: str, choice: Any, escape: str, at: int
) -> None:
    def quoted(key: str, value: str) -> str:
        inner = value.strip("\"'") if value[0] in "\"'" else value  # ids, dates, times, lists, text alike
        before, after = (part.replace("\\", "\\\\").replace('"', '\\"') for part in (inner[:at], inner[at:]))
        return f'{key}"{before}{escape}{after}"'

    text, line = edit_field_line(filename, choice, quoted)
    assert_refused_on(tmp_path / filename, text, line, "kontrolltegnet")


PAGE_TEXT = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(
            [
                "<script",
                "<iframe",
                " onclick=",
                "javascript:",
                "](",
                "`",
                "```\n",
                "@",
                "+47 ",
                "72 41 00 17",
                "\n",
                "13091610005",
                "<a href='",
                ">",
                "<",
                "~~~\n",
                "    ",
            ]
        ),
    ),
    max_size=60,
).map("".join)


@FAST
@given(text=PAGE_TEXT)
def test_privacy_and_html_checks_take_any_page(text: str) -> None:
    from macros.components import COMPONENTS
    from macros.pages import Page, check_text, newlines
    from macros.privacy import Allowed, line_problems
    from macros.templates import environment

    lines = newlines(text).count("\n") + 1
    page = Page(Path(__file__).resolve().parent.parent, "docs/x.md", "x.md")
    published = check_text(
        environment(dict(COMPONENTS)), dict(COMPONENTS), text, page, Allowed(), rendering=False
    )
    for p in [*line_problems(text, "docs/x.md", Allowed()), *published]:
        assert p.file == "docs/x.md" and 1 <= p.line <= lines and p.message and p.fix


FRONT_TEXT = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(
            [
                "title: ",
                "status: ",
                "hide:\n  - ",
                "navigation",
                "!!python/object ",
                "&a ",
                "*a",
                "'",
                '"',
                ": ",
                "\n",
                "  ",
                "- ",
                "[",
                "{",
                "render_macros: false",
                "date: 2016-08-15",
                "\t",
                "%",
            ]
        ),
    ),
    max_size=30,
).map("".join)
TEMPLATE_TEXT = st.lists(
    st.one_of(
        st.text(max_size=6),
        st.sampled_from(
            [
                "{{ ",
                " }}",
                "{% ",
                " %}",
                "{# ",
                " #}",
                "agenda(",
                ")",
                '"samling-1"',
                "lipsum",
                ".__globals__",
                "[0]",
                "|attr('x')",
                "range(10**9)",
                "for i in",
                "endfor",
                "set x = ",
                "roller()",
                "nytt(antall=",
                "3",
                "true",
                "\n",
                "(",
                ",",
                "=",
            ]
        ),
    ),
    max_size=40,
).map("".join)


@FAST
@given(front=FRONT_TEXT)
def test_any_front_matter_gives_problems_not_crashes(front: str) -> None:
    from macros.front_matter import front_matter_problems

    lines = front.count("\n") + 2  # the opening --- is line 1
    for p in front_matter_problems(front, "docs/x.md"):
        assert p.file == "docs/x.md" and 1 <= p.line <= lines + 1 and p.message and p.fix


@FAST
@given(text=TEMPLATE_TEXT)
def test_any_template_is_refused_or_rendered_never_run(text: str) -> None:
    """Whatever Jinja an editor writes, the page is either refused with a line or rendered by
    the sandbox; no exception escapes and nothing but the components can be reached."""
    from macros.components import bound
    from macros.curriculum import curriculum_or_raise
    from macros.pages import newlines, render_page
    from macros.templates import environment

    text = newlines(text)  # as every page is read
    components = bound(curriculum_or_raise(MINI), lambda: "teori/kultur.md")
    output, problems = render_page(environment(components), components, text, "docs/x.md", 0)
    assert (output is None) == bool(problems)
    lines = text.count("\n") + 1
    for p in problems:
        assert p.file == "docs/x.md" and 1 <= p.line <= lines and p.message and p.fix
