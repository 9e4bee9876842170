"""Turn pydantic's validation errors into Norwegian problems with lines."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .load import Loaded
from .problems import DataError, Problem, closest, did_you_mean

TYPE_NAMES = {
    "int": "et heltall",
    "str": "tekst",
    "bool": "true eller false",
    "list": "en liste",
    "dict": "en samling felt",
    "float": "et tall",
    "NoneType": "tom",
}


SHOWN_LENGTH = 80  # a pasted page of text or a 5000-digit number is named, not repeated


def shown(value: Any) -> str:
    if isinstance(value, dict):
        return "en samling felt"
    if isinstance(value, list):
        return "en liste"
    if value is None:
        return "ingenting"
    text = str(value)
    return f"«{text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + '…'}»"


def validate_file(adapter: TypeAdapter[Any], root: Any, loaded: Loaded) -> tuple[Any, list[Problem]]:
    try:
        return adapter.validate_python(loaded.data), []
    except ValidationError as err:
        errors = err.errors()
        # a misspelt key ("titel") also leaves its field missing: say it once, as the misspelling
        misspelt = {
            (*e["loc"][:-1], closest(str(e["loc"][-1]), fields_at(root, e["loc"][:-1])))
            for e in errors if e["type"] == "extra_forbidden"
        }
        problems = [
            translate(e, loaded, root) for e in errors
            if not (e["type"] == "missing" and tuple(e["loc"]) in misspelt)
        ]
        return None, problems


def fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the record at ``loc`` in a model tree (for 'did you mean')."""
    for part in loc:
        if isinstance(part, int):
            args = typing.get_args(model)
            model = args[0] if args else model
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = field.annotation
        args = [a for a in typing.get_args(model) if a is not type(None)]
        if typing.get_origin(model) is not list and len(args) == 1:
            model = args[0]
    if typing.get_origin(model) is list:
        model = typing.get_args(model)[0]
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def translate(error: dict[str, Any], loaded: Loaded, root: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), loaded.file.rsplit("/", 1)[-1])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    line = loaded.line_of(loc)
    if kind == "missing":
        return Problem(
            loaded.file,
            loaded.line_of(loc[:-1]),
            f"mangler det påkrevde feltet «{field}»",
            f"legg til en linje «{field}: …»",
        )
    if kind == "extra_forbidden":
        known = fields_at(root, loc[:-1])
        return Problem(
            loaded.file,
            loaded.line_of(loc, key=True),
            f"ukjent felt «{field}»",
            did_you_mean(field, known) or "fjern feltet",
        )
    # only our own templates are formatted: a value with { or } in it is text, not a placeholder
    if kind == "value_error" and isinstance(ctx.get("error"), DataError):
        message, fix = ctx["error"].message, ctx["error"].fix
    elif kind == "literal_error":
        allowed = [a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        message = f"{shown(value)} er ikke en gyldig verdi for «{field}»"
        fix = did_you_mean(str(value), allowed)
    elif kind in MESSAGES:
        template, fix_template = MESSAGES[kind]
        message = template.format_map({**ctx, "field": field, "value": shown(value)})
        fix = fix_template.format_map({**ctx, "field": field})
    else:
        message = f"ugyldig verdi {shown(value)} for «{field}»: {error['msg']}"
        fix = "se referansen for datafilene"
    return Problem(loaded.file, line, message, fix)


MESSAGES: dict[str, tuple[str, str]] = {
    "int_type": ("«{field}» skal være et heltall, ikke {value}", "skriv et tall uten anførselstegn, f.eks. 30"),
    "int_parsing": ("«{field}» skal være et heltall, ikke {value}", "skriv et tall uten anførselstegn, f.eks. 30"),
    "int_from_float": ("«{field}» skal være et heltall, ikke {value}", "skriv et helt tall uten desimaler"),
    "string_type": ("«{field}» skal være tekst, ikke {value}", 'sett verdien i anførselstegn, f.eks. "2016"'),
    "bool_type": ("«{field}» skal være true eller false, ikke {value}", "skriv true eller false"),
    "list_type": ("«{field}» skal være en liste, ikke {value}", "skriv hvert element på egen linje som begynner med «- »"),
    "dict_type": ("her skal det stå en samling felt, ikke {value}", "skriv feltene som «navn: verdi» på hver sin linje"),
    "model_type": ("her skal det stå en samling felt, ikke {value}", "skriv feltene som «navn: verdi» på hver sin linje"),
    "model_attributes_type": ("her skal det stå en samling felt, ikke {value}", "skriv feltene som «navn: verdi» på hver sin linje"),
    "string_pattern_mismatch": ("{value} er ikke en gyldig verdi for «{field}»", "id-er skrives med små bokstaver a–z, tall og bindestrek (f.eks. samling-3); sider som sti til en .md-fil under docs/ (f.eks. samlinger/samling-3.md)"),
    "string_too_short": ("«{field}» er tom", "skriv en tekst, eller fjern feltet hvis det ikke er påkrevd"),
    "too_short": ("«{field}» må ha minst {min_length} element", "legg til elementer i listen"),
    "greater_than_equal": ("«{field}» må være minst {ge}, ikke {value}", "rett tallet"),
    "less_than_equal": ("«{field}» kan være høyst {le}, ikke {value}", "rett tallet"),
}
