"""Canonical value types of the data files, with Norwegian error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainValidator, StringConstraints, WithJsonSchema

from .load import CONTROL_CHARACTER, CONTROL_FIX, control_message
from .problems import DataError

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


def no_control_characters(value: Any) -> Any:
    """The loader refuses these already; this keeps records built any other way as clean.

    Before the string constraints, because stripping would remove a trailing \r or \x1f unseen.
    """
    if isinstance(value, str) and (found := CONTROL_CHARACTER.search(value)):
        raise DataError(control_message(found[0]), CONTROL_FIX)
    return value


Text = Annotated[
    str, StringConstraints(min_length=1, strip_whitespace=True), BeforeValidator(no_control_characters)
]
OptionalText = Annotated[str, BeforeValidator(no_control_characters)]  # text that may be empty


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


# More pages than any text read in a programme, and page numbers as high as a journal paged
# through a whole volume: a slipped key or a pasted number is refused, not published.
MAX_PAGES = 5000
MAX_PAGE_NUMBER = 99999
PAGE_RANGE = re.compile(r"([0-9]{1,9})\s*[-–]\s*([0-9]{1,9})")  # ASCII digits, few enough for int()


def as_pages(value: Any) -> Pages | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return Pages(value) if value > 0 else None
    match = PAGE_RANGE.fullmatch(value) if isinstance(value, str) else None
    if match and 0 < int(match[1]) <= int(match[2]):
        first, last = int(match[1]), int(match[2])
        return Pages(last - first + 1, first, last)
    return None


def parse_pages(value: Any) -> Pages:
    if isinstance(value, Pages):
        return value
    pages = as_pages(value)
    if pages is None:
        raise DataError(
            f"«{value}» er verken et sidetall eller et sideintervall",
            'skriv antall sider som et tall (240) eller sidene som "45-67"',
        )
    if pages.count > MAX_PAGES or (pages.last or 0) > MAX_PAGE_NUMBER:
        raise DataError(
            f"sidetallet «{value}» er urimelig stort "
            f"(høyst {MAX_PAGES} sider, sidenummer opp til {MAX_PAGE_NUMBER})",
            "rett tallet; skriv antall sider som leses, eller første og siste side",
        )
    return pages


IsoDate = Annotated[date, PlainValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"})]
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
                {"type": "integer", "minimum": 1, "maximum": MAX_PAGES},
                {"type": "string", "pattern": r"^[0-9]{1,9}\s*[-–]\s*[0-9]{1,9}$"},
            ]
        }
    ),
]
DocPath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")]

# A host name as in DNS (RFC 1123), lower case: what follows @ in a calendar event's UID.
DOMAIN_PATTERN = r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"


def parse_domain(value: Any) -> Any:
    if isinstance(value, str) and len(value) <= 253 and re.fullmatch(DOMAIN_PATTERN, value):
        return value
    raise DataError(
        f"«{value}» er ikke et domenenavn",
        "skriv et domene med små bokstaver og punktum mellom delene, uten @ og uten https://, "
        "for eksempel nordby.kommune.no",
    )


# The validator gives the message; the pattern is for the editors' schema and reference.
Domain = Annotated[
    str,
    BeforeValidator(parse_domain),
    StringConstraints(pattern=DOMAIN_PATTERN),
    WithJsonSchema({"type": "string", "pattern": DOMAIN_PATTERN, "maxLength": 253}),
]
