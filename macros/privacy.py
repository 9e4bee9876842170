"""Refuse personal contact data and national identity numbers in data files and pages.

Only roles belong in the portal. Role addresses (postmottak, a switchboard) may be listed
in ``personvern.yml`` at the project root; everything else that looks like an e-mail
address, a Norwegian phone number or a fødselsnummer is reported with file and line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .load import Loaded, Path_, load_yaml, load_yaml_cached
from .problems import Problem

ALLOWLIST = "personvern.yml"

# "ola@x.no", and the spelled-out forms "ola[at]x.no", "ola (at) x.no", "ola(alfakrøll)x.no"
EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+(?:@|\s?[\[({]\s?(?:at|alfakrøll|krøll)\s?[\])}]\s?)"
    r"[A-Za-z0-9-]+(?:(?:\.|\s?[\[({]\s?(?:dot|punktum)\s?[\])}]\s?)[A-Za-z0-9-]+)*"
    r"(?:\.|\s?[\[({]\s?(?:dot|punktum)\s?[\])}]\s?)[A-Za-z]{2,}\b",
    re.IGNORECASE,
)
# +47/0047 and any 8 digits, or a domestic number starting 2–9 written 8, 4-4, 2-2-2-2 or 3-2-3
# (spaces, or hyphens in the grouped forms); not part of a longer run of digits (ISBNs, amounts,
# account numbers). 4-4 takes spaces only: "2016-2017" is a period.
_SEP = r"[ \u00a0-]"
PHONE = re.compile(
    r"(?<![\w+\-/.])"
    r"(?:(?:\+|00)47[ \u00a0]?\d(?:[ \u00a0]?\d){7}"
    r"|[2-9]\d{7}"
    r"|[2-9]\d{3}[ \u00a0]\d{4}"
    rf"|[2-9]\d(?:{_SEP}\d\d){{3}}"
    rf"|[2-9]\d\d{_SEP}\d\d{_SEP}\d{{3}})"
    r"(?![\w\-/]|[ \u00a0.,]\d)"
)
YEARS = re.compile(r"(?:19|20)\d\d[ \u00a0](?:19|20)\d\d")  # "2016 2017": two years, not 4-4
NATIONAL_ID = re.compile(r"(?<![\w\-/.])(\d{6})[ \u00a0-]?(\d{5})(?![\w\-/]|[ \u00a0.,]\d)")
# Characters that do not show but split a number or an address for a pattern: zero-width
# spaces and joiners, the word joiner, the byte-order mark and the soft hyphen.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")

EMAIL_FIX = "skriv rollen i stedet, eller før opp en rolleadresse i personvern.yml"
PHONE_FIX = "skriv rollen i stedet, eller før opp et sentralbordnummer i personvern.yml"
ID_FIX = "fjern fødselsnummeret; personopplysninger om deltakere hører ikke hjemme i portalen"


@dataclass(frozen=True)
class Allowed:
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()


def digits(text: str) -> str:
    only = re.sub(r"\D", "", text)
    return (
        only[2:]
        if len(only) == 10 and only.startswith("47")
        else only[4:]
        if only.startswith("0047")
        else only
    )


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
    k1 = 11 - sum(w * x for w, x in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), d[:9], strict=True)) % 11
    k2 = 11 - sum(w * x for w, x in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), d[:10], strict=True)) % 11
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
        return Allowed(), [
            Problem(
                ALLOWLIST,
                1,
                "personvern.yml skal ha en liste «tillatt:» med adresser og numre",
                "skriv hver rolleadresse på egen linje som begynner med «  - »",
            )
        ]
    texts = [str(e).strip() for e in entries]
    return Allowed(
        emails=frozenset(t.lower() for t in texts if "@" in t),
        phones=frozenset(digits(t) for t in texts if "@" not in t),
    ), []


def normalised(text: str) -> str:
    """Text as a reader sees it: compatibility forms folded (full-width ＠ and digits), invisible
    characters removed."""
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Finding:
    start: int
    kind: int
    found: str
    message: str
    fix: str


def findings(text: str, allowed: Allowed) -> list[Finding]:
    """Personal data in one text (already normalised), in order."""
    found: list[Finding] = []
    for m in EMAIL.finditer(text):
        if m[0].lower() not in allowed.emails:
            found.append(
                Finding(m.start(), 0, m[0], f"e-postadressen «{m[0]}» kan tilhøre en person", EMAIL_FIX)
            )
    for m in NATIONAL_ID.finditer(text):
        if is_national_id(m[1] + m[2]):
            found.append(
                Finding(m.start(), 1, m[0], f"fødselsnummer ({m[1]} *****) kan ikke stå i portalen", ID_FIX)
            )
    for m in PHONE.finditer(text):
        number = digits(m[0])
        if number not in allowed.phones and not is_date_number(number) and not YEARS.fullmatch(m[0]):
            found.append(
                Finding(m.start(), 2, m[0], f"telefonnummeret «{m[0]}» kan tilhøre en person", PHONE_FIX)
            )
    return sorted(found, key=lambda f: (f.start, f.kind))


def line_problems(text: str, name: str, allowed: Allowed) -> Iterable[Problem]:
    """Findings in a whole file's text, each at its line (as editors count lines)."""
    return [
        Problem(name, text.count("\n", 0, f.start) + 1, f.message, f.fix) for f in findings(text, allowed)
    ]


def strings(node: object, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in loaded YAML data, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


def data_problems(loaded: Loaded, allowed: Allowed) -> list[Problem]:
    """Findings in the parsed values, so YAML escapes ("ola\\x40…") are read as published."""
    return [
        Problem(loaded.file, loaded.line_of(path), f.message, f.fix)
        for path, value in strings(loaded.data)
        for f in findings(normalised(value), allowed)
    ]


def check_privacy(root: Path) -> list[Problem]:
    """Problems for personal data in the values of curriculum/*.yml (pages: ``macros.published``)."""
    allowed, problems = load_allowed(root)
    for path in sorted((root / "curriculum").glob("*.yml")):
        name = path.relative_to(root).as_posix()
        loaded, _ = load_yaml_cached(
            path, name, root / ".cache" / "curriculum"
        )  # its errors come from the loader
        if loaded is not None:
            problems += data_problems(loaded, allowed)
    return problems
