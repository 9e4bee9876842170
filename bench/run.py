"""``make bench``: our build against the bare engine on the same pages, at 1×, 4× and 16×.

See BENCHMARKS.md for the method. Progress goes to stderr; stdout gets the tables, and its last
line is ``bench: ratio_1x=R ratio_4x=R ratio_16x=R scaling_16x=S check_s=C bare_scaling_16x=S
load_start=L load_end=L``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .synth import PROJECT_FILES, make_programme

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
EPOCH = "1473724800"
# A 1-minute load average above this at the start means other work was running: the figures are a
# check of the method, not figures to publish (the bench itself adds about 1 while it runs).
QUIET_LOAD = 1.0


def build_env(**extra: str) -> dict[str, str]:
    """The environment of every build and check. Python writes bytecode, as on any ordinary
    machine: with PYTHONDONTWRITEBYTECODE set (as in some containers) our package, copied without
    __pycache__, would be compiled again in every run (0.3-0.4 s), while the engine's installed
    packages come precompiled."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Engine:
    """How one engine builds our site (checks + our hooks) and the bare pages (none of our code)."""

    name: str
    ours: Callable[[Path, Path], list[str]]
    bare: Callable[[Path, Path], list[str]]
    # Keeps a cache of its own between builds (Zensical's .cache/): one untimed pair first, so
    # every timed run finds it as repeated builds on one machine do.
    own_cache: bool = False


def zensical_bare(project: Path, out: Path) -> list[str]:
    """Zensical on the bare pages; it takes the output folder from its configuration only."""
    config = project / "zensical-bench.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {out.relative_to(project)}\n", encoding="utf-8")
    return [str(Path(PY).with_name("zensical")), "build", "--strict", "--clean", "--config-file", config.name]


# Adding an engine is one more entry here.
ENGINES = [
    Engine(
        "mkdocs",
        ours=lambda project, out: [
            PY,
            "-m",
            "macros",
            "build",
            "--root",
            str(project),
            "--site-dir",
            str(out),
        ],
        bare=lambda project, out: [
            PY,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--clean",
            "-f",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(out),
        ],
    ),
    Engine(
        "zensical",
        ours=lambda project, out: [
            PY,
            "-m",
            "macros",
            "build",
            "--engine",
            "zensical",
            "--root",
            str(project),
            "--site-dir",
            str(out),
        ],
        bare=zensical_bare,
        own_cache=True,
    ),
]


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process and the processes it waited for
    max_rss_kb: int


def timed(command: list[str], cwd: Path) -> Run:
    """Wall time, CPU time and peak resident memory of one build process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    # stderr is read to the end before waiting, so a chatty build cannot block on a full pipe
    stderr = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def load() -> float:
    return os.getloadavg()[0]


def bare_project(project: Path, dest: Path) -> Path:
    """The same pages with our hooks' output already in them, for the engine alone."""
    export = dest / "docs"
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    bare_config = strip_our_code(text)  # before the preparation build: a config it cannot strip stops here
    prep = text.replace("hooks:\n", "hooks:\n  - " + str(ROOT / "bench" / "capture.py") + "\n", 1)
    config.write_text(prep, encoding="utf-8")
    env = build_env(BENCH_EXPORT=str(export))
    try:
        subprocess.run(
            [PY, "-m", "mkdocs", "build", "-q", "--site-dir", str(dest / "prep-site")],
            cwd=project,
            env=env,
            check=True,
        )
    finally:
        config.write_text(text, encoding="utf-8")
    shutil.rmtree(dest / "prep-site")
    shutil.copytree(project / "overrides", dest / "overrides")
    (dest / "mkdocs.yml").write_text(bare_config, encoding="utf-8")
    return dest


def strip_our_code(config: str) -> str:
    """mkdocs.yml without our hooks, our Markdown extension and our watch list (and the macros
    plugin of older versions). Refuses a config that still names our package afterwards, so a new
    hook or plugin of ours cannot end up timed as part of the bare engine."""
    config = re.sub(r"\n  - macros:\n(?:      .*\n)+", "\n", config)
    config = re.sub(r"\nhooks:\n(?:  (?:- |# ).*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", config)  # curriculum/, macros/: not in the bare project
    config = config.replace("  - macros.engines.zensical_glossary\n", "")
    left = [line for line in config.splitlines() if "macros" in line.split("#", 1)[0]]
    if left:
        raise SystemExit("bench: the bare mkdocs.yml would still use our code:\n" + "\n".join(left))
    return config


def site_stats(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p.stat().st_size for p in files if p.suffix == ".html" and p.name != "404.html"]
    index = site / "search" / "search_index.json"  # Material's; Zensical writes search.json
    index = index if index.exists() else site / "search.json"
    return {
        "pages": len(pages),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "page_kb": statistics.median(pages) / 1e3,
        "index_kb": index.stat().st_size / 1e3 if index.exists() else 0.0,
    }


@dataclass
class Side:
    """The timed runs of one build kind (ours or bare) at one size, and the site it made."""

    runs: list[Run] = field(default_factory=list)
    site: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.max_rss_kb for r in self.runs) / 1024


