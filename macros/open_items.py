"""Facts the customer's document leaves to the contract: a text, or an explicit open item.

In YAML an editor writes the fact as text once it is known, and until then
``open: <what must be settled>``. Pages show an open item as «avklares i kontrakten», and
one page lists them all for the programme coordinator (``apne_punkter()``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema

from .problems import DataError
from .types import no_control_characters

OPEN_TEXT = "avklares i kontrakten"


@dataclass(frozen=True)
class Open:
    """A fact not settled yet; ``what`` says what must be settled, and by whom."""

    what: str

    def __str__(self) -> str:
        return OPEN_TEXT


def parse_fact(value: Any) -> str | Open:
    if isinstance(value, Open):
        return value
    if isinstance(value, str) and value.strip():
        text: str = no_control_characters(value.strip())
        return text
    if isinstance(value, dict) and set(value) == {"open"}:
        what = value["open"]
        if isinstance(what, str) and what.strip():
            return Open(no_control_characters(what.strip()))
    raise DataError(
        "her skal det stå en tekst, eller «open:» med det som må avklares",
        "skriv faktumet som tekst når det er kjent; til da skriv «open: Hva som må avklares, og av hvem.» "
        "på linjen under, med to mellomrom foran",
    )


Fact = Annotated[
    str | Open,
    PlainValidator(parse_fact),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {"open": {"type": "string", "minLength": 1}},
                    "required": ["open"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


def is_open(value: object) -> bool:
    return isinstance(value, Open)
