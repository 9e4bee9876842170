"""What a participant uses between gatherings: calendar files, next gathering, reading progress, news."""

from __future__ import annotations

import html
import os
import posixpath
import re
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from mkdocs.utils.yaml import yaml_load

from macros.__main__ import source_date_epoch
from macros.calendar import calendar_files, stamp_from_epoch
from macros.components.participant import modules_not_planned, not_planned_rest, reading_label
from macros.components.readings import reading_rate
from macros.curriculum import curriculum_once, curriculum_or_raise
from macros.dates import period_text
from macros.model import Curriculum, Gathering, Session

from .conftest import ROOT, build

# Expectations are computed from curriculum/, never written here: a facilitator's correct edit
# (a gathering moved, a reading added, a deadline changed) keeps these tests green. Behaviour
# that needs fixed values (summer and winter time, rooms, a module switched off) is tested on
# tests/fixtures/mini.
CUR = curriculum_once(ROOT)
SCHEDULED = CUR.scheduled()
SWITCHED_OFF = [g for g in CUR.gatherings if g not in SCHEDULED]
OSLO = ZoneInfo("Europe/Oslo")
# the cohort in every UID and in the programme calendar's name (program.yml: id, calendar_domain)
PREFIX = f"{CUR.programme.id}-"
DOMAIN = f"@{CUR.programme.calendar_domain}"
WHOLE = f"{CUR.programme.id}.ics"
MINI_PREFIX, MINI_DOMAIN = "testprogram-2016-", "@testkommune.example"
MINI_WHOLE = "testprogram-2016.ics"
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]


def deadlines_of(cur: Curriculum) -> list:
    """Deadlines a participant has: those of the scheduled gatherings and those of no gathering."""
    scheduled = {g.id for g in cur.scheduled()}
    due = [a for a in cur.assessments if a.gathering is None or a.gathering in scheduled]
    return sorted(due, key=lambda a: (a.deadline, a.id))


DEADLINES = deadlines_of(CUR)


def held_on(g: Gathering, s: Session) -> date:
    """Worked out here, not with the model's own method, so a slip there shows."""
    return s.date if s.date is not None else g.start + timedelta(days=s.day - 1)


def days_of(g: Gathering) -> dict[date, list[Session]]:
    days: dict[date, list[Session]] = {}
    for s in g.sessions:
        days.setdefault(held_on(g, s), []).append(s)
    return dict(sorted(days.items()))


def uid(g: Gathering, day: date) -> str:
    return f"{PREFIX}{g.id}-dag-{(day - g.start).days + 1}{DOMAIN}"


def url_of(page: str) -> str:
    """A page's address relative to the site root ('samlinger/samling-3/')."""
    path = page.removesuffix(".md")
    return "" if path == "index" else path.removesuffix("/index") + "/"


def long_text(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day}. {MONTHS[day.month - 1]} {day.year}"


def in_days(n: int) -> str:
    return "i dag" if n == 0 else "i morgen" if n == 1 else f"om {n} dager"