@dataclass
class Block:
    """One size and engine: pairs of runs measured side by side."""

    size: int
    engine: str
    ours: Side = field(default_factory=Side)
    bare: Side = field(default_factory=Side)
    loads: list[float] = field(default_factory=list)  # 1-minute load at the start and after each run

    @property
    def ratios(self) -> list[float]:
        return [o.seconds / b.seconds for o, b in zip(self.ours.runs, self.bare.runs, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(o.cpu / b.cpu for o, b in zip(self.ours.runs, self.bare.runs, strict=True))


@dataclass
class Check:
    """``python -m macros check`` at one size: the first run without .cache/, then warm runs."""

    size: int
    pages: int
    first: float
    seconds: list[float]


def measure_pairs(engine: Engine, block: Block, project: Path, bare: Path, out: Path, pairs: int) -> None:
    """Our build and the bare build alternately, the order swapped every pair (ours first, then
    bare first), so a drift of the machine falls on both sides alike."""
    ours_out, bare_out = out / f"site-{engine.name}", bare / f"site-{engine.name}"
    # inside the bare project: Zensical writes only below its configuration's folder
    commands = {
        "ours": (engine.ours(project, ours_out), project),
        "bare": (engine.bare(bare, bare_out), bare),
    }
    if engine.own_cache:
        for side in ("ours", "bare"):
            timed(*commands[side])
    block.loads.append(load())
    for i in range(pairs):
        for side in ("ours", "bare") if i % 2 == 0 else ("bare", "ours"):
            run = timed(*commands[side])
            getattr(block, side).runs.append(run)
            block.loads.append(load())
        progress(
            f"{block.size}× {engine.name} pair {i + 1}/{pairs}: "
            f"ours {block.ours.runs[-1].seconds:.2f} s, bare {block.bare.runs[-1].seconds:.2f} s, "
            f"ratio {block.ratios[-1]:.2f}, load {load():.2f}"
        )
    block.ours.site, block.bare.site = site_stats(ours_out), site_stats(bare_out)


def measure_check(project: Path, size: int, runs: int) -> Check:
    shutil.rmtree(project / ".cache", ignore_errors=True)  # as in a fresh clone
    command = [PY, "-m", "macros", "check", "--root", str(project)]
    first = timed(command, project).seconds
    seconds = [timed(command, project).seconds for _ in range(runs)]
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    progress(f"{size}× check: first {first:.2f} s, then median {statistics.median(seconds):.2f} s")
    return Check(size, pages, first, seconds)


def progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass
class Plan:
    sizes: list[int]
    pairs: dict[int, int]
    zensical_sizes: set[int]

    def engines(self, size: int) -> list[Engine]:
        return [e for e in ENGINES if e.name == "mkdocs" or size in self.zensical_sizes]


def bench(plan: Plan, work: Path) -> tuple[list[Block], list[Check]]:
    # one copy of the work tree at the start, so every size measures the same sources while
    # others keep editing
    source = make_programme(ROOT, work / "source", 1)
    blocks, checks = [], []
    for k in plan.sizes:
        project = make_programme(source, work / f"x{k}" / "project", k)
        bare = bare_project(project, work / f"x{k}" / "bare")
        checks.append(measure_check(project, k, plan.pairs[k]))  # also fills our caches for the builds
        for engine in plan.engines(k):
            block = Block(k, engine.name)
            measure_pairs(engine, block, project, bare, work / f"x{k}", plan.pairs[k])
            blocks.append(block)
    return blocks, checks


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def table(blocks: list[Block]) -> str:
    head = (
        "| size | engine | build | pages | runs | min s | median s | max s | vs 1× | cpu s | peak MB "
        "| site MB | median page KB | search index KB | ratio | ratio min–max | cpu ratio "
        "| load start / max / end |"
    )
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    first = {
        (b.engine, side): getattr(b, side).median for b in blocks if b.size == 1 for side in ("ours", "bare")
    }
    for b in blocks:
        for label in ("ours", "bare"):
            m = getattr(b, label)
            scaling = f"{m.median / first[b.engine, label]:.2f}" if (b.engine, label) in first else ""
            ours_only = " | | | "
            if label == "ours":
                ours_only = (
                    f"{b.ratio:.2f} | {spread(b.ratios)} | {b.cpu_ratio:.2f} "
                    f"| {b.loads[0]:.2f} / {max(b.loads):.2f} / {b.loads[-1]:.2f}"
                )
            lines.append(
                f"| {b.size}× | {b.engine} | {label} | {m.site['pages']} | {len(m.runs)} "
                f"| {min(m.seconds):.2f} | {m.median:.2f} | {max(m.seconds):.2f} | {scaling} | {m.cpu:.2f} "
                f"| {m.rss_mb:.0f} | {m.site['site_mb']:.1f} | {m.site['page_kb']:.1f} "
                f"| {m.site['index_kb']:.0f} | {ours_only} |"
            )
    return "\n".join(line.replace("|  |", "| |") for line in lines)


def check_table(checks: list[Check]) -> str:
    lines = [
        "| size | pages | check first s (no .cache/) | runs | check min s | check median s | check max s |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in checks:
        lines.append(
            f"| {c.size}× | {c.pages} | {c.first:.2f} | {len(c.seconds)} | {min(c.seconds):.2f} "
            f"| {statistics.median(c.seconds):.2f} | {max(c.seconds):.2f} |"
        )
    return "\n".join(lines)


def summary(blocks: list[Block], check_s: float, loads: tuple[float, float], engine: str = "mkdocs") -> str:
    mine = {b.size: b for b in blocks if b.engine == engine}
    parts = [f"ratio_{k}x=" + (f"{mine[k].ratio:.2f}" if k in mine else "NA") for k in (1, 4, 16)]

    def scaling(side: str) -> str:
        if 1 in mine and 16 in mine:
            return f"{getattr(mine[16], side).median / getattr(mine[1], side).median:.2f}"
        return "NA"

    return (
        f"bench: {' '.join(parts)} scaling_16x={scaling('ours')} check_s={check_s:.2f} "
        f"bare_scaling_16x={scaling('bare')} load_start={loads[0]:.2f} load_end={loads[1]:.2f}"
    )


def versions() -> str:
    found = []
    for name in ("mkdocs", "mkdocs-material", "zensical", "Markdown", "nh3", "pydantic", "Jinja2"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            found.append(f"{name} {importlib.metadata.version(name)}")
    return ", ".join(found)


def source_state() -> str:
    """The commit, and what the copied project files hold beyond it (the bench copies the work tree)."""

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout

    changed = [line[3:] for line in git("status", "--porcelain", "--", *PROJECT_FILES).splitlines()]
    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    return f"commit {commit}" + (f", with uncommitted changes in {', '.join(changed)}" if changed else "")


def per_size(value: str, sizes: list[int]) -> dict[int, int]:
    counts = [int(n) for n in value.split(",")]
    if len(counts) == 1:
        counts *= len(sizes)
    if len(counts) != len(sizes) or min(counts) < 1:
        raise SystemExit(f"bench: --runs needs one count, or one per size ({len(sizes)})")
    return dict(zip(sizes, counts, strict=True))


def sizes_of(value: str) -> list[int]:
    return [int(s) for s in value.split(",") if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16", help="sizes as multiples of the real programme")
    parser.add_argument(
        "--runs",
        default="7,5,3",
        help="pairs (one run of ours, one of the bare engine) per size: one count, or one per size",
    )
    parser.add_argument(
        "--zensical-sizes",
        default="1,4",
        help="sizes at which Zensical is measured too ('' for none; 16 adds about 9 minutes)",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: 1× only, one pair per engine")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if args.quick:
        plan = Plan([1], {1: 1}, {1})
    else:
        sizes = sizes_of(args.sizes)
        plan = Plan(sizes, per_size(args.runs, sizes), set(sizes_of(args.zensical_sizes)))
    load_start = os.getloadavg()
    source = source_state()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="lederportal-bench-"))
    try:
        blocks, checks = bench(plan, work)
        # 1× is a copy of the real project: its check is `make check` on the real data
        real = next((c for c in checks if c.size == 1), None) or measure_check(
            make_programme(work / "source", work / "real", 1), 1, max(plan.pairs.values())
        )
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    load_end = os.getloadavg()
    # the bench itself keeps about one core busy; more than all cores means other work joined in
    peak = max([load_end[0], *(x for b in blocks for x in b.loads)])
    busy = [f"1-minute load {load_start[0]:.2f} > {QUIET_LOAD} at the start"] * (load_start[0] > QUIET_LOAD)
    busy += [f"it rose to {peak:.2f} during the run"] if peak > (os.cpu_count() or 1) else []
    print(f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; {versions()}")
    print(f"Source: {source} (copied at the start)")
    print(
        f"Pairs per size: {', '.join(f'{k}×: {n}' for k, n in plan.pairs.items())}; Zensical at "
        f"{', '.join(f'{k}×' for k in plan.sizes if k in plan.zensical_sizes) or 'no size'}"
    )
    print(
        f"Load average (1, 5, 15 min): start {' '.join(f'{x:.2f}' for x in load_start)}, "
        f"end {' '.join(f'{x:.2f}' for x in load_end)}; took {(time.monotonic() - started) / 60:.1f} min"
    )
    if busy:
        print(f"LOADED MACHINE ({'; '.join(busy)}): a check of the method, not figures to publish.")
    print()
    print(table(blocks))
    print()
    print(check_table(checks))
    print()
    print(
        f"make check on the real data: {statistics.median(real.seconds):.2f} s "
        f"(median of {len(real.seconds)}, {spread(real.seconds)}; "
        f"the first {real.first:.2f} s without .cache/)"
    )
    print(summary(blocks, statistics.median(real.seconds), (load_start[0], load_end[0])))
    return 0
