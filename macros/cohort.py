"""The next cohort: ``make nytt-kull START=ÅÅÅÅ-MM-DD`` turns the programme in curriculum/ into it.

Every date in the data (found from the model's types, so a new date field moves too) moves by
the same whole number of weeks, so the first gathering starts on START and each gathering keeps
its weekday and its distance to the others; sessions given by day follow their gathering. The
periods move by whole months (1 September stays the 1st) and widen where a gathering or deadline
that was inside would otherwise fall out. The cohort's id and the years in
the programme's name and in mkdocs.yml follow the new period; the previous cohort's notices go.

Before anything changes, the commit that holds the cohort being replaced is tagged
``kull/<its id>``: ``make site`` builds it into ``site/arkiv/<period>/`` (macros/archive.py).
Only the values are rewritten, in place: every other byte of the files (comments, quoting,
layout) stays, and git shows exactly what changed. The result is checked before the command
ends; if the check fails, the files are put back as they were.

What a person must still decide is reported, not guessed: days on Norwegian public holidays (the
``holidays`` package), days many take off, deadlines that moved into a holiday, the pages marked
``kunde: true`` and years typed in the text. School holidays are set by each municipality and
county and are in no library, so the report says to check them.
"""

from __future__ import annotations

import calendar
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .archive import FOLDER as ARCHIVE_FOLDER
from .archive import TAG_PREFIX, Cohort
from .curriculum import curriculum_or_raise, load_curriculum
from .customer import marked_pages
from .dates import long_date, period_text
from .model import FILES, Curriculum, Gathering, Period
from .problems import DataError, ProblemsFound
from .scaffold import replace
from .types import ID_PATTERN

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
NOTHING_CHANGED = "ingenting ble endret"
MKDOCS_TEXTS = ("site_name", "site_description", "copyright")  # mkdocs.yml values that may name the years
GUIDE = "docs/redaktor/"  # the editors' guide: its dates are examples, not facts


@dataclass
class Plan:
    """The change, computed before any file is touched."""

    old: Curriculum
    start: date
    delta: timedelta
    new_id: str
    texts: dict[Path, str] = field(default_factory=dict)  # file -> new text
    changed: list[tuple[str, str]] = field(default_factory=list)  # file, what changed in it
    removed: list[str] = field(default_factory=list)  # notices of the previous cohort
    widened: list[str] = field(default_factory=list)
    periods: dict[str, tuple[date, date]] = field(default_factory=dict)  # label -> new period


# --- dates ---------------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later; the last day of a month stays the last."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    was_last = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month, last if was_last else min(day.day, last))


def years_text(start: date, end: date) -> str:
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def year_forms(start: date, end: date) -> list[str]:
    """How a text may write a period's years: 2016–2017, 2016-2017, 2016/2017, 2016/17."""
    if start.year == end.year:
        return []
    a, b = start.year, end.year
    return [f"{a}–{b}", f"{a}-{b}", f"{a}/{b}", f"{a}/{b % 100:02d}"]


def first_gathering(cur: Curriculum) -> Gathering:
    if not cur.gatherings:
        raise DataError("programmet har ingen samlinger å flytte", NOTHING_CHANGED)
    return min(cur.gatherings, key=lambda g: (g.start, g.number))


def checked_start(cur: Curriculum, start: date) -> timedelta:
    first = first_gathering(cur)
    wanted = WEEKDAYS[first.start.weekday()]
    if start <= first.start:
        raise DataError(
            f"START {start} er ikke etter samling {first.number} i dette kullet ({long_date(first.start)})",
            f"{NOTHING_CHANGED}; velg datoen neste kull begynner, en {wanted}",
        )
    if start.weekday() != first.start.weekday():
        before = start - timedelta(days=(start.weekday() - first.start.weekday()) % 7)
        after = before + timedelta(weeks=1)
        raise DataError(
            f"START {start} er en {WEEKDAYS[start.weekday()]}, men samling {first.number} begynner en "
            f"{wanted} ({long_date(first.start)})",
            f"{NOTHING_CHANGED}; velg en {wanted}, så hver samling beholder ukedagen sin, for eksempel "
            f"START={before} eller START={after}",
        )
    return start - first.start


