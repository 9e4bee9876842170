"""A facilitator's ordinary edits, made on a copy of the real project, keep it green (issue 13).

The edits: move a gathering of the agreed module a week later (its start and end, nothing
else), add a reading to a gathering, remove a recommended reading, write a news item, and give
a session another time and room. Then the check, one real build, and what a participant sees.
Every expectation is worked out from the copy's data: nothing of the live programme is written
here, so the test holds whatever the programme contains.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from macros.__main__ import run_checks
from macros.components.participant import reading_label
from macros.curriculum import curriculum_or_raise
from macros.dates import period_text
from macros.model import Curriculum, Gathering, Reading
from macros.news import load_news

from .conftest import ROOT, build
from .test_participant import DOMAIN, PREFIX, WHOLE, days_of, long_text, text_of, url_of

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast

WEEK = timedelta(weeks=1)
OSLO = ZoneInfo("Europe/Oslo")
ROOM = "Møterom #3, rådhuset"  # a '#' that YAML must keep as text
READING = {
    "id": "nordmann-ledelse-i-kommunen",
    "authors": ["Nordmann, Kari"],
    "year": 2015,
    "title": "Ledelse i kommunen: praksis og refleksjon",
    "kind": "bok",
    "publisher": "Universitetsforlaget",
    "pages": 120,
    "required": True,
    "language": "nb",
    "edition": 1,
    "source": "Et oppdiktet verk for testen",
}
NEWS_TITLE = "Nytt rom og ny tid på neste samling"


def unused(wanted: str, taken: set[str], joiner: str = "-") -> str:
    """``wanted``, or with a number after it: the data may already hold anything, even this test's edits."""
    n = 1
    found = wanted
    while found in taken:
        n += 1
        found = f"{wanted}{joiner}{n}"
    return found


