"""mkdocs-macros entry point: registers the components, nothing more."""

from __future__ import annotations

from pathlib import Path

from .components import bound
from .curriculum import curriculum_or_raise
from .problems import ProblemsFound


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    try:
        cur = curriculum_or_raise(Path(env.project_dir))
    except ProblemsFound as found:
        raise PluginError(f"Feil i programdataene:\n{found}") from None
    for name, call in bound(cur, lambda: env.page.file.src_uri).items():
        env.macro(call, name)
