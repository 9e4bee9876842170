"""Build the same sources with Zensical, Material for MkDocs' successor.

Zensical 0.0.73 reads ``mkdocs.yml`` itself and runs our ``define_env`` through its own macros
extension (``on_error_fail`` and ``on_undefined: strict`` included). It has no option for the
output folder, and it refuses a ``site_dir`` outside the folder that holds the configuration, so
the build goes through a small temporary configuration in the project folder that inherits
``mkdocs.yml`` and only sets ``site_dir``. Zensical keeps its cache in ``.cache/`` there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..calendar import write_calendar_files
from ..curriculum import curriculum_once
from ..sanitise import violations

# MkDocs renders pages in its hooks; Zensical has no hooks and takes the components through its
# macros extension, configured here only (the checks have run before, see zensical_macros.py).
ZENSICAL_PLUGINS = """plugins:
  - search
  - macros:
      module_name: macros.engines.zensical_macros
      on_error_fail: true
      on_undefined: strict
"""


ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.DOTALL)


def unsafe_articles(site: Path) -> list[str]:
    """Each page whose article holds what the sanitiser would remove (the checks have already
    refused it in the source; this holds Zensical's output to the same allowlist)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for article in ARTICLE.findall(page.read_text(encoding="utf-8", errors="replace")):
            found += [f"{page.relative_to(site).as_posix()}: {v.message}" for v in violations(article)]
    return found


def zensical_command() -> list[str]:
    """The ``zensical`` program installed next to this Python."""
    program = Path(sys.executable).with_name("zensical")
    return [str(program) if program.exists() else "zensical"]


def build_with_zensical(root: Path, out: Path, env: dict[str, str]) -> int:
    """Build into ``out`` (an empty folder anywhere); the exit code of ``zensical build``."""
    root = root.resolve()
    work = Path(tempfile.mkdtemp(prefix=".site-zensical-", dir=root))
    fd, name = tempfile.mkstemp(prefix=".site-zensical-", suffix=".yml", dir=root)
    config = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"INHERIT: mkdocs.yml\nsite_dir: {work.name}/site\n{ZENSICAL_PLUGINS}")
        command = [*zensical_command(), "build", "--strict", "--clean", "--config-file", config.name]
        result = subprocess.run(command, cwd=root, env=env)
        if result.returncode != 0:
            return result.returncode
        # Zensical has no MkDocs hooks (mkdocs_hooks.py): the published HTML is checked
        # against the sanitiser's allowlist and the calendar files are added here
        if refused := unsafe_articles(work / "site"):
            print("Nettstedet kan ikke bygges:\n" + "\n".join(refused), file=sys.stderr)
            return 1
        cur = curriculum_once(root)
        write_calendar_files(cur, work / "site", env.get("SOURCE_DATE_EPOCH"))
        out.rmdir()
        shutil.move(work / "site", out)
        return 0
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
