"""Load every file in ``curriculum/`` into one checked, read-only Curriculum."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .checks import check_curriculum
from .load import Loaded, load_yaml_cached
from .locator import Locator
from .model import FILES, Curriculum
from .problems import Problem, ProblemsFound
from .validate import validate_file


def load_curriculum(
    root: Path, *, cross_check: bool = True
) -> tuple[Curriculum | None, Locator, list[Problem]]:
    """Load, validate and cross-check; returns problems instead of raising."""
    problems: list[Problem] = []
    files: dict[str, Loaded] = {}
    values: dict[str, Any] = {}
    for filename, field in FILES.items():
        name = f"curriculum/{filename}"
        path = root / "curriculum" / filename
        if not path.exists():
            problems.append(Problem(name, 0, "filen mangler", f"opprett {name}"))
            continue
        loaded, found = load_yaml_cached(path, name, root / ".cache" / "curriculum")
        problems += found
        if loaded is None:
            continue
        files[field] = loaded
        annotation = Curriculum.model_fields[field].annotation
        assert annotation is not None  # every field of the model has a type
        value, found = validate_file(TypeAdapter(annotation), annotation, loaded)
        problems += found
        if value is not None:
            values[field] = value
    locator = Locator(files)
    if problems:
        return None, locator, problems
    curriculum = Curriculum.model_construct(**values)
    problems = check_curriculum(curriculum, locator, root) if cross_check else []
    curriculum._titles.update(page_titles(root / "docs"))
    from .news import load_news

    curriculum._news.extend(load_news(root / "docs")[0])
    return (None if problems else curriculum), locator, problems


def page_titles(docs: Path) -> dict[str, str]:
    """Each page's first level-one heading, by its path relative to docs/."""
    titles = {}
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"^# (.+?)\s*$", text, re.MULTILINE)
        if match:
            titles[path.relative_to(docs).as_posix()] = match[1]
    return titles


def curriculum_or_raise(root: Path, *, cross_check: bool = True) -> Curriculum:
    curriculum, _, problems = load_curriculum(root, cross_check=cross_check)
    if problems or curriculum is None:  # None only with problems
        raise ProblemsFound(problems)
    return curriculum


# name, size and modification time of each file
Fingerprint = tuple[tuple[str, int, int], ...]
_LOADED: dict[Path, tuple[Fingerprint, Curriculum]] = {}


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and modification time of every file the curriculum is built from.

    Called once per page under Zensical, so it uses os.walk (half the time of Path.rglob).
    """
    found = []
    for top, suffix in ((root / "curriculum", ".yml"), (root / "docs", ".md")):
        for folder, subfolders, names in os.walk(top):
            if top.name == "curriculum":
                subfolders.clear()
            found += [os.path.join(folder, name) for name in names if name.endswith(suffix)]
    return tuple((name, s.st_size, s.st_mtime_ns) for name in sorted(found) for s in [os.stat(name)])


def remember(root: Path, key: Fingerprint, curriculum: Curriculum) -> None:
    """Keep a curriculum the checks loaded (``key`` taken before loading) for this process."""
    _LOADED[root.resolve()] = (key, curriculum)


def curriculum_once(root: Path) -> Curriculum:
    """The checked curriculum, loaded once per process and again only when a file changed.

    Zensical calls ``define_env`` for every page (MkDocs once per build); loading the data
    each time made Zensical many times slower.
    """
    root = root.resolve()
    key = fingerprint(root)
    cached = _LOADED.get(root)
    if cached is None or cached[0] != key:
        _LOADED[root] = (key, curriculum_or_raise(root))
    return _LOADED[root][1]
