"""Scaffolding for editors: a new gathering (record, page, navigation) or a new reading.

A new record is written by ruamel.yaml (so any title is valid YAML: a colon, #, quotes, æøå, a
leading @) and put into the file right after the record it follows; every other byte of the file
(comments, blank lines, quoting) stays as it was. The changed file is read back and compared
with what was meant before anything is written, and nothing that exists is ever overwritten.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from . import placeholders as blank
from .curriculum import curriculum_or_raise
from .dates import long_date
from .model import Curriculum, Gathering, Module, Session
from .problems import DataError
from .types import no_control_characters

PAGE = """# Samling {number}: {title}

{{{{ samling_intro("{id}") }}}}

{{{{ neste_samling("{id}") }}}}

## Hvorfor denne samlingen

{story}

## Program

{{{{ agenda("{id}") }}}}

## Forberedelse

{{{{ forberedelse("{id}") }}}}
"""

WEEKS_BETWEEN = 6  # a suggested date for a new gathering: this long after the one before
NOTHING_CHANGED = "ingenting ble endret"


@dataclass
class Scaffolded:
    """What a scaffolding command did, for the editor: files made, files changed, what is next."""

    created: list[Path] = field(default_factory=list)
    changed: list[tuple[Path, str]] = field(default_factory=list)  # file, what changed in it
    next_steps: list[str] = field(default_factory=list)


# --- a new gathering ---------------------------------------------------------------------------


def new_gathering(root: Path, title: str = blank.GATHERING_TITLE, module: str | None = None) -> Scaffolded:
    """The next gathering of a module (the agreed one unless named): record, page and nav entry."""
    title = checked_title(title)
    cur = curriculum_or_raise(root, cross_check=False)
    chosen = find_module(cur, module)
    ours = sorted(cur.in_module(chosen.id), key=lambda g: g.number)
    number = next_number(cur, chosen)
    ident = next_id(cur, chosen, ours, number)
    page = f"samlinger/{ident}.md"
    if (root / "docs" / page).exists():
        raise DataError(
            f"siden docs/{page} finnes allerede",
            f"{NOTHING_CHANGED}; gi den eksisterende siden et annet navn, eller lag samlingen for hånd",
        )
    last = max(ours, key=lambda g: g.start, default=None)
    start = last.start + timedelta(weeks=WEEKS_BETWEEN) if last else chosen.period.start
    end = start + (last.end - last.start if last else timedelta(days=1))
    record = gathering_record(cur, ident, number, chosen, title, start, end, page)

    data = root / "curriculum" / "samlinger.yml"
    after = max((i for i, g in enumerate(cur.gatherings) if g.module == chosen.id), default=None)
    text, lines = with_record(data, record, after)
    mkdocs = root / "mkdocs.yml"
    nav_text = with_nav_entry(mkdocs, page, [g.page for g in ours])

    done = Scaffolded()
    create(root / "docs" / page, PAGE.format(number=number, title=title, id=ident, story=blank.STORY))
    done.created.append(root / "docs" / page)
    replace(data, text)
    done.changed.append((data, f"ny samling «{ident}», nummer {number} i {chosen.name}, linje {lines}"))
    if nav_text is not None:
        replace(mkdocs, nav_text)
        done.changed.append((mkdocs, "siden er lagt inn i navigasjonen"))
    done.next_steps = gathering_steps(root, cur, chosen, ours, record, lines, nav_text is not None)
    return done


def checked_title(title: str) -> str:
    title = title.strip()
    if not title or "\n" in title or "\r" in title:
        raise DataError(
            "tittelen er tom eller har linjeskift",
            f"{NOTHING_CHANGED}; skriv tittelen på "
            'én linje, f.eks. make ny-samling TITTEL="Ledelse og roller"',
        )
    if "{" in title or "}" in title:  # in the page's heading: a template call, or attributes
        raise DataError(
            "tittelen kan ikke inneholde { eller }", f"{NOTHING_CHANGED}; skriv tittelen uten krøllparenteser"
        )
    try:
        no_control_characters(title)
    except DataError as err:
        raise DataError(f"tittelen: {err.message}", f"{NOTHING_CHANGED}; {err.fix}") from None
    return title


def find_module(cur: Curriculum, wanted: str | None) -> Module:
    """The module named by id, name or number (modul-2, «Modul II», II, 2); the agreed one if none."""
    modules = cur.programme.modules
    if not wanted:
        return next((m for m in modules if m.enabled and not m.optional), modules[0])
    key = re.sub(r"\s+", "", wanted).casefold()
    for number, module in enumerate(modules, 1):
        names = {module.id, re.sub(r"\s+", "", module.name).casefold(), str(number), roman(number)}
        names |= {n.removeprefix("modul").lstrip("-") for n in set(names)}
        if key in names:
            return module
    known = ", ".join(f"{m.id} ({m.name})" for m in modules)
    raise DataError(f"ukjent modul «{wanted}»", f"{NOTHING_CHANGED}; skriv MODUL= med en av {known}")


def roman(number: int) -> str:
    return ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][number] if number <= 10 else ""


def next_number(cur: Curriculum, module: Module) -> int:
    """One more than the module's highest number. A module without gatherings yet continues after
    the modules before it in program.yml, as Modul II continues Modul I's numbers."""
    ours = [g.number for g in cur.gatherings if g.module == module.id]
    if ours:
        return max(ours) + 1
    before = {m.id for m in cur.programme.modules[: cur.programme.modules.index(module)]}
    return max((g.number for g in cur.gatherings if g.module in before), default=0) + 1


