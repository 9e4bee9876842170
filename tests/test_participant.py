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
    days = sum(len(g.days()) for g in MODULE_1)
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


def test_newest_news_on_the_start_page(real_site: Path) -> None:
    from macros.news import load_news

    notices, problems = load_news(ROOT / "docs")
    assert problems == [] and len(notices) >= 3
    start = (real_site / "index.html").read_text(encoding="utf-8")
    shown = [n.title for n in notices if f">{n.title}</a>" in start]
    assert shown == [n.title for n in notices[:3]]
    assert start.index(notices[0].title) < start.index(notices[1].title)
    assert "Lenkene står under Samlinger og på" in start  # the teaser is plain text, no Markdown
    listing = (real_site / "nytt" / "index.html").read_text(encoding="utf-8")
    assert all(n.title in listing for n in notices)
    assert "22. august 2016" in listing


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


@pytest.mark.browser
def test_next_gathering_before_during_between_after(server: str, context) -> None:
    before = box_at(context, server, "2016-08-01")
    assert before.startswith("Programmet starter snart")
    assert "Programmet starter tirsdag 13. september 2016 med Samling 1" in before
    assert "Om 43 dager." in before
    assert "Les før samlingen: 334 sider obligatorisk" in before
    assert "Neste frist: Refleksjonsnotat 1: min virksomhet i organisasjonen, tirsdag 11. oktober 2016 (om 71 dager)" in before

    during = box_at(context, server, "2016-09-13")
    assert during.startswith("Pågår nå")
    assert "Samling 1: Oppstart – organisasjonen som læringsarena pågår nå" in during
    assert "Deretter: Samling 2" in during

    between = box_at(context, server + "samlinger/samling-3/", "2016-10-01")
    assert between.startswith("Neste samling")
    assert "Samling 2: Roller og oppgaver i 2-nivåmodellen, 25.–26. oktober 2016, Røros. Om 24 dager." in between
    assert "Arbeidskrav: Refleksjonsnotat 2: roller og grenser." in between
    assert "tirsdag 11. oktober 2016 (om 10 dager)" in between

    after = box_at(context, server, "2017-07-01")
    assert after.startswith("Programmet er avsluttet")
    assert "Samling 6" in after and "Neste frist" not in after
    assert "Modul II" not in before + during + between + after


@pytest.mark.browser
def test_next_gathering_links_follow_instant_navigation(server: str, context) -> None:
    page = context.new_page()
    page.clock.install(time="2016-10-01T10:00:00")
    page.goto(server + "samlinger/samling-3/")
    page.locator(".lp-neste__boks").get_by_role("link", name="Samling 2: Roller og oppgaver i 2-nivåmodellen").click()
    page.wait_for_url(server + "samlinger/samling-2/")
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
    assert fallback.get_by_role("link").count() == 7  # six gatherings and the deadlines
    assert "13.–14. september 2016, Røros" in fallback.inner_text()
    page.goto(server + "pensum/leseplan/")
    assert page.locator("input[data-lesning]").first.is_disabled()
    assert page.get_by_text("Avkrysningen virker bare når JavaScript er slått på").is_visible()
    ctx.close()


@pytest.mark.browser
def test_reading_marked_as_read_survives_reload_and_instant_navigation(server: str, context) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.method))
    page.goto(server + "pensum/leseplan/")
    schein = page.get_by_label("Schein (2010): Organizational Culture and Leadership")
    assert schein.is_enabled() and not schein.is_checked()
    total = page.locator("[data-lp-sum]")
    assert total.get_attribute("aria-live") == "polite"
    start_text = total.inner_text()
    assert start_text.startswith("Du har lest 0 av ")
    schein.check()
    group = page.locator("fieldset[data-samling=samling-3]")
    assert group.locator("[data-lp-status]").inner_text() == "150 av 250 sider lest."
    assert total.inner_text().startswith("Du har lest 150 av ")

    page.reload()
    assert page.get_by_label("Schein (2010): Organizational Culture and Leadership").is_checked()
    assert group.locator("[data-lp-status]").inner_text() == "150 av 250 sider lest."

    # instant navigation: away through the site's own links, and back
    page.get_by_role("link", name="Pensum", exact=True).first.click()
    page.wait_for_url(server + "pensum/")
    page.go_back()
    page.wait_for_url(server + "pensum/leseplan/")
    page.locator("fieldset[data-samling=samling-3] [data-lp-status]").filter(has_text="150 av 250").wait_for()
    assert page.get_by_label("Schein (2010): Organizational Culture and Leadership").is_checked()
    assert set(requests) == {"GET"}  # nothing is sent anywhere

    page.on("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Slett mine avkrysninger").click()
    assert not page.get_by_label("Schein (2010): Organizational Culture and Leadership").is_checked()
    assert page.evaluate("localStorage.getItem('lederprogram-lest')") is None
    page.reload()
    assert not page.get_by_label("Schein (2010): Organizational Culture and Leadership").is_checked()
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
