"""Refuse personal contact data and national identity numbers in data files and pages.

Only roles belong in the portal. Role addresses (postmottak, a switchboard) may be listed
in ``personvern.yml`` at the project root; everything else that looks like an e-mail
address, a Norwegian phone number or a fødselsnummer is reported with file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .load import load_yaml
from .problems import Problem

ALLOWLIST = "personvern.yml"

EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# +47/0047 and any 8 digits, or a domestic number starting 2–9 written 8, 2-2-2-2 or 3-2-3;
# not part of a longer run of digits (ISBNs, amounts, account numbers).
PHONE = re.compile(
    r"(?<![\w+\-/.])"
    r"(?:(?:\+|00)47[ \u00a0]?\d(?:[ \u00a0]?\d){7}"
    r"|[2-9]\d{7}"
    r"|[2-9]\d(?:[ \u00a0]\d\d){3}"
    r"|[2-9]\d\d[ \u00a0]\d\d[ \u00a0]\d{3})"
    r"(?![\w\-/]|[ \u00a0.,]\d)"
)
NATIONAL_ID = re.compile(r"(?<![\w\-/.])(\d{6})[ \u00a0]?(\d{5})(?![\w\-/]|[ \u00a0.,]\d)")

EMAIL_FIX = "skriv rollen i stedet, eller før opp en rolleadresse i personvern.yml"
PHONE_FIX = "skriv rollen i stedet, eller før opp et sentralbordnummer i personvern.yml"
ID_FIX = "fjern fødselsnummeret; personopplysninger om deltakere hører ikke hjemme i portalen"


@dataclass(frozen=True)
class Allowed:
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()


def digits(text: str) -> str:
    only = re.sub(r"\D", "", text)
    return only[2:] if len(only) == 10 and only.startswith("47") else only[4:] if only.startswith("0047") else only


def is_date_number(text: str) -> bool:
    """20160913 is a date, not a phone number."""
    try:
        date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return text[:2] in ("19", "20")


def is_national_id(number: str) -> bool:
    """A fødselsnummer (or D-number): a real birth date and both mod-11 control digits."""
    d = [int(c) for c in number]
    day, month = d[0] * 10 + d[1], d[2] * 10 + d[3]
    if day > 40:  # D-number
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    k1 = 11 - sum(w * x for w, x in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), d)) % 11
    k2 = 11 - sum(w * x for w, x in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), d)) % 11
    k1, k2 = (0 if k == 11 else k for k in (k1, k2))
    return k1 == d[9] and k2 == d[10]


def load_allowed(root: Path) -> tuple[Allowed, list[Problem]]:
    path = root / ALLOWLIST
    if not path.is_file():
        return Allowed(), []
    loaded, problems = load_yaml(path, ALLOWLIST)
    if loaded is None:
        return Allowed(), problems
    data = loaded.data if loaded.data is not None else {}
    entries = data.get("tillatt", []) if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, (str, int)) for e in entries):
        return Allowed(), [Problem(ALLOWLIST, 1, "personvern.yml skal ha en liste «tillatt:» med adresser og numre",
                                   "skriv hver rolleadresse på egen linje som begynner med «  - »")]
    texts = [str(e).strip() for e in entries]
    return Allowed(
        emails=frozenset(t.lower() for t in texts if "@" in t),
        phones=frozenset(digits(t) for t in texts if "@" not in t),
    ), []


def line_problems(text: str, name: str, allowed: Allowed) -> Iterable[Problem]:
    # Each pattern runs over the whole text (none can match across a line break), and a match's
    # line is counted only when there is one: most files have none.
    found: list[tuple[int, int, int, Problem]] = []

    def add(kind: int, m: re.Match[str], message: str, fix: str) -> None:
        line = text.count("\n", 0, m.start()) + 1  # lines as editors count them
        found.append((line, kind, m.start(), Problem(name, line, message, fix)))

    for m in EMAIL.finditer(text):
        if m[0].lower() not in allowed.emails:
            add(0, m, f"e-postadressen «{m[0]}» kan tilhøre en person", EMAIL_FIX)
    for m in NATIONAL_ID.finditer(text):
        if is_national_id(m[1] + m[2]):
            add(1, m, f"fødselsnummer ({m[1]} *****) kan ikke stå i portalen", ID_FIX)
    for m in PHONE.finditer(text):
        number = digits(m[0])
        if number not in allowed.phones and not is_date_number(number):
            add(2, m, f"telefonnummeret «{m[0]}» kan tilhøre en person", PHONE_FIX)
    return [problem for *_, problem in sorted(found, key=lambda f: f[:3])]


def check_privacy(root: Path) -> list[Problem]:
    """Problems for personal contact data in curriculum/*.yml and docs/**/*.md."""
    allowed, problems = load_allowed(root)
    files = sorted((root / "curriculum").glob("*.yml")) + sorted((root / "docs").rglob("*.md"))
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += line_problems(text, path.relative_to(root).as_posix(), allowed)
    return problems
