"""mkdocs.yml as the checks see it: readable, and its navigation in step with the pages.

MkDocs stops a strict build for a navigation entry whose page is missing and for a page that
the navigation leaves out (``validation.nav`` in mkdocs.yml); both are found here first, by
line, so ``make site`` never meets a problem that ``make check`` could have named.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pathspec
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem, closest

CONFIG = "mkdocs.yml"


def load_config(root: Path) -> tuple[Any, list[Problem]]:
    """mkdocs.yml read with its lines (tags such as !ENV kept as they are), or one problem."""
    try:
        return YAML().load((root / CONFIG).read_text(encoding="utf-8")), []
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        return None, [
            Problem(
                CONFIG,
                line,
                "mkdocs.yml kan ikke leses (YAML-syntaksfeil)",
                "sjekk innrykk, kolon og anførselstegn på linjen og linjen over",
            )
        ]
    except (OSError, YAMLError):
        return None, [
            Problem(CONFIG, 1, "mkdocs.yml kan ikke leses", "sjekk at filen finnes og er lagret som UTF-8")
        ]


def entries(node: Any) -> Iterator[tuple[str, int]]:
    """Every page path in the navigation, with its line."""
    items = node if isinstance(node, list) else []
    for index, item in enumerate(items):
        if isinstance(item, str):
            yield item, cast(CommentedSeq, items).lc.item(index)[0] + 1  # read with its lines (load_config)
        elif isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str):
                    yield value, cast(CommentedMap, item).lc.value(key)[0] + 1
                else:
                    yield from entries(value)


def nav_problems(root: Path, config: Any) -> list[Problem]:
    if not isinstance(config, dict) or "nav" not in config:
        return []
    docs = root / str(config.get("docs_dir", "docs"))
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    listed = set()
    problems = []
    for target, line in entries(config["nav"]):
        if "://" in target:
            continue
        listed.add(target)
        if target not in pages:
            close = closest(target, pages)
            problems.append(
                Problem(
                    CONFIG,
                    line,
                    f"navigasjonen viser til «{target}», som ikke finnes i docs/",
                    f"mente du «{close}»?" if close else "rett stien, eller fjern linjen",
                )
            )
    if setting(config, "omitted_files", "info") != "warn":
        return problems  # MkDocs only mentions pages left out of the navigation
    # read as MkDocs 1.6 reads not_in_nav (config_options.PathSpec)
    hidden = pathspec.GitIgnoreSpec.from_lines(str(config.get("not_in_nav") or "").splitlines())
    for page in pages:
        if page not in listed and not hidden.match_file(page):
            problems.append(
                Problem(
                    f"docs/{page}",
                    1,
                    "siden står ikke i navigasjonen (nav: i mkdocs.yml)",
                    "før den opp under nav: i mkdocs.yml der den hører hjemme",
                )
            )
    return problems


def setting(config: dict[str, Any], name: str, default: str) -> str:
    """A level of MkDocs' ``validation.nav`` (MkDocs 1.6's defaults when it is not set)."""
    validation = config.get("validation") or {}
    nav = validation.get("nav") if isinstance(validation, dict) else None
    return str((nav or {}).get(name, default)) if isinstance(nav or {}, dict) else default


def config_problems(root: Path) -> list[Problem]:
    config, problems = load_config(root)
    return problems or nav_problems(root, config)