# the path of a value in a YAML file: keys and list indexes
Where = tuple[str | int, ...]
# in the value at a path, the text to replace and its replacement
Edits = dict[Where, tuple[str, str]]


# a date or a period in the data: its file in curriculum/, its path in the file, the value, and
# the record holding it (a module's period is labelled with the module's name)
Dated = tuple[str, Where, date | Period, object]


def walked(value: object, where: Where, owner: object) -> Iterator[tuple[Where, date | Period, object]]:
    """Every date and period inside ``value`` with its path (record fields by name, list items by
    index: the path of the value in its YAML file)."""
    if isinstance(value, (Period, date)):
        yield where, value, owner
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walked(getattr(value, name), (*where, name), value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walked(item, (*where, i), owner)


def dated(cur: Curriculum) -> list[Dated]:
    """Every date and period the data holds, found from the model, so a new date field moves too."""
    return [
        (file, where, value, owner)
        for file, name in FILES.items()
        for where, value, owner in walked(getattr(cur, name), (), cur)
    ]


def event_days(cur: Curriculum) -> list[date]:
    """Every date the data holds besides the periods: gatherings, sessions by date, deadlines,
    exams, the values process's steps."""
    return [value for _, _, value, _ in dated(cur) if not isinstance(value, Period)]


def shifted_period(cur: Curriculum, start: date, end: date, delta: timedelta) -> tuple[date, date, bool]:
    """The period moved by whole months, widened to keep every date it held; True if widened."""
    months = round(delta.days / (365.2425 / 12))
    new_start, new_end = add_months(start, months), add_months(end, months)
    inside = [d + delta for d in event_days(cur) if start <= d <= end]
    wide_start, wide_end = min([new_start, *inside]), max([new_end, *inside])
    return wide_start, wide_end, (wide_start, wide_end) != (new_start, new_end)


# --- text -----------------------------------------------------------------------------------------


def scalar_spans(text: str) -> dict[Where, tuple[int, int]]:
    """Where each scalar value stands in the text (character offsets), by its path."""
    spans: dict[Where, tuple[int, int]] = {}

    def walk(node: Node | None, path: Where) -> None:
        if isinstance(node, MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
        elif isinstance(node, SequenceNode):
            for i, value in enumerate(node.value):
                walk(value, (*path, i))
        elif isinstance(node, ScalarNode):
            spans[path] = (node.start_mark.index, node.end_mark.index)

    walk(YAML(typ="base", pure=True).compose(text), ())
    return spans


def rewritten(text: str, edits: Edits) -> str:
    """``text`` with, in the value at each path, ``old`` replaced by ``new`` (the value's quoting
    and everything around it kept)."""
    spans = scalar_spans(text)
    for path, (old, new) in sorted(edits.items(), key=lambda e: spans[e[0]][0], reverse=True):
        a, b = spans[path]
        value = text[a:b]
        if old not in value:
            where = "/".join(map(str, path))
            raise DataError(f"fant ikke «{old}» der den skulle stå ({where})", NOTHING_CHANGED)
        text = text[:a] + value.replace(old, new) + text[b:]
    return text


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # line endings as they are


def years_edits(text: str, paths: Iterable[Where], old: tuple[date, date], new: tuple[date, date]) -> Edits:
    """For each value at ``paths`` that names the old period's years, the edit to the new ones."""
    spans = scalar_spans(text)
    edits: Edits = {}
    for path in paths:
        if path not in spans:
            continue
        value = text[slice(*spans[path])]
        for form, new_form in zip(year_forms(*old), year_forms(*new), strict=True):
            if form in value:
                edits[path] = (form, new_form)
                break
    return edits


# --- the plan ---------------------------------------------------------------------------------------


def new_cohort_id(cur: Curriculum, new_start: date, wanted: str | None) -> str:
    old = cur.programme.id
    if wanted is None:
        year = str(cur.programme.period.start.year)
        parts = old.split("-")
        wanted = "-".join(str(new_start.year) if p == year else p for p in parts)
        if wanted == old:
            wanted = f"{old}-{new_start.year}"
    if not re.fullmatch(ID_PATTERN, wanted):
        raise DataError(
            f"«{wanted}» kan ikke være id for kullet",
            f"{NOTHING_CHANGED}; skriv små bokstaver a–z, tall og bindestrek, for eksempel KULL=nordby-2030",
        )
    if wanted == old or wanted in {g.id for g in cur.gatherings}:
        raise DataError(
            f"id-en «{wanted}» er allerede i bruk",
            f"{NOTHING_CHANGED}; gi det nye kullet en annen id med KULL=…",
        )
    return wanted


def plan(root: Path, cur: Curriculum, start: date, wanted_id: str | None) -> Plan:
    delta = checked_start(cur, start)
    p = cur.programme
    new_start, new_end, widened = shifted_period(cur, p.period.start, p.period.end, delta)
    result = Plan(cur, start, delta, new_cohort_id(cur, new_start, wanted_id))
    result.periods["programmet"] = (new_start, new_end)
    if widened:
        result.widened.append(f"programmet: {period_text(Period(start=new_start, end=new_end))}")
    old_years, new_years = (p.period.start, p.period.end), (new_start, new_end)

    # every date in curriculum/ by the same number of weeks, every period by whole months
    edits_by_file: dict[str, Edits] = {}
    moved: dict[str, int] = {}
    for file, where, value, owner in dated(cur):
        edits = edits_by_file.setdefault(file, {})
        if isinstance(value, date):
            edits[where] = (value.isoformat(), (value + delta).isoformat())
            moved[file] = moved.get(file, 0) + 1
            continue
        whole = (file, where) == ("program.yml", ("period",))
        a, b, wider = (
            (new_start, new_end, widened) if whole else shifted_period(cur, value.start, value.end, delta)
        )
        edits[(*where, "start")] = (value.start.isoformat(), a.isoformat())
        edits[(*where, "end")] = (value.end.isoformat(), b.isoformat())
        if not whole:
            label = str(getattr(owner, "name", "/".join(map(str, where))))
            result.periods[label] = (a, b)
            if wider:
                result.widened.append(f"{label}: {period_text(Period(start=a, end=b))}")

    # program.yml: also the id and the years in the name
    path = root / "curriculum" / "program.yml"
    text = read(path)
    edits = edits_by_file.pop("program.yml", {})
    edits[("id",)] = (p.id, result.new_id)
    edits.update(years_edits(text, [("name",)], old_years, new_years))
    result.texts[path] = rewritten(text, edits)
    result.changed.append(
        (
            "curriculum/program.yml",
            f"id {p.id} → {result.new_id}, perioden "
            f"{period_text(p.period)} → {period_text(Period(start=new_start, end=new_end))}"
            + (", årstallene i name" if ("name",) in edits else "")
            + (f", {moved['program.yml']} datoer flyttet {weeks(delta)}" if "program.yml" in moved else ""),
        )
    )
    for name, edits in edits_by_file.items():
        if edits:
            path = root / "curriculum" / name
            result.texts[path] = rewritten(read(path), edits)
            result.changed.append(
                (f"curriculum/{name}", f"{moved.get(name, 0)} datoer flyttet {weeks(delta)}")
            )

    # mkdocs.yml: the years in the site's name, description and copyright line
    path = root / "mkdocs.yml"
    if path.is_file():
        text = read(path)
        edits = years_edits(text, [(key,) for key in MKDOCS_TEXTS], old_years, new_years)
        if edits:
            result.texts[path] = rewritten(text, edits)
            result.changed.append(("mkdocs.yml", "årstallene i " + ", ".join(str(k[0]) for k in edits)))

    # the previous cohort's notices: dated records of its own, kept in the archive
    result.removed = [f"docs/{n.page}" for n in cur.news() if n.date <= p.period.end]
    return result


def weeks(delta: timedelta) -> str:
    return f"{delta.days // 7} uker fram"


# --- git -----------------------------------------------------------------------------------------------


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def checked_git(root: Path, tag: str) -> str | None:
    """The commit the tag should name (HEAD), or None if the tag exists. Refuses without git or
    with uncommitted changes in what the command changes, so git shows only its own change."""
    head = git(root, "rev-parse", "--verify", "HEAD")
    if head.returncode != 0:
        raise DataError(
            "prosjektet er ikke i et git-repo med minst én commit",
            f"{NOTHING_CHANGED}; make nytt-kull arkiverer kullet som en git-tagg, så prosjektet "
            "må ligge i git (git init, git add, git commit)",
        )
    dirty = git(root, "status", "--porcelain", "--", "curriculum", "docs", "mkdocs.yml").stdout.splitlines()
    if dirty:
        files = ", ".join(line[3:] for line in dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise DataError(
            f"endringer som ikke er lagret i git: {files}",
            f"{NOTHING_CHANGED}; lagre dem først (git commit), så viser git etterpå bare det "
            "make nytt-kull endrer",
        )
    if git(root, "rev-parse", "-q", "--verify", f"refs/tags/{tag}").returncode == 0:
        return None
    return head.stdout.strip()


# --- what a person must decide ------------------------------------------------------------------------


def norwegian_holidays(years: Iterable[int]) -> dict[date, str]:
    import holidays  # only here: the build does not need it

    return dict(holidays.country_holidays("NO", years=sorted(set(years)), language="no"))


def days_off(day: date, holidays: dict[date, str]) -> str | None:
    """Why ``day`` is a day off: a public holiday by name, or a day many take off."""
    from dateutil.easter import easter

    if day in holidays:
        return f"{holidays[day].lower()} (offentlig fridag)"
    if day.month == 12 and day.day in (24, 31):
        name = "julaften" if day.day == 24 else "nyttårsaften"
        return f"{name} (ikke offentlig fridag, men mange har fri)"
    if day.month == 12 and 27 <= day.day <= 30:
        return "i romjula (mange har fri)"
    sunday = easter(day.year)
    if sunday - timedelta(days=6) <= day <= sunday - timedelta(days=4):
        return "i påskeuka (mange har fri)"
    return None


def decisions(root: Path, old: Curriculum, new: Curriculum, removed: list[str]) -> list[str]:
    years = {d.year for d in event_days(old) + event_days(new)}
    off = norwegian_holidays(range(min(years), max(years) + 1))
    found = []
    modules = new.by_id("modules")
    for g in sorted(new.gatherings, key=lambda g: g.start):
        note = "" if modules[g.module].enabled else f" ({modules[g.module].name}, ikke bestilt)"
        for n in range(g.length()):
            day = g.start + timedelta(days=n)
            if why := days_off(day, off):
                found.append(f"Samling {g.number}{note}, dag {n + 1}: {long_date(day)} er {why}.")
    before = old.by_id("assessments")
    for a in sorted(new.assessments, key=lambda a: a.deadline):
        if why := days_off(a.deadline, off):
            was = days_off(before[a.id].deadline, off)
            moved = " Den gamle fristen var en vanlig arbeidsdag." if was is None else ""
            found.append(f"Fristen for «{a.title}»: {long_date(a.deadline)} er {why}.{moved}")
    organisation = new.programme.organisation
    found.append(
        f"Skoleferier (høstferie, vinterferie, påskeferie) fastsettes av hver kommune og "
        f"fylkeskommune og finnes ikke i noe bibliotek; de er ikke sjekket. Se skoleruta for "
        f"{organisation} og flytt samlinger som kolliderer."
    )
    marked = marked_pages(root, new)
    if marked:
        found.append(
            f"Sider med kundespesifikk tekst («kunde: true»), {len(marked)} i alt: les dem og rett "
            "det som ikke gjelder det nye kullet (årstall, hva som er gjort, hvem som leder):"
        )
        found += [f"  - {page}: {title}" for page, title in marked]
    typed = typed_years(root, old, removed)
    if typed:
        found.append("Årstall fra forrige kull som står skrevet i teksten og ikke er flyttet:")
        found += [f"  - {line}" for line in typed]
    return found


def typed_years(root: Path, old: Curriculum, removed: list[str]) -> list[str]:
    """Lines of pages and data text that name one of the old period's years (not the guide's
    examples, not dates and publication years in the data)."""
    period = old.programme.period
    years = "|".join(str(y) for y in range(period.start.year, period.end.year + 1))
    wanted = re.compile(rf"(?<![\d-])(?:{years})(?![\d-])")
    skip = re.compile(r"^\s*(?:-\s+)?(?:start|end|date|deadline|year|id):")
    found = []
    names = (p.relative_to(root).as_posix() for p in sorted((root / "docs").rglob("*.md")))
    files = [root / name for name in names if not name.startswith(GUIDE) and name not in removed]
    files += sorted((root / "curriculum").glob("*.yml"))
    for path in files:
        for number, line in enumerate(read(path).splitlines(), 1):
            if wanted.search(line) and not skip.match(line) and not line.lstrip().startswith("#"):
                text = " ".join(line.split())
                text = text if len(text) <= 90 else text[:89] + "…"
                found.append(f"{path.relative_to(root).as_posix()}:{number}: {text}")
    return found


# --- the command ---------------------------------------------------------------------------------------


def new_cohort(root: Path, start: date, wanted_id: str | None = None) -> list[str]:
    """Do it, and return the report's lines. Raises DataError or ProblemsFound, changing nothing."""
    cur = curriculum_or_raise(root)
    tag = f"{TAG_PREFIX}{cur.programme.id}"
    result = plan(root, cur, start, wanted_id)
    head = checked_git(root, tag)
    originals = {path: path.read_bytes() for path in result.texts}
    notices = {root / page: (root / page).read_bytes() for page in result.removed}
    try:
        for path, text in result.texts.items():
            replace(path, text)
        for path in notices:
            path.unlink()
        new, _, problems = load_curriculum(root)
        if problems or new is None:  # None only with problems
            raise ProblemsFound(problems)
        if head is not None and git(root, "tag", tag, head).returncode != 0:
            raise DataError(f"taggen {tag} kunne ikke lages", NOTHING_CHANGED)
    except BaseException:
        for path, data in {**originals, **notices}.items():
            path.write_bytes(data)
        raise
    return report(root, cur, new, result, tag, head)


def report(
    root: Path, old: Curriculum, new: Curriculum, result: Plan, tag: str, head: str | None
) -> list[str]:
    first_old, first_new = first_gathering(old), first_gathering(new)
    p = old.programme
    a, b = result.periods["programmet"]
    folder = Cohort(tag, p.id, p.period.start, p.period.end).folder
    lines = [
        f"Nytt kull: {p.id} → {result.new_id} "
        f"({years_text(p.period.start, p.period.end)} → {years_text(a, b)}).",
        f"Samling {first_old.number} flyttes fra {long_date(first_old.start)} "
        f"til {long_date(first_new.start)}; "
        f"alle samlinger og frister flyttes {weeks(result.delta)} og beholder ukedagen sin.",
        "",
        (
            f"Laget taggen {tag} på commit {head[:10]}: forrige kull."
            if head
            else f"Taggen {tag} fantes allerede og er brukt som den er."
        )
        + f" make site bygger det i site/{ARCHIVE_FOLDER}/{folder}/, merket som arkiv.",
        "",
    ]
    lines += [f"Endret {name}: {what}" for name, what in result.changed]
    lines += [f"Fjernet {page}: nyhet for forrige kull (den står i arkivet)" for page in result.removed]
    if result.widened:
        lines += [
            "",
            "Perioder som er utvidet så alt som lå innenfor, fortsatt gjør det (rett dem hvis "
            "kontrakten sier noe annet):",
        ]
        lines += [f"- {w}" for w in result.widened]
    lines += ["", "Dette må du avgjøre:"]
    todo = decisions(root, old, new, result.removed)
    lines += [line if line.startswith("  ") else f"- {line}" for line in todo]
    lines += ["", "Se endringene med «git diff», kjør «make check», og lagre dem med «git commit»."]
    return lines
