"""A synthetic programme at k times the real one, valid under our checks.

Copy j (2..k) of the programme gets every module and gathering again (ids and pages suffixed,
dates moved j-1 years on, each gathering in its copied module), every reading, outcome,
arbeidskrav and exam again (in the copied modules and gatherings), and every
content page again under ``docs/kopi-j/`` with its own navigation section. Copy 1 is the real
programme.
"""

from __future__ import annotations

import copy as copying
import datetime as dt
import re
import shutil
from pathlib import Path

from ruamel.yaml import YAML

PROJECT_FILES = ("curriculum", "docs", "overrides", "macros", "mkdocs.yml")
# Pages that list the whole programme or are single by nature stay single.
NOT_COPIED = {"nytt", "javascripts", "stylesheets", "index.md", "redaktor", "praktisk"}
SHIFT = dt.timedelta(days=364)  # whole weeks, so weekdays stay weekdays


def yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096
    return y


def make_programme(real: Path, dest: Path, k: int) -> Path:
    """The real project copied to ``dest`` and grown to ``k`` times its size."""
    for name in PROJECT_FILES:
        source = real / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    if k > 1:
        grow(dest, k)
    return dest


def grow(root: Path, k: int) -> None:
    y = yaml()
    cur = root / "curriculum"
    gatherings = y.load(cur / "samlinger.yml")
    readings = y.load(cur / "pensum.yml")
    programme = y.load(cur / "program.yml")
    modules = programme.get("modules", [])
    outcomes = y.load(cur / "utbytte.yml")
    assessments = y.load(cur / "vurdering.yml")
    ids = [g["id"] for g in gatherings] + [r["id"] for r in readings] + [m["id"] for m in modules]
    new_gatherings, new_readings, new_modules, new_outcomes, new_assessments = [], [], [], [], []
    for j in range(2, k + 1):
        suffix, shift = f"-k{j}", SHIFT * (j - 1)
        # deep copies: a value shared between records would be written as a YAML anchor and
        # alias, which the loader refuses
        for r in readings:
            copy = copying.deepcopy(r)
            copy["id"] = r["id"] + suffix
            new_readings.append(copy)
        # Each copy has modules of its own, so its gatherings keep their numbers (unique per module,
        # at most 100). In one module, copies numbered on (91, 92, 93, 94, …) stand side by side in
        # the timeline, which the search index's privacy check reads as a phone number.
        for m in modules:
            copy = copying.deepcopy(m)
            copy["id"] = m["id"] + suffix
            copy["name"] = f"{m['name']} (kopi {j})"
            copy["period"]["start"] += shift
            copy["period"]["end"] += shift
            copy["page"] = copied_path(m["page"], j)
            new_modules.append(copy)
        for g in gatherings:
            copy = copying.deepcopy(g)
            copy["id"] = g["id"] + suffix
            copy["module"] = g["module"] + suffix
            copy["start"], copy["end"] = g["start"] + shift, g["end"] + shift
            copy["page"] = f"kopi-{j}/{g['page']}"
            copy["readings"] = [r + suffix for r in g.get("readings", [])]
            # a session is on a day of its gathering (day: 1), or on an absolute date, moved with it
            for s in copy.get("sessions", []):
                if "date" in s:
                    s["date"] += shift
            new_gatherings.append(copy)
        # each copied module has its own outcomes and its own arbeidskrav and exam (a module
        # without them is refused, and the workload counts their hours)
        for o in outcomes:
            copy = copying.deepcopy(o)
            copy["id"], copy["module"] = o["id"] + suffix, o["module"] + suffix
            new_outcomes.append(copy)
        for a in assessments:
            copy = copying.deepcopy(a)
            copy["id"] = a["id"] + suffix
            copy["outcomes"] = [o + suffix for o in a.get("outcomes", [])]
            for key in ("gathering", "module"):
                if a.get(key):
                    copy[key] = a[key] + suffix
            for key, value in a.items():
                if isinstance(value, dt.date):
                    copy[key] = value + shift
            new_assessments.append(copy)
        copy_pages(root / "docs", j, ids, suffix)
    gatherings.extend(new_gatherings)
    readings.extend(new_readings)
    modules.extend(new_modules)
    outcomes.extend(new_outcomes)
    assessments.extend(new_assessments)
    y.dump(outcomes, cur / "utbytte.yml")
    y.dump(assessments, cur / "vurdering.yml")
    programme["period"]["end"] += SHIFT * (k - 1)
    y.dump(gatherings, cur / "samlinger.yml")
    y.dump(readings, cur / "pensum.yml")
    y.dump(programme, cur / "program.yml")
    extend_nav(root / "mkdocs.yml", k)


def copied_path(page: str, j: int) -> str:
    """Where copy j has the page (relative to docs/): the single pages are shared by all copies."""
    return page if page.split("/")[0] in NOT_COPIED else f"kopi-{j}/{page}"


def copy_pages(docs: Path, j: int, ids: list[str], suffix: str) -> None:
    """The content pages again under kopi-j/, their macro calls pointing at copy j's records."""
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    quoted = re.compile(rf"""(["'])({alternatives})\1""")
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs)
        if rel.parts[0] in NOT_COPIED or rel.parts[0].startswith("kopi-"):
            continue
        target = docs / f"kopi-{j}" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        text = quoted.sub(lambda m: f"{m[1]}{m[2]}{suffix}{m[1]}", page.read_text(encoding="utf-8"))
        # links out of the copied sections go to the single pages at the top
        for single in sorted(NOT_COPIED):
            text = text.replace(f"](../{single}", f"](../../{single}")
        target.write_text(text, encoding="utf-8")


def extend_nav(config: Path, k: int) -> None:
    """One navigation section per copy, with the copied sections' entries."""
    text = config.read_text(encoding="utf-8")
    _head, nav_text = text.split("\nnav:\n", 1)
    nav = YAML(typ="safe").load(nav_text)
    copied = [
        entry for entry in nav if not any(str(path).split("/")[0] in NOT_COPIED for path in flatten(entry))
    ]
    sections = []
    for j in range(2, k + 1):
        sections.append({f"Kopi {j}": prefix(copied, f"kopi-{j}/")})
    y = yaml()
    from io import StringIO

    out = StringIO()
    y.dump(sections, out)
    lines = ["  " + line if line else line for line in out.getvalue().splitlines()]
    config.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


def flatten(entry) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [p for v in entry.values() for p in flatten(v)]
    return [p for v in entry for p in flatten(v)]


def prefix(entry, pre: str):
    if isinstance(entry, str):
        return pre + entry
    if isinstance(entry, dict):
        return {key: prefix(value, pre) for key, value in entry.items()}
    return [prefix(value, pre) for value in entry]
