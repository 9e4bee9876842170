"""Entry point for Zensical's macros extension: registers the components.

MkDocs does not come here: its hooks (``macros/mkdocs_files.py``) check and render each page in
the sandbox themselves. Zensical renders with its own, unsandboxed Jinja, so the Zensical build
(``macros/zensical_build.py``) runs only after ``make check`` has held every page to the
template allowlist (``macros/templates.py``): only component calls with plain values reach it.
Zensical calls ``define_env`` once per page (with a fresh copy of this module), so the
curriculum is cached in ``macros.curriculum``, not here.
"""

from __future__ import annotations

from pathlib import Path

from .components import bound
from .curriculum import curriculum_once
from .front_matter import escape_shown_fields
from .glossary_links import GLOSSARY_PAGE, link_terms
from .problems import ProblemsFound


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    try:
        cur = curriculum_once(Path(env.project_dir))
    except ProblemsFound as found:
        raise PluginError(f"Feil i programdataene:\n{found}") from None
    env.lederportal_curriculum = cur  # for the page hook below, without checking files again
    for name, call in bound(cur, lambda: page_path(env.page)).items():
        env.macro(call, name)


def on_post_page_macros(env) -> None:
    """After the components: escape front matter the theme prints, and link each glossary
    term's first use on the page to its definition."""
    meta = getattr(env.page, "meta", None)
    if isinstance(meta, dict):
        escape_shown_fields(meta)
    if not (Path(env.conf["docs_dir"]) / GLOSSARY_PAGE).exists():
        return
    cur = getattr(env, "lederportal_curriculum", None) or curriculum_once(Path(env.project_dir))
    env.markdown = link_terms(env.markdown, page_path(env.page), cur.terms)


def page_path(page) -> str:
    """The calling page relative to docs/: MkDocs' ``page.file.src_uri``, Zensical's ``page.path``."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path
