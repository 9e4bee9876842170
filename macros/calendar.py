"""Calendar files (iCalendar, RFC 5545) for the programme, each gathering and the deadlines.

Plain functions: Curriculum → ICS text, written with the ``icalendar`` library (escaping, folding
and the property formats are its business). Writing the files is the engine's business
(``macros/engines/mkdocs_hooks.py`` adds them to MkDocs' file list).

Made to be read on a phone:
- Titles are short, with what matters first, because a phone cuts the end: «Samling 3, dag 1:
  Kultur og verdier» (the title before its subtitle), «Frist for refleksjonsnotat 1». The full
  title is the first line of the description.
- Each gathering day is one event (09.00–16.00, then 08.30–14.45), so a calendar shows the hours
  people are busy. LOCATION is the day's rooms (a session's own, else the gathering's) and the place.
- Deadlines are all-day events with a reminder at 09.00 the day before.
- A calendar app imports the file out of context, so a relative link would point nowhere: the
  link to the page (in the description and as URL) is written only when ``site_url`` is set in
  mkdocs.yml, and then in full.

Nothing here reads the clock, so two builds give the same bytes. The build's time is its
``SOURCE_DATE_EPOCH`` (the last commit's time), passed in: it is DTSTAMP and LAST-MODIFIED, and
SEQUENCE counts its minutes, so a commit that moves a gathering gives the next build a higher
SEQUENCE and a calendar that imports the file again updates the event instead of keeping the old
time. UIDs are derived from ids and never change between builds; they hold the programme's id
(``id`` in program.yml, a new one for each cohort) and its ``calendar_domain``, so two cohorts or
two organisations never share a UID. The whole programme's file is named after the same id.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from .dates import clock_span, long_date
from .model import Assessment, Curriculum, Gathering, Session

FOLDER = "kalender"
DEADLINES_FILE = f"{FOLDER}/frister.ics"
DEADLINES_PAGE = "om/studiepoeng-og-vurdering.md"
TZID = "Europe/Oslo"
OSLO = ZoneInfo(TZID)
# An all-day event starts at midnight: 15 hours before is 09.00 the day before.
REMINDER = timedelta(hours=-15)

# Line breaks icalendar does not turn into \n (it does CR, LF and CRLF), and control characters
# it would write as they are. The loader refuses them; the writer does not rely on it.
OTHER_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# the title before its subtitle: «Kultur og verdier – verdiprosessen starter»
SUBTITLE = re.compile(r": | – | — ")


def plain(text: str) -> str:
    """Text as icalendar can write it: every line break a newline, no other control character."""
    return CONTROL.sub("", OTHER_BREAKS.sub("\n", text))


def gathering_file(g: Gathering) -> str:
    return f"{FOLDER}/{g.id}.ics"


def programme_file(cur: Curriculum) -> str:
    """The whole programme's calendar, named after the cohort ('kalender/nordby-2030.ics')."""
    return f"{FOLDER}/{cur.programme.id}.ics"


def uid(cur: Curriculum, key: str) -> str:
    """'nordby-2030-samling-1-dag-1@nordby.kommune.no': the cohort first, so no two cohorts share one."""
    return f"{cur.programme.id}-{key}@{cur.programme.calendar_domain}"


def main_title(title: str) -> str:
    """'Kultur og verdier – verdiprosessen starter' → 'Kultur og verdier'."""
    return SUBTITLE.split(title, maxsplit=1)[0]


def in_sentence(title: str) -> str:
    """'Refleksjonsnotat 1' → 'refleksjonsnotat 1', inside a sentence; 'IA-avtalen' stays."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def page_address(page: str, base_url: str) -> str | None:
    """The page's full address ('https://…/samlinger/samling-3/'); none without the site's address."""
    if not base_url:
        return None
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return "".join(base_url.split()).rstrip("/") + "/" + path  # no space or line break in an address


def revision(stamp: datetime) -> int:
    """SEQUENCE: whole minutes since 1970 of the build's source time; it only grows from commit to
    commit, and fits RFC 5545's 32-bit integer for thousands of years."""
    return int(stamp.timestamp()) // 60


def event(key: str, summary: str, description: str, *, stamp: datetime, link: str | None) -> icalendar.Event:
    """An event with what every event has; its times, place and reminder are added by the caller."""
    e = icalendar.Event()
    e.add("uid", key)
    e.add("dtstamp", stamp)
    e.add("last-modified", stamp)
    e.add("sequence", revision(stamp))
    e.add("summary", plain(summary))
    e.add("description", plain(f"{description}\n\nMer i læringsportalen: {link}" if link else description))
    if link:
        e.add("url", plain(link))
    return e


def location(g: Gathering, sessions: list[Session]) -> str:
    """The day's rooms (a session's own, else the gathering's), then the place."""
    rooms = dict.fromkeys(room for s in sessions if (room := g.room_of(s)))
    return ", ".join([" og ".join(rooms), g.place] if rooms else [g.place])


