"""MkDocs hook (``hooks:`` in mkdocs.yml): files made from the data, added to the build's file
list; and the preview's choice between a quick and a full rebuild (``macros.serve``).

The thin engine layer for ``macros.calendar``: MkDocs copies them into the site and resolves
pages' links to them like any other file, so ``--strict`` link validation covers them.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File, Files

from macros.calendar import calendar_files, stamp_from_epoch
from macros.curriculum import curriculum_once
from macros.serve import before_build, started


def on_startup(command: str, dirty: bool) -> None:
    started(command, dirty)


def on_pre_build(config) -> None:
    before_build(Path(config.config_file_path).parent, Path(config.site_dir))


def on_files(files: Files, config) -> Files:
    cur = curriculum_once(Path(config.config_file_path).parent)
    stamp = stamp_from_epoch(os.environ.get("SOURCE_DATE_EPOCH"))
    for path, text in calendar_files(cur, stamp, config.site_url or "").items():
        files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files
