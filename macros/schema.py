"""JSON Schema for each data file, generated from the model (editor help in VS Code)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .model import FILES, Curriculum

SCHEMA_DIR = "schema"


def schema_for(filename: str) -> dict[str, Any]:
    annotation = Curriculum.model_fields[FILES[filename]].annotation
    assert annotation is not None  # every field of the model has a type
    schema = TypeAdapter(annotation).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"curriculum/{filename}"
    return schema


def schema_text(filename: str) -> str:
    return json.dumps(schema_for(filename), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path(root: Path, filename: str) -> Path:
    return root / SCHEMA_DIR / filename.replace(".yml", ".schema.json")


def write_schemas(root: Path) -> list[Path]:
    written = []
    for filename in FILES:
        path = schema_path(root, filename)
        path.parent.mkdir(exist_ok=True)
        path.write_text(schema_text(filename), encoding="utf-8")
        written.append(path)
    return written
