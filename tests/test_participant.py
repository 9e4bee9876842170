"""What a participant uses between gatherings: calendar files, next gathering, reading progress, news."""

from __future__ import annotations

import html
import posixpath
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from macros.__main__ import source_date_epoch
from macros.calendar import calendar_files, fold, stamp_from_epoch
from macros.components.participant import reading_label
from macros.curriculum import curriculum_once, curriculum_or_raise
from macros.dates import period_text
from macros.model import Curriculum, Gathering, Session

from .conftest import ROOT

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
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]


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


def parse(site: Path, name: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / "kalender" / name).read_bytes())


def by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


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
            assert str(event["SUMMARY"]).startswith(f"Samling {g.number}: {g.title}")
            location = str(event["LOCATION"])
            rooms = {s.room or g.room for s in sessions} - {None}
            assert location.endswith(g.place) and all(room in location for room in rooms)
            description = str(event["DESCRIPTION"])
            for s in sessions:
                assert f"{s.start:%H.%M}–{s.end:%H.%M} {s.title}" in description
            assert url_of(g.page) in description
    for g in SWITCHED_OFF:  # a module that is not ordered has no calendar
        assert not (real_site / "kalender" / f"{g.id}.ics").exists()
        assert not any(key.startswith(f"{PREFIX}{g.id}-") for key in events)


def test_every_deadline_is_in_the_deadline_calendar(real_site: Path) -> None:
    due = parse(real_site, "frister.ics").walk("VEVENT")
    assert [str(e["UID"]) for e in due] == [f"{PREFIX}frist-{a.id}{DOMAIN}" for a in DEADLINES]
    for event, a in zip(due, DEADLINES):
        assert event["DTSTART"].dt == a.deadline  # an all-day event
        assert event["DTEND"].dt == a.deadline + timedelta(days=1)
        assert str(event["SUMMARY"]) == f"Frist: {a.title}"
    whole = by_uid(parse(real_site, WHOLE))
    assert all(f"{PREFIX}frist-{a.id}{DOMAIN}" in whole for a in DEADLINES)


def test_calendar_times_rooms_and_modules_on_the_fixture(mini: Path) -> None:
    """Summer and winter time, rooms and a module not ordered, on data written for it."""
    data = mini / "curriculum" / "samlinger.yml"
    # samling-2 moved to December (winter time), its session given by date as well
    data.write_text(data.read_text(encoding="utf-8").replace("2016-10-25", "2016-12-06"), encoding="utf-8")
    cur = curriculum_or_raise(mini)
    files = calendar_files(cur, stamp_from_epoch(None))
    assert sorted(files) == ["kalender/frister.ics", "kalender/samling-1.ics", "kalender/samling-2.ics",
                             "kalender/testprogram-2016.ics"]  # not modul-2's
    events = by_uid(icalendar.Calendar.from_ical(files["kalender/testprogram-2016.ics"]))
    keys = ["samling-1-dag-1", "samling-1-dag-2", "samling-2-dag-1", "frist-notat-1", "frist-eksamen"]
    assert list(events) == [MINI_PREFIX + key + MINI_DOMAIN for key in keys]
    day_1, day_2, december = (events[MINI_PREFIX + key + MINI_DOMAIN] for key in keys[:3])
    assert day_1["DTSTART"].dt.isoformat() == "2016-09-13T09:00:00+02:00"  # day: 1
    assert day_1["DTEND"].dt.isoformat() == "2016-09-13T12:00:00+02:00"
    assert day_2["DTSTART"].dt.isoformat() == "2016-09-14T09:00:00+02:00"  # date: 2016-09-14
    assert december["DTSTART"].dt.isoformat() == "2016-12-06T09:00:00+01:00"  # winter time
    assert str(day_1["SUMMARY"]) == "Samling 1: Første samling (dag 1)"
    assert str(december["SUMMARY"]) == "Samling 2: Andre samling"
    assert "Dag 1 av 2, tirsdag 13. september 2016." in str(day_1["DESCRIPTION"])
    # the gathering's room, else the session's own; then the place
    assert str(day_1["LOCATION"]) == "Kommunestyresalen, Røros"
    assert str(december["LOCATION"]) == "Storsalen, Røros"
    assert "09.00–12.00 Kultur (Storsalen)" in str(december["DESCRIPTION"])

    # a session in another room than its gathering's: both rooms that day
    data.write_text(data.read_text(encoding="utf-8").replace(
        "      title: Roller\n", "      title: Roller\n      room: Grupperom 2\n"), encoding="utf-8")
    files = calendar_files(curriculum_or_raise(mini), stamp_from_epoch(None))
    events = by_uid(icalendar.Calendar.from_ical(files["kalender/samling-1.ics"]))
    day_1, day_2 = (events[f"{MINI_PREFIX}samling-1-dag-{n}{MINI_DOMAIN}"] for n in (1, 2))
    assert str(day_1["LOCATION"]) == "Kommunestyresalen og Grupperom 2, Røros"
    assert str(day_2["LOCATION"]) == "Kommunestyresalen, Røros"
    assert "10.45–12.00 Roller (Grupperom 2)" in str(day_1["DESCRIPTION"])


def test_calendar_files_are_well_formed_and_reproducible(real_site: Path) -> None:
    stamp = stamp_from_epoch(source_date_epoch(ROOT))
    expected = calendar_files(CUR, stamp)
    assert calendar_files(CUR, stamp) == expected
    for path, text in expected.items():
        raw = (real_site / path).read_bytes()
        assert raw == text.encode("utf-8"), path  # the build wrote exactly this, no wall clock
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75
        stamps = {str(e.decoded("DTSTAMP")) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}
        assert stamps == {str(stamp)}
    later = calendar_files(CUR, datetime(2030, 1, 1).astimezone())
    uids = lambda files: [e["UID"] for e in icalendar.Calendar.from_ical(files[f"kalender/{WHOLE}"]).walk("VEVENT")]  # noqa: E731
    assert uids(later) == uids(expected)


