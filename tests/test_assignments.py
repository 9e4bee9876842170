"""A gathering's arbeidskrav come from vurdering.yml alone: each names its gathering once."""

from __future__ import annotations

from pathlib import Path

import jinja2

from macros.components import bound
from macros.curriculum import curriculum_or_raise


def preparation(project: Path, gathering: str) -> str:
    cur = curriculum_or_raise(project)
    page = cur.by_id("gatherings")[gathering].page
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals.update(bound(cur, lambda: page))
    return env.from_string(f'{{{{ forberedelse("{gathering}") }}}}').render()


def test_an_arbeidskrav_shows_under_the_gathering_it_names(mini: Path) -> None:
    cur = curriculum_or_raise(mini)
    work = next(a for a in cur.assessments if a.kind == "arbeidskrav" and a.gathering)
    other = next(g.id for g in cur.gatherings if g.id != work.gathering and g.module == "modul-1")
    assert work.title in preparation(mini, work.gathering)
    data = mini / "curriculum" / "vurdering.yml"
    text = data.read_text(encoding="utf-8")
    assert text.count(f"gathering: {work.gathering}\n") == 1
    data.write_text(text.replace(f"gathering: {work.gathering}\n", f"gathering: {other}\n"), encoding="utf-8")
    assert work.title not in preparation(mini, work.gathering)
    assert f"### Arbeidskrav\n\n- **{work.title}**" in preparation(mini, other)


def test_an_exam_is_not_listed_as_an_arbeidskrav(mini: Path) -> None:
    cur = curriculum_or_raise(mini)
    exam = next(a for a in cur.assessments if a.kind == "eksamen" and a.gathering)
    assert exam.title not in preparation(mini, exam.gathering)
    assert cur.assignments_of(exam.gathering) == [
        a for a in cur.assessments if a.kind == "arbeidskrav" and a.gathering == exam.gathering
    ]
