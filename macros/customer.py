"""Customer-specific text: what a new organisation has to rewrite (``python -m macros check --kunde``).

A page that states facts about the customer's own organisation (its organisation model, history,
systems, meetings, surveys) says so with ``kunde: true`` in its front matter: replacing the
customer's name in it would only make the statements false. Programme data (counts, the period,
the organisation's name, the place) comes from the data through ``fakta(...)`` and needs no mark.
The listing also finds the lines that still type the organisation or the place by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.error import YAMLError

from .front_matter import front_matter_values, split_front_matter
from .model import Curriculum

MARK = "kunde"
# program.yml's fields that are the customer's own (identity, words, goals and values)
CUSTOMER_FIELDS = (
    "id",
    "name",
    "organisation",
    "place",
    "place_preposition",
    "calendar_domain",
    "financing",
    "main_goal",
    "purpose",
    "participants",
    "values",
)
CUSTOMER_FILES = {
    "krav.yml": "kundens krav og mål med kundens egne ord (text) og hvordan programmet møter dem",
}


@dataclass(frozen=True)
class Mention:
    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {shortened(self.text)}"


def shortened(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def is_marked(text: str) -> bool:
    try:
        return front_matter_values(split_front_matter(text)[0]).get(MARK) == "true"
    except YAMLError:
        return False  # the checks report it


def pages(root: Path) -> list[Path]:
    return sorted((root / "docs").rglob("*.md"))


def marked_pages(root: Path, cur: Curriculum) -> list[tuple[str, str]]:
    """Every page marked ``kunde: true``, as (docs/… path, title)."""
    docs = root / "docs"
    return [
        (f"docs/{path.relative_to(docs).as_posix()}", cur.page_title(path.relative_to(docs).as_posix()))
        for path in pages(root)
        if is_marked(path.read_text(encoding="utf-8", errors="replace"))
    ]


def names_pattern(cur: Curriculum) -> re.Pattern[str]:
    names = sorted({cur.programme.organisation, cur.programme.place}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def mentions(root: Path, cur: Curriculum) -> list[Mention]:
    """Lines of unmarked pages and of the data files that type the organisation or the place."""
    wanted = names_pattern(cur)
    found = []
    files = [p for p in pages(root) if not is_marked(p.read_text(encoding="utf-8", errors="replace"))]
    files += sorted((root / "curriculum").glob("*.yml"))
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if wanted.search(line) and not line.lstrip().startswith("#"):
                found.append(Mention(path.relative_to(root).as_posix(), number, line.strip()))
    return found


def customer_report(root: Path, cur: Curriculum) -> list[str]:
    """The listing, line by line, in Norwegian."""
    p = cur.programme
    marked = marked_pages(root, cur)
    found = mentions(root, cur)
    pages_found = [m for m in found if m.file.startswith("docs/")]
    data_found = [m for m in found if not m.file.startswith("docs/")]
    lines = [
        f"Sider merket «{MARK}: true» ({len(marked)}): de forteller om {p.organisation} selv og må "
        "leses og skrives om for en ny oppdragsgiver, ikke bare få nytt navn."
    ]
    lines += [f"- {page}: {title}" for page, title in marked] or ["- ingen"]
    names = " eller ".join(f"«{n}»" for n in dict.fromkeys([p.organisation, p.place]))
    lines += [
        "",
        f'Sider uten merket som skriver {names} for hånd (bruk {{{{ fakta("oppdragsgiver") }}}} '
        f'eller {{{{ fakta("sted") }}}}, eller merk siden med «{MARK}: true»):',
    ]
    lines += [f"- {m}" for m in pages_found] or ["- ingen"]
    lines += ["", "I datafilene:", f"- curriculum/program.yml: {', '.join(CUSTOMER_FIELDS)}"]
    lines += [f"- curriculum/{name}: {what}" for name, what in CUSTOMER_FILES.items()]
    lines += [f"- {m}" for m in data_found if not m.file.endswith("/program.yml")]
    return lines
