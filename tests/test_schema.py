"""The editors' JSON Schema agrees with the model: same files, same verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from macros.load import load_yaml
from macros.model import FILES
from macros.schema import schema_for, schema_path, schema_text

from .conftest import ROOT
from .test_bad_inputs import CASES, apply


def validator(filename: str) -> Draft202012Validator:
    return Draft202012Validator(schema_for(filename), format_checker=FormatChecker())


@pytest.mark.parametrize("filename", list(FILES))
def test_committed_schema_is_generated_from_the_model(filename: str) -> None:
    committed = schema_path(ROOT, filename).read_text(encoding="utf-8")
    assert committed == schema_text(filename), "kjør «make schema» og legg inn resultatet"


@pytest.mark.parametrize("filename", list(FILES))
def test_yaml_files_name_their_schema(filename: str) -> None:
    first = (ROOT / "curriculum" / filename).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{Path(filename).stem}.schema.json"


@pytest.mark.parametrize("filename", list(FILES))
def test_project_data_passes_the_schema(filename: str) -> None:
    loaded, problems = load_yaml(ROOT / "curriculum" / filename, filename)
    assert problems == []
    errors = list(validator(filename).iter_errors(loaded.data))
    assert errors == []


SCHEMA_CASES = [c for c in CASES if c.get("schema")]


def test_schema_cases_are_marked() -> None:
    assert len(SCHEMA_CASES) >= 12


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=[c["name"] for c in SCHEMA_CASES])
def test_schema_refuses_what_the_model_refuses(case: dict, mini: Path) -> None:
    apply(case, mini)
    filename = Path(case["file"]).name
    loaded, problems = load_yaml(mini / case["file"], filename)
    assert problems == []  # these are mistakes in values, not in YAML syntax
    assert list(validator(filename).iter_errors(loaded.data)), f"the schema accepts {case['name']!r}"
