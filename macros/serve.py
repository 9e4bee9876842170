"""Live preview that survives mistakes and code changes.

``mkdocs serve`` rebuilds on changes in docs/, curriculum/ and overrides/ and keeps running
when the data are wrong. It cannot reload the Python code in macros/, and it stops when the
very first build fails; this supervisor restarts it in both cases.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

WATCHED = ("macros", "curriculum", "mkdocs.yml")


def snapshot(root: Path) -> dict[Path, float]:
    files: dict[Path, float] = {}
    for name in WATCHED:
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
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    while True:
        print(f"Forhåndsvisning på http://{address}/ (Ctrl+C avslutter).", flush=True)
        process = subprocess.Popen(command, cwd=root, env=env)
        seen = snapshot(root)
        try:
            while True:
                time.sleep(1)
                now = snapshot(root)
                diff, seen = changed(seen, now), now
                stopped = process.poll() is not None
                if any(p.suffix == ".py" for p in diff) or (stopped and diff):
                    print("Endring oppdaget; starter forhåndsvisningen på nytt.", flush=True)
                    break
        except KeyboardInterrupt:
            return stop(process)
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> int:
    process.terminate()
    process.wait()
    return 0
