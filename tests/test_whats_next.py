"""What is next, in real Chromium with a fixed clock: the start page's box, the compact status on a
gathering's own page, today's programme on a gathering day, what follows Modul I, readings ticked
in Min leseplan, the reading plan's required/recommended split and its touch targets.

Behaviour is tested on a copy of tests/fixtures/mini with the pages that call the components
(its gatherings, rooms and the switched-off Modul II are fixed there); on the real site only
what is computed from curriculum/ or from the CSS (the first screen, the checkbox size, axe).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from macros.curriculum import curriculum_or_raise

from .conftest import MINI, ROOT, build, serving
from .test_a11y import AXE, AXE_RUN, TAGS
from .test_participant import CUR, SCHEDULED, url_of

pytestmark = pytest.mark.browser

OSLO = ZoneInfo("Europe/Oslo")
KEY = "testprogram-2016-lest"  # the mini cohort's id + "-lest" (participant.storage_key)
PAGES = {
    "docs/index.md": "# Testprogram\n\n{{ neste_samling() }}\n\n{{ programoversikt() }}\n",
    "docs/pensum/leseplan.md": "# Min leseplan\n\n{{ leseplan() }}\n",
    "docs/om/studiepoeng-og-vurdering.md": "# Studiepoeng og vurdering\n\n{{ frister() }}\n",
    "docs/samlinger/samling-1.md": '# Samling 1: Første samling\n\n{{ samling_intro("samling-1") }}\n\n'
    '{{ neste_samling("samling-1") }}\n\n## Program\n\n{{ agenda("samling-1") }}\n\n'
    '## Forberedelse\n\n{{ forberedelse("samling-1") }}\n',
    "docs/samlinger/samling-2.md": '# Samling 2: Andre samling\n\n{{ samling_intro("samling-2") }}\n\n'
    '{{ neste_samling("samling-2") }}\n\n{{ agenda("samling-2") }}\n',
}


ASSETS = ["javascripts/next-gathering.js", "javascripts/reading-progress.js", "stylesheets/lederportal.css"]


def mini_project(target: Path, modul_2: bool = False) -> Path:
    shutil.copytree(MINI, target)
    for name, text in PAGES.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
    # the real site's scripts and styles, and Markdown inside HTML (the box's fallback)
    for asset in ASSETS:
        (target / "docs" / asset).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "docs" / asset, target / "docs" / asset)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - attr_list\n", "  - attr_list\n  - md_in_html\n")
    scripts = "".join(f"  - {a}\n" for a in ASSETS if a.endswith(".js"))
    config.write_text(
        f"{text}extra_javascript:\n{scripts}extra_css:\n  - stylesheets/lederportal.css\n", encoding="utf-8"
    )
    if modul_2:  # the option ordered: Modul II's gathering joins the plan
        program = target / "curriculum" / "program.yml"
        text = program.read_text(encoding="utf-8")
        at = text.index("  - id: modul-2")
        program.write_text(
            text[:at] + text[at:].replace("enabled: false", "enabled: true", 1), encoding="utf-8"
        )
    return target


def served(tmp: Path, modul_2: bool = False) -> Iterator[str]:
    root = mini_project(tmp / "mini", modul_2)
    result = build(root, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(tmp / "site") as url:
        yield url


@pytest.fixture(scope="module")
def mini_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from served(tmp_path_factory.mktemp("naeste"))


@pytest.fixture(scope="module")
def mini_url_modul_2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from served(tmp_path_factory.mktemp("naeste-modul-2"), modul_2=True)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(timezone_id="Europe/Oslo")
    yield ctx
    ctx.close()


def oslo(when: str) -> str:
    """'2016-09-13T10:00:00' read as Oslo time, with its offset (the clock is set in UTC)."""
    return datetime.fromisoformat(when).replace(tzinfo=OSLO).isoformat()


def open_at(context: BrowserContext, url: str, when: str, read: tuple[str, ...] = (), key: str = KEY) -> Page:
    """The page at a fixed moment (Europe/Oslo), with these readings ticked in Min leseplan."""
    when = oslo(when)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=when)
    page.clock.set_fixed_time(when)
    if read:
        ids = "[" + ",".join(f'"{r}"' for r in read) + "]"
        # once: a later page of the same test keeps what was ticked meanwhile
        page.add_init_script(
            f"if (localStorage.getItem('{key}') === null) localStorage.setItem('{key}', '{ids}')"
        )
    page.goto(url)
    page.locator(".lp-neste__boks").first.wait_for(state="visible")
    assert page.locator(".lp-neste__reserve").first.is_hidden()
    assert errors == []
    return page


def text_of(page: Page) -> str:
    return " ".join(page.locator(".lp-neste__boks").first.inner_text().split())


# --- The start page's box (mini: samling-1 13.–14. september 2016 in Kommunestyresalen, samling-2
# 25. oktober 2016 with no room but a session in Storsalen, Modul II an option not ordered) -----


def test_before_a_gathering_readings_link_to_the_plan_and_show_ticks(mini_url: str, context) -> None:
    page = open_at(context, mini_url, "2016-09-03T10:00:00", read=("artikkel-b",))
    box = text_of(page)
    assert box.startswith("Programmet starter snart")
    assert (
        "Programmet starter tirsdag 13. september 2016 med Samling 1: Første samling, "
        "Kommunestyresalen, Røros. Om 10 dager." in box
    )
    assert "Les før samlingen: 180 sider obligatorisk, om lag 18 timer." in box
    # the recommended text is ticked: marked in the list, counted apart from the required
    assert (
        "Edmondson (1999): Psychological Safety and Learning Behavior in Work Teams (34 sider, anbefalt) lest"
        in box
    )
    assert "Bolman og Deal (2014): Nytt perspektiv på organisasjon og ledelse (180 sider)" in box
    assert "Bolman og Deal (2014): Nytt perspektiv på organisasjon og ledelse (180 sider) lest" not in box
    assert (
        "Du har lest 0 av 180 sider obligatorisk (om lag 18 timer igjen) og 34 av 34 sider anbefalt." in box
    )
    assert "Neste frist: Refleksjonsnotat, tirsdag 11. oktober 2016 (om 38 dager)." in box

    reading = page.locator(".lp-neste__boks").get_by_role("link", name="Bolman og Deal (2014)", exact=False)
    assert reading.get_attribute("href").endswith("pensum/leseplan/#lesning-samling-1-bok-a")
    reading.click()
    page.wait_for_url(re.compile(r"pensum/leseplan/#lesning-samling-1-bok-a$"))
    entry = page.locator("#lesning-samling-1-bok-a")
    assert entry.evaluate("el => el.matches(':target')")
    box = entry.get_by_role("checkbox")
    assert box.is_enabled() and not box.is_checked()
    box.check()  # ticked here, shown in the box on the way back
    page.go_back()
    page.locator(".lp-neste__boks").filter(
        has_text="Du har lest 180 av 180 sider obligatorisk og 34 av 34"
    ).wait_for()
    assert "Nytt perspektiv på organisasjon og ledelse (180 sider) lest" in text_of(page)
    page.close()


def test_on_a_gathering_day_todays_programme_and_room(mini_url: str, context) -> None:
    page = open_at(context, mini_url, "2016-09-13T10:00:00")
    box = text_of(page)
    assert box.startswith("Pågår nå") and box.count("Pågår nå") == 1 and "pågår nå" not in box
    assert "Samling 1: Første samling, dag 1 av 2, tirsdag 13. september 2016." in box
    assert "Rom: Kommunestyresalen, Røros." in box
    assert "Program i dag: kl. 09.00–10.30 Åpning – nå kl. 10.45–12.00 Roller" in box
    assert "Gruppearbeid" not in box  # day 2's
    assert "Les før samlingen" not in box
    assert "Deretter: Samling 2: Andre samling, 25. oktober 2016, Røros. Om 42 dager." in box
    page.close()

    day_2 = text_of(open_at(context, mini_url, "2016-09-14T13:00:00"))
    assert "dag 2 av 2, onsdag 14. september 2016." in day_2
    assert "Program i dag: kl. 09.00–11.00 Gruppearbeid" in day_2 and "– nå" not in day_2  # over by 13.00

    # a gathering without a room in the data: the place, and a session's own room after it
    other = text_of(open_at(context, mini_url, "2016-10-25T08:00:00"))
    assert "Samling 2: Andre samling, tirsdag 25. oktober 2016." in other
    assert "Sted: Røros. Rommet står i innkallingen." in other
    assert "Program i dag: kl. 09.00–12.00 Kultur (Storsalen)" in other


def test_after_modul_i_when_modul_ii_is_not_ordered(mini_url: str, context) -> None:
    between = open_at(context, mini_url, "2016-11-01T10:00:00")  # after the gatherings, before the exam
    box = text_of(between)
    assert box.startswith("Ingen flere samlinger")
    assert "Modul II er en opsjon som ikke er med i planen nå." in box
    assert "Neste frist: Eksamen, fredag 9. juni 2017 (om 220 dager)." in box
    module = between.locator(".lp-neste__boks").get_by_role("link", name="Modul II")
    assert module.get_attribute("href").endswith("/modul-2/")
    assert "Opsjonssamling" not in box
    between.close()

    after = text_of(open_at(context, mini_url, "2017-06-10T10:00:00"))
    assert after.startswith("Programmet er avsluttet") and after.count("Programmet er avsluttet") == 1
    assert "Den siste samlingen var Samling 1: Første samling" not in after
    assert "Den siste samlingen var Samling 2: Andre samling, 25. oktober 2016." in after
    assert "Modul II er en opsjon som ikke er med i planen nå." in after and "Neste frist" not in after


def test_between_modules_when_modul_ii_is_ordered(mini_url_modul_2: str, context) -> None:
    box = text_of(open_at(context, mini_url_modul_2, "2016-11-01T10:00:00"))
    assert box.startswith("Neste samling")
    assert "Modul I er fullført. Nå begynner Modul II." in box
    assert "Samling 3: Opsjonssamling, 19. september 2017, Røros." in box
    assert "Schein (2013): Humble Inquiry: The Gentle Art of Asking Instead of Telling (120 sider)" in box
    assert "ikke med i planen" not in box


# --- A gathering's own page: that gathering only --------------------------------------------


def test_gathering_page_shows_where_this_gathering_stands(mini_url: str, context) -> None:
    page = open_at(context, mini_url + "samlinger/samling-2/", "2016-09-03T10:00:00", read=("kapittel-c",))
    box = text_of(page)
    assert box.startswith("Om 52 dager.")
    assert "Først kommer Samling 1: Første samling, 13.–14. september 2016." in box
    assert "Du har lest 20 av 20 sider obligatorisk." in box
    # samling-1's readings are never shown as this page's
    assert "Bolman" not in box and "Edmondson" not in box and "Les før samlingen" not in box
    # the page's own introduction comes first
    intro = page.locator("article p").first
    assert "25. oktober 2016" in intro.inner_text()
    assert intro.evaluate(
        "(p, box) => !!(p.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING)",
        page.locator(".lp-neste").element_handle(),
    )
    page.close()

    before = open_at(context, mini_url + "samlinger/samling-1/", "2016-09-12T10:00:00")
    box = text_of(before)
    assert box.startswith("I morgen.") and "Først kommer" not in box
    assert "Du har lest 0 av 180 sider obligatorisk (om lag 18 timer igjen) og 0 av 34 sider anbefalt." in box
    links = before.locator(".lp-neste__boks a")
    assert links.all_inner_texts() == ["Pensum og arbeidskrav", "Kryss av i Min leseplan"]
    assert links.first.get_attribute("href") == "#forberedelse"
    assert "Arbeidskrav: Refleksjonsnotat, frist tirsdag 11. oktober 2016 (om 29 dager)." in box
    before.close()

    during = text_of(open_at(context, mini_url + "samlinger/samling-1/", "2016-09-13T11:00:00"))
    assert (
        during.startswith("Pågår nå: dag 1 av 2, tirsdag 13. september 2016.")
        and during.count("Pågår nå") == 1
    )
    assert "Rom: Kommunestyresalen, Røros." in during
    assert "kl. 09.00–10.30 Åpning kl. 10.45–12.00 Roller – nå" in during

    held = text_of(open_at(context, mini_url + "samlinger/samling-1/", "2016-09-20T10:00:00"))
    assert held.startswith("Samlingen er holdt.")
    assert "Neste samling: Samling 2: Andre samling, 25. oktober 2016, om 35 dager." in held
    assert "Arbeidskrav: Refleksjonsnotat, frist tirsdag 11. oktober 2016 (om 21 dager)." in held

    last = text_of(open_at(context, mini_url + "samlinger/samling-2/", "2017-07-01T10:00:00"))
    assert last.startswith("Samlingen er holdt. Programmet er avsluttet.")
    assert "Modul II er en opsjon som ikke er med i planen nå." in last


def test_without_javascript_a_static_box(mini_url: str, browser: Browser) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(mini_url)
    fallback = " ".join(page.locator(".lp-neste__reserve").inner_text().split())
    assert "Samling 1: Første samling: 13.–14. september 2016, Kommunestyresalen, Røros" in fallback
    assert "Alle frister · Min leseplan" in fallback
    assert "Modul II er en opsjon som ikke er med i planen nå." in fallback
    page.goto(mini_url + "samlinger/samling-1/")
    own = page.locator(".lp-neste__reserve")
    assert own.is_visible()
    text = " ".join(own.inner_text().split())
    assert "Samlingen etter denne: Samling 2: Andre samling, 25. oktober 2016." in text
    assert "Første samling: 13." not in text  # the list the script uses stays hidden
    page.goto(mini_url + "samlinger/samling-2/")
    text = " ".join(page.locator(".lp-neste__reserve").inner_text().split())
    assert "Dette er den siste samlingen i planen. Modul II er en opsjon som ikke er med i planen nå." in text
    ctx.close()


# --- Min leseplan ---------------------------------------------------------------------------


def test_reading_plan_counts_required_and_recommended_apart(mini_url: str, context) -> None:
    page = context.new_page()
    page.goto(mini_url + "pensum/leseplan/")
    group = page.locator("fieldset[data-samling=samling-1]")
    required, recommended = (
        group.locator(f"[data-del={kind}] [data-lp-status]") for kind in ("obligatorisk", "anbefalt")
    )
    overall = page.locator("[data-lp-sum]")
    assert required.inner_text() == "0 av 180 sider lest, om lag 18 timer igjen."
    assert recommended.inner_text() == "0 av 34 sider lest."
    assert overall.inner_text() == "Du har lest 0 av 200 sider obligatorisk pensum og 0 av 34 sider anbefalt."
    # the page count is part of the label: clicking it ticks the box
    label = (
        "Edmondson (1999): Psychological Safety and Learning Behavior in Work Teams – s. 350–383 (34 sider)"
    )
    page.locator("label", has_text="s. 350–383 (34 sider)").locator(".lp-leseplan__sider").click()
    assert page.get_by_label(label, exact=True).is_checked()
    assert recommended.inner_text() == "34 av 34 sider lest."
    assert required.inner_text() == "0 av 180 sider lest, om lag 18 timer igjen."  # not mixed
    assert (
        overall.inner_text() == "Du har lest 0 av 200 sider obligatorisk pensum og 34 av 34 sider anbefalt."
    )
    page.get_by_label(
        "Bolman og Deal (2014): Nytt perspektiv på organisasjon og ledelse – ca. 180 sider, les kapittel 1–3",
        exact=True,
    ).check()
    assert required.inner_text() == "180 av 180 sider lest, alt er lest."
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).sort()") == ["artikkel-b", "bok-a"]
    page.close()


# --- On the real site: first screen, touch targets, axe --------------------------------------


def phone(browser: Browser, width: int, height: int, when: str) -> tuple[BrowserContext, Page]:
    ctx = browser.new_context(viewport={"width": width, "height": height}, timezone_id="Europe/Oslo")
    page = ctx.new_page()
    page.clock.install(time=when)
    return ctx, page


def a_day_before(g) -> str:
    return f"{g.start - timedelta(days=10)}T10:00:00"


@pytest.mark.parametrize(("width", "height"), [(360, 640), (320, 568)])
def test_whats_next_on_the_first_screen_of_a_phone(
    server: str, browser: Browser, width: int, height: int
) -> None:
    """Start page: the box's heading and the line naming the next gathering with days left.
    Each gathering page: its date and place (the page's own introduction) and the box's first line."""
    g = SCHEDULED[min(2, len(SCHEDULED) - 1)]
    ctx, page = phone(browser, width, height, a_day_before(g))
    page.goto(server)
    box = page.locator(".lp-neste__boks")
    box.wait_for(state="visible")
    heading, line = box.locator("h2"), box.locator("p").first
    assert heading.inner_text() in ("Neste samling", "Programmet starter snart")
    assert line.locator("a").first.inner_text() == f"Samling {g.number}: {g.title}"
    bottom = line.bounding_box()["y"] + line.bounding_box()["height"]
    assert bottom <= height, (width, height, bottom)
    for each in SCHEDULED:
        page.goto(server + url_of(each.page))
        when = page.locator("article p").first
        assert each.place in when.inner_text(), each.id
        assert when.bounding_box()["y"] + when.bounding_box()["height"] <= height, each.id
        status = page.locator(".lp-neste__boks p").first
        status.wait_for()
        assert status.bounding_box()["y"] + status.bounding_box()["height"] <= height, (
            each.id,
            status.inner_text(),
        )
    ctx.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_reading_plan_checkboxes_are_at_least_24_px(server: str, browser: Browser, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(server + "pensum/leseplan/")
    sizes = page.locator("input[data-lesning]").evaluate_all(
        "boxes => boxes.map(b => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])"
    )
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes
    # the pages sit inside each label, and every label names one checkbox
    labels = page.locator(".lp-leseplan label").evaluate_all(
        "ls => ls.map(l => [l.control && l.control.type, l.textContent])"
    )
    assert labels and all(kind == "checkbox" and " sider" in text for kind, text in labels)
    ctx.close()


def axe(page: Page) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, TAGS)


@pytest.mark.parametrize("width", [320, 1280])
def test_no_axe_violations_in_the_box_and_the_plan(server: str, browser: Browser, width: int) -> None:
    """The states the whole-site audit never sees (it visits on the real day): a gathering day,
    a gathering page before its gathering with ticks, the plan with ticks."""
    g = SCHEDULED[0]
    read = list(g.readings[:1])
    key = f"{CUR.programme.id}-lest"
    ctx = browser.new_context(viewport={"width": width, "height": 900}, timezone_id="Europe/Oslo")
    ctx.add_init_script(f"localStorage.setItem('{key}', JSON.stringify({read!r}))")
    found = {}
    for path, when in (
        ("", f"{g.start}T10:00:00"),
        (url_of(g.page), a_day_before(g)),
        ("", a_day_before(g)),
        ("pensum/leseplan/", a_day_before(g)),
    ):
        page = ctx.new_page()
        page.clock.install(time=when)
        page.goto(server + path, wait_until="load")
        if path != "pensum/leseplan/":
            page.locator(".lp-neste__boks").wait_for(state="visible")
        found[(path, when)] = axe(page)
        page.close()
    ctx.close()
    assert all(v == [] for v in found.values()), found


def test_the_mini_fixture_still_has_what_these_tests_need() -> None:
    """Fixed facts of the fixture the expectations above rely on, so a fixture edit fails here first."""
    cur = curriculum_or_raise(MINI)
    one, two = cur.scheduled()
    assert (one.start, one.end, one.room, two.start, two.room) == (
        date(2016, 9, 13),
        date(2016, 9, 14),
        "Kommunestyresalen",
        date(2016, 10, 25),
        None,
    )
    assert [m.enabled for m in cur.programme.modules] == [True, False] and cur.programme.id + "-lest" == KEY