def next_id(cur: Curriculum, module: Module, ours: list[Gathering], number: int) -> str:
    """The id after the module's last one (samling-6 → samling-7, modul-2-samling-4 → …-5)."""
    taken = set(cur.by_id("gatherings"))
    match = re.fullmatch(r"(.*?)([0-9]+)", ours[-1].id) if ours else None
    if match:
        ident = f"{match[1]}{int(match[2]) + 1}"
    elif module is cur.programme.modules[0]:
        ident = f"samling-{number}"
    else:
        ident = f"{module.id}-samling-1"
    if ident in taken:
        raise DataError(
            f"samlingen «{ident}» finnes allerede i curriculum/samlinger.yml",
            f"{NOTHING_CHANGED}; gi samlingen med id-en «{ident}» riktig modul og nummer",
        )
    return ident


def gathering_record(
    cur: Curriculum, ident: str, number: int, module: Module, title: str, start: date, end: date, page: str
) -> dict[str, Any]:
    session: dict[str, Any] = {"day": 1} if "day" in Session.model_fields else {"date": start}
    session |= {"start": "09:00", "end": "16:00", "title": blank.SESSION, "kind": "forelesning"}
    roles = [r.id for r in cur.roles if r.kind == "prosessveileder"] or [r.id for r in cur.roles[:1]]
    if roles:
        session["responsible"] = roles[0]
    record = {
        "id": ident,
        "number": number,
        "module": module.id,
        "title": title,
        "theme": cur.themes[0].id,
        "start": start,
        "end": end,
        "place": cur.programme.place,
        "page": page,
        "summary": blank.SUMMARY,
        "readings": [],
        "reflection": [blank.REFLECTION],
        "sessions": [session],
    }
    Gathering.model_validate(record)  # the template itself is valid; a failure here is a bug
    return record


def gathering_steps(
    root: Path,
    cur: Curriculum,
    module: Module,
    ours: list[Gathering],
    record: dict[str, Any],
    lines: str,
    in_nav: bool,
) -> list[str]:
    ident, number, page = record["id"], record["number"], record["page"]
    steps = [
        f"Fyll ut curriculum/samlinger.yml, linje {lines}: tema, sammendrag, pensum, "
        "refleksjonsspørsmål og øktene.",
        f"Datoene er et forslag, {WEEKS_BETWEEN} uker etter forrige samling: "
        f"{long_date(record['start'])}–{long_date(record['end'])}. Rett start og end.",
        f"Skriv hva som skjer på samlingen, og hvorfor, på docs/{page}.",
    ]
    if not in_nav and (root / "mkdocs.yml").is_file() and nav_node(root / "mkdocs.yml") is not None:
        steps.append(f"Legg siden inn under nav i mkdocs.yml: «- {page}».")
    twins = [g for g in cur.gatherings if g.number == number and g.module != module.id]
    steps += [
        f"Merk: «{g.id}» i {cur.module_of(g).name} har også nummer {number}; vises begge "
        "modulene, bør den andre modulen få nye numre."
        for g in twins
    ]
    steps += hand_written_lists(root, ours, ident)
    steps += stated_counts(root, len(ours), module)
    steps.append("Kjør «make check»: den viser hva som fortsatt mangler.")
    return steps


def hand_written_lists(root: Path, ours: list[Gathering], ident: str) -> list[str]:
    """Pages that name the module's gatherings one by one, and so will not show the new one."""
    found = []
    pages = {g.page for g in ours}
    ids = {g.id for g in ours}
    for path in sorted((root / "docs").rglob("*.md")):
        name = path.relative_to(root / "docs").as_posix()
        if name in pages:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        named = [m for m in re.finditer(r"""["']([a-z0-9-]+)["']""", text) if m[1] in ids]
        if len({m[1] for m in named}) >= 2 and ident not in text:
            line = text[: named[-1].start()].count("\n") + 1
            found.append(
                f"docs/{name}:{line} nevner samlingene én for én (siste er «{named[-1][1]}»): "
                f"legg til «{ident}» der hvis den skal med."
            )
    return found