def gathering_events(cur: Curriculum, g: Gathering, stamp: datetime, base_url: str) -> list[icalendar.Event]:
    """One event per gathering day, with that day's sessions as the agenda."""
    events = []
    days = g.days()
    link = page_address(g.page, base_url)
    for day, todays in days:
        number = g.day_number(day)
        label = f"Samling {g.number}" + (f", dag {number}" if len(days) > 1 else "")
        when = f". Dag {number} av {g.length()}, " if len(days) > 1 else ", "
        agenda = "\n".join(
            f"{clock_span(s.start, s.end)} {s.title}" + (f" ({s.room})" if s.room else "") for s in todays
        )
        description = f"{g.label}{when}{long_date(day)}.\n\nProgram:\n{agenda}"
        e = event(
            uid(cur, f"{g.id}-dag-{number}"),
            f"{label}: {main_title(g.title)}",
            description,
            stamp=stamp,
            link=link,
        )
        e.add("dtstart", datetime.combine(day, todays[0].start, OSLO))
        e.add("dtend", datetime.combine(day, max(s.end for s in todays), OSLO))
        e.add("location", plain(location(g, todays)))
        events.append(e)
    return events


def reminder(what: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", plain(f"Fristen for {what} er i morgen."))
    alarm.add("trigger", REMINDER)
    return alarm


def deadline_event(cur: Curriculum, a: Assessment, stamp: datetime, base_url: str) -> icalendar.Event:
    """An all-day event on the deadline, with a reminder the day before."""
    g = cur.by_id("gatherings").get(a.gathering) if a.gathering else None
    what = in_sentence(main_title(a.title))
    description = f"{a.title}\n\n{a.description}" + (
        f"\n\nHører til samling {g.number}: {g.title}." if g else ""
    )
    e = event(
        uid(cur, f"frist-{a.id}"),
        f"Frist for {what}",
        description,
        stamp=stamp,
        link=page_address(DEADLINES_PAGE, base_url),
    )
    e.add("dtstart", a.deadline)
    e.add("dtend", a.deadline + timedelta(days=1))
    e.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    e.add_component(reminder(what))
    return e


def oslo_timezone() -> icalendar.Timezone:
    """Europe/Oslo as rules (CET, with the EU summer time in force since 1996), right for any
    cohort's year. icalendar's add_missing_timezones() lists the year's transitions instead, with
    the spring one an hour late (in summer time, where RFC 5545 3.6.5 wants the offset before)."""
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    for part, name, onset, month, before, after in (
        (icalendar.TimezoneDaylight, "CEST", datetime(1970, 3, 29, 2), 3, 1, 2),
        (icalendar.TimezoneStandard, "CET", datetime(1970, 10, 25, 3), 10, 2, 1),
    ):
        observance = part()
        observance.add("tzname", name)
        observance.add("dtstart", onset)
        observance.add("tzoffsetfrom", timedelta(hours=before))
        observance.add("tzoffsetto", timedelta(hours=after))
        observance.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(observance)
    return tz


def calendar(cur: Curriculum, name: str, events: list[icalendar.Event]) -> str:
    p = cur.programme
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", plain(f"-//{p.organisation}//{p.short_name}//NB"))
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(plain(name)))  # an X- property: text only when told
    cal.add("x-wr-timezone", TZID)
    cal.add_component(oslo_timezone())
    for e in events:
        cal.add_component(e)
    ical: bytes = cal.to_ical()
    return ical.decode("utf-8")


def deadlines(cur: Curriculum) -> list[Assessment]:
    scheduled = {g.id for g in cur.scheduled()}
    return sorted(
        (a for a in cur.assessments if a.gathering is None or a.gathering in scheduled),
        key=lambda a: (a.deadline, a.id),
    )


def calendar_paths(cur: Curriculum) -> list[str]:
    """The paths of the calendar files calendar_files() writes, without writing them."""
    return [gathering_file(g) for g in cur.scheduled()] + [DEADLINES_FILE, programme_file(cur)]


def calendar_files(cur: Curriculum, stamp: datetime | None, base_url: str = "") -> dict[str, str]:
    """Every calendar file by its path in the site: the whole programme, each gathering, the deadlines.

    Without a stamp (no SOURCE_DATE_EPOCH), the build's time is the programme's first day, never
    the clock."""
    stamp = (stamp or datetime.combine(cur.programme.period.start, time(), tzinfo=UTC)).astimezone(UTC)
    short = cur.programme.short_name
    files = {}
    everything: list[icalendar.Event] = []
    for g in cur.scheduled():
        events = gathering_events(cur, g, stamp, base_url)
        files[gathering_file(g)] = calendar(cur, f"{short}: samling {g.number}", events)
        everything += events
    due = [deadline_event(cur, a, stamp, base_url) for a in deadlines(cur)]
    files[DEADLINES_FILE] = calendar(cur, f"{short}: frister", due)
    files[programme_file(cur)] = calendar(cur, f"{short} i {cur.programme.organisation}", everything + due)
    return files


def stamp_from_epoch(epoch: str | None) -> datetime | None:
    """The build's time from SOURCE_DATE_EPOCH; without it none, and calendar_files() takes the
    programme's first day (never the clock)."""
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return None


def write_calendar_files(cur: Curriculum, site: Path, epoch: str | None, base_url: str = "") -> None:
    """Write the calendar files into a built site (for engines without MkDocs' file list)."""
    for path, text in calendar_files(cur, stamp_from_epoch(epoch), base_url).items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