def site_url(root: Path) -> str:
    """mkdocs.yml's site_url, as MkDocs reads it (!ENV included)."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as handle:
        return yaml_load(handle).get("site_url") or ""


SITE_URL = site_url(ROOT)


def short_title(g: Gathering, day: date, days: dict[date, list[Session]]) -> str:
    """«Samling 3, dag 1: Kultur og verdier»: the title before its subtitle, the day if there are more."""
    main = re.split(r": | – | — ", g.title)[0]
    number = f", dag {(day - g.start).days + 1}" if len(days) > 1 else ""
    return f"Samling {g.number}{number}: {main}"


def assert_link(event: icalendar.Event, page: str, base: str) -> None:
    """The page's full address when the site's address is known, otherwise no link at all: a
    calendar app cannot open a path relative to a site it never saw."""
    description = str(event["DESCRIPTION"])
    if base:
        address = base.rstrip("/") + "/" + url_of(page)
        assert address.startswith(("https://", "http://"))
        assert str(event["URL"]) == address and description.endswith(f"Mer i læringsportalen: {address}")
    else:
        assert "URL" not in event and "læringsportalen" not in description
        assert url_of(page) not in description


def assert_reminder_the_day_before(event: icalendar.Event) -> None:
    """One DISPLAY alarm with a Norwegian text, at a sensible hour the day before the deadline."""
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]).endswith("er i morgen.")
    rings = datetime.combine(event["DTSTART"].dt, datetime.min.time()) + alarm["TRIGGER"].dt
    assert rings.date() == event["DTSTART"].dt - timedelta(days=1) and 8 <= rings.hour <= 12


def parse(site: Path, name: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / "kalender" / name).read_bytes())


def by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def replace_in(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, (path, old)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_every_gathering_day_is_a_calendar_event(real_site: Path) -> None:
    whole = parse(real_site, WHOLE)
    assert [tz["TZID"] for tz in whole.walk("VTIMEZONE")] == ["Europe/Oslo"]
    events = by_uid(whole)
    wanted = [uid(g, day) for g in SCHEDULED for day in days_of(g)]
    assert wanted and len(whole.walk("VEVENT")) == len(wanted) + len(DEADLINES)
    for g in SCHEDULED:
        days = days_of(g)
        own = parse(real_site, f"{g.id}.ics").walk("VEVENT")
        assert [str(e["UID"]) for e in own] == [uid(g, day) for day in days]  # each gathering's own file
        for day, sessions in days.items():
            event = events[uid(g, day)]
            first = datetime.combine(day, min(s.start for s in sessions), OSLO)
            last = datetime.combine(day, max(s.end for s in sessions), OSLO)
            assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
            # isoformat: the same instant and the same UTC offset (summer or winter time that day)
            assert event["DTSTART"].dt.isoformat() == first.isoformat()
            assert event["DTEND"].dt.isoformat() == last.isoformat()
            assert str(event["SUMMARY"]) == short_title(g, day, days)
            location = str(event["LOCATION"])
            rooms = {s.room or g.room for s in sessions} - {None}
            assert location.endswith(g.place) and all(room in location for room in rooms)
            description = str(event["DESCRIPTION"])
            assert description.startswith(f"Samling {g.number}: {g.title}")  # the whole title
            for s in sessions:
                assert f"{s.start:%H.%M}–{s.end:%H.%M} {s.title}" in description
            assert_link(event, g.page, SITE_URL)
            assert int(event["SEQUENCE"]) >= 0 and event.decoded("LAST-MODIFIED") == event.decoded("DTSTAMP")
    for g in SWITCHED_OFF:  # a module that is not ordered has no calendar
        assert not (real_site / "kalender" / f"{g.id}.ics").exists()
        assert not any(key.startswith(f"{PREFIX}{g.id}-") for key in events)


def test_every_deadline_is_in_the_deadline_calendar(real_site: Path) -> None:
    due = parse(real_site, "frister.ics").walk("VEVENT")
    assert [str(e["UID"]) for e in due] == [f"{PREFIX}frist-{a.id}{DOMAIN}" for a in DEADLINES]
    for event, a in zip(due, DEADLINES, strict=True):
        assert event["DTSTART"].dt == a.deadline  # an all-day event
        assert event["DTEND"].dt == a.deadline + timedelta(days=1)
        summary = str(event["SUMMARY"])
        # «Frist for eksamen», never «Frist: Eksamen: fagessay om …»; the whole title in the description
        assert summary.startswith("Frist for ") and ":" not in summary and " – " not in summary
        assert summary.removeprefix("Frist for ").lower() in a.title.lower()
        assert str(event["DESCRIPTION"]).startswith(f"{a.title}\n\n{a.description}")
        assert_reminder_the_day_before(event)
        assert_link(event, "om/studiepoeng-og-vurdering.md", SITE_URL)
    whole = by_uid(parse(real_site, WHOLE))
    assert all(f"{PREFIX}frist-{a.id}{DOMAIN}" in whole for a in DEADLINES)


def test_calendar_times_rooms_and_modules_on_the_fixture(mini: Path) -> None:
    """Summer and winter time, rooms and a module not ordered, on data written for it."""
    data = mini / "curriculum" / "samlinger.yml"
    # samling-2 moved to December (winter time), its session given by date as well
    data.write_text(data.read_text(encoding="utf-8").replace("2016-10-25", "2016-12-06"), encoding="utf-8")
    cur = curriculum_or_raise(mini)
    files = calendar_files(cur, stamp_from_epoch(None))
    assert sorted(files) == [
        "kalender/frister.ics",
        "kalender/samling-1.ics",
        "kalender/samling-2.ics",
        "kalender/testprogram-2016.ics",
    ]  # not modul-2's
    events = by_uid(icalendar.Calendar.from_ical(files["kalender/testprogram-2016.ics"]))
    keys = ["samling-1-dag-1", "samling-1-dag-2", "samling-2-dag-1", "frist-notat-1", "frist-eksamen"]
    assert list(events) == [MINI_PREFIX + key + MINI_DOMAIN for key in keys]
    day_1, day_2, december = (events[MINI_PREFIX + key + MINI_DOMAIN] for key in keys[:3])
    assert day_1["DTSTART"].dt.isoformat() == "2016-09-13T09:00:00+02:00"  # day: 1
    assert day_1["DTEND"].dt.isoformat() == "2016-09-13T12:00:00+02:00"
    assert day_2["DTSTART"].dt.isoformat() == "2016-09-14T09:00:00+02:00"  # date: 2016-09-14
    assert december["DTSTART"].dt.isoformat() == "2016-12-06T09:00:00+01:00"  # winter time
    assert str(day_1["SUMMARY"]) == "Samling 1, dag 1: Første samling"
    assert str(december["SUMMARY"]) == "Samling 2: Andre samling"  # one day: no day number
    assert "Dag 1 av 2, tirsdag 13. september 2016." in str(day_1["DESCRIPTION"])
    # the gathering's room, else the session's own; then the place
    assert str(day_1["LOCATION"]) == "Kommunestyresalen, Røros"
    assert str(december["LOCATION"]) == "Storsalen, Røros"
    assert "09.00–12.00 Kultur (Storsalen)" in str(december["DESCRIPTION"])

    # a session in another room than its gathering's: both rooms that day
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "      title: Roller\n", "      title: Roller\n      room: Grupperom 2\n"
        ),
        encoding="utf-8",
    )
    files = calendar_files(curriculum_or_raise(mini), stamp_from_epoch(None))
    events = by_uid(icalendar.Calendar.from_ical(files["kalender/samling-1.ics"]))
    day_1, day_2 = (events[f"{MINI_PREFIX}samling-1-dag-{n}{MINI_DOMAIN}"] for n in (1, 2))
    assert str(day_1["LOCATION"]) == "Kommunestyresalen og Grupperom 2, Røros"
    assert str(day_2["LOCATION"]) == "Kommunestyresalen, Røros"
    assert "10.45–12.00 Roller (Grupperom 2)" in str(day_1["DESCRIPTION"])


def test_calendar_titles_are_short_with_a_reminder_before_each_deadline(mini: Path) -> None:
    """What a phone shows: the number and day first, the subtitle only in the description."""
    subtitled = "title: Kultur og verdier – verdiprosessen starter"
    replace_in(mini / "curriculum" / "samlinger.yml", ("title: Første samling\n", f"{subtitled}\n"))
    replace_in(
        mini / "docs" / "samlinger" / "samling-1.md",
        ("# Samling 1: Første samling\n", "# Samling 1: Kultur og verdier – verdiprosessen starter\n"),
    )
    replace_in(
        mini / "curriculum" / "vurdering.yml",
        ("title: Refleksjonsnotat\n", 'title: "Refleksjonsnotat 1: min virksomhet"\n'),
        ("title: Eksamen\n", 'title: "Eksamen: fagessay om egen lederpraksis"\n'),
    )
    files = calendar_files(curriculum_or_raise(mini), None)
    events = by_uid(icalendar.Calendar.from_ical(files[f"kalender/{MINI_WHOLE}"]))
    summaries = [str(e["SUMMARY"]) for e in events.values()]
    assert summaries == [
        "Samling 1, dag 1: Kultur og verdier",
        "Samling 1, dag 2: Kultur og verdier",
        "Samling 2: Andre samling",
        "Frist for refleksjonsnotat 1",
        "Frist for eksamen",
    ]
    day_1 = events[f"{MINI_PREFIX}samling-1-dag-1{MINI_DOMAIN}"]
    assert str(day_1["DESCRIPTION"]).startswith(
        "Samling 1: Kultur og verdier – verdiprosessen starter. Dag 1 av 2"
    )
    note, exam = (events[f"{MINI_PREFIX}frist-{key}{MINI_DOMAIN}"] for key in ("notat-1", "eksamen"))
    assert str(exam["DESCRIPTION"]).startswith("Eksamen: fagessay om egen lederpraksis\n\nHjemmeeksamen.")
    for event in (note, exam):
        assert_reminder_the_day_before(event)
        assert "VALARM" not in day_1.to_ical().decode()  # only deadlines remind
    assert str(note.walk("VALARM")[0]["DESCRIPTION"]) == "Fristen for refleksjonsnotat 1 er i morgen."
    # no site_url in the fixture's mkdocs.yml: no link at all, not even a path
    for event in events.values():
        assert "URL" not in event and "læringsportalen" not in str(event["DESCRIPTION"])
        assert not re.search(r"samlinger/|om/|\.md\b", str(event["DESCRIPTION"]))


@pytest.mark.build
def test_calendar_links_in_full_where_the_site_address_is_set(mini: Path) -> None:
    """The real build of a project with site_url: every event links to its page in full."""
    base = "https://intranett.example/lederprogram/"
    name = "site_name: Testprogram\n"
    replace_in(mini / "mkdocs.yml", (name, f"{name}site_url: {base}\n"))
    result = build(mini, mini / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    whole = parse(mini / "site", MINI_WHOLE)
    cur = curriculum_or_raise(mini)
    pages = {
        f"{MINI_PREFIX}{g.id}-dag-{n}{MINI_DOMAIN}": g.page
        for g in cur.scheduled()
        for n in range(1, len(g.days()) + 1)
    }
    for key, event in by_uid(whole).items():
        assert_link(event, pages.get(key, "om/studiepoeng-og-vurdering.md"), base)
    # the page the link names was built
    assert (mini / "site" / "samlinger" / "samling-1" / "index.html").exists()


def commit(root: Path, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    for command in (["add", "-A"], ["commit", "-q", "-m", "Endring"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, env=env)


def test_a_moved_gathering_updates_on_import(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same UID, higher SEQUENCE and a later LAST-MODIFIED after the commit that moves it, and the
    same bytes from two builds of one commit (the build's time is the commit's, not the clock's)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    subprocess.run(["git", "init", "-q", str(mini)], check=True)
    commit(mini, "2016-08-01T12:00:00+02:00")

    def whole() -> tuple[str, dict[str, icalendar.Event]]:
        stamp = stamp_from_epoch(source_date_epoch(mini))
        text = calendar_files(curriculum_or_raise(mini), stamp)[f"kalender/{MINI_WHOLE}"]
        return text, by_uid(icalendar.Calendar.from_ical(text))

    text, before = whole()
    assert whole()[0] == text
    replace_in(mini / "curriculum" / "samlinger.yml", ("2016-10-25", "2016-11-01"))
    commit(mini, "2016-09-20T08:30:00+02:00")
    after = whole()[1]
    assert list(after) == list(before)
    moved = f"{MINI_PREFIX}samling-2-dag-1{MINI_DOMAIN}"
    assert after[moved]["DTSTART"].dt.date() == date(2016, 11, 1)
    assert int(after[moved]["SEQUENCE"]) > int(before[moved]["SEQUENCE"])
    assert after[moved].decoded("LAST-MODIFIED") > before[moved].decoded("LAST-MODIFIED")
    assert after[moved].decoded("LAST-MODIFIED") == datetime(2016, 9, 20, 6, 30, tzinfo=UTC)


def test_calendar_files_are_well_formed_and_reproducible(real_site: Path) -> None:
    stamp = stamp_from_epoch(source_date_epoch(ROOT))
    expected = calendar_files(CUR, stamp)
    assert calendar_files(CUR, stamp) == expected
    for path, text in expected.items():
        raw = (real_site / path).read_bytes()
        assert raw == text.encode("utf-8"), path  # the build wrote exactly this, no wall clock
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75
        for line in raw.split(b"\r\n"):
            line.decode("utf-8")  # folding never splits a character (Ø, –)
        stamps = {str(e.decoded("DTSTAMP")) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
        assert stamps == {str(stamp)}
    later = calendar_files(CUR, datetime(2030, 1, 1).astimezone())

    def uids(files: dict[str, str]) -> list[str]:
        return [e["UID"] for e in icalendar.Calendar.from_ical(files[f"kalender/{WHOLE}"]).walk("VEVENT")]

    assert uids(later) == uids(expected)


def test_calendar_linked_from_schedule_and_gathering_page(real_site: Path) -> None:
    for g in SCHEDULED:
        page = (real_site / url_of(g.page) / "index.html").read_text(encoding="utf-8")
        href = posixpath.relpath(f"kalender/{g.id}.ics", url_of(g.page))
        assert f'href="{href}">Legg samlingen i kalenderen (.ics)</a>' in page
    schedule = (real_site / "samlinger" / "index.html").read_text(encoding="utf-8")
    assert f'href="../kalender/{WHOLE}">Legg hele programmet i kalenderen (.ics)</a>' in schedule
    for g in SWITCHED_OFF:
        assert ".ics" not in (real_site / url_of(g.page) / "index.html").read_text(encoding="utf-8")


# --- News -------------------------------------------------------------------------------------


def test_news_front_matter_is_checked(mini: Path) -> None:
    from macros.__main__ import run_checks

    folder = mini / "docs" / "nytt"
    folder.mkdir(exist_ok=True)
    (folder / "god.md").write_text("---\ndate: 2016-08-15\ntitle: Velkommen\n---\n\nHei.\n", encoding="utf-8")
    (folder / "uten-dato.md").write_text("---\ntitle: Uten dato\n---\n\nTekst.\n", encoding="utf-8")
    (folder / "norsk-dato.md").write_text("---\ntitle: Feil\ndate: 15.08.2016\n---\n", encoding="utf-8")
    (folder / "umulig.md").write_text("---\ntitle: Feil\n\ndate: 2016-02-30\n---\n", encoding="utf-8")
    problems = [str(p) for p in run_checks(mini)[1] if "nytt" in p.file]
    assert problems == [
        "docs/nytt/norsk-dato.md:3: datoen «15.08.2016» er ikke på formen ÅÅÅÅ-MM-DD "
        "(skriv for eksempel «date: 2016-08-15»)",
        "docs/nytt/umulig.md:4: datoen «2016-02-30» finnes ikke (sjekk dag og måned)",
        "docs/nytt/uten-dato.md:1: nyheten mangler dato («date:» i sidehodet) "
        "(skriv sidehodet øverst i filen: «---», «date: ÅÅÅÅ-MM-DD», «title: …», «---»)",
    ]


def text_of(page_html: str) -> str:
    """The visible text of an article, roughly: tags dropped, entities decoded, spaces joined."""
    article = page_html[page_html.index("<article") : page_html.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_newest_news_on_the_start_page(real_site: Path) -> None:
    from macros.news import load_news

    notices, problems = load_news(ROOT / "docs")
    assert problems == [] and notices
    assert [n.date for n in notices] == sorted((n.date for n in notices), reverse=True)
    start_html = (real_site / "index.html").read_text(encoding="utf-8")
    shown = [n.title for n in notices if f">{html.escape(n.title, quote=False)}</a>" in start_html]
    assert shown == [n.title for n in notices[:3]]  # the newest three, newest first
    start = text_of(start_html)
    assert [start.index(title) for title in shown] == sorted(start.index(title) for title in shown)
    for n in notices[:3]:
        assert " ".join(n.summary.split()) in start  # the teaser, as plain text
    assert "](" not in start  # no Markdown link syntax in a teaser
    listing = text_of((real_site / "nytt" / "index.html").read_text(encoding="utf-8"))
    for n in notices:
        assert n.title in listing
        assert f"{n.date.day}. {MONTHS[n.date.month - 1]} {n.date.year}" in listing


# --- In Chromium ------------------------------------------------------------------------------


@pytest.fixture
def context(browser):
    ctx = browser.new_context(timezone_id="Europe/Oslo")
    yield ctx
    ctx.close()


def box_at(context, url: str, day: str) -> str:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=f"{day}T10:00:00")
    page.clock.set_fixed_time(f"{day}T10:00:00")
    page.goto(url)
    box = page.locator(".lp-neste__boks")
    box.wait_for(state="visible")
    assert page.locator(".lp-neste__reserve").is_hidden()
    assert errors == []
    text = " ".join(box.inner_text().split())
    page.close()
    return text


def label(g: Gathering) -> str:
    return f"Samling {g.number}: {g.title}"


def where(g: Gathering) -> str:
    return f"{g.room}, {g.place}" if g.room else g.place


def next_deadline(day: date):
    return next((a for a in DEADLINES if a.deadline >= day), None)


def deadline_text(day: date) -> str:
    a = next_deadline(day)
    return f"Neste frist: {a.title}, {long_text(a.deadline)} ({in_days((a.deadline - day).days)})"


@pytest.mark.browser
def test_next_gathering_before_during_between_after(server: str, context) -> None:
    first, last = SCHEDULED[0], SCHEDULED[-1]
    required = sum(
        CUR.by_id("readings")[r].pages.count for r in first.readings if CUR.by_id("readings")[r].required
    )

    day = first.start - timedelta(days=43)
    before = box_at(context, server, day.isoformat())
    assert before.startswith("Programmet starter snart")
    starts = f"Programmet starter {long_text(first.start)} med {label(first)}, {where(first)}. Om 43 dager."
    assert starts in before
    if required:
        assert f"Les før samlingen: {required} sider obligatorisk" in before
    if next_deadline(day):
        assert deadline_text(day) in before

    during = box_at(context, server, first.start.isoformat())
    assert during.startswith("Pågår nå") and during.count("Pågår nå") == 1 and "pågår nå" not in during
    day_1 = f"dag 1 av {first.length()}, " if first.length() > 1 else ""
    assert f"{label(first)}, {day_1}{long_text(first.start)}." in during
    assert (f"Rom: {where(first)}." if first.room else f"Sted: {first.place}.") in during
    assert "Program i dag:" in during
    for s in days_of(first)[first.start]:  # the first day's sessions with their times, none of day 2
        own_room = f" ({s.room})" if s.room and s.room != first.room else ""
        assert f"kl. {s.start:%H.%M}–{s.end:%H.%M} {s.title}{own_room}" in during
    if len(SCHEDULED) > 1:
        assert f"Deretter: {label(SCHEDULED[1])}" in during

    if len(SCHEDULED) > 1:
        second = SCHEDULED[1]
        day = first.end + timedelta(days=1)
        between = box_at(context, server, day.isoformat())
        assert between.startswith("Neste samling")
        left = in_days((second.start - day).days)
        coming = f"{label(second)}, {period_text(second)}, {where(second)}. {left[0].upper()}{left[1:]}."
        assert coming in between
        titles = [a.title for a in CUR.assignments_of(second.id)]
        if titles:
            assert f"Arbeidskrav: {'; '.join(titles)}." in between
        if next_deadline(day):
            assert deadline_text(day) in between

    day = max([last.end, *(a.deadline for a in DEADLINES)]) + timedelta(days=1)
    after = box_at(context, server, day.isoformat())
    assert after.startswith("Programmet er avsluttet")
    assert f"Den siste samlingen var {label(last)}, {period_text(last)}." in after
    assert "Neste frist" not in after
    everything = before + during + after + (between if len(SCHEDULED) > 1 else "")
    for g in SWITCHED_OFF:  # a module that is not ordered never shows as coming, only as not ordered
        module = CUR.module_of(g)
        not_ordered = f"{module.name} {not_planned_rest(module)}"
        assert not_ordered in after
        assert g.title not in everything and module.name not in everything.replace(not_ordered, "")


@pytest.mark.browser
def test_next_gathering_links_follow_instant_navigation(server: str, context) -> None:
    assert len(SCHEDULED) > 1, "the test needs two gatherings: add one to tests/fixtures or the data"
    first, second = SCHEDULED[0], SCHEDULED[1]
    page = context.new_page()
    page.clock.install(time=f"{first.end + timedelta(days=1)}T10:00:00")
    page.goto(server)
    page.locator(".lp-neste__boks").get_by_role("link", name=label(second), exact=True).click()
    page.wait_for_url(server + url_of(second.page))
    assert page.locator(".lp-neste__boks").is_visible()  # rendered again after Material's page swap
    page.close()


@pytest.mark.browser
def test_without_javascript_the_schedule_shows(server: str, browser) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server)
    fallback = page.locator(".lp-neste__reserve")
    assert fallback.is_visible()
    assert page.locator(".lp-neste__boks").is_hidden()
    links = fallback.locator("[data-lp-samling]")
    assert links.all_inner_texts() == [label(g) for g in SCHEDULED]
    assert fallback.locator("[data-lp-frister]").inner_text() == "Alle frister"
    assert fallback.locator("[data-lp-leseplan]").inner_text() == "Min leseplan"
    assert fallback.locator("[data-lp-modul]").all_inner_texts() == [m.name for m in modules_not_planned(CUR)]
    text = " ".join(fallback.inner_text().split())
    for g in SCHEDULED:
        assert f"{label(g)}: {period_text(g)}, {where(g)}" in text
    page.goto(server + "pensum/leseplan/")
    assert page.locator("input[data-lesning]").first.is_disabled()
    assert page.get_by_text("Avkrysningen virker bare når JavaScript er slått på").is_visible()
    ctx.close()


def a_reading_to_tick():
    """A reading of one gathering only, beside another of the same kind (required or recommended)
    in that gathering, so a part of that kind is read; with the pages of that kind."""
    counts: dict[str, int] = {}
    for g in SCHEDULED:
        for r in dict.fromkeys(g.readings):
            counts[r] = counts.get(r, 0) + 1
    readings = CUR.by_id("readings")
    for g in SCHEDULED:
        for r in g.readings:
            same = {x for x in g.readings if readings[x].required == readings[r].required}
            if counts[r] == 1 and len(same) > 1:
                return g, readings[r], sum(readings[x].pages.count for x in same)
    pytest.fail("no gathering with two readings of a kind: the test needs one (tests/fixtures or the data)")


def part_status(reading, read: int, total: int) -> str:
    """The status of the reading's part in Min leseplan: required with hours left, recommended without."""
    if not reading.required:
        return f"{read} av {total} sider lest."
    left = -(-(total - read) // reading_rate(CUR))
    return f"{read} av {total} sider lest, " + (
        "alt er lest." if read >= total else f"om lag {left} {'time' if left == 1 else 'timer'} igjen."
    )


@pytest.mark.browser
def test_reading_marked_as_read_survives_reload_and_instant_navigation(server: str, context) -> None:
    g, reading, total = a_reading_to_tick()
    name = f"{reading_label(reading)} – "  # then its pages, inside the label
    status = part_status(reading, reading.pages.count, total)
    kind = "obligatorisk" if reading.required else "anbefalt"
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.method))
    page.goto(server + "pensum/leseplan/")
    box = page.locator(f"fieldset[data-samling={g.id}]").get_by_label(name)
    assert f"{reading.pages.count} sider" in page.locator(f"label[for=lest-{g.id}-{reading.id}]").inner_text()
    assert box.is_enabled() and not box.is_checked()
    overall = page.locator("[data-lp-sum]")
    assert overall.get_attribute("aria-live") == "polite"
    start_text = overall.inner_text()
    assert start_text.startswith("Du har lest 0 av ")
    box.check()
    group = page.locator(f"fieldset[data-samling={g.id}] [data-del={kind}]")
    assert group.locator("[data-lp-status]").inner_text() == status
    counted = f"{reading.pages.count} av " if reading.required else f" og {reading.pages.count} av "
    assert counted in overall.inner_text()

    page.reload()
    assert box.is_checked()
    assert group.locator("[data-lp-status]").inner_text() == status

    # instant navigation: away through the site's own links, and back
    page.get_by_role("link", name="Pensum", exact=True).first.click()
    page.wait_for_url(server + "pensum/")
    page.go_back()
    page.wait_for_url(server + "pensum/leseplan/")
    group.locator("[data-lp-status]").filter(has_text=status).wait_for()
    assert box.is_checked()
    assert set(requests) == {"GET"}  # nothing is sent anywhere

    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Slett mine avkrysninger").click()
    assert not box.is_checked()
    assert page.evaluate(f"localStorage.getItem('{CUR.programme.id}-lest')") is None
    page.reload()
    assert not box.is_checked()
    assert page.locator("[data-lp-sum]").inner_text() == start_text
    page.close()


@pytest.mark.browser
def test_clearing_asks_first(server: str, context) -> None:
    page = context.new_page()
    page.goto(server + "pensum/leseplan/")
    page.locator("input[data-lesning]").first.check()
    page.on("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Slett mine avkrysninger").click()
    assert page.locator("input[data-lesning]").first.is_checked()
    page.close()
