"""Where our build spends its time: ``python -m bench.profile [--size 16]``.

1. The build (``python -m macros build``, as ``make site`` and the bench run it) on the synthetic
   programme at the given size, once without and once under cProfile, both with warm caches (a
   ``macros check`` first, as before the bench's timed runs).
2. Ours against the engine's, two ways: the inclusive time of our entry points (the checks, each
   MkDocs hook, the build's folder handling: everything they call counts as ours), and the
   profile's own time grouped by top-level package, the time of the standard library and of C
   functions given to the package that called them.
3. ``python -X importtime -m macros check`` on the real data (a copy): import time by package.

Prints Markdown tables. cProfile slows Python code more than C code, so shares are more
trustworthy than its seconds; each share is also shown against the unprofiled wall time.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .run import PY, ROOT, build_env
from .synth import make_programme

ENV = build_env()
STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()
SITE = [Path(p).resolve() for p in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}]

# Where our code meets the engine in a build: each is counted with everything it calls.
ENTRY_POINTS = {
    ("macros/__main__.py", "run_checks"): "the checks (`make check`) before the build",
    ("macros/engines/mkdocs_hooks.py", "on_startup"): "hook on_startup",
    ("macros/engines/mkdocs_hooks.py", "on_pre_build"): "hook on_pre_build (preview bookkeeping)",
    ("macros/engines/mkdocs_hooks.py", "on_files"): "hook on_files (published files, calendar files)",
    (
        "macros/engines/mkdocs_hooks.py",
        "on_page_markdown",
    ): "hook on_page_markdown (hand-over, glossary links)",
    ("macros/engines/mkdocs_hooks.py", "on_page_content"): "hook on_page_content (sanitiser)",
    ("macros/engines/mkdocs_hooks.py", "on_post_build"): "hook on_post_build (privacy of the search index)",
    ("macros/__main__.py", "temporary_site"): "build folder: temporary folder, locks, clean-up",
    ("macros/__main__.py", "readable_by_all"): "build folder: chmod a+rX",
    ("macros/__main__.py", "swap"): "build folder: swap and delete the old site",
}


def package(filename: str, project: Path) -> str | None:
    """The top-level package of a profiled function's file; None for C functions and the
    standard library, whose time goes to their caller."""
    if filename.startswith("<") or filename == "~":
        return None
    path = Path(filename).resolve()
    if path.is_relative_to(project):
        return "ours: " + path.relative_to(project).parts[0]
    for site in SITE:
        if path.is_relative_to(site):
            return path.relative_to(site).parts[0].removesuffix(".py")
    if path.is_relative_to(STDLIB):
        return None
    return str(path)


def by_package(stats: pstats.Stats, project: Path) -> dict[str, float]:
    """Own time by package; a C or standard-library function's time is split among its callers
    (by the time spent under each call edge), up to the first callers that have a package."""
    raw = stats.stats  # type: ignore[attr-defined]
    owners = {func: package(func[0], project) for func in raw}
    shares: dict[tuple, dict[str, float]] = {}
    visiting: set[tuple] = set()

    def share(func: tuple) -> dict[str, float]:
        """Which packages a call of ``func`` is made for, as fractions (memoised; cycles cut)."""
        owner = owners.get(func)
        if owner is not None:
            return {owner: 1.0}
        if func in shares:
            return shares[func]
        visiting.add(func)
        mixed: dict[str, float] = defaultdict(float)
        callers = {c: e for c, e in raw[func][4].items() if c not in visiting}
        weight = sum(edge[3] for edge in callers.values())
        if weight > 0:
            for caller, edge in callers.items():
                for name, fraction in share(caller).items():
                    mixed[name] += fraction * edge[3] / weight
        else:
            mixed["python start-up and the standard library"] = 1.0
        visiting.discard(func)
        shares[func] = dict(mixed)
        return shares[func]

    totals: dict[str, float] = defaultdict(float)
    for func, (_, _, own, _, callers) in raw.items():
        if owners[func] is not None:
            totals[owners[func]] += own
            continue
        edges = {c: e[2] for c, e in callers.items()}  # each caller's part of the function's own time
        rest = own - sum(edges.values())
        if rest > 0 or not edges:
            edges[func] = max(rest, 0.0) if edges else own
        for caller, seconds in edges.items():
            for name, fraction in (share(caller) if caller != func else share(func)).items():
                totals[name] += seconds * fraction
    return dict(totals)


def entry_points(stats: pstats.Stats) -> dict[str, float]:
    found: dict[str, float] = defaultdict(float)
    for (filename, _, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        for (suffix, function), label in ENTRY_POINTS.items():
            if name == function and filename.endswith(suffix):
                found[label] += cumulative
    return dict(found)


def ours_by_function(stats: pstats.Stats, project: Path, top: int) -> list[tuple[float, float, int, str]]:
    """Our functions by inclusive time (cumulative, ncalls, own), the largest first."""
    rows = []
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_, calls, own, cumulative, _) in raw.items():
        path = Path(filename).resolve() if not filename.startswith("<") else None
        if path and path.is_relative_to(project / "macros"):
            rows.append((cumulative, own, calls, f"{path.relative_to(project).as_posix()}:{line} {name}"))
    return sorted(rows, reverse=True)[:top]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(
            f"bench.profile: {' '.join(command)} failed:\n{out.stdout[-2000:]}{out.stderr[-3000:]}"
        )
    return out


def profile_build(size: int, work: Path, top: int) -> str:
    project = make_programme(ROOT, work / "project", size).resolve()
    check = [PY, "-m", "macros", "check", "--root", str(project)]
    run(check, project)  # warm caches, bytecode
    build = ["-m", "macros", "build", "--root", str(project), "--site-dir", str(work / "site")]
    started = time.perf_counter()
    run([PY, *build], project)
    wall = time.perf_counter() - started
    out = work / "build.prof"
    started = time.perf_counter()
    run([PY, "-m", "cProfile", "-o", str(out), *build], project)
    profiled = time.perf_counter() - started
    stats = pstats.Stats(str(out))
    total = stats.total_tt  # type: ignore[attr-defined]
    lines = [
        f"Build at {size}× ({sum(1 for _ in (project / 'docs').rglob('*.md'))} pages), warm caches, "
        f"load average {os.getloadavg()[0]:.2f}: {wall:.2f} s unprofiled, "
        f"{profiled:.2f} s under cProfile ({total:.2f} s in the profile).",
        "",
    ]

    def row(label: str, seconds: float) -> str:
        return f"| {label} | {seconds:.2f} | {100 * seconds / total:.1f} % | {wall * seconds / total:.2f} |"

    lines += ["| our entry point (inclusive) | profiled s | share | ≈ s unprofiled |", "|---|---|---|---|"]
    points = entry_points(stats)
    for label, seconds in sorted(points.items(), key=lambda item: -item[1]):
        lines.append(row(label, seconds))
    lines += [row("**all our entry points**", sum(points.values())), ""]
    lines += [
        "| package (own time, C and stdlib given to the caller) | profiled s | share | ≈ s unprofiled |",
        "|---|---|---|---|",
    ]
    for name, seconds in sorted(by_package(stats, project).items(), key=lambda item: -item[1]):
        if seconds >= 0.001 * total:
            lines.append(row(name, seconds))
    lines += ["", "| our function | inclusive s | own s | calls |", "|---|---|---|---|"]
    for cumulative, own, calls, name in ours_by_function(stats, project, top):
        lines.append(f"| `{name}` | {cumulative:.2f} | {own:.2f} | {calls} |")
    return "\n".join(lines)


IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)$")


def parse_importtime(
    stderr: str,
) -> tuple[dict[str, int], dict[str, int], dict[tuple[str, str], int], dict[str, int]]:
    """Microseconds: own import time by top-level package; time of imports of a package from
    outside it, with everything they imported; what each of our modules brought in from other
    packages (our module, package) → time; and each of our modules' own time."""
    ours: dict[str, int] = {}
    own: dict[str, int] = defaultdict(int)
    entered: dict[str, int] = defaultdict(int)
    brought: dict[tuple[str, str], int] = defaultdict(int)
    stack: list[tuple[int, str, str]] = []
    # importtime prints an import after what it imported (indented deeper): read backwards, parents first
    for line in reversed(stderr.splitlines()):
        match = IMPORT_LINE.match(line)
        if not match:
            continue
        depth, name = len(match[3]), match[4]
        top = name.split(".")[0]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        own[top] += int(match[1])
        if top == "macros":
            ours[name] = int(match[1])
        if not stack or stack[-1][1] != top:
            entered[top] += int(match[2])
            if stack and stack[-1][1] == "macros":
                brought[stack[-1][2], top] += int(match[2])
        stack.append((depth, top, name))
    return own, entered, brought, ours


