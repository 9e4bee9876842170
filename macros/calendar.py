"""Calendar files (iCalendar, RFC 5545) for the programme, each gathering and the deadlines.

Plain functions: Curriculum → ICS text. Writing the files is the engine's business
(``macros/mkdocs_files.py`` adds them to MkDocs' file list). Nothing here reads the clock:
DTSTAMP is the build's ``SOURCE_DATE_EPOCH``, passed in, so two builds give the same bytes.

Each gathering day is one event (09.00–16.00, then 08.30–14.45), not one event from the first
morning to the last afternoon, so a calendar shows the hours people are busy. Its LOCATION is
the day's room (a session's own, else the gathering's) and the place. Deadlines are
all-day events. UIDs are derived from ids and never change between builds; they hold the
programme's id (``id`` in program.yml, a new one for each cohort) and its ``calendar_domain``, so
two cohorts or two organisations never share a UID: importing the next cohort's calendar adds its
events and leaves the earlier cohort's where they are. The whole programme's file is named after
the same id.

A calendar app imports the file out of context, so a relative link would point nowhere: the
URL property is written only when ``site_url`` is set in mkdocs.yml; the description always
names the page's path in the portal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timezone
from pathlib import Path

from .dates import clock_span, long_date
from .model import Assessment, Curriculum, Gathering, Session

FOLDER = "kalender"
DEADLINES_FILE = f"{FOLDER}/frister.ics"
TZID = "Europe/Oslo"

# Central European time with the EU summer-time rule (in force since 1996).
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def gathering_file(g: Gathering) -> str:
    return f"{FOLDER}/{g.id}.ics"


def programme_file(cur: Curriculum) -> str:
    """The whole programme's calendar, named after the cohort ('kalender/nordby-2030.ics')."""
    return f"{FOLDER}/{cur.programme.id}.ics"


def uid(cur: Curriculum, key: str) -> str:
    """'nordby-2030-samling-1-dag-1@nordby.kommune.no': the cohort first, so no two cohorts share one."""
    return f"{cur.programme.id}-{key}@{cur.programme.calendar_domain}"


# CR or LF ends a content line: a raw one in a value would start a new property (a title
# "A\rUID:evil" adds a UID). The loader refuses control characters; the writer does not rely on it.
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")  # all but tab (RFC 5545 allows it)


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): line breaks become \\n, other control characters go."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROL.sub("", LINE_BREAK.sub(r"\\n", text))


def content_line(line: str) -> str:
    """The last guard, for values that are not TEXT (a URL from site_url): no break survives."""
    return CONTROL.sub("", line)


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space; never splits a character."""
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74  # a continuation line starts with a space
        if len(current) + len(encoded) > limit:
            parts.append(current)
            current = b""
        current += encoded
    parts.append(current)
    return "\r\n ".join(p.decode("utf-8") for p in parts)


def stamp_text(stamp: datetime) -> str:
    return stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def page_url(page: str, base_url: str) -> str:
    """The page's address relative to the site root ('samlinger/samling-3/')."""
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return base_url.rstrip("/") + "/" + path if base_url else path


def event(uid: str, summary: str, start: str, end: str, *, stamp: datetime, location: str,
          description: str, page: str, base_url: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{content_line(uid)}",
        f"DTSTAMP:{stamp_text(stamp)}",
        start,
        end,
        f"SUMMARY:{escape(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    where = page_url(page, base_url)
    more = f"Mer i læringsportalen: {where}"
    lines.append("DESCRIPTION:" + escape(f"{description}\n\n{more}"))
    if base_url:
        lines.append(f"URL:{where}")
    return [*lines, "END:VEVENT"]


def local(day: date, clock) -> str:
    return f"{day:%Y%m%d}T{clock:%H%M}00"


def location(g: Gathering, sessions: list[Session]) -> str:
    """The day's rooms (a session's own, else the gathering's), then the place."""
    rooms = dict.fromkeys(room for s in sessions if (room := g.room_of(s)))
    return ", ".join([" og ".join(rooms), g.place] if rooms else [g.place])


def gathering_events(cur: Curriculum, g: Gathering, stamp: datetime, base_url: str) -> list[str]:
    """One event per gathering day, with that day's sessions as the agenda."""
    lines: list[str] = []
    days = g.days()
    for day, todays in days:
        number = g.day_number(day)
        agenda = "\n".join(
            f"{clock_span(s.start, s.end)} {s.title}" + (f" ({s.room})" if s.room else "") for s in todays
        )
        intro = f"Samling {g.number}: {g.title}. Dag {number} av {g.length()}, {long_date(day)}."
        lines += event(
            uid(cur, f"{g.id}-dag-{number}"),
            f"Samling {g.number}: {g.title}" + (f" (dag {number})" if len(days) > 1 else ""),
            f"DTSTART;TZID={TZID}:{local(day, todays[0].start)}",
            f"DTEND;TZID={TZID}:{local(day, max(s.end for s in todays))}",
            stamp=stamp, location=location(g, todays), description=f"{intro}\n\nProgram:\n{agenda}",
            page=g.page, base_url=base_url,
        )
    return lines


def deadline_event(cur: Curriculum, a: Assessment, stamp: datetime, base_url: str) -> list[str]:
    g = cur.by_id("gatherings").get(a.gathering) if a.gathering else None
    page = "om/studiepoeng-og-vurdering.md"
    nxt = date.fromordinal(a.deadline.toordinal() + 1)
    return event(
        uid(cur, f"frist-{a.id}"),
        f"Frist: {a.title}",
        f"DTSTART;VALUE=DATE:{a.deadline:%Y%m%d}",
        f"DTEND;VALUE=DATE:{nxt:%Y%m%d}",
        stamp=stamp, location="",
        description=a.description + (f"\n\nHører til samling {g.number}: {g.title}." if g else ""),
        page=page, base_url=base_url,
    )


def calendar(cur: Curriculum, name: str, events: Iterable[str]) -> str:
    p = cur.programme
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape(p.organisation)}//{escape(p.short_name)}//NB",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
        *events,
        "END:VCALENDAR",
    ]
    return "".join(fold(content_line(line)) + "\r\n" for line in lines)


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

    Without a stamp (no SOURCE_DATE_EPOCH), DTSTAMP is the programme's first day, never the clock."""
    stamp = stamp or datetime.combine(cur.programme.period.start, time(), tzinfo=timezone.utc)
    short = cur.programme.short_name
    files = {}
    everything: list[str] = []
    for g in cur.scheduled():
        events = gathering_events(cur, g, stamp, base_url)
        files[gathering_file(g)] = calendar(cur, f"{short}: samling {g.number}", events)
        everything += events
    due = [line for a in deadlines(cur) for line in deadline_event(cur, a, stamp, base_url)]
    files[DEADLINES_FILE] = calendar(cur, f"{short}: frister", due)
    files[programme_file(cur)] = calendar(cur, f"{short} i {cur.programme.organisation}", everything + due)
    return files


def stamp_from_epoch(epoch: str | None) -> datetime | None:
    """DTSTAMP from SOURCE_DATE_EPOCH; without it none, and calendar_files() takes the programme's
    first day (never the clock)."""
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return None


def write_calendar_files(cur: Curriculum, site: Path, epoch: str | None, base_url: str = "") -> None:
    """Write the calendar files into a built site (for engines without MkDocs' file list)."""
    for path, text in calendar_files(cur, stamp_from_epoch(epoch), base_url).items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