def copy_project(target: Path) -> None:
    """What a build reads: data, pages, theme and configuration; the code as a link."""
    for folder in ("curriculum", "docs", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    (target / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    for name in ("mkdocs.yml", "personvern.yml"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, target / name)


def yaml() -> YAML:
    y = YAML()  # round trip: comments and order kept
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def edit_yaml(path: Path, change) -> None:
    y = yaml()
    data = y.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as handle:
        y.dump(data, handle)


def record(items, ident: str):
    return next(item for item in items if item["id"] == ident)


def movable(cur: Curriculum) -> Gathering:
    """A gathering of the agreed module, all sessions by day, that a week later stays in its
    module's period and clear of the other gatherings."""
    for g in cur.scheduled():
        module = cur.module_of(g)
        start, end = g.start + WEEK, g.end + WEEK
        if (
            not module.optional
            and all(s.date is None for s in g.sessions)
            and module.period.contains(start)
            and module.period.contains(end)
            and all(other is g or other.end < start or end < other.start for other in cur.gatherings)
        ):
            return g
    pytest.fail("ingen samling i den avtalte modulen kan flyttes en uke (øktene må ha day:, ikke date:)")


def move_by_lines(path: Path, ident: str, days: timedelta) -> None:
    """Change the lines of the gathering's start and end, as an editor does by hand."""
    data = yaml().load(path.read_text(encoding="utf-8"))
    g = record(data, ident)
    lines = path.read_text(encoding="utf-8").split("\n")
    for key in ("start", "end"):
        line = g.lc.key(key)[0]
        assert lines[line].strip() == f"{key}: {g[key]}"
        lines[line] = lines[line].replace(str(g[key]), str(g[key] + days))
    path.write_text("\n".join(lines), encoding="utf-8")


def last_of_first_day(g: Gathering) -> int:
    _day, sessions = next(iter(days_of(g).items()))
    last = max(sessions, key=lambda s: s.start)
    return next(k for k, s in enumerate(g.sessions) if s is last)


def later(clock: time, minutes: int) -> str:
    return (datetime.combine(date.min, clock) + timedelta(minutes=minutes)).strftime("%H:%M")


@dataclass
class Edited:
    root: Path
    site: Path
    before: Curriculum
    after: Curriculum
    moved: str
    timed: tuple[str, int]  # gathering and index of the session given another time and room
    gets_reading: str
    reading: str  # id of the reading added
    removed: Reading
    news: str  # page of the news item
    news_title: str

    def page(self, doc: str) -> str:
        return (self.site / url_of(doc) / "index.html").read_text(encoding="utf-8")

    def calendar(self, name: str) -> dict[str, icalendar.Event]:
        cal = icalendar.Calendar.from_ical((self.site / "kalender" / name).read_bytes())
        return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Edited:
    root = tmp_path_factory.mktemp("redaktor") / "prosjekt"
    copy_project(root)
    before = curriculum_or_raise(root)
    data = root / "curriculum" / "samlinger.yml"

    # 1. Move a gathering a week later: two lines, start and end.
    moved = movable(before)
    original = data.read_text(encoding="utf-8").split("\n")
    move_by_lines(data, moved.id, WEEK)
    changed = [
        a for a, b in zip(original, data.read_text(encoding="utf-8").split("\n"), strict=True) if a != b
    ]
    assert len(changed) == 2, changed

    # 2. Another time (a quarter of an hour later) and a room for one session.
    other = next(g for g in before.scheduled() if g.id != moved.id)
    k = last_of_first_day(other)
    session = other.sessions[k]

    # 3. A new reading for the last gathering; 4. a recommended reading removed everywhere.
    last = before.scheduled()[-1]
    reading = {
        **READING,
        "id": unused(READING["id"], set(before.by_id("readings"))),
        "title": unused(READING["title"], {r.title for r in before.readings}, " "),
    }
    docs_text = "\n".join(p.read_text(encoding="utf-8") for p in (root / "docs").rglob("*.md"))
    assigned = [before.by_id("readings")[r] for g in before.scheduled() for r in g.readings]
    candidates = [r for r in assigned if r.id not in docs_text and r.id not in last.readings]
    assert candidates, "ingen pensumtekst kan fjernes uten å rette en side: testen trenger én"
    removed = next((r for r in candidates if not r.required), candidates[0])
    themes = [before.by_id("themes")[last.theme].id]

    def change_gatherings(items) -> None:
        s = record(items, other.id)["sessions"][k]
        s["start"], s["end"] = (DoubleQuotedScalarString(later(t, 15)) for t in (session.start, session.end))
        s["room"] = ROOM
        for g in items:
            if removed.id in g.get("readings", []):
                g["readings"].remove(removed.id)
        record(items, last.id)["readings"].append(reading["id"])

    def change_readings(items) -> None:
        items.remove(record(items, removed.id))
        items.append({**reading, "themes": themes})

    edit_yaml(data, change_gatherings)
    edit_yaml(root / "curriculum" / "pensum.yml", change_readings)

    # 5. A news item, newer than every other.
    notices, _ = load_news(root / "docs")
    day = max([n.date for n in notices], default=before.programme.period.start) + timedelta(days=1)
    title = unused(NEWS_TITLE, {n.title for n in notices}, " ")
    news = unused(f"nytt/{day}-nytt-rom", {n.page.removesuffix(".md") for n in notices}) + ".md"
    (root / "docs" / news).write_text(
        f"---\ndate: {day}\ntitle: {title}\n---\n\nØkten «{session.title}» flyttes til {ROOM}.\n",
        encoding="utf-8",
    )

    pages, problems = run_checks(root)
    assert [str(p) for p in problems] == []
    assert pages == len(list((root / "docs").rglob("*.md")))
    result = build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    after = curriculum_or_raise(root)
    return Edited(
        root,
        root / "site",
        before,
        after,
        moved.id,
        (other.id, k),
        last.id,
        reading["id"],
        removed,
        news,
        title,
    )


def test_the_moved_gathering_is_a_week_later_everywhere(edited: Edited, real_site: Path) -> None:
    old, new = edited.before.by_id("gatherings")[edited.moved], edited.after.by_id("gatherings")[edited.moved]
    assert (new.start, new.end) == (old.start + WEEK, old.end + WEEK)
    # the sessions followed: same days of the gathering, same times
    assert [(d - new.start, [s.start for s in ss]) for d, ss in days_of(new).items()] == [
        (d - old.start, [s.start for s in ss]) for d, ss in days_of(old).items()
    ]
    before = icalendar.Calendar.from_ical((real_site / "kalender" / f"{old.id}.ics").read_bytes())
    before_events = {str(e["UID"]): e for e in before.walk("VEVENT")}
    after_events = edited.calendar(f"{new.id}.ics")
    assert list(after_events) == list(before_events)  # the same events, so calendars update them
    for uid, event in after_events.items():
        was = before_events[uid]["DTSTART"].dt
        now = event["DTSTART"].dt
        assert now.replace(tzinfo=None) == was.replace(tzinfo=None) + WEEK  # same clock time, a week on
        assert now.utcoffset() == now.replace(tzinfo=OSLO).utcoffset()  # Oslo time on the new day
    assert set(after_events) <= set(edited.calendar(WHOLE))

    page = text_of(edited.page(new.page))
    assert period_text(new) in page and not re.search(r"(?<!\d)" + re.escape(period_text(old)), page)
    for day in days_of(new):
        assert f"Dag {(day - new.start).days + 1}: {long_text(day)}" in page
    assert f"{period_text(new)}" in text_of(edited.page("samlinger/index.md"))
    box = re.search(r"data-lp-data=([\"'])(.*?)\1", edited.page("index.md"))
    embedded = json.loads(html.unescape(box[2]))  # what the next-gathering box counts from
    assert record(embedded["gatherings"], new.id)["start"] == new.start.isoformat()


def test_the_agenda_and_the_calendar_show_the_new_time_and_room(edited: Edited) -> None:
    ident, k = edited.timed
    g = edited.after.by_id("gatherings")[ident]
    s = g.sessions[k]
    old = edited.before.by_id("gatherings")[ident].sessions[k]
    assert (s.room, s.start, s.end) == (
        ROOM,
        *(time.fromisoformat(later(t, 15)) for t in (old.start, old.end)),
    )
    span = f"{s.start:%H.%M}–{s.end:%H.%M}"
    rows = [
        text_of(f"<article>{row}</article>")
        for row in re.findall(r"<tr>(.*?)</tr>", edited.page(g.page), re.S)
    ]
    row = next(r for r in rows if s.title in r)
    assert row.startswith(span) and row.endswith(ROOM)
    day = next(d for d, ss in days_of(g).items() if s in ss)
    event = edited.calendar(f"{g.id}.ics")[f"{PREFIX}{g.id}-dag-{(day - g.start).days + 1}{DOMAIN}"]
    assert ROOM in str(event["LOCATION"]) and str(event["LOCATION"]).endswith(g.place)
    assert f"{span} {s.title} ({ROOM})" in str(event["DESCRIPTION"])
    assert event["DTEND"].dt.time() == max(x.end for x in days_of(g)[day])


def test_the_reading_lists_follow_the_data(edited: Edited) -> None:
    g = edited.after.by_id("gatherings")[edited.gets_reading]
    new = edited.after.by_id("readings")[edited.reading]
    gathering = text_of(edited.page(g.page))
    assert new.title in gathering
    plan_html = edited.page("pensum/leseplan.md")
    assert reading_label(new) in text_of(plan_html)
    totals = dict(re.findall(r'data-samling="([^"]+)" data-total="(\d+)"', plan_html))
    for each in edited.after.scheduled():
        pages = sum(edited.after.by_id("readings")[r].pages.count for r in each.readings)
        assert int(totals.get(each.id, 0)) == pages, each.id
    reading_list = text_of(edited.page("pensum/index.md"))
    assert new.title in reading_list
    gone = edited.removed
    assert gone.id not in edited.after.by_id("readings")
    for text in (reading_list, text_of(plan_html)):
        assert gone.title not in text
    for before in edited.before.scheduled():
        if gone.id in before.readings:
            assert gone.title not in text_of(edited.page(before.page))


def test_the_news_item_is_listed(edited: Edited) -> None:
    start = text_of(edited.page("index.md"))
    listing = text_of(edited.page("nytt/index.md"))
    title = edited.news_title
    titles = [n.title for n in load_news(edited.root / "docs")[0]]
    assert titles[0] == title  # the newest
    assert title in start and title in listing
    assert all(start.index(title) < start.index(t) for t in titles[1:3])  # listed first
    assert (edited.site / url_of(edited.news) / "index.html").is_file()
