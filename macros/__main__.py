"""Command line: ``python -m macros check`` and ``python -m macros build``.

The tools of the other commands (preview, scaffolding, new cohort, schemas, customer report) are
imported by their command only, so ``make check`` starts without them."""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from .archive import build_archives
from .curriculum import curriculum_once
from .engines.mkdocs_build import build_with_mkdocs
from .engines.zensical_build import build_with_zensical
from .model import FILES
from .nginx import DEFAULT_PREFIX, DEFAULT_WEBROOT, nginx_config
from .placeholders import GATHERING_TITLE as BLANK_TITLE
from .problems import DataError, ProblemsFound, report
from .project_checks import run_checks
from .types import parse_date


def check(root: Path) -> int:
    started = time.perf_counter()
    pages, problems = run_checks(root)
    if problems:
        print(report(sorted(set(problems))), file=sys.stderr)
        return 1
    seconds = f"{time.perf_counter() - started:.2f}".replace(".", ",")
    print(f"Alt i orden: {len(FILES)} datafiler og {pages} sider sjekket på {seconds} s.")
    return 0


def source_date_epoch(root: Path) -> str:
    """The last commit's time, so two builds of one commit are identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    if out:
        return out
    # no git history (a copy, an unpacked archive): the programme's first day, from the data
    start = curriculum_once(root).programme.period.start
    return str(int(datetime.combine(start, datetime.min.time(), tzinfo=UTC).timestamp()))


def build(root: Path, dest: Path, engine: str = "mkdocs") -> int:
    """Check, then build into a temporary folder and swap it in only on success.

    Ctrl+C, a full disk or a folder it may not write to end it with one line and the previous
    site as it was; a crash in the engine or a plugin (a bug) shows its traceback."""
    try:
        return checked_build(root, dest.resolve(), engine)
    except KeyboardInterrupt:
        print("Byggingen ble avbrutt; forrige versjon av nettstedet er uendret.", file=sys.stderr)
        return 130
    except OSError as err:
        print(disk_problem(err), file=sys.stderr)
        return 1


def checked_build(root: Path, dest: Path, engine: str) -> int:
    if check(root):
        print("Nettstedet ble ikke bygget; forrige versjon er uendret.", file=sys.stderr)
        return 1
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(root), "NO_MKDOCS_2_WARNING": "1"}
    engine_build = build_with_zensical if engine == "zensical" else build_with_mkdocs
    with temporary_site(root, dest) as tmp:
        try:
            returncode = engine_build(root, tmp, env)
        except OSError:  # a full disk or a folder it may not write to: one line, in build()
            raise
        except Exception:  # a crash in the engine or a plugin (a bug, not a data error): show it all
            traceback.print_exc()
            returncode = 1
        if returncode == 0:  # earlier cohorts (git tags kull/…) into arkiv/, before the swap
            returncode = build_archives(root, tmp, curriculum_once(root).programme.id)
        if returncode != 0:
            print("Byggingen feilet; forrige versjon av nettstedet er uendret.", file=sys.stderr)
            return 1
        readable_by_all(tmp)
        with interrupts_ignored():
            swap(tmp, dest)
    print(f"Nettstedet er bygget i {dest.name}/" + (" med Zensical." if engine == "zensical" else "."))
    return 0


# What an OSError means to whoever builds the site, and what to do about it
DISK_PROBLEMS = {
    errno.ENOSPC: ("disken er full", "Frigjør plass og bygg på nytt"),
    errno.EDQUOT: ("diskkvoten er brukt opp", "Frigjør plass og bygg på nytt"),
    errno.EROFS: ("filsystemet er skrivebeskyttet", "Bygg et annet sted med --site-dir"),
    errno.EACCES: ("brukeren mangler tilgang", "Gi skrivetilgang, eller bygg et annet sted med --site-dir"),
    errno.EPERM: ("brukeren mangler tilgang", "Gi skrivetilgang, eller bygg et annet sted med --site-dir"),
}


def disk_problem(err: OSError) -> str:
    code = errno.errorcode.get(err.errno or 0, str(err.errno))
    unknown = (f"filsystemet svarte {code}", "Rett feilen og bygg på nytt")
    what, fix = DISK_PROBLEMS.get(err.errno or 0, unknown)
    where = f" ({err.filename})" if err.filename else ""
    return f"Byggingen stoppet fordi {what}{where}. {fix}; forrige versjon av nettstedet er uendret."


@contextmanager
def temporary_site(root: Path, dest: Path) -> Iterator[Path]:
    """An empty folder beside `dest` to build in, removed afterwards whatever happens."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    leftovers: dict[Path, list[str]] = {dest.parent: [f".{dest.name}-new-*", f".{dest.name}-old"]}
    leftovers.setdefault(root.resolve(), []).append(".site-zensical-*")  # build_with_zensical's
    with ExitStack() as stack:
        for folder, patterns in sorted(leftovers.items()):
            stack.enter_context(building_in(folder, patterns))
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-new-", dir=dest.parent))
        try:
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def building_in(folder: Path, patterns: list[str]) -> Iterator[None]:
    """A shared lock on `folder` while a build uses it. A build that finds no other holding one
    first removes what matches `patterns`: a build killed by SIGKILL or a power cut left it; while
    another build runs, it may be that build's own. Without file locks (Windows) nothing is
    removed: no build can tell whether another one is running."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass
        else:
            for pattern in patterns:
                for path in folder.glob(pattern):
                    remove(path)
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def readable_by_all(folder: Path) -> None:
    """`chmod -R a+rX`: mkdtemp makes the folder 0700, `rsync -a` keeps that, and the web
    server's worker (www-data) would answer 403 Forbidden for every page."""
    for here, _, names in os.walk(folder):
        os.chmod(here, stat.S_IMODE(os.stat(here).st_mode) | 0o555)
        for path in (os.path.join(here, name) for name in names):
            mode = os.lstat(path).st_mode
            if stat.S_ISREG(mode):  # not through a symlink, to a file outside the site
                os.chmod(path, stat.S_IMODE(mode) | 0o444 | (0o111 if mode & 0o111 else 0))


