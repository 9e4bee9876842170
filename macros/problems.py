"""Problems found in data and pages, and how they are reported."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: ``file:line: message (fix)``."""

    file: str
    line: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}: {self.message}{fix}"


class DataError(ValueError):
    """A value is wrong; carries a Norwegian message and how to fix it."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


class ProblemsFound(Exception):
    """Raised when data or pages have problems; str() is the full report."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    lines = [str(p) for p in problems]
    lines.append(summary(len(problems)))
    return "\n".join(lines)


def summary(count: int) -> str:
    if count == 0:
        return "Ingen feil funnet."
    return f"{count} feil funnet. Rett dem og kjør «make check» på nytt."


def closest(word: str, choices: list[str] | set[str]) -> str | None:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    """A Norwegian hint naming the closest known word, or the known words."""
    choices = sorted(choices)
    if close := closest(word, choices):
        return f"mente du «{close}»?"
    if not choices:
        return ""
    shown = ", ".join(f"«{c}»" for c in choices[:12])
    more = " …" if len(choices) > 12 else ""
    return f"gyldige verdier er {shown}{more}"
