"""Turn pydantic's validation errors into Norwegian problems with lines."""

from __future__ import annotations

import difflib
import re
import typing
from datetime import date
from typing import Any, TypeGuard

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .load import Loaded
from .problems import DataError, Problem, closest, did_you_mean
from .types import parse_clock, parse_date

SHOWN_LENGTH = 80  # a pasted page of text or a 5000-digit number is named, not repeated


def shown(value: Any, typed: str | None = None) -> str:
    """A value for a message: as typed where the parser read it differently (09.30, not 9.3)."""
    if typed is not None:
        value = typed
    if isinstance(value, dict):
        return "en samling felt"
    if isinstance(value, list):
        return "en liste"
    if value is None:
        return "ingenting"
    text = str(value)
    return f"«{text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + '…'}»"


def validate_file(adapter: TypeAdapter[Any], root: Any, loaded: Loaded) -> tuple[Any, list[Problem]]:
    swallowed, lost = swallowed_fields(loaded, root)
    try:
        value = adapter.validate_python(loaded.data)
    except ValidationError as err:
        errors = err.errors()
        # a misspelt key ("titel") also leaves its field missing: say it once, as the misspelling
        misspelt = {
            (*e["loc"][:-1], closest(str(e["loc"][-1]), fields_at(root, e["loc"][:-1])))
            for e in errors
            if e["type"] == "extra_forbidden"
        }
        problems = [
            translate(e, loaded, root)
            for e in errors
            if not (e["type"] == "missing" and tuple(e["loc"]) in misspelt | lost)
        ]
        return None, swallowed + problems
    return (None, swallowed) if swallowed else (value, [])


def swallowed_fields(loaded: Loaded, root: Any) -> tuple[list[Problem], set[tuple[Any, ...]]]:
    """A field indented too far under a text written with | or > becomes part of that text:
    reported at its own line, and not again as a missing field."""
    problems, lost = [], set()
    for path, found in loaded.swallowed.items():
        if not path or not isinstance(path[-1], str):
            continue
        fields = set(fields_at(root, path[:-1]))
        hits = [(line, key) for line, key in found if key in fields]
        if hits:
            line, key = hits[0]
            problems.append(
                Problem(
                    loaded.file,
                    line,
                    f"«{key}» har mer innrykk enn feltene rundt, så linjen blir en del av teksten i "
                    f"«{path[-1]}» (linje {loaded.lines.get(path, line)})",
                    f"flytt «{key}» til venstre, til samme innrykk som «{path[-1]}»",
                )
            )
            lost |= {(*path[:-1], key) for _, key in hits}
    return problems, lost


def model_at(model: Any, loc: tuple[Any, ...]) -> Any:
    """The model (or type) of the value at ``loc`` in a model tree."""
    for part in loc:
        if isinstance(part, int):
            args = typing.get_args(model)
            model = args[0] if args else model
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = field.annotation
        not_none = [a for a in typing.get_args(model) if a is not type(None)]
        if typing.get_origin(model) is not list and len(not_none) == 1:
            model = not_none[0]
    if typing.get_origin(model) is list:
        model = typing.get_args(model)[0]
    return model


def fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """Field names of the record at ``loc`` in a model tree (for 'did you mean')."""
    model = model_at(model, loc)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def parser_of(root: Any, loc: tuple[Any, ...]) -> Any:
    """The function that reads the field at ``loc`` (parse_date, parse_clock, …), if it has one."""
    record = model_at(root, loc[:-1]) if loc and isinstance(loc[-1], str) else None
    if not (isinstance(record, type) and issubclass(record, BaseModel)):
        return None
    field = record.model_fields.get(loc[-1])
    if field is None:
        return None
    # a field that may be left out (``IsoDate | None``) keeps its reader inside the union
    inner = [m for arg in typing.get_args(field.annotation) for m in getattr(arg, "__metadata__", ())]
    return next((m.func for m in [*field.metadata, *inner] if hasattr(m, "func")), None)


