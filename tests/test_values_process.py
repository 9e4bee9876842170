"""The values process fits the agenda, by construction (macros/values_process_checks.py).

Each test writes a small process into a copy of the mini project and names its exercises in the
mini gatherings' sessions; the messages' lines are found in the files the test wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.__main__ import run_checks
from macros.components.values_process import exercise, plan, steps
from macros.curriculum import curriculum_or_raise

# Mini's sessions: samling-1 «Åpning» 09:00–10:30 (90 min) and «Roller» 10:45–12:00 (75 min) on
# day 1, «Gruppearbeid» 09:00–11:00 (120 min) on 14 September; samling-2 «Kultur» 09:00–12:00.
OPENING = "      title: Åpning\n"
ROLES = "      title: Roller\n"
CULTURE = "      title: Kultur\n"

PROCESS = """\
phases:
  - number: 1
    name: Kartlegging
    page: teori/kultur.md
  - number: 2
    name: Formulering
    page: teori/roller.md
results:
  - id: kulturbilde
    name: kulturbildet
  - id: utkast
    name: utkastet
  - id: vedtatt-verdisett
    name: det vedtatte verdisettet
exercises:
  - id: fortellinger
    name: Fortellinger fra hverdagen
    phase: 1
    minutes: 60
    place: samling
    summary: Fortellinger viser kultur.
    produces: [kulturbilde]
  - id: observasjon
    name: Kulturobservasjon
    phase: 1
    minutes: 105
    place: virksomhet
    summary: Lederen observerer egen virksomhet.
  - id: skriving
    name: Fra ord til atferd
    phase: 2
    minutes: 90
    place: samling
    summary: Gruppene skriver atferd.
    needs: [kulturbilde]
    produces: [utkast]
  - id: plattform
    name: Gjennomgang av lederplattformen
    phase: 2
    minutes: 60
    place: samling
    summary: Lederne leser plattformen med verdisettet som briller.
    needs: [vedtatt-verdisett]
steps:
  - id: vedtak
    name: Rådmannen fastsetter verdisettet
    phase: 2
    start: 2016-10-01
    end: 2016-10-01
    who: Rådmannen
    description: Rådmannen fastsetter verdisettet.
    needs: [utkast]
    produces: [vedtatt-verdisett]
"""


def write(
    root: Path,
    process: str = PROCESS,
    sessions: dict[str, list[str]] | None = None,
    after: list[str] | None = None,
) -> None:
    """The process, and ``exercises:`` added under the sessions with the given titles."""
    (root / "curriculum" / "verdiprosess.yml").write_text(process, encoding="utf-8")
    path = root / "curriculum" / "samlinger.yml"
    text = path.read_text(encoding="utf-8")
    for title_line, ids in (sessions or {}).items():
        assert text.count(title_line) == 1, title_line
        text = text.replace(title_line, f"{title_line}      exercises: [{', '.join(ids)}]\n")
    if after is not None:
        anchor = "  summary: Vi begynner.\n"
        text = text.replace(anchor, f"{anchor}  exercises_after: [{', '.join(after)}]\n")
    path.write_text(text, encoding="utf-8")


GROUP = "      title: Gruppearbeid\n"


def fitting(
    root: Path,
    process: str = PROCESS,
    sessions: dict[str, list[str]] | None = None,
    after: tuple[str, ...] = ("observasjon",),
) -> None:
    """The process that fits (phase 1 on the first morning, the units after samling-1, phase 2 on
    the second day, the decision before samling-2, the platform review at samling-2), changed by
    ``sessions`` (an empty list takes a session's exercises away)."""
    named = {OPENING: ["fortellinger"], GROUP: ["skriving"], CULTURE: ["plattform"], **(sessions or {})}
    write(root, process, {k: v for k, v in named.items() if v}, list(after))


def line_of(root: Path, file: str, text: str, occurrence: int = 1) -> int:
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, start=1) if text in line]
    return found[occurrence - 1]


def problems(root: Path) -> list[str]:
    return [str(p) for p in run_checks(root)[1]]


def test_a_process_that_fits_passes(mini: Path) -> None:
    fitting(mini)
    assert problems(mini) == []


def test_a_session_shorter_than_its_exercises_is_refused(mini: Path) -> None:
    fitting(mini, sessions={GROUP: [], ROLES: ["skriving"]})
    line = line_of(mini, "curriculum/samlinger.yml", "exercises: [skriving]")
    found = problems(mini)
    assert found == [
        f"curriculum/samlinger.yml:{line}: økten «Roller» varer 75 minutter, men øvelsene tar 90: "
        "«Fra ord til atferd» (90 min) (gjør økten 15 minutter lengre, fordel øvelsene på flere "
        "økter, eller flytt en øvelse til virksomhetene (place: virksomhet) og si det i "
        "veiledningen)"
    ], found


def test_an_exercise_before_its_phase_is_refused(mini: Path) -> None:
    # phase 2 on the first morning, phase 1 only after it
    fitting(mini, sessions={OPENING: ["skriving"], ROLES: ["fortellinger"], GROUP: []})
    line = line_of(mini, "curriculum/samlinger.yml", "exercises: [skriving]")
    found = problems(mini)
    assert any(
        p.startswith(
            f"curriculum/samlinger.yml:{line}: øvelsen «Fra ord til atferd» hører til fase 2, "
            "men kommer før fase 1 har begynt"
        )
        for p in found
    ), found