NUMBER_WORDS = [
    "null",
    "én|en|ett",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "sju|syv",
    "åtte",
    "ni",
    "ti",
    "elleve",
    "tolv",
]


def stated_counts(root: Path, count: int, module: Module) -> list[str]:
    """Text that states the module's old number of gatherings («Seks samlinger på Hamar»).
    News items are left out: they say what was true on their date."""
    words = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else ""
    pattern = re.compile(rf"\b(?:{words + '|' if words else ''}{count})\s+samlinger\b", re.IGNORECASE)
    files = sorted((root / "curriculum").glob("*.yml")) + sorted((root / "docs").rglob("*.md"))
    found = []
    for path in files:
        name = path.relative_to(root).as_posix()
        if name.startswith("docs/nytt/"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{name}:{text[: m.start()].count(chr(10)) + 1}" for m in pattern.finditer(text)]
    if not found:
        return []
    return [
        f"Her står det at det er {count} samlinger; {module.name} har nå {count + 1}. Rett teksten der "
        f"den gjelder {module.name}: {', '.join(found)}."
    ]


# --- a new reading -----------------------------------------------------------------------------


def new_reading(root: Path) -> Scaffolded:
    """A reading record to fill in, with the next free id ny-tekst-N, at the end of pensum.yml."""
    cur = curriculum_or_raise(root, cross_check=False)
    taken = cur.by_id("readings")
    n = 1
    while blank.READING_ID.format(n=n) in taken:
        n += 1
    ident = blank.READING_ID.format(n=n)
    record = {
        "id": ident,
        "authors": flow([blank.AUTHOR]),
        "year": cur.programme.period.start.year,
        "title": blank.TITLE,
        "kind": "bok",
        "language": "nb",
        "edition": 1,
        "publisher": blank.PUBLISHER,
        "pages": blank.PAGES,
        "pages_estimated": True,
        "required": True,
        "themes": flow([cur.themes[0].id]),
    }
    data = root / "curriculum" / "pensum.yml"
    text, lines = with_record(data, record, len(cur.readings) - 1 if cur.readings else None)
    replace(data, text)
    done = Scaffolded(changed=[(data, f"ny pensumtekst «{ident}», linje {lines}")])
    done.next_steps = [
        f"Fyll ut curriculum/pensum.yml, linje {lines}: forfattere, år, tittel, type, forlag eller "
        "tidsskrift, sidetall og temaer. Skriv bare det du er sikker på.",
        f"Gi teksten en id som sier hva den er i stedet for «{ident}», og før id-en opp under "
        "readings i samlingen den skal leses til (curriculum/samlinger.yml).",
        "Kjør «make check»: den viser hva som fortsatt mangler.",
    ]
    return done


def flow(items: list[Any]) -> CommentedSeq:
    """A list written on one line, [a, b], as the data files write short lists."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


# --- writing YAML ----------------------------------------------------------------------------


def yaml_writer() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # a long title stays on one line
    yaml.indent(mapping=2, sequence=4, offset=2)  # the data files' layout: "  sessions:\n    - day: 1"
    return yaml


def styled(value: Any) -> Any:
    """Values as the data files write them: times and quoted text in double quotes, summaries
    folded on the line below."""
    if isinstance(value, dict):
        return {k: (FoldedScalarString(v) if k == "summary" else styled(v)) for k, v in value.items()}
    if isinstance(value, CommentedSeq):
        seq = flow([styled(v) for v in value])
        return seq
    if isinstance(value, list):
        return [styled(v) for v in value]
    if isinstance(value, str) and (re.fullmatch(r"[0-9]{2}:[0-9]{2}", value) or needs_quotes(value)):
        return DoubleQuotedScalarString(value)
    return value


def needs_quotes(text: str) -> bool:
    out = io.StringIO()
    yaml_writer().dump(text, out)
    return out.getvalue()[:1] in "'\""


def item_text(value: Any, column: int) -> str:
    """A value as one list item, its «- » in ``column``."""
    out = io.StringIO()
    yaml_writer().dump([styled(value)], out)
    return textwrap.indent(textwrap.dedent(out.getvalue()), " " * column)


def with_record(path: Path, record: dict[str, Any], after: int | None) -> tuple[str, str]:
    """The file's text with ``record`` after item ``after`` (at the end if None), and the lines
    it takes ("531–553"). Refuses, changing nothing, unless the result reads back as intended."""
    name = f"curriculum/{path.name}"
    old = path.read_text(encoding="utf-8")
    lines = old.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    items = list_items(old, name)
    dash = lines[items[0].start_mark.line].index("-") if items else 0
    at = end_of_item(lines, items, after, dash) if after is not None and items else len(lines)
    spaced = any(not lines[i.start_mark.line - 1].strip() for i in items[1:])  # blank line between records
    new = item_text(record, dash).splitlines(keepends=True)
    insert = (["\n"] if spaced and at > 0 else []) + new
    result = "".join(lines[:at] + insert + lines[at:])
    first = at + (2 if spaced and at > 0 else 1)
    position = (after + 1) if after is not None else len(items)
    expected = plain(old, name)
    expected.insert(position, plain(item_text(record, 0), name)[0])
    if plain(result, name) != expected:
        raise DataError(f"{name} kunne ikke endres trygt", f"{NOTHING_CHANGED}; legg posten inn for hånd")
    return result, f"{first}–{first + len(new) - 1}"


def list_items(text: str, name: str) -> list[Node]:
    node = YAML(typ="rt").compose(io.StringIO(text))
    if node is None:
        return []
    if not isinstance(node, SequenceNode) or node.flow_style:
        raise DataError(
            f"{name} er ikke en liste med «- » foran hver post",
            f"{NOTHING_CHANGED}; legg posten inn for hånd",
        )
    return list(node.value)


def end_of_item(lines: list[str], items: list[Node], index: int, dash: int) -> int:
    """The line after the item's last line of data: blank lines and comments at the list's own
    indentation that follow it introduce what comes next, and stay after the new record."""
    end = items[index + 1].start_mark.line if index + 1 < len(items) else len(lines)
    while end > items[index].start_mark.line + 1:
        line = lines[end - 1]
        body = line.strip()
        if body and not (body.startswith("#") and len(line) - len(line.lstrip()) <= dash):
            break
        end -= 1
    return end


def plain(text: str, name: str) -> Any:
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        raise DataError(
            f"{name} kunne ikke endres trygt", f"{NOTHING_CHANGED}; legg posten inn for hånd"
        ) from None


def nav_node(mkdocs: Path | str) -> Node | None:
    """The nav of mkdocs.yml (a path, or its text), as nodes: their lines, no tags constructed."""
    text = mkdocs if isinstance(mkdocs, str) else mkdocs.read_text(encoding="utf-8")
    try:
        root = YAML(typ="rt").compose(io.StringIO(text))
    except YAMLError:
        return None
    if isinstance(root, MappingNode):
        return next((v for k, v in root.value if isinstance(k, ScalarNode) and k.value == "nav"), None)
    return None


def nav_entries(node: Node) -> list[ScalarNode]:
    """Every page named in the navigation, at any depth, as «- page» or «- Title: page»."""
    if isinstance(node, ScalarNode):
        return [node]
    if isinstance(node, SequenceNode):
        return [s for item in node.value for s in nav_entries(item)]
    if isinstance(node, MappingNode):
        return [s for _, value in node.value for s in nav_entries(value)]
    return []


def with_nav_entry(mkdocs: Path, page: str, siblings: list[str]) -> str | None:
    """mkdocs.yml with ``page`` after the last page of its module in nav; None where there is
    no nav or no page of the module in it (then MkDocs lists the page itself, or the editor does)."""
    if not mkdocs.is_file() or (node := nav_node(mkdocs)) is None:
        return None
    entries = nav_entries(node)
    ours = [k for k, s in enumerate(entries) if s.value in siblings and s.style is None]
    if not ours:
        return None
    last = entries[ours[-1]]
    lines = mkdocs.read_text(encoding="utf-8").splitlines(keepends=True)
    row = last.start_mark.line
    dash = re.match(r"\s*-\s", lines[row])
    if dash is None or re.sub(r"\s#.*", "", lines[row][dash.end() :]).strip() != last.value:
        return None  # «- Title: page» or anything unusual: the editor places it
    indent = len(dash[0]) - 2
    lines.insert(row + 1, item_text(page, indent) if dash[0].endswith("- ") else f"{dash[0]}{page}\n")
    result = "".join(lines)
    pages = [s.value for s in entries]
    pages.insert(ours[-1] + 1, page)
    if (after := nav_node(result)) is None or [s.value for s in nav_entries(after)] != pages:
        raise DataError(
            "mkdocs.yml kunne ikke endres trygt", f"{NOTHING_CHANGED}; legg siden inn i nav for hånd"
        )
    return result


def create(path: Path, text: str) -> None:
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": never replaces a file made meanwhile
            out.write(text)
    except FileExistsError:
        raise DataError(f"{path.name} finnes allerede", NOTHING_CHANGED) from None


def replace(path: Path, text: str) -> None:
    """Write the whole file or nothing: an interrupted write leaves the old file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