def least(runs: list[dict]) -> dict:
    """Each key's smallest value over the runs: the run least disturbed by other work."""
    return {key: min(run.get(key, 0) for run in runs) for key in set().union(*runs)}


def import_times(work: Path, repeats: int = 5) -> str:
    """``python -X importtime -m macros check`` on a copy of the real project, the least of
    ``repeats`` runs for each figure."""
    project = make_programme(ROOT, work / "real", 1).resolve()
    command = [PY, "-X", "importtime", "-m", "macros", "check", "--root", str(project)]
    run(command, project)  # warm caches, bytecode
    walls, parsed, said = [], [], ""
    for _ in range(repeats):
        started = time.perf_counter()
        out = run(command, project)
        walls.append(time.perf_counter() - started)
        parsed.append(parse_importtime(out.stderr))
        said = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    own, entered, brought, ours = (least([p[i] for p in parsed]) for i in range(4))
    total = min(sum(p[0].values()) for p in parsed)
    lines = [
        f"`python -X importtime -m macros check` on the real data, least of {repeats} runs: "
        f"{min(walls):.2f} s wall (importtime itself adds a little), imports {total / 1e6:.2f} s; "
        f"the last check says «{said}».",
        "",
        "| package | own import s | imported from outside it, with what it imports s |",
        "|---|---|---|",
    ]
    for top, us in sorted(own.items(), key=lambda item: -item[1])[:15]:
        lines.append(f"| {top} | {us / 1e6:.3f} | {entered.get(top, 0) / 1e6:.3f} |")
    lines += ["", "| our module | own import s (module code, e.g. building models) |", "|---|---|"]
    for module, us in sorted(ours.items(), key=lambda item: -item[1])[:10]:
        lines.append(f"| {module} | {us / 1e6:.3f} |")
    lines += ["", "| our module | brings in (first import, with what it imports) | s |", "|---|---|---|"]
    for (module, top), us in sorted(brought.items(), key=lambda item: -item[1]):
        if us >= 2000:
            lines.append(f"| {module} | {top} | {us / 1e6:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=16, help="size of the synthetic programme")
    parser.add_argument("--top", type=int, default=25, help="how many of our functions to list")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (and build.prof)")
    parser.add_argument("--imports-only", action="store_true", help="only the import times of make check")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="lederportal-profile-"))
    try:
        print(f"Load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
        if not args.imports_only:
            print(profile_build(args.size, work / "build", args.top))
            print()
        print(import_times(work))
        print(f"\nLoad average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
