"""Command line: ``python -m macros check`` and ``python -m macros build``."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .curriculum import fingerprint, load_curriculum, remember
from .model import FILES
from .news import check_news
from .pages import check_pages
from .privacy import check_privacy
from .problems import DataError, Problem, ProblemsFound, report
from .scaffold import new_gathering, new_reading
from .serve import serve
from .schema import write_schemas
from .unsafe_html import check_unsafe_html
from .zensical_build import build_with_zensical


def run_checks(root: Path) -> tuple[int, list[Problem]]:
    key = fingerprint(root)
    cur, _, problems = load_curriculum(root)
    if cur is not None:
        remember(root, key, cur)  # a build in this process uses it instead of loading again
    pages, page_problems = check_pages(root, cur)
    return pages, problems + page_problems + check_privacy(root) + check_unsafe_html(root) + check_news(root)


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
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out or "1473724800"  # 13 September 2016, when there is no git history


def build(root: Path, dest: Path, engine: str = "mkdocs") -> int:
    """Check, then build into a temporary folder and swap it in only on success."""
    if check(root):
        print("Nettstedet ble ikke bygget; forrige versjon er uendret.", file=sys.stderr)
        return 1
    dest = dest.resolve()
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-new-", dir=dest.parent))
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(root), "NO_MKDOCS_2_WARNING": "1"}
    engine_build = build_with_zensical if engine == "zensical" else build_with_mkdocs
    try:
        returncode = engine_build(root, tmp, env)
    except Exception:  # a crash in the engine or a plugin (a bug, not a data error): show it all
        traceback.print_exc()
        returncode = 1
    except BaseException:  # Ctrl+C: leave nothing half-written behind
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print("Byggingen feilet; forrige versjon av nettstedet er uendret.", file=sys.stderr)
        return 1
    swap(tmp, dest)
    print(f"Nettstedet er bygget i {dest.name}/" + (" med Zensical." if engine == "zensical" else "."))
    return 0


def build_with_mkdocs(root: Path, site: Path, env: dict[str, str]) -> int:
    """``mkdocs build --strict`` in this process, so the curriculum and the pages the checks
    just rendered are not loaded and rendered again by a second Python process."""
    import click
    from mkdocs.__main__ import cli

    os.environ.update(env)
    here = Path.cwd()
    os.chdir(root)
    try:
        cli.main(["build", "--strict", "--clean", "--site-dir", str(site)], prog_name="mkdocs",
                 standalone_mode=False)
    except click.ClickException as err:
        err.show()
        return 1
    finally:
        os.chdir(here)
    return 0


def swap(new: Path, dest: Path) -> None:
    old = dest.with_name(f".{dest.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    new.rename(dest)
    shutil.rmtree(old, ignore_errors=True)


def scaffold(root: Path, command: str, title: str) -> int:
    try:
        changed = new_gathering(root, title) if command == "ny-samling" else new_reading(root)
    except ProblemsFound as found:
        print(f"{found}\nRett feilene før du lager noe nytt.", file=sys.stderr)
        return 1
    except DataError as err:
        print(f"{err.message} ({err.fix})", file=sys.stderr)
        return 1
    for path in changed:
        print(f"Endret {path.relative_to(root)}")
    print("Fyll ut feltene, og kjør «make check» for å se hva som mangler.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Sjekk og bygg lederportalen.")
    parser.add_argument("command", choices=["check", "build", "serve", "schema", "ny-samling", "ny-lesning"])
    parser.add_argument("--adresse", default="127.0.0.1:8000", help="adressen for forhåndsvisningen")
    parser.add_argument("--tittel", default="Ny samling", help="tittelen på en ny samling")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="prosjektmappen")
    parser.add_argument("--site-dir", type=Path, default=None, help="hvor nettstedet bygges (site/)")
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                        help="byggeverktøyet: MkDocs (standard) eller Zensical")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root)
    if args.command in ("ny-samling", "ny-lesning"):
        return scaffold(args.root, args.command, args.tittel)
    if args.command == "serve":
        check(args.root)
        return serve(args.root, args.adresse)
    if args.command == "schema":
        for path in write_schemas(args.root):
            print(f"Skrev {path.relative_to(args.root)}")
        return 0
    return build(args.root, args.site_dir or args.root / "site", args.engine)


if __name__ == "__main__":
    sys.exit(main())