@contextmanager
def interrupts_ignored() -> Iterator[None]:
    """Ctrl+C between the two renames of swap() would leave no site at all; they take
    microseconds, so Ctrl+C is ignored while they run (and the build ends as built)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a signal handler; Ctrl+C reaches that thread anyway
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def swap(new: Path, dest: Path) -> None:
    """Put `new` where `dest` is with two renames, then delete the old site. If either rename
    fails, `dest` is as it was."""
    old = dest.with_name(f".{dest.name}-old")
    if old.exists():
        shutil.rmtree(old)  # a killed build's; if it cannot be deleted, stop before `dest` moves
    if not dest.exists():
        new.rename(dest)
        return
    deletable(dest)
    dest.rename(old)
    try:
        new.rename(dest)
    except OSError:
        old.rename(dest)
        raise
    shutil.rmtree(old, ignore_errors=True)


def deletable(site: Path) -> None:
    """A read-only site folder can be renamed away but not deleted: it stayed behind as .site-old,
    and the next build failed with ENOTEMPTY. Refuse before anything is moved."""

    def refuse(err: OSError) -> None:
        raise err

    for here, _, _ in os.walk(site, onerror=refuse):
        if not os.access(here, os.R_OK | os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), here)


def customer(root: Path) -> int:
    """``check --kunde``: the checks, then what a new customer has to rewrite (macros/customer.py)."""
    if check(root):
        return 1
    print()
    from .customer import customer_report

    print("\n".join(customer_report(root, curriculum_once(root))))
    return 0


def next_cohort(root: Path, start: str | None, cohort: str | None) -> int:
    """``nytt-kull``: the programme in curriculum/ becomes the next cohort (macros/cohort.py)."""
    try:
        if not start:
            raise DataError(
                "datoen det nye kullet begynner, mangler",
                "skriv den slik: make nytt-kull START=ÅÅÅÅ-MM-DD (første dag i første samling)",
            )
        from .cohort import new_cohort

        lines = new_cohort(root, parse_start(start), cohort or None)
    except ProblemsFound as found:
        print(f"{found}\nRett feilene før du lager et nytt kull; ingenting ble endret.", file=sys.stderr)
        return 1
    except DataError as err:
        print(f"{err.message} ({err.fix})", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def parse_start(text: str) -> date:
    try:
        return parse_date(text)
    except DataError as err:
        raise DataError(
            f"START: {err.message}",
            "skriv datoen som ÅÅÅÅ-MM-DD, for eksempel START=2018-09-11; ingenting ble endret",
        ) from None


def nginx(prefix: str, webroot: str, server: bool) -> int:
    """``nginx``: the nginx configuration for a portal under a prefix and a web root (macros/nginx.py)."""
    try:
        print(nginx_config(prefix, webroot, server=server), end="")
    except DataError as err:
        print(f"{err.message} ({err.fix})", file=sys.stderr)
        return 1
    return 0


def scaffold(root: Path, command: str, title: str, module: str | None = None) -> int:
    try:
        from .scaffold import new_gathering, new_reading

        done = new_gathering(root, title, module) if command == "ny-samling" else new_reading(root)
    except ProblemsFound as found:
        print(f"{found}\nRett feilene før du lager noe nytt; ingenting ble endret.", file=sys.stderr)
        return 1
    except DataError as err:
        print(f"{err.message} ({err.fix})", file=sys.stderr)
        return 1
    for path in done.created:
        print(f"Opprettet {path.relative_to(root).as_posix()}")
    for path, what in done.changed:
        print(f"Endret {path.relative_to(root).as_posix()}: {what}")
    print("\nDette gjenstår:")
    for step in done.next_steps:
        print(f"- {step}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Sjekk og bygg lederportalen.")
    parser.add_argument(
        "command",
        choices=["check", "build", "serve", "schema", "ny-samling", "ny-lesning", "nytt-kull", "nginx"],
    )
    parser.add_argument("--adresse", default="127.0.0.1:8000", help="adressen for forhåndsvisningen")
    parser.add_argument("--tittel", default=BLANK_TITLE, help="tittelen på en ny samling")
    parser.add_argument(
        "--modul",
        default=None,
        help="modulen en ny samling hører til: id, navn eller nummer (standard: den avtalte)",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="prosjektmappen")
    parser.add_argument("--site-dir", type=Path, default=None, help="hvor nettstedet bygges (site/)")
    parser.add_argument(
        "--engine",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help="byggeverktøyet: MkDocs (standard) eller Zensical",
    )
    parser.add_argument(
        "--start",
        default=None,
        help="med nytt-kull: dagen det nye kullet begynner (ÅÅÅÅ-MM-DD), samme ukedag som før",
    )
    parser.add_argument(
        "--kull",
        default=None,
        help="med nytt-kull: id for det nye kullet (standard: den gamle med det nye årstallet)",
    )
    parser.add_argument("--prefix", default=DEFAULT_PREFIX, help="med nginx: stien portalen ligger under")
    parser.add_argument(
        "--webrot",
        default=DEFAULT_WEBROOT,
        help="med nginx: mappen med lenken til portalen (<webrot>/<prefiks uten />)",
    )
    parser.add_argument(
        "--server-blokk",
        action="store_true",
        help="med nginx: en hel server-blokk, ikke bare location-blokkene",
    )
    parser.add_argument(
        "--kunde",
        action="store_true",
        help="med check: list også det som er skrevet for denne kunden (sider merket kunde: true)",
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        return customer(args.root) if args.kunde else check(args.root)
    if args.command == "nytt-kull":
        return next_cohort(args.root, args.start, args.kull)
    if args.command == "nginx":
        return nginx(args.prefix, args.webrot, args.server_blokk)
    if args.command in ("ny-samling", "ny-lesning"):
        return scaffold(args.root, args.command, args.tittel, args.modul)
    if args.command == "serve":  # the preview runs the checks itself and shows their lines
        from .serve import serve

        return serve(args.root, args.adresse)
    if args.command == "schema":
        from .schema import write_schemas

        for path in write_schemas(args.root):
            print(f"Skrev {path.relative_to(args.root)}")
        return 0
    return build(args.root, args.site_dir or args.root / "site", args.engine)


if __name__ == "__main__":
    sys.exit(main())
