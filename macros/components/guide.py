"""The editors' reference for the data files, generated from the model so it cannot drift."""

from __future__ import annotations

import types
import typing
from datetime import date, time
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..markdown import blocks, esc, table
from ..model import FILES, RECORD_NAMES, Curriculum
from ..open_items import Open
from ..types import DOMAIN_PATTERN, ID_PATTERN, Pages

SIMPLE = {
    str: "tekst",
    int: "heltall",
    bool: "true eller false",
    date: "dato (ÅÅÅÅ-MM-DD)",
    time: 'klokkeslett ("TT:MM")',
    Pages: 'sidetall (240) eller sideintervall ("45-67")',
    str | Open: "tekst, eller «open: …» med det som avklares i kontrakten",
}


PATTERNS = {
    ID_PATTERN: "id (små bokstaver a–z, tall og bindestrek)",
    DOMAIN_PATTERN: "domenenavn (f.eks. nordby.kommune.no)",
}


def pattern_of(annotation: Any, metadata: list[Any]) -> str | None:
    found = [m for m in metadata if getattr(m, "pattern", None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    if typing.get_origin(annotation) is typing.Annotated:
        found += [m for m in typing.get_args(annotation)[1:] if getattr(m, "pattern", None)]
    return found[0].pattern if found else None


def unwrap(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        return unwrap(next(a for a in args if a is not type(None)))
    return annotation


def type_name(annotation: Any, metadata: list[Any] | None = None) -> str:
    inner = unwrap(annotation)
    if typing.get_origin(inner) is list:
        return f"liste av {type_name(typing.get_args(inner)[0])}"
    if typing.get_origin(inner) is Literal:
        return "én av " + ", ".join(str(v) for v in typing.get_args(inner))
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return RECORD_NAMES[inner.__name__]
    pattern = pattern_of(annotation, metadata or [])
    if pattern:
        return PATTERNS.get(pattern, "sti til en side under docs/ (f.eks. teori/roller.md)")
    return SIMPLE.get(inner, str(inner))


def example(field: FieldInfo) -> str:
    if not field.examples:
        return ""
    value = field.examples[0]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return f"`[{', '.join(value)}]`"
    return f"`{value}`"


def model_table(model: type[BaseModel]) -> str:
    rows = []
    for name, field in model.model_fields.items():
        rows.append(
            (
                f"`{name}`",
                esc(type_name(field.annotation, field.metadata)),
                "ja" if field.is_required() else "nei",
                esc(field.description or ""),
                example(field),
            )
        )
    return table(("Felt", "Type", "Påkrevd", "Betydning", "Eksempel"), rows)


def records_in(model: type[BaseModel]) -> list[type[BaseModel]]:
    """The model and every record type nested in it, each once, in order of appearance."""
    found: list[type[BaseModel]] = [model]
    for field in model.model_fields.values():
        inner = unwrap(field.annotation)
        if typing.get_origin(inner) is list:
            inner = unwrap(typing.get_args(inner)[0])
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found += [m for m in records_in(inner) if m not in found]
    return found


def data_reference(cur: Curriculum, here: str) -> str:
    parts = []
    for filename, field_name in FILES.items():
        annotation = unwrap(Curriculum.model_fields[field_name].annotation)
        is_list = typing.get_origin(annotation) is list
        model = unwrap(typing.get_args(annotation)[0]) if is_list else annotation
        shape = "en liste med én post per linje som begynner med «- »" if is_list else "én samling felt"
        parts += [f"### {filename}", f"Filen `curriculum/{filename}` er {shape}."]
        for record in records_in(model):
            if record is not model:
                parts.append(f"#### Feltene i en {RECORD_NAMES[record.__name__]}")
            parts.append(model_table(record))
    return blocks(*parts)
