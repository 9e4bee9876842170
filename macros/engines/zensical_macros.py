"""Entry point for Zensical's macros extension (``module_name`` in ``zensical_build.py``):
registers the components.

MkDocs does not come here: its hooks (``mkdocs_hooks.py``) check and render each page in the
sandbox themselves. Zensical renders with its own, unsandboxed Jinja, so the Zensical build runs
only after ``make check`` has held every page to the template allowlist (``macros/templates.py``):
only component calls with plain values reach it. Zensical calls ``define_env`` once per page, so
the curriculum is cached in ``macros.curriculum``, not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from ..components import bound
from ..curriculum import curriculum_once
from ..problems import ProblemsFound

if TYPE_CHECKING:
    from zensical.extensions.macros import MacroEnv


def define_env(env: MacroEnv) -> None:
    try:
        cur = curriculum_once(Path(env.project_dir))
    except ProblemsFound as found:
        raise PluginError(f"Feil i programdataene:\n{found}") from None
    for name, call in bound(cur, lambda: page_path(env)).items():
        env.macro(call, name)


def page_path(env: MacroEnv) -> str:
    """The page being rendered (Zensical sets it before it renders a page's macros)."""
    assert env.page is not None
    return env.page.path
