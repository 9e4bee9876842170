"""``mkdocs build --strict`` in this process, so the curriculum and the pages the checks just
rendered are not loaded and rendered again by a second Python process.

MkDocs reads its settings from the environment (``SOURCE_DATE_EPOCH``, the ``!ENV`` values in
mkdocs.yml), so the build's variables are set for the build only and put back afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import click
from mkdocs.__main__ import cli


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` with ``values`` for the duration of the block, then as it was."""
    before = dict(os.environ)
    os.environ.update(values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(before)


def build_with_mkdocs(root: Path, site: Path, env: Mapping[str, str]) -> int:
    """Build ``root``'s site into ``site``; 0 when it is built, 1 when MkDocs refused it."""
    arguments = [
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(site),
    ]
    with environment(env):
        try:
            cli.main(arguments, prog_name="mkdocs", standalone_mode=False)
        except click.ClickException as err:
            err.show()
            return 1
        except click.Abort as err:  # click's name for Ctrl+C when it may not exit by itself
            raise KeyboardInterrupt from err
    return 0
