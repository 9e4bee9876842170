"""What a participant uses between gatherings: calendar files, next gathering, reading progress, news."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest

from macros.__main__ import source_date_epoch
from macros.calendar import calendar_files, fold, stamp_from_epoch
from macros.curriculum import curriculum_once

from .conftest import ROOT

CUR = curriculum_once(ROOT)
MODULE_1 = [g for g in CUR.scheduled() if g.module == "modul-1"]


def parse(site: Path, name: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / "kalender" / name).read_bytes())


def test_calendar_files_parse_with_oslo_times(real_site: Path) -> None:
    whole = parse(real_site, "roros-lederprogram.ics")
    events = whole.walk("VEVENT")
    days = sum(len({s.date for s in g.sessions}) for g in MODULE_1)
    assert len(events) == days + len(CUR.assessments) == 19
    assert [tz["TZID"] for tz in whole.walk("VTIMEZONE")] == ["Europe/Oslo"]
    first = events[0]
    assert first["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert first["DTSTART"].dt.isoformat() == "2016-09-13T09:00:00+02:00"
    assert first["DTEND"].dt.isoformat() == "2016-09-13T16:00:00+02:00"
    assert str(first["UID"]) == "samling-1-dag-1@lederprogram.roros"
    assert str(first["LOCATION"]) == "Røros"
    assert "09.45–11.30 Dynamisk organisasjonsforståelse" in str(first["DESCRIPTION"])
    assert "samlinger/samling-1/" in str(first["DESCRIPTION"])
    # winter time after the last Sunday in October
    third = [e for e in events if str(e["UID"]) == "samling-3-dag-1@lederprogram.roros"][0]
    assert third["DTSTART"].dt.isoformat() == "2016-12-06T09:00:00+01:00"

    one = parse(real_site, "samling-3.ics").walk("VEVENT")
    assert [str(e["UID"]) for e in one] == ["samling-3-dag-1@lederprogram.roros", "samling-3-dag-2@lederprogram.roros"]
    due = parse(real_site, "frister.ics").walk("VEVENT")
    assert len(due) == 7
    assert due[0]["DTSTART"].dt == date(2016, 10, 11)
    assert str(due[0]["SUMMARY"]).startswith("Frist: Refleksjonsnotat 1")
    assert not (real_site / "kalender" / "modul-2-samling-1.ics").exists()


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
    uids = lambda files: [e["UID"] for e in icalendar.Calendar.from_ical(files["kalender/roros-lederprogram.ics"]).walk("VEVENT")]  # noqa: E731
    assert uids(later) == uids(expected)


def test_fold_keeps_characters_whole() -> None:
    line = "DESCRIPTION:" + "øæå" * 40
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in folded)
    assert fold(line).replace("\r\n ", "") == line


def test_calendar_linked_from_schedule_and_gathering_page(real_site: Path) -> None:
    gathering = (real_site / "samlinger" / "samling-3" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../kalender/samling-3.ics">Legg samlingen i kalenderen (.ics)</a>' in gathering
    schedule = (real_site / "samlinger" / "index.html").read_text(encoding="utf-8")
    assert 'href="../kalender/roros-lederprogram.ics">Legg hele programmet i kalenderen (.ics)</a>' in schedule
    option = (real_site / "samlinger" / "modul-2-samling-1" / "index.html").read_text(encoding="utf-8")
    assert ".ics" not in option
