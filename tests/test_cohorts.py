"""The next cohort and another municipality (issue 17).

The proof: a copy of the real project is turned into the cohort two years later with the real
`make nytt-kull` and built with the real `make site`; its calendars, start page, archive and search
are checked against what the copy's own data says. The test fixture, given another organisation
and place and built with the real theme, shows no trace of the first customer. nginx serves two
portals side by side from the generated configuration. Nothing of the live programme is written
here: every expectation comes from the data of the copy.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from types import UnionType
from typing import Annotated, Union, get_args, get_origin

import icalendar
import pytest
from pydantic import BaseModel
from ruamel.yaml import YAML

from macros.archive import BANNER, Cohort
from macros.calendar import calendar_files
from macros.cohort import add_months, days_off, norwegian_holidays, year_forms
from macros.curriculum import curriculum_or_raise
from macros.customer import customer_report
from macros.dates import period_text
from macros.model import Curriculum, Period
from macros.nginx import nginx_config

from .conftest import MINI, ROOT, build, serving

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast

MAKE = shutil.which("make")
VENV = Path(sys.executable).parent.parent  # the venv running the tests: make uses it, never rebuilds it
IGNORED = shutil.ignore_patterns(
    ".venv", "site", ".git", ".cache", "dist", "bench", "tests", "__pycache__", ".site-*", "*.pyc"
)
GIT_ID = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid"]


def git(project: Path, *args: str) -> str:
    done = subprocess.run(["git", *GIT_ID, *args], cwd=project, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def committed(project: Path) -> None:
    ignore = project / ".gitignore"
    if not ignore.exists():  # as the real project: the checks' cache and builds are not tracked
        ignore.write_text(".cache/\nsite/\n.site-*/\n", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "kullet som det var")


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The project's own make targets, with the test run's venv (-o: never set it up again)."""
    ready = VENV / ".ready"
    command = [MAKE, "--no-print-directory", f"VENV={VENV}", "-o", str(ready), *args]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )


def uids(folder: Path) -> set[str]:
    return {
        str(e["UID"])
        for path in folder.glob("*.ics")
        for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    }