def as_iso_date(text: str) -> str | None:
    """13.12.2016, 13/12/16 or 2016-9-5 as 2016-12-13, 2016-12-13 and 2016-09-05."""
    if match := re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})", text.strip()):
        day, month, year = (int(x) for x in match.groups())
        year += 2000 if year < 100 else 0
    elif match := re.fullmatch(r"(\d{4})[./-](\d{1,2})[./-](\d{1,2})", text.strip()):
        year, month, day = (int(x) for x in match.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def as_clock(text: str) -> str | None:
    """9.30, 09.30, 9:30, 930 or 9 as "09:30" (and "09:00")."""
    text = text.strip()
    match = re.fullmatch(r"(?:kl\.? ?)?(\d{1,2})(?:[.:,](\d{2}))?", text) or re.fullmatch(
        r"(\d{1,2})(\d{2})", text
    )
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    return f'"{hour:02d}:{minute:02d}"' if hour < 24 and minute < 60 else None


SUGGESTIONS = {parse_date: (as_iso_date, "skriv «{0}»"), parse_clock: (as_clock, "skriv «{0}»")}


def suggestion(root: Any, loc: tuple[Any, ...], text: str) -> str | None:
    """The value converted to the form the field wants, where the conversion is obvious."""
    convert, fix = SUGGESTIONS.get(parser_of(root, loc), (None, ""))
    converted = convert(text) if convert else None
    return fix.replace("{0}", converted) if converted else None


def close_ids(ident: str, known: set[str] | list[str]) -> list[str]:
    """Ids close enough to be a typo of ``ident``; samling-9 is not a typo of samling-2."""

    def digitless(word: str) -> str:
        return re.sub(r"[0-9]+", "#", word)

    close = difflib.get_close_matches(ident, sorted(known), n=3, cutoff=0.75)
    return [c for c in close if digitless(c) != digitless(ident)]


def unknown_id_fix(ident: str, known: set[str] | list[str], where: str, create: str = "") -> str:
    """What to do about an id nothing has: the close ones, else where ids are and how to add one."""
    if close := close_ids(ident, known):
        return "mente du " + " eller ".join(f"«{c}»" for c in close) + "?"
    fix = f"ingen id i {where} ligner"
    return fix + (f"; en ny lager du med «{create}»" if create else "")


# fields that are gone, and where what they held is written now
RETIRED = {
    "assignments": "fjern linjen: et arbeidskrav knyttes til samlingen i curriculum/vurdering.yml, med "
    "«gathering: <samlingens id>» på arbeidskravet",
}


def translate(error: ErrorDetails, loaded: Loaded, root: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), loaded.file.rsplit("/", 1)[-1])
    value = error.get("input")
    typed = loaded.typed.get(loc)  # 09.30 as typed, where the parser read the number 9.3
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
            RETIRED.get(field) or did_you_mean(field, known) or "fjern feltet",
        )
    # only our own templates are formatted: a value with { or } in it is text, not a placeholder
    if kind == "value_error" and isinstance(ctx.get("error"), DataError):
        message, fix = ctx["error"].message, ctx["error"].fix
        if value is None:  # "end:" with nothing after it: the line of the field, not of the next
            message, line = f"«{field}» er tom", loaded.line_of(loc, key=True)
        elif typed is not None:
            message = message.replace(f"«{value}»", f"«{typed}»", 1)
        if value is not None:
            fix = suggestion(root, loc, typed if typed is not None else str(value)) or fix
    elif kind == "literal_error":
        allowed = [a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        message = f"{shown(value, typed)} er ikke en gyldig verdi for «{field}»"
        fix = did_you_mean(str(value), allowed)
    elif kind == "string_type" and is_text_with_colon(value, loc, loaded):
        ((key, rest),) = value.items()
        message = f"teksten inneholder «: », så YAML leser «{shown_text(key)}» som et feltnavn"
        fix = f'sett hele teksten i anførselstegn: "{shown_text(f"{key}: {rest}" if rest else key + ":")}"'
    elif kind in MESSAGES:
        template, fix_template = MESSAGES[kind]
        message = template.format_map({**ctx, "field": field, "value": shown(value, typed)})
        fix = fix_template.format_map({**ctx, "field": field})
    else:
        message = f"ugyldig verdi {shown(value, typed)} for «{field}»: {error['msg']}"
        fix = "se referansen for datafilene"
    return Problem(loaded.file, line, message, fix)


def is_text_with_colon(value: Any, loc: tuple[Any, ...], loaded: Loaded) -> TypeGuard[dict[str, Any]]:
    """``- Tid: kl. 10`` where text belongs: one field on one line, whose value is text or nothing."""
    if not (isinstance(value, dict) and len(value) == 1):
        return False
    ((key, rest),) = value.items()
    return (isinstance(rest, str) or rest is None) and (
        loaded.key_lines.get((*loc, key)) == loaded.lines.get((*loc, key), loaded.key_lines.get((*loc, key)))
    )


def shown_text(text: str) -> str:
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


MESSAGES: dict[str, tuple[str, str]] = {
    "int_type": (
        "«{field}» skal være et heltall, ikke {value}",
        "skriv et tall uten anførselstegn, f.eks. 30",
    ),
    "int_parsing": (
        "«{field}» skal være et heltall, ikke {value}",
        "skriv et tall uten anførselstegn, f.eks. 30",
    ),
    "int_from_float": ("«{field}» skal være et heltall, ikke {value}", "skriv et helt tall uten desimaler"),
    "string_type": ("«{field}» skal være tekst, ikke {value}", 'sett verdien i anførselstegn, f.eks. "2016"'),
    "bool_type": ("«{field}» skal være true eller false, ikke {value}", "skriv true eller false"),
    "list_type": (
        "«{field}» skal være en liste, ikke {value}",
        "skriv hvert element på egen linje som begynner med «- »",
    ),
    "dict_type": (
        "her skal det stå en samling felt, ikke {value}",
        "skriv feltene som «navn: verdi» på hver sin linje",
    ),
    "model_type": (
        "her skal det stå en samling felt, ikke {value}",
        "skriv feltene som «navn: verdi» på hver sin linje",
    ),
    "model_attributes_type": (
        "her skal det stå en samling felt, ikke {value}",
        "skriv feltene som «navn: verdi» på hver sin linje",
    ),
    "string_pattern_mismatch": (
        "{value} er ikke en gyldig verdi for «{field}»",
        "id-er skrives med små bokstaver a–z, tall og bindestrek (f.eks. samling-3); "
        "sider som sti til en .md-fil under docs/ (f.eks. samlinger/samling-3.md)",
    ),
    "string_too_short": ("«{field}» er tom", "skriv en tekst, eller fjern feltet hvis det ikke er påkrevd"),
    "too_short": ("«{field}» må ha minst {min_length} element", "legg til elementer i listen"),
    "greater_than_equal": ("«{field}» må være minst {ge}, ikke {value}", "rett tallet"),
    "less_than_equal": ("«{field}» kan være høyst {le}, ikke {value}", "rett tallet"),
}
