"""MkDocs hooks (``hooks:`` in mkdocs.yml): the one place where MkDocs meets the package.

- Pages: each page's component calls are checked and rendered in the sandbox (``macros.pages``,
  the same code as ``make check``), its front matter cut to the allowed fields, glossary terms
  linked; its HTML is then held to the allowlist and sanitised (``macros.sanitise``).
- Files: only what may be published from docs/ (``macros.docs_files``), plus the calendar
  files made from the data (``macros.calendar``), which MkDocs copies and resolves like any file.
- The search index is read for personal data before the build counts as done.
- The preview's choice between a quick and a full rebuild, and how each build ended, for the
  preview's error page (``mkdocs_preview``).

Any problem stops the build with the checks' Norwegian ``file:line`` lines.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.calendar import calendar_files, stamp_from_epoch
from macros.curriculum import curriculum_once
from macros.docs_files import file_problems
from macros.engines.mkdocs_preview import before_build, build_failed, started
from macros.front_matter import FIELDS, escape_shown_fields
from macros.glossary_links import GLOSSARY_PAGE, link_terms
from macros.model import Curriculum
from macros.pages import page_markdown, rendered
from macros.privacy import findings, load_allowed, normalised
from macros.problems import Problem, ProblemsFound, report
from macros.sanitise import clean, violations

# The curriculum of the build in progress, loaded once in on_files (every build, the preview's
# rebuilds included, runs it before the pages): checking the data files for changes once per
# page made the build grow with pages × files.
_BUILD: dict[str, Curriculum] = {}
# The pages whose Markdown the checks rendered and whose HTML they held to the sanitiser's
# allowlist (macros.published), in this build: their content is only cleaned, not read again for
# violations (Python's HTML parser over every article was 12 % of a large build). A page the checks
# did not see this way (the engine read its file differently) is read for violations as before.
_CHECKED: set[str] = set()


def project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def stop(problems: list[Problem]) -> PluginError:
    return PluginError("Nettstedet kan ikke bygges:\n" + report(sorted(set(problems))))


def on_startup(command: str, dirty: bool) -> None:
    started(command, dirty)


def on_pre_build(config: MkDocsConfig) -> None:
    before_build(project(config), Path(config.site_dir))


def on_build_error(error: Exception) -> None:
    build_failed(error)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    problems = file_problems(Path(config.docs_dir))
    if problems:
        raise stop(problems)
    try:
        cur = _BUILD["cur"] = curriculum_once(project(config))
    except ProblemsFound as found:
        raise stop(found.problems) from None
    stamp = stamp_from_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
    for path, text in calendar_files(cur, stamp, config.site_url or "").items():
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    root, here, cur = project(config), page.file.src_uri, _BUILD["cur"]
    try:
        text = page_markdown(root, cur, here, markdown)
    except ProblemsFound as found:
        raise stop(found.problems) from None
    if rendered(here, markdown, cur) is not None:
        _CHECKED.add(here)
    else:
        _CHECKED.discard(here)
    for key in set(page.meta) - set(FIELDS):  # the checks refuse them; never pass one to the theme
        del page.meta[key]
    escape_shown_fields(page.meta)
    if not (Path(config.docs_dir) / GLOSSARY_PAGE).exists():
        return text
    return link_terms(text, here, cur.terms)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    found = [] if page.file.src_uri in _CHECKED else violations(content)
    if found:
        raise stop([Problem(f"docs/{page.file.src_uri}", 0, v.message) for v in found])
    return clean(content)


def on_post_build(config: MkDocsConfig) -> None:
    """What the search index publishes: the pages' text and titles, read for personal data."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    allowed, _ = load_allowed(project(config))
    problems = [
        Problem(f"search/search_index.json ({doc.get('location', '')})", 0, f.message, f.fix)
        for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        for text in (doc.get("title", ""), doc.get("text", ""))
        for f in findings(normalised(html.unescape(text)), allowed)
    ]
    if problems:
        raise stop(problems)
