"""Dates and times in Norwegian bokmål, through Babel."""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache
from typing import Protocol

from babel.dates import format_date as babel_format_date

LOCALE = "nb"


@lru_cache(maxsize=4096)
def format_date(day: date, pattern: str, locale: str = LOCALE) -> str:
    """Babel's format_date, once per day and pattern (the same dates appear on many pages)."""
    return babel_format_date(day, pattern, locale=locale)


class HasPeriod(Protocol):
    """Anything with a first and a last day (read-only, so frozen records and properties fit)."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


def long_date(day: date) -> str:
    """'tirsdag 13. september 2016'."""
    return format_date(day, "EEEE d. MMMM y", locale=LOCALE)


def short_date(day: date) -> str:
    """'13. september 2016'."""
    return format_date(day, "d. MMMM y", locale=LOCALE)


def period_text(period: HasPeriod) -> str:
    """'13.–15. september 2016', '30. september–1. oktober 2016', or with two years."""
    start, end = period.start, period.end
    if start == end:
        return short_date(start)
    if start.year != end.year:
        return f"{short_date(start)}–{short_date(end)}"
    if start.month != end.month:
        return f"{format_date(start, 'd. MMMM', locale=LOCALE)}–{short_date(end)}"
    return f"{start.day}.–{short_date(end)}"


def clock(t: time) -> str:
    """'09.00' is the Norwegian convention (Språkrådet); data keeps '09:00'."""
    return t.strftime("%H.%M")


def clock_span(start: time, end: time) -> str:
    return f"{clock(start)}–{clock(end)}"
