"""``make bench``: our build against the bare engine on the same pages, at 1×, 4× and 16×.

See BENCHMARKS.md for the method. The last line printed is
``bench: ratio_1x=R ratio_4x=R ratio_16x=R scaling_16x=S check_s=C``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .synth import make_programme

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
EPOCH = "1473724800"


@dataclass
class Engine:
    """How one engine builds our site (checks + macros) and the bare pages (no macros, no hooks)."""

    name: str
    ours: Callable[[Path, Path], list[str]]
    bare: Callable[[Path, Path], list[str]]


def zensical_bare(project: Path, out: Path) -> list[str]:
    """Zensical on the bare pages; it takes the output folder from its configuration only."""
    config = project / "zensical-bench.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {out.relative_to(project)}\n", encoding="utf-8")
    return [str(Path(PY).with_name("zensical")), "build", "--strict", "--clean", "--config-file", config.name]


# Adding an engine is one more entry here. Each engine keeps its own caches between the runs
# (ours: .cache/curriculum; Zensical: its .cache/), as in repeated builds on one machine.
ENGINES = [
    Engine(
        "mkdocs",
        ours=lambda project, out: [PY, "-m", "macros", "build", "--root", str(project), "--site-dir", str(out)],
        bare=lambda project, out: [PY, "-m", "mkdocs", "build", "--strict", "--clean",
                                   "-f", str(project / "mkdocs.yml"), "--site-dir", str(out)],
    ),
    Engine(
        "zensical",
        ours=lambda project, out: [PY, "-m", "macros", "build", "--engine", "zensical", "--root", str(project),
                                   "--site-dir", str(out)],
        bare=zensical_bare,
    ),
]


@dataclass
class Run:
    seconds: float
    max_rss_kb: int


def timed(command: list[str], cwd: Path) -> Run:
    """Wall time and peak resident memory of one build process (and the processes it waited for)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss)


def bare_project(project: Path, dest: Path) -> Path:
    """The same pages with the macros' output already in them, for the engine alone."""
    export = dest / "docs"
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    prep = text.replace("hooks:\n", "hooks:\n  - " + str(ROOT / "bench" / "capture.py") + "\n", 1)
    config.write_text(prep, encoding="utf-8")
    env = {**os.environ, "BENCH_EXPORT": str(export), "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([PY, "-m", "mkdocs", "build", "-q", "--site-dir", str(dest / "prep-site")],
                   cwd=project, env=env, check=True)
    config.write_text(text, encoding="utf-8")
    shutil.rmtree(dest / "prep-site")
    shutil.copytree(project / "overrides", dest / "overrides")
    (dest / "mkdocs.yml").write_text(strip_our_code(text), encoding="utf-8")
    return dest


def strip_our_code(config: str) -> str:
    """mkdocs.yml without the macros plugin, our hooks, our Markdown extension and our watch list."""
    config = re.sub(r"\n  - macros:\n(?:      .*\n)+", "\n", config)
    config = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", config)  # curriculum/, macros/: not in the bare project
    return config.replace("  - macros.glossary_markdown\n", "")


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


def measure(command: list[str], cwd: Path, out: Path, runs: int) -> dict[str, float]:
    results = [timed(command, cwd) for _ in range(runs)]
    return {
        "seconds": statistics.median(r.seconds for r in results),
        "rss_mb": max(r.max_rss_kb for r in results) / 1024,
        **site_stats(out),
    }


def check_seconds(project: Path, runs: int) -> float:
    return statistics.median(timed([PY, "-m", "macros", "check", "--root", str(project)], project).seconds
                             for _ in range(runs))


def bench(sizes: list[int], runs: int, work: Path) -> list[dict]:
    """Rows of results; each size's lines are printed as soon as they are measured."""
    rows = []
    print(table([]), flush=True)
    for k in sizes:
        project = make_programme(ROOT, work / f"x{k}" / "project", k)
        bare = bare_project(project, work / f"x{k}" / "bare")
        for engine in ENGINES:
            ours = measure(engine.ours(project, work / f"x{k}" / f"site-{engine.name}"), project,
                           work / f"x{k}" / f"site-{engine.name}", runs)
            # inside the bare project: Zensical writes only below its configuration's folder
            alone = measure(engine.bare(bare, bare / f"site-{engine.name}"), bare, bare / f"site-{engine.name}", runs)
            rows.append({"size": k, "engine": engine.name, "ours": ours, "bare": alone,
                         "check_s": check_seconds(project, runs)})
            print(table(rows[-1:]).split("\n", 2)[2], flush=True)
    return rows


def table(rows: list[dict]) -> str:
    head = ("| size | engine | build | pages | median s | peak MB | site MB | median page KB "
            "| search index KB | ratio | check s |")
    lines = [head, "|" + "---|" * 11]
    for row in rows:
        ratio = row["ours"]["seconds"] / row["bare"]["seconds"]
        for label in ("ours", "bare"):
            m = row[label]
            lines.append(
                f"| {row['size']}× | {row['engine']} | {label} | {m['pages']} | {m['seconds']:.2f} "
                f"| {m['rss_mb']:.0f} | {m['site_mb']:.1f} | {m['page_kb']:.1f} | {m['index_kb']:.0f} "
                f"| {ratio:.2f} | {row['check_s'] if label == 'ours' else 0:.2f} |".replace("| 0.00 |", "| |")
            )
    return "\n".join(lines)


def summary(rows: list[dict], check_s: float, engine: str = "mkdocs") -> str:
    mine = {r["size"]: r for r in rows if r["engine"] == engine}
    parts = []
    for k in (1, 4, 16):
        r = mine.get(k)
        parts.append(f"ratio_{k}x=" + (f"{r['ours']['seconds'] / r['bare']['seconds']:.2f}" if r else "NA"))
    scaling = (f"{mine[16]['ours']['seconds'] / mine[1]['ours']['seconds']:.2f}"
               if 1 in mine and 16 in mine else "NA")
    return f"bench: {' '.join(parts)} scaling_16x={scaling} check_s={check_s:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16", help="sizes as multiples of the real programme")
    parser.add_argument("--runs", type=int, default=3, help="builds per size and build kind")
    parser.add_argument("--quick", action="store_true", help="smoke test: 1× only, one run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes, runs = ([1], 1) if args.quick else ([int(s) for s in args.sizes.split(",")], args.runs)
    work = Path(tempfile.mkdtemp(prefix="lederportal-bench-"))
    try:
        rows = bench(sizes, runs, work)
        check_s = check_seconds(ROOT, runs)
        print(f"make check on the real data: {check_s:.2f} s (median of {runs})")
        print(summary(rows, check_s))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0
