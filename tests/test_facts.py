"""Facts live once (issue 13): counts, roles, the period, the organisation, the place and the
list of gatherings come from the data, so a data edit reaches every page that states them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from macros.components.facts import FACTS, counted, facts
from macros.curriculum import curriculum_or_raise

from .conftest import MINI, ROOT


def round_trip(path: Path, change) -> None:
    yaml = YAML()  # round-trip: comments and layout kept
    yaml.preserve_quotes = True
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def test_every_fact_has_a_value_on_the_fixture() -> None:
    cur = curriculum_or_raise(MINI)
    for name in FACTS:
        assert facts(cur, "index.md", name).strip(), name
    assert facts(cur, "index.md", "samlinger", stor=True)[0].isupper()


def test_counted_in_words() -> None:
    assert counted(1, "samling", "samlinger") == "én samling"
    assert counted(6, "samling", "samlinger") == "seks samlinger"
    assert counted(14, "leder", "ledere") == "14 ledere"


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """The real project, with one more participant, a period a year longer and Modul II switched
    on; built. Returns the site and the facts before and after the edit."""
    project = tmp_path_factory.mktemp("facts") / "project"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", ".cache", "dist", "*.pyc")
    )
    before = {name: facts(curriculum_or_raise(project), "index.md", name) for name in FACTS}

    def change(data) -> None:
        data["participants"][-1]["count"] += 1
        for holder in (data, next(m for m in data["modules"] if not m["optional"])):
            end = holder["period"]["end"]
            holder["period"]["end"] = end.replace(year=end.year + 1) if hasattr(end, "year") else end
        next(m for m in data["modules"] if m["optional"])["enabled"] = True

    round_trip(project / "curriculum" / "program.yml", change)
    after = {name: facts(curriculum_or_raise(project), "index.md", name) for name in FACTS}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "macros",
            "build",
            "--root",
            str(project),
            "--site-dir",
            str(project / "site"),
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site", before, after


def articles(site: Path) -> dict[str, str]:
    found = {}
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "<article" in html and "/nytt/" not in page.as_posix():  # notices are dated records
            found[page.relative_to(site).as_posix()] = html[html.index("<article") : html.index("</article>")]
    return found


@pytest.mark.build
def test_the_edit_changed_the_facts(edited) -> None:
    _, before, after = edited
    assert before["ledere"] != after["ledere"] and before["roller"] != after["roller"]
    assert before["periode"] != after["periode"]


@pytest.mark.build
@pytest.mark.parametrize("name", ["ledere", "roller", "periode"])
def test_no_page_states_the_old_fact(edited, name: str) -> None:
    site, before, after = edited
    pages = articles(site)
    stale = [
        page
        for page, html in pages.items()
        if re.search(rf"(?<![\w–]){re.escape(before[name])}(?![\w–])", html)
    ]
    assert stale == [], f"«{before[name]}» still on {stale}"
    assert sum(after[name] in html for html in pages.values()) >= 2, after[name]


@pytest.mark.build
def test_the_print_page_lists_every_scheduled_gathering(edited) -> None:
    site, _, _ = edited
    cur = curriculum_or_raise(site.parent)
    html = (site / "praktisk" / "utskrift" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2 id=\"[^\"]*\">(Samling [^<]*)<", html)
    assert headings == [f"Samling {g.number}: {g.title}" for g in cur.scheduled()]
    assert any(g.module != "modul-1" for g in cur.scheduled())  # Modul II switched on is there too
