"""The preview's side inside MkDocs (``mkdocs serve --dirty``, started by ``macros.serve``'s
supervisor), called from the hooks in ``macros/engines/mkdocs_hooks.py``: whether a rebuild may
be quick, and how each build ended, written to the status file the supervisor shows.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

from ..curriculum import page_titles
from ..problems import summary
from ..serve import STATUS, WATCHED, snapshot

# MkDocs 1.6's warning on every quick rebuild (mkdocs/commands/build.py); the preview hides it,
# and tests/test_engines.py fails if MkDocs no longer writes it this way.
DIRTY_WARNING = "'dirty' build"

_PREVIEW: dict[str, object] = {"quick": False, "shared": None, "collector": None}


def started(command: str, dirty: bool) -> None:
    """MkDocs' ``on_startup``: note whether this is the quick-rebuilding preview, and whether a
    supervisor wants to hear how each build ends."""
    _PREVIEW["quick"] = command == "serve" and dirty
    if _PREVIEW["quick"]:
        # MkDocs warns on every quick rebuild that links may be stale; here they are not.
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: DIRTY_WARNING not in record.getMessage()
        )
    if command == "serve" and os.environ.get(STATUS) and _PREVIEW["collector"] is None:
        collector = Collector()
        logging.getLogger("mkdocs").addHandler(collector)
        _PREVIEW["collector"] = collector
        signal.signal(signal.SIGTERM, lambda signum, frame: end())  # the supervisor's stop()
        threading.Thread(target=stop_with, args=(os.getppid(),), daemon=True).start()


def stop_with(supervisor: int) -> None:
    """End this MkDocs server if its supervisor is gone without stopping it (killed): nobody
    could reach it any more."""
    while os.getppid() == supervisor:
        time.sleep(1)
    end()


def end() -> None:
    """End this MkDocs server at once, without leaving its site in the temporary folder (MkDocs
    removes it only on Ctrl+C, whose way out can block on output that nobody reads)."""
    site = _PREVIEW.get("site")
    if isinstance(site, Path):
        shutil.rmtree(site, ignore_errors=True)
    os._exit(0)


def before_build(root: Path, site: Path) -> None:
    """MkDocs' ``on_pre_build``: a build starts (the supervisor forgets the last failure), and a
    full rebuild when anything shared by several pages changed."""
    collector = _PREVIEW["collector"]
    if isinstance(collector, Collector):
        collector.reset()
        write_status(failed=False, problems=[])
        _PREVIEW["site"] = site
    if not _PREVIEW["quick"]:
        return
    shared = shared_inputs(root)
    if shared != _PREVIEW["shared"]:
        for child in site.iterdir() if site.exists() else []:
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        _PREVIEW["shared"] = shared


def build_failed(error: BaseException) -> None:
    """MkDocs' ``on_build_error``: tell the supervisor what stopped the build: our hooks' report
    (the checks' ``file:line`` lines), or else MkDocs' own warnings, which say more than its
    "Aborted with 1 warnings in strict mode!"."""
    collector = _PREVIEW["collector"]
    if not isinstance(collector, Collector):
        return
    problems = report_lines(str(error))
    if problems is None:
        write_status(failed=True, problems=collector.messages or [described(error)])
    else:
        write_status(failed=True, problems=problems, source="sjekk")
    collector.reported = True


def report_lines(text: str) -> list[str] | None:
    """The problem lines of a report (``macros.problems.report``) under a heading line, or None
    when `text` is not one."""
    lines = text.splitlines()[1:]
    if lines and lines[-1] == summary(len(lines) - 1):
        return lines[:-1]
    return None


def described(error: BaseException) -> str:
    """An error with its file and line when it has them (a template's syntax error)."""
    file, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if isinstance(file, str) and Path(file).is_absolute() and Path(file).is_relative_to(Path.cwd()):
        file = Path(file).relative_to(Path.cwd()).as_posix()  # MkDocs runs in the project folder
    where = ":".join(str(x) for x in (file, line) if x)
    return f"{where}: {error}" if where else str(error) or type(error).__name__


class Collector(logging.Handler):
    """MkDocs' warnings and errors during a build, for the supervisor. MkDocs' live-reload server
    logs an error when a rebuild failed; when no hook said why (mkdocs.yml could not be read, so
    no plugin ran), what was logged is the reason."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.reset()

    def reset(self) -> None:
        self.messages: list[str] = []
        self.reported = False

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):
            self.messages.append(record.getMessage())
        elif record.levelno >= logging.ERROR:
            if not self.reported:  # MkDocs logs this while it handles the error: there it is
                error = sys.exc_info()[1]
                found = [*self.messages, *([described(error)] if error is not None else [])]
                write_status(failed=True, problems=found or [record.getMessage()])
            self.reset()


def write_status(failed: bool, problems: list[str], source: str = "mkdocs") -> None:
    path = Path(os.environ[STATUS])
    tmp = path.with_suffix(".tmp")
    data = {"failed": failed, "problems": problems, "source": source, "time": time.time()}
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # the supervisor has gone; MkDocs goes with it


# file names and modification times, pages, and page titles
SharedInputs = tuple[list[tuple[str, float]], list[str], list[tuple[str, str]]]


def shared_inputs(root: Path) -> SharedInputs:
    """What more than one page shows: data, theme, code, configuration, notices, the start page,
    and which pages exist with which titles."""
    files = snapshot(root, (*WATCHED, "overrides", "docs/nytt", "docs/index.md"))
    pages = sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*.md"))
    return sorted((str(p), t) for p, t in files.items()), pages, sorted(page_titles(root / "docs").items())