def test_relying_on_a_result_nothing_earlier_produces_is_refused(mini: Path) -> None:
    # the decision after the platform review: the review relies on the adopted values too early
    late = PROCESS.replace(
        "    start: 2016-10-01\n    end: 2016-10-01\n", "    start: 2016-11-01\n    end: 2016-11-01\n"
    )
    fitting(mini, process=late)
    line = line_of(mini, "curriculum/samlinger.yml", "exercises: [plattform]")
    found = problems(mini)
    assert any(
        p.startswith(
            f"curriculum/samlinger.yml:{line}: øvelsen «Gjennomgang av lederplattformen» (fase 2, "
            "samling 2, tirsdag 25. oktober 2016 kl. 09.00) bygger på det vedtatte verdisettet "
            "(«vedtatt-verdisett»), men ingenting før lager det"
        )
        for p in found
    ), found
    assert any(
        "«Rådmannen fastsetter verdisettet» lager det først (tirsdag 1. november 2016)" in p for p in found
    ), found


def test_a_result_nothing_produces_at_all_is_refused(mini: Path) -> None:
    fitting(mini, process=PROCESS.replace("    produces: [vedtatt-verdisett]\n", ""))
    found = problems(mini)
    assert any(
        "bygger på det vedtatte verdisettet («vedtatt-verdisett»), men ingenting før lager det "
        "(ingen øvelse eller trinn lager det" in p
        for p in found
    ), found


def test_an_exercise_the_programme_never_runs_is_refused(mini: Path) -> None:
    fitting(mini, after=())
    line = line_of(mini, "curriculum/verdiprosess.yml", "id: observasjon")
    assert (
        f"curriculum/verdiprosess.yml:{line}: øvelsen «Kulturobservasjon» er ikke lagt inn i programmet"
        in "\n".join(problems(mini))
    )


def test_unknown_exercise_and_wrong_place_are_refused(mini: Path) -> None:
    fitting(mini, sessions={ROLES: ["fortelinger", "observasjon"]})
    found = problems(mini)
    line = line_of(mini, "curriculum/samlinger.yml", "exercises: [fortelinger, observasjon]")
    assert any(
        p.startswith(
            f"curriculum/samlinger.yml:{line}: ukjent øvelse «fortelinger» (mente du «fortellinger»?)"
        )
        for p in found
    ), found
    assert any(
        p.startswith(f"curriculum/samlinger.yml:{line}: øvelsen «Kulturobservasjon» har place: virksomhet")
        for p in found
    ), found


def test_a_step_outside_the_programme_is_refused(mini: Path) -> None:
    fitting(
        mini,
        process=PROCESS.replace(
            "    start: 2016-10-01\n    end: 2016-10-01\n", "    start: 2016-10-01\n    end: 2016-09-30\n"
        ),
    )
    line = line_of(mini, "curriculum/verdiprosess.yml", "end: 2016-09-30")
    assert (
        f"curriculum/verdiprosess.yml:{line}: trinnet «Rådmannen fastsetter verdisettet» slutter"
        in "\n".join(problems(mini))
    )


@pytest.mark.parametrize("title", ["Verdiprosessen, fase 2: kartlegging"])
def test_a_title_naming_another_phase_is_refused(mini: Path, title: str) -> None:
    fitting(mini)
    path = mini / "curriculum" / "samlinger.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(OPENING, f'      title: "{title}"\n'), encoding="utf-8"
    )
    assert any("sier fase 2, men øvelsene hører til fase 1" in p for p in problems(mini)), problems(mini)


def test_the_guide_shows_minutes_and_when_from_the_data(mini: Path) -> None:
    fitting(mini)
    cur = curriculum_or_raise(mini)
    shown = exercise(cur, "teori/kultur.md", "fortellinger")
    assert shown.startswith("### Øvelse: Fortellinger fra hverdagen { #ovelse-fortellinger }")
    assert "Tid\n:   60 minutter" in shown
    assert "[Samling 1](../samlinger/samling-1.md), tirsdag 13. september 2016 kl. 09\\.00–10.30" in shown
    units = exercise(cur, "teori/kultur.md", "observasjon")
    assert "I egen virksomhet etter [samling 1](../samlinger/samling-1.md), før [samling 2]" in units
    review = exercise(cur, "teori/roller.md", "plattform")
    assert "Bygger på\n:   Det vedtatte verdisettet (fra Rådmannen fastsetter verdisettet)" in review


def test_the_plan_shows_each_session_with_its_minutes_and_the_steps(mini: Path) -> None:
    fitting(mini, sessions={ROLES: ["fortellinger"], OPENING: []})
    cur = curriculum_or_raise(mini)
    table = plan(cur, "index.md")
    assert "| 60 av 75 minutter |" in table
    assert "[Rådmannen fastsetter verdisettet](teori/roller.md#trinn-vedtak)" in table
    gathering = plan(cur, "samlinger/samling-1.md", samling="samling-1")
    assert "Rådmannen fastsetter verdisettet" in gathering  # the step before the next gathering
    assert "Gjennomgang av lederplattformen" not in gathering  # samling-2's session
    assert "### Rådmannen fastsetter verdisettet { #trinn-vedtak }" in steps(cur, "teori/roller.md", fase=2)