def text_of(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


# --- the next cohort of the real programme --------------------------------------------------------


@dataclass
class NextCohort:
    project: Path
    site: Path
    before: Curriculum
    after: Curriculum
    start: date
    report: str

    @property
    def archive(self) -> Path:
        p = self.before.programme
        return self.site / "arkiv" / Cohort("", p.id, p.period.start, p.period.end).folder


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> NextCohort:
    if MAKE is None:
        pytest.skip("make mangler")
    project = tmp_path_factory.mktemp("kull") / "prosjekt"
    shutil.copytree(ROOT, project, ignore=IGNORED)
    committed(project)
    before = curriculum_or_raise(project)
    first = min(before.gatherings, key=lambda g: g.start)
    start = first.start + timedelta(weeks=104)  # two years later, the same weekday
    done = make(project, "nytt-kull", f"START={start}")
    assert done.returncode == 0, done.stdout + done.stderr
    after = curriculum_or_raise(project)
    built = make(project, "site")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return NextCohort(project, project / "site", before, after, start, done.stdout)


def test_every_calendar_uid_differs_from_the_original(cohort: NextCohort) -> None:
    original = {
        str(e["UID"])
        for text in calendar_files(cohort.before, None).values()
        for e in icalendar.Calendar.from_ical(text).walk("VEVENT")
    }
    new = uids(cohort.site / "kalender")
    assert new and original and not new & original
    assert all(uid.startswith(f"{cohort.after.programme.id}-") for uid in new)
    # the archive has the original's calendars, UIDs and all
    assert uids(cohort.archive / "kalender") == original


def test_the_first_event_starts_on_the_new_date(cohort: NextCohort) -> None:
    whole = cohort.site / "kalender" / f"{cohort.after.programme.id}.ics"
    starts = [e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(whole.read_bytes()).walk("VEVENT")]
    first = min(starts, key=lambda d: (d.date(), 0) if isinstance(d, datetime) else (d, 1))
    assert isinstance(first, datetime) and first.date() == cohort.start
    # every gathering kept its weekday and its distance to the first
    old = sorted(cohort.before.gatherings, key=lambda g: g.id)
    new = sorted(cohort.after.gatherings, key=lambda g: g.id)
    assert [g.start - old[0].start for g in old] == [g.start - new[0].start for g in new]
    assert [g.start.weekday() for g in old] == [g.start.weekday() for g in new]
    assert [a.deadline - cohort.start for a in cohort.after.assessments] == [
        a.deadline - min(g.start for g in old) for a in cohort.before.assessments
    ]


def test_the_start_page_shows_the_new_period(cohort: NextCohort) -> None:
    page = text_of(cohort.site / "index.html")
    period = cohort.after.programme.period
    assert period_text(period) in page
    assert year_forms(period.start, period.end)[0] in page
    assert period.start.year == cohort.before.programme.period.start.year + 2


def test_the_archive_is_reachable_with_its_own_calendars(cohort: NextCohort) -> None:
    old = cohort.before.programme
    pages = list(cohort.archive.rglob("*.html"))
    assert len(pages) >= 40
    unmarked = [p for p in pages if BANNER not in p.read_text(encoding="utf-8") and p.name != "404.html"]
    assert unmarked == []
    with serving(cohort.site) as url:
        home = f"{url}arkiv/{cohort.archive.name}/samlinger/"
        with urllib.request.urlopen(home, timeout=5) as response:
            body = response.read().decode("utf-8")
        banner = re.search(r'<p class="lp-arkiv">(.*?)</p>', body, re.DOTALL)[1]
        assert Cohort("", old.id, old.period.start, old.period.end).label in banner
        back = re.search(r'href="([^"]+)"', banner)[1]
        assert urllib.parse.urljoin(home, back) == url  # the current programme
        calendar = f"{url}arkiv/{cohort.archive.name}/kalender/{old.id}.ics"
        with urllib.request.urlopen(calendar, timeout=5) as response:
            assert response.read().startswith(b"BEGIN:VCALENDAR")
    current = (cohort.site / "index.html").read_text(encoding="utf-8")
    assert BANNER not in current


def test_the_archive_is_not_in_the_current_search(cohort: NextCohort) -> None:
    index = json.loads((cohort.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    own = json.loads((cohort.archive / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and own["docs"]
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("arkiv")]
    # the previous cohort's notices are searchable in its archive only
    notices = {n.title for n in cohort.before.news()}
    assert notices and notices <= {d["title"] for d in own["docs"]}
    assert not notices & {d["title"] for d in index["docs"]}


def test_no_page_outside_the_archive_states_the_old_period(cohort: NextCohort) -> None:
    p = cohort.before.programme
    old = [
        *year_forms(p.period.start, p.period.end),
        period_text(p.period),
        *(period_text(m.period) for m in p.modules),
    ]
    stale = {}
    for page in cohort.site.rglob("*.html"):
        if page.is_relative_to(cohort.site / "arkiv"):
            continue
        raw = page.read_text(encoding="utf-8")
        text = html.unescape(raw) + text_of(page)
        if found := [form for form in old if form in text]:
            stale[page.relative_to(cohort.site).as_posix()] = found
    assert stale == {}


def test_the_report_says_what_a_person_must_decide(cohort: NextCohort) -> None:
    report, old = cohort.report, cohort.before.programme
    assert f"Laget taggen kull/{old.id}" in report
    assert (
        git(cohort.project, "rev-list", "-n", "1", f"kull/{old.id}").strip()
        == git(cohort.project, "rev-parse", "HEAD").strip()
    )  # the commit before the change
    assert "Skoleferier" in report and "ikke sjekket" in report
    marked = [line for line in customer_report(cohort.project, cohort.after) if line.startswith("- docs/")]
    assert marked and all(line[2:].split(":")[0] in report for line in marked[:5])
    for n in cohort.before.news():
        assert f"Fjernet docs/{n.page}" in report
    # git shows the change: the data and mkdocs.yml, nothing else but the removed notices
    changed = git(cohort.project, "status", "--porcelain").splitlines()
    expected = {f"curriculum/{name}.yml" for name in ("program", "samlinger", "vurdering", "verdiprosess")}
    expected |= {"mkdocs.yml"}
    assert {line[3:] for line in changed if not line[3:].startswith("docs/nytt/")} <= expected | {"site/"}


# --- refusals and the calendar of days off ----------------------------------------------------------


@pytest.fixture
def mini_git(mini: Path) -> Path:
    committed(mini)
    return mini


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args, "--root", str(project)],
        capture_output=True,
        text=True,
        cwd=project,
    )


def test_another_weekday_is_refused_with_two_dates(mini_git: Path) -> None:
    first = min(curriculum_or_raise(mini_git).gatherings, key=lambda g: g.start)
    wrong = first.start + timedelta(weeks=52, days=1)
    done = run(mini_git, "nytt-kull", "--start", str(wrong))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    before, after = wrong - timedelta(days=1), wrong + timedelta(days=6)
    assert f"START={before} eller START={after}" in done.stderr
    assert "ingenting ble endret" in done.stderr
    assert git(mini_git, "status", "--porcelain") == "" and git(mini_git, "tag") == ""


def test_uncommitted_changes_and_no_git_are_refused(mini: Path) -> None:
    first = min(curriculum_or_raise(mini).gatherings, key=lambda g: g.start)
    start = str(first.start + timedelta(weeks=52))
    done = run(mini, "nytt-kull", "--start", start)
    assert done.returncode == 1 and "git-repo" in done.stderr
    committed(mini)
    page = mini / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEndret.\n", encoding="utf-8")
    done = run(mini, "nytt-kull", "--start", start)
    assert done.returncode == 1 and "docs/index.md" in done.stderr and "git commit" in done.stderr
    assert git(mini, "status", "--porcelain").splitlines() == [" M docs/index.md"]


def test_the_next_cohort_of_the_fixture(mini_git: Path) -> None:
    before = curriculum_or_raise(mini_git)
    first = min(before.gatherings, key=lambda g: g.start)
    start = first.start + timedelta(weeks=52)
    done = run(mini_git, "nytt-kull", "--start", str(start), "--kull", "testprogram-neste")
    assert done.returncode == 0, done.stderr
    after = curriculum_or_raise(mini_git)
    assert after.programme.id == "testprogram-neste"
    assert git(mini_git, "tag").split() == [f"kull/{before.programme.id}"]
    for old, new in zip(before.gatherings, after.gatherings, strict=True):
        assert new.start - old.start == timedelta(weeks=52) and new.start.weekday() == old.start.weekday()
    # periods by whole months: the 1st stays the 1st, the last day of a month stays the last
    assert (after.programme.period.start.day, after.programme.period.end.day) == (1, 30)
    # the notice of the previous cohort is gone, and git has it
    assert not any((mini_git / "docs" / n.page).exists() for n in before.news())


def date_fields(model: type[BaseModel], path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], bool]]:
    """Every field of the model that holds a date, from the type annotations alone: its path
    («*» for each item of a list) and whether it is the start or end of a period."""
    found = []
    for name, info in model.model_fields.items():
        found += [(p, period or model is Period) for p, period in typed_dates(info.annotation, (*path, name))]
    return found


