"""Canonical value types of the data files, with Norwegian error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Annotated, Any

from pydantic import PlainValidator, StringConstraints, WithJsonSchema

from .problems import DataError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise DataError(
            f"«{value}» er ikke en dato på formen ÅÅÅÅ-MM-DD",
            "skriv for eksempel 2016-09-13",
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataError(
            f"datoen {value} finnes ikke",
            "sjekk dag og måned i kalenderen",
        ) from None


def parse_clock(value: Any) -> time:
    text = str(value)
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", text)
    if not isinstance(value, str) or not match:
        raise DataError(
            f"«{text}» er ikke et klokkeslett på formen TT:MM",
            'skriv for eksempel "09:00" eller "13:30", med to sifre for timen',
        )
    return time(int(match[1]), int(match[2]))


@dataclass(frozen=True)
class Pages:
    """A page count, or a page range such as 45–67 (first and last page)."""

    count: int
    first: int | None = None
    last: int | None = None

    def __str__(self) -> str:
        if self.first is None:
            return str(self.count)
        return f"{self.first}–{self.last}"


def parse_pages(value: Any) -> Pages:
    if isinstance(value, Pages):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return Pages(value)
    match = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", value) if isinstance(value, str) else None
    if match and 0 < int(match[1]) <= int(match[2]):
        first, last = int(match[1]), int(match[2])
        return Pages(last - first + 1, first, last)
    raise DataError(
        f"«{value}» er verken et sidetall eller et sideintervall",
        'skriv antall sider som et tall (240) eller sidene som "45-67"',
    )


IsoDate = Annotated[
    date, PlainValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"})
]
Clock = Annotated[
    time,
    PlainValidator(parse_clock),
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}),
]
PageSpec = Annotated[
    Pages,
    PlainValidator(parse_pages),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": r"^\d+\s*[-–]\s*\d+$"},
            ]
        }
    ),
]
DocPath = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")
]