def test_fold_keeps_characters_whole() -> None:
    line = "DESCRIPTION:" + "øæå" * 40
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in folded)
    assert fold(line).replace("\r\n ", "") == line


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
        "docs/nytt/norsk-dato.md:3: datoen «15.08.2016» er ikke på formen ÅÅÅÅ-MM-DD (skriv for eksempel «date: 2016-08-15»)",
        "docs/nytt/umulig.md:4: datoen «2016-02-30» finnes ikke (sjekk dag og måned)",
        "docs/nytt/uten-dato.md:1: nyheten mangler dato («date:» i sidehodet) "
        "(skriv sidehodet øverst i filen: «---», «date: ÅÅÅÅ-MM-DD», «title: …», «---»)",
    ]


def text_of(page_html: str) -> str:
    """The visible text of an article, roughly: tags dropped, entities decoded, spaces joined."""
    article = page_html[page_html.index("<article"):page_html.index("</article>")]
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
    required = sum(CUR.by_id("readings")[r].pages.count for r in first.readings
                   if CUR.by_id("readings")[r].required)

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
    assert during.startswith("Pågår nå")
    assert f"{label(first)} pågår nå, {period_text(first)}, {where(first)}." in during
    if len(SCHEDULED) > 1:
        assert f"Deretter: {label(SCHEDULED[1])}" in during

    if len(SCHEDULED) > 1:
        second = SCHEDULED[1]
        day = first.end + timedelta(days=1)
        between = box_at(context, server + url_of(last.page), day.isoformat())  # on another page
        assert between.startswith("Neste samling")
        left = in_days((second.start - day).days)
        coming = f"{label(second)}, {period_text(second)}, {where(second)}. {left[0].upper()}{left[1:]}."
        assert coming in between
        titles = [CUR.by_id("assessments")[a].title for a in second.assignments]
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
    for g in SWITCHED_OFF:  # a module that is not ordered never shows as coming
        assert g.title not in everything and CUR.module_of(g).name not in everything


@pytest.mark.browser
def test_next_gathering_links_follow_instant_navigation(server: str, context) -> None:
    assert len(SCHEDULED) > 1, "the test needs two gatherings: add one to tests/fixtures or the data"
    first, second, last = SCHEDULED[0], SCHEDULED[1], SCHEDULED[-1]
    page = context.new_page()
    page.clock.install(time=f"{first.end + timedelta(days=1)}T10:00:00")
    page.goto(server + url_of(last.page))
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
    links = fallback.get_by_role("link")
    assert links.all_inner_texts() == [label(g) for g in SCHEDULED] + ["Alle frister"]
    text = " ".join(fallback.inner_text().split())
    for g in SCHEDULED:
        assert f"{label(g)}: {period_text(g)}, {where(g)}" in text
    page.goto(server + "pensum/leseplan/")
    assert page.locator("input[data-lesning]").first.is_disabled()
    assert page.get_by_text("Avkrysningen virker bare når JavaScript er slått på").is_visible()
    ctx.close()


def a_reading_to_tick():
    """A reading of one gathering only, in a gathering with other readings too (so a part is read)."""
    counts: dict[str, int] = {}
    for g in SCHEDULED:
        for r in dict.fromkeys(g.readings):
            counts[r] = counts.get(r, 0) + 1
    readings = CUR.by_id("readings")
    for g in SCHEDULED:
        for r in g.readings:
            if counts[r] == 1 and len(set(g.readings)) > 1:
                return g, readings[r], sum(readings[x].pages.count for x in g.readings)
    pytest.fail("no gathering with two readings: the test needs one (tests/fixtures or the data)")


@pytest.mark.browser
def test_reading_marked_as_read_survives_reload_and_instant_navigation(server: str, context) -> None:
    g, reading, total = a_reading_to_tick()
    name, status = reading_label(reading), f"{reading.pages.count} av {total} sider lest."
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.method))
    page.goto(server + "pensum/leseplan/")
    box = page.get_by_label(name, exact=True)
    assert box.is_enabled() and not box.is_checked()
    overall = page.locator("[data-lp-sum]")
    assert overall.get_attribute("aria-live") == "polite"
    start_text = overall.inner_text()
    assert start_text.startswith("Du har lest 0 av ")
    box.check()
    group = page.locator(f"fieldset[data-samling={g.id}]")
    assert group.locator("[data-lp-status]").inner_text() == status
    assert overall.inner_text().startswith(f"Du har lest {reading.pages.count} av ")

    page.reload()
    assert page.get_by_label(name, exact=True).is_checked()
    assert group.locator("[data-lp-status]").inner_text() == status

    # instant navigation: away through the site's own links, and back
    page.get_by_role("link", name="Pensum", exact=True).first.click()
    page.wait_for_url(server + "pensum/")
    page.go_back()
    page.wait_for_url(server + "pensum/leseplan/")
    page.locator(f"fieldset[data-samling={g.id}] [data-lp-status]").filter(has_text=status).wait_for()
    assert page.get_by_label(name, exact=True).is_checked()
    assert set(requests) == {"GET"}  # nothing is sent anywhere

    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Slett mine avkrysninger").click()
    assert not page.get_by_label(name, exact=True).is_checked()
    assert page.evaluate(f"localStorage.getItem('{CUR.programme.id}-lest')") is None
    page.reload()
    assert not page.get_by_label(name, exact=True).is_checked()
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
