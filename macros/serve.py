"""Live preview that survives mistakes and code changes, and rebuilds quickly.

``mkdocs serve`` rebuilds on changes in docs/, curriculum/ and overrides/ and keeps running
when the data are wrong. It cannot reload the Python code in macros/, and it stops when the
very first build fails; this supervisor restarts it in both cases.

It runs with ``--dirty``: saving a page rebuilds that page only (and its search entries;
Material keeps the rest of the index). Whatever other pages show as well (the data, the
theme, the list of pages and their titles, the notices, the start page) makes the next
rebuild a full one: ``before_build`` empties the preview's folder, so every page is new.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from .curriculum import page_titles

WATCHED = ("macros", "curriculum", "mkdocs.yml")


def snapshot(root: Path, names: tuple[str, ...] = WATCHED) -> dict[Path, float]:
    """Modification time of every file in ``names`` (files or folders below ``root``)."""
    files: dict[Path, float] = {}
    for name in names:
        path = root / name
        candidates = [path] if path.is_file() else path.rglob("*")
        for file in candidates:
            if file.is_file() and "__pycache__" not in file.parts:
                files[file] = file.stat().st_mtime
    return files


def changed(before: dict[Path, float], after: dict[Path, float]) -> set[Path]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def serve(root: Path, address: str = "127.0.0.1:8000") -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address]
    signal.signal(signal.SIGTERM, interrupt)  # stopped by a service manager or a test: as Ctrl+C
    process = None
    try:
        while True:
            print(f"Forhåndsvisning på http://{address}/ (Ctrl+C avslutter).", flush=True)
            process = subprocess.Popen(command, cwd=root, env=env)
            seen = snapshot(root)
            while True:
                time.sleep(1)
                now = snapshot(root)
                diff, seen = changed(seen, now), now
                stopped = process.poll() is not None
                if any(p.suffix == ".py" for p in diff) or (stopped and diff):
                    print("Endring oppdaget; starter forhåndsvisningen på nytt.", flush=True)
                    break
            stop(process)
    except KeyboardInterrupt:
        return 0
    finally:
        if process is not None:
            stop(process)  # never leave the MkDocs server running without its supervisor


def interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    process.wait()


# The preview's state across its rebuilds (MkDocs loads the hooks module again for each one).
_PREVIEW: dict[str, object] = {"quick": False, "shared": None}


def started(command: str, dirty: bool) -> None:
    """MkDocs' ``on_startup``: note whether this is the quick-rebuilding preview."""
    _PREVIEW["quick"] = command == "serve" and dirty
    if _PREVIEW["quick"]:
        # MkDocs warns on every quick rebuild that links may be stale; here they are not.
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: "'dirty' build" not in record.getMessage())


def before_build(root: Path, site: Path) -> None:
    """MkDocs' ``on_pre_build``: a full rebuild when anything shared by several pages changed."""
    if not _PREVIEW["quick"]:
        return
    shared = shared_inputs(root)
    if shared != _PREVIEW["shared"]:
        for child in site.iterdir() if site.exists() else []:
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        _PREVIEW["shared"] = shared


def shared_inputs(root: Path) -> tuple:
    """What more than one page shows: data, theme, code, configuration, notices, the start page,
    and which pages exist with which titles."""
    files = snapshot(root, (*WATCHED, "overrides", "docs/nytt", "docs/index.md"))
    pages = sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*.md"))
    return sorted((str(p), t) for p, t in files.items()), pages, sorted(page_titles(root / "docs").items())
