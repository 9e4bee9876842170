"""News (Nytt): one Markdown file per notice in docs/nytt/, dated in its front matter.

    ---
    date: 2016-08-15
    title: Velkommen til lederutviklingsprogrammet
    ---

The notices are read with the curriculum (so components can list them) and checked by
``python -m macros check``: a missing or non-ISO date, or a missing title, is reported by file
and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml.error import YAMLError

from .front_matter import front_matter_values, split_front_matter
from .problems import Problem

FOLDER = "nytt"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HOW = "skriv sidehodet øverst i filen: «---», «date: ÅÅÅÅ-MM-DD», «title: …», «---»"


@dataclass(frozen=True)
class Notice:
    page: str  # relative to docs/
    date: date
    title: str
    summary: str


def key_line(front: str, key: str) -> int:
    """The file line of ``key:`` in the front matter (the opening --- is line 1)."""
    for number, line in enumerate(front.splitlines(), start=2):
        if re.match(rf"{key}\s*:", line):
            return number
    return 1


def first_paragraph(body: str) -> str:
    for block in re.split(r"\n\s*\n", body.strip()):
        if block.strip() and not block.lstrip().startswith(("#", "{{", "<", "!!!")):
            # plain text for a teaser: a Markdown link keeps only its text
            return " ".join(re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", block).split())
    return ""


def read_notice(path: Path, name: str, page: str) -> tuple[Notice | None, list[Problem]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    front, body, _ = split_front_matter(text)
    if not front:
        return None, [Problem(name, 1, "nyheten mangler sidehode med dato og tittel", HOW)]
    try:
        meta = front_matter_values(front)  # every value as text: the date is checked below, with its line
    except YAMLError as err:
        return None, [Problem(name, 2, f"sidehodet kan ikke leses: {err}", HOW)]
    problems = []
    raw = meta.get("date")
    day = None
    if raw is None:
        problems.append(Problem(name, 1, "nyheten mangler dato («date:» i sidehodet)", HOW))
    elif not ISO_DATE.fullmatch(str(raw)):
        problems.append(
            Problem(
                name,
                key_line(front, "date"),
                f"datoen «{raw}» er ikke på formen ÅÅÅÅ-MM-DD",
                "skriv for eksempel «date: 2016-08-15»",
            )
        )
    else:
        try:
            day = date.fromisoformat(str(raw))
        except ValueError:
            problems.append(
                Problem(name, key_line(front, "date"), f"datoen «{raw}» finnes ikke", "sjekk dag og måned")
            )
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(name, 1, "nyheten mangler tittel («title:» i sidehodet)", HOW))
    if problems or day is None or not isinstance(title, str):  # a wrong title is in problems
        return None, problems
    return Notice(page, day, title.strip(), first_paragraph(body)), []


def load_news(docs: Path) -> tuple[list[Notice], list[Problem]]:
    """Every notice, newest first, and the problems found in their front matter."""
    notices, problems = [], []
    folder = docs / FOLDER
    if not folder.is_dir():
        return [], []
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        page = path.relative_to(docs).as_posix()
        notice, found = read_notice(path, f"docs/{page}", page)
        problems += found
        if notice:
            notices.append(notice)
    notices.sort(key=lambda n: (n.date, n.page), reverse=True)
    return notices, problems


def check_news(root: Path) -> list[Problem]:
    return load_news(root / "docs")[1]
