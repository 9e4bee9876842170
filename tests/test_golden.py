"""Golden cases: a component call on the small project, and its expected Markdown.

A case is tests/golden/NAME.yml (``call`` and the calling ``page``) with the expected output
in tests/golden/NAME.md. Refresh after a deliberate change with ``pytest --update-goldens``
and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from ruamel.yaml import YAML

from macros.components import bound
from macros.curriculum import curriculum_or_raise

from .conftest import MINI

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.yml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, update_goldens: bool) -> None:
    spec = YAML(typ="safe").load(case.read_text(encoding="utf-8"))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals.update(bound(curriculum_or_raise(MINI), lambda: spec["page"]))
    actual = env.from_string("{{ " + spec["call"] + " }}").render()
    expected = case.with_suffix(".md")
    if update_goldens:
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_every_component_has_a_golden_case() -> None:
    from macros.components import COMPONENTS

    called = {YAML(typ="safe").load(c.read_text(encoding="utf-8"))["call"].split("(")[0] for c in CASES}
    assert set(COMPONENTS) <= called
