"""Every check of the project at once: what ``make check``, the build and the preview's checker run."""

from __future__ import annotations

from pathlib import Path

from .curriculum import fingerprint, load_curriculum, remember
from .docs_files import file_problems
from .nav import config_problems
from .news import check_news
from .pages import check_pages
from .privacy import check_privacy
from .problems import Problem


def run_checks(root: Path) -> tuple[int, list[Problem]]:
    key = fingerprint(root)
    cur, _, problems = load_curriculum(root)
    if cur is not None:
        remember(root, key, cur)  # a build in this process uses it instead of loading again
    pages, page_problems = check_pages(root, cur)
    return pages, (
        problems
        + page_problems
        + file_problems(root / "docs")
        + config_problems(root)
        + check_privacy(root)
        + check_news(root)
    )