def typed_dates(annotation: object, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    if annotation is date:
        return [(path, False)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return date_fields(annotation, path)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list:
        return typed_dates(args[0], (*path, "*"))
    if origin is Annotated:
        return typed_dates(args[0], path)
    if origin in (Union, UnionType):
        return [found for arg in args for found in typed_dates(arg, path)]
    return []


def values_at(value: object, path: tuple[str, ...]) -> list[date]:
    if not path:
        return [value] if isinstance(value, date) else []
    head, rest = path[0], path[1:]
    if head == "*":
        return [found for item in value for found in values_at(item, rest)]
    return values_at(getattr(value, head), rest)


def test_every_date_field_moves_with_the_next_cohort(mini_git: Path) -> None:
    """Each date field of the model, found from its types, has a value in the fixture and moves:
    a date by the whole weeks, a period by whole months. A date field that make nytt-kull leaves
    behind, or that the fixture lacks, fails here."""
    fields = date_fields(Curriculum)
    assert (("values_process", "steps", "*", "start"), False) in fields  # the walk reaches nested records
    assert (("programme", "modules", "*", "period", "end"), True) in fields
    before = curriculum_or_raise(mini_git)
    delta = timedelta(weeks=52)
    start = min(g.start for g in before.gatherings) + delta
    done = run(mini_git, "nytt-kull", "--start", str(start))
    assert done.returncode == 0, done.stderr  # the checks passed on the moved data
    after = curriculum_or_raise(mini_git)
    for path, period in fields:
        name = ".".join(path)
        old, new = values_at(before, path), values_at(after, path)
        assert old, f"the mini fixture has no {name}: add one, so this test sees it move"
        expected = [add_months(d, 12) if period else d + delta for d in old]
        assert new == expected, f"{name} did not move"


def test_days_off() -> None:
    off = norwegian_holidays([2018, 2019])
    assert "offentlig fridag" in days_off(date(2019, 5, 17), off)
    assert "offentlig fridag" in days_off(date(2019, 4, 18), off)  # skjærtorsdag
    assert days_off(date(2019, 4, 16), off) == "i påskeuka (mange har fri)"
    assert days_off(date(2018, 12, 24), off).startswith("julaften")
    assert days_off(date(2018, 12, 28), off) == "i romjula (mange har fri)"
    assert days_off(date(2019, 3, 12), off) is None
    assert days_off(date(2019, 3, 10), off) is None  # a Sunday is not a holiday by itself


def test_months_keep_the_day() -> None:
    assert add_months(date(2016, 9, 1), 24) == date(2018, 9, 1)
    assert add_months(date(2017, 6, 30), 24) == date(2019, 6, 30)
    assert add_months(date(2016, 2, 29), 12) == date(2017, 2, 28)
    assert add_months(date(2017, 2, 28), 12) == date(2018, 2, 28)
    assert add_months(date(2017, 4, 30), 1) == date(2017, 5, 31)  # the last day stays the last


# --- the archive in a build -------------------------------------------------------------------------


def test_a_tag_that_cannot_be_built_stops_the_build(mini_git: Path) -> None:
    """A broken archive is a failed build: site/ as it was, and the tag named."""
    data = mini_git / "curriculum" / "program.yml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("credits: 30\nlevel", "credits: tretti\nlevel", 1), encoding="utf-8")
    git(mini_git, "commit", "-q", "-am", "ødelagt")
    git(mini_git, "tag", "kull/gammelt")
    data.write_text(good.replace("id: testprogram-2016", "id: testprogram-2018"), encoding="utf-8")
    git(mini_git, "commit", "-q", "-am", "nytt kull")
    site = mini_git / "site"
    done = build(mini_git, site)
    assert done.returncode == 1 and not site.exists()
    assert "kull/gammelt: arkivet kan ikke bygges" in done.stderr and "git tag -d kull/gammelt" in done.stderr
    git(mini_git, "tag", "-d", "kull/gammelt")
    assert build(mini_git, site).returncode == 0 and not (site / "arkiv").exists()


def test_an_archive_without_its_banner_is_refused(mini_git: Path) -> None:
    """The fixture has no theme overrides, so it cannot mark its pages: refused, not published."""
    git(mini_git, "tag", "kull/testprogram-2014")
    data = mini_git / "curriculum" / "program.yml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("id: testprogram-2016", "id: testprogram-2018"),
        encoding="utf-8",
    )
    done = build(mini_git, mini_git / "site")
    assert done.returncode == 1 and "uten arkivmerket" in done.stderr


def test_the_current_cohort_tagged_is_not_archived_twice(mini_git: Path) -> None:
    git(mini_git, "tag", "kull/testprogram-2016")  # the cohort in the tree
    done = build(mini_git, mini_git / "site")
    assert done.returncode == 0, done.stderr
    assert not (mini_git / "site" / "arkiv").exists()


# --- another municipality ---------------------------------------------------------------------------


FIRST_CUSTOMER = re.compile(r"r(?:ø|o|\\u00f8|&oslash;|&#248;|&#xf8;)ros", re.IGNORECASE)


@pytest.fixture(scope="module")
def other_customer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture for Bodø kommune, with the real theme (overrides, scripts, styles); built."""
    project = tmp_path_factory.mktemp("bodo") / "prosjekt"
    shutil.copytree(MINI, project, ignore=IGNORED)
    for folder in ("overrides", "docs/javascripts", "docs/stylesheets"):
        shutil.copytree(ROOT / folder, project / folder, dirs_exist_ok=True)
    for path in [*(project / "curriculum").glob("*.yml"), *(project / "docs").rglob("*.md")]:
        path.write_text(path.read_text(encoding="utf-8").replace("Røros", "Bodø"), encoding="utf-8")
    program = project / "curriculum" / "program.yml"
    text = program.read_text(encoding="utf-8")
    for old, new in (
        ("organisation: Testkommune", "organisation: Bodø kommune"),
        ("id: testprogram-2016", "id: bodo-2016"),
        ("place_preposition: på", "place_preposition: i"),
        ("calendar_domain: testkommune.example", "calendar_domain: bodo.kommune.no"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    program.write_text(text, encoding="utf-8")
    yaml = YAML()
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    real = YAML(typ="rt").load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = "Lederutviklingsprogrammet i Bodø kommune"
    config["theme"]["custom_dir"] = "overrides"
    config["extra_javascript"] = list(real["extra_javascript"])
    config["extra_css"] = list(real["extra_css"])
    with (project / "mkdocs.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    done = build(project, project / "site")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return project / "site"


def test_no_trace_of_the_first_customer(other_customer: Path) -> None:
    found = {}
    for path in other_customer.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="ignore")
            if hits := sorted({m[0] for m in FIRST_CUSTOMER.finditer(text + html.unescape(text))}):
                found[path.relative_to(other_customer).as_posix()] = hits
    assert found == {}


def test_the_other_customer_is_in_calendar_and_text(other_customer: Path) -> None:
    calendar = other_customer / "kalender" / "bodo-2016.ics"
    events = icalendar.Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert events and all(str(e["UID"]).startswith("bodo-2016-") for e in events)
    assert all(str(e["UID"]).endswith("@bodo.kommune.no") for e in events)
    assert b"PRODID:-//Bod\xc3\xb8 kommune//" in calendar.read_bytes()
    assert "alle i Bodø" in text_of(other_customer / "index.html")
    assert not (other_customer / "arkiv").exists()  # no git, no tags: no archive


def test_the_customer_listing(mini: Path) -> None:
    page = mini / "docs" / "teori" / "kultur.md"
    page.write_text("---\nkunde: true\n---\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    other = mini / "docs" / "teori" / "roller.md"
    typed = other.read_text(encoding="utf-8") + "\nVi i Testkommune gjør det slik.\n"
    other.write_text(typed, encoding="utf-8")
    done = run(mini, "check", "--kunde")
    assert done.returncode == 0, done.stderr
    listing = done.stdout
    assert "- docs/teori/kultur.md: " in listing
    lines = other.read_text(encoding="utf-8").count("\n")
    assert f"- docs/teori/roller.md:{lines}: Vi i Testkommune gjør det slik." in listing
    assert "curriculum/krav.yml" in listing


# --- deploy: two portals side by side in real nginx -------------------------------------------------


def test_deploy_config_is_the_template_with_the_defaults() -> None:
    assert (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8") == nginx_config()
    done = subprocess.run(
        [sys.executable, "-m", "macros", "nginx", "--server-blokk"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0 and done.stdout == nginx_config()


@pytest.mark.parametrize(
    "option",
    [
        ["--prefix", "/leder program/"],
        ["--prefix", "lederprogram"],
        ["--prefix", "/a/;}/"],
        ["--webrot", "/srv/../etc"],
        ["--webrot", "srv/www"],
        ["--webrot", "/srv/www;"],
    ],
)
def test_unsafe_prefix_or_web_root_is_refused(option: list[str]) -> None:
    command = [sys.executable, "-m", "macros", "nginx", *option]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1 and done.stdout == "" and "kan ikke brukes" in done.stderr


@pytest.fixture(scope="module")
def two_portals(cohort: NextCohort, other_customer: Path, tmp_path_factory: pytest.TempPathFactory):
    from .conftest import free_port
    from .test_nginx import NGINX, RSYNC, get, main_config, running_nginx

    if not Path(NGINX).exists() or RSYNC is None:
        pytest.skip("nginx eller rsync mangler: kjør scripts/ensure-nginx")
    srv = Path(tempfile.mkdtemp(prefix="lederportal-srv-"))
    portals = {"/lederprogram/": (srv / "www-a", cohort.site), "/bodo-2016/": (srv / "www-b", other_customer)}
    for webroot, _ in portals.values():
        webroot.mkdir(parents=True)
        for folder in (srv, webroot):
            folder.chmod(0o755)
    for prefix, (webroot, site) in portals.items():
        subprocess.run([RSYNC, "-a", f"{site}/", f"{webroot / prefix.strip('/')}/"], check=True)
    run = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (first, (root_a, _)), (second, (root_b, _)) = portals.items()
    snippet = run / "andre.conf"
    snippet.write_text(nginx_config(second, str(root_b), server=False), encoding="utf-8")
    server = nginx_config(first, str(root_a)).replace("listen 80;", f"listen 127.0.0.1:{port};")
    end = server.rindex("}")
    server = server[:end] + f"    include {snippet};\n" + server[end:]
    base = f"http://127.0.0.1:{port}"
    try:
        with running_nginx(run, main_config(server, run), base + first):
            yield base, portals, get
    finally:
        shutil.rmtree(srv)


def test_two_portals_side_by_side(two_portals, cohort: NextCohort) -> None:
    base, portals, get = two_portals
    names = {"/lederprogram/": cohort.after.programme.organisation, "/bodo-2016/": "Bodø kommune"}
    for prefix, (webroot, site) in portals.items():
        status, headers, body = get(base + prefix)
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        assert names[prefix] in body.decode("utf-8")
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-cache"
        # its own 404 page, with links under its own prefix
        status, headers, body = get(base + prefix + "finnes/ikke/")
        links = re.findall(r'(?:href|src)="(/[^"]*)"', body.decode("utf-8"))
        assert status == 404 and links and all(link.startswith(prefix) for link in links)
        # hashed bundles for a year, calendars as calendars
        bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
        status, headers, _ = get(f"{base}{prefix}assets/javascripts/{bundle}")
        assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable"
        calendar = next((site / "kalender").glob("*.ics")).name
        status, headers, body = get(f"{base}{prefix}kalender/{calendar}")
        assert status == 200 and headers["content-type"] == "text/calendar; charset=utf-8"
        assert body.startswith(b"BEGIN:VCALENDAR") and headers["x-content-type-options"] == "nosniff"
        # a dot file in the release is never served
        secret = webroot / prefix.strip("/") / ".env"
        secret.write_text("HEMMELIG=1\n", encoding="utf-8")
        secret.chmod(0o644)
        try:
            assert get(base + prefix + ".env")[0] in (403, 404)
        finally:
            secret.unlink()
        # the prefix without its slash
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as err:
            opener.open(base + prefix.rstrip("/"), timeout=5)
        assert err.value.code == 301 and err.value.headers["Location"] == prefix
    # the first portal's archive, under its prefix
    status, _, body = get(f"{base}/lederprogram/arkiv/{cohort.archive.name}/")
    assert status == 200 and BANNER.encode() in body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
