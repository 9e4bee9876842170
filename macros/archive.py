"""Earlier cohorts stay readable: every git tag ``kull/<id>`` is built into ``site/arkiv/<period>/``.

The convention: ``make nytt-kull`` tags the commit that still holds the cohort it replaces as
``kull/<that cohort's id>`` (``kull/nordby-2030``), and an earlier cohort can be tagged the same way
by hand. Nothing of it is copied into the tree: each tag is unpacked with ``git archive`` into a
temporary folder and built there by its own code and data (``python -m macros build``, as it
was then), straight into the new site's ``arkiv/<period>/`` (``arkiv/2016-2017/``), before the
new site replaces the old one, so the build stays atomic. ``LEDERPORTAL_ARKIV`` tells that build
it is an archive: ``mkdocs.yml`` hands the period to the theme (``extra.arkiv``), which says so
on every page with a link back to the current programme. Each archive is a site of its own, with
its own calendars and its own search index, so the current site's search never finds it.

No git, or no tag (a fresh clone, a copy): no archive, and the build is as before.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

TAG_PREFIX = "kull/"
FOLDER = "arkiv"
ENV = "LEDERPORTAL_ARKIV"  # set for an archive's own build: the period, for the theme's banner
BANNER = 'class="lp-arkiv"'  # overrides/main.html writes it on every archived page
SITE_URL = re.compile(r"^site_url:[^\n]*$", re.MULTILINE)  # a top-level line of mkdocs.yml


@dataclass(frozen=True)
class Cohort:
    """An archived cohort: its tag, its id and period as its own program.yml says."""

    tag: str
    id: str
    start: date
    end: date

    @property
    def folder(self) -> str:
        """'2016-2017': the period's years, as the archive's address under arkiv/."""
        start, end = self.start.year, self.end.year
        return str(start) if start == end else f"{start}-{end}"

    @property
    def label(self) -> str:
        return self.folder.replace("-", "–")


def git(root: Path, *args: str) -> str | None:
    """git's output, or None where there is no git or no repository."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def archive_tags(root: Path) -> list[str]:
    return sorted((git(root, "tag", "--list", f"{TAG_PREFIX}*") or "").split())


def tagged_cohort(root: Path, tag: str) -> Cohort | str:
    """The cohort a tag holds, or why it cannot be read."""
    text = git(root, "show", f"{tag}:curriculum/program.yml")
    if text is None:
        return "taggen har ingen curriculum/program.yml"
    try:
        data = YAML(typ="safe", pure=True).load(text)  # YAML 1.2: ISO dates as dates
        period = data["period"]
        start, end = period["start"], period["end"]
    except (YAMLError, KeyError, TypeError):
        return "curriculum/program.yml i taggen har ingen periode (period: start, end)"
    if not (isinstance(start, date) and isinstance(end, date)):
        return "perioden i curriculum/program.yml i taggen er ikke to datoer"
    return Cohort(tag, str(data.get("id") or tag.removeprefix(TAG_PREFIX)), start, end)


def archives_wanted() -> bool:
    """Not in an archive's own build, and not in the offline zip (a copy of the current cohort)."""
    return ENV not in os.environ and os.environ.get("OFFLINE", "false").lower() != "true"


def build_archives(root: Path, site: Path, current: str) -> int:
    """Build every tagged cohort but the current one into ``site/arkiv/<period>/``; 0 if all went well."""
    if not archives_wanted():
        return 0
    cohorts: dict[str, Cohort] = {}
    for tag in archive_tags(root):
        cohort = tagged_cohort(root, tag)
        if isinstance(cohort, str):
            return failed(tag, cohort)
        if cohort.id == current:
            continue  # the programme in the tree is this cohort: it is the site itself
        if cohort.folder in cohorts:
            return failed(
                tag,
                f"{cohorts[cohort.folder].tag} har samme periode ({cohort.label})",
                "slett den ene taggen, eller gi kullene hver sin periode",
            )
        if (site / FOLDER / cohort.folder).exists():
            return failed(tag, f"nettstedet har allerede {FOLDER}/{cohort.folder}/", f"flytt docs/{FOLDER}/")
        cohorts[cohort.folder] = cohort
    for cohort in cohorts.values():
        if code := build_archive(root, site / FOLDER / cohort.folder, cohort):
            return code
    return 0


def site_url_of(config: str) -> str:
    """The ``site_url`` of a mkdocs.yml's text, "" when it has none (the file has tags a plain YAML
    reader refuses, so only that top-level line is read)."""
    found = SITE_URL.search(config)
    value = found[0].split(":", 1)[1].strip() if found else ""
    return value.strip("\"'")


def with_site_url(config: str, url: str) -> str:
    """mkdocs.yml's text with ``site_url`` set to ``url`` (added at the top when it has none)."""
    line = f'site_url: "{url}"'
    return SITE_URL.sub(line, config, count=1) if SITE_URL.search(config) else f"{line}\n{config}"


def archive_site_url(current: str, folder: str) -> str:
    """Where an archive lives when the site's address is set: under the current site's address, so
    its calendars link to its own pages, not to the current cohort's."""
    return f"{current.rstrip('/')}/{FOLDER}/{folder}/" if current else ""


def build_archive(root: Path, target: Path, cohort: Cohort) -> int:
    with tempfile.TemporaryDirectory(prefix="lederportal-arkiv-") as folder:
        tree = Path(folder) / "kilde"
        tree.mkdir()
        archived = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", cohort.tag], capture_output=True, check=False
        )
        if archived.returncode != 0:
            return failed(cohort.tag, archived.stderr.decode("utf-8", "replace").strip())
        with tarfile.open(fileobj=io.BytesIO(archived.stdout)) as tar:
            tar.extractall(tree, filter="data")  # nothing outside the folder, no links out of it
        config = tree / "mkdocs.yml"
        if config.is_file():
            current = site_url_of((root / "mkdocs.yml").read_text(encoding="utf-8"))
            url = archive_site_url(current, cohort.folder)
            config.write_text(with_site_url(config.read_text(encoding="utf-8"), url), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("OFFLINE", "LEDERPROGRAM_PDF")}
        env.update(
            {
                ENV: cohort.label,
                "SOURCE_DATE_EPOCH": (git(root, "log", "-1", "--format=%ct", cohort.tag) or "").strip()
                or env.get("SOURCE_DATE_EPOCH", "0"),
                "GIT_CEILING_DIRECTORIES": folder,  # its own build must not find this repository
                "NO_MKDOCS_2_WARNING": "1",
            }
        )
        # its own code: `-m` puts the unpacked tree first on the path
        command = [sys.executable, "-m", "macros", "build", "--root", str(tree), "--site-dir", str(target)]
        done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stdout + done.stderr, file=sys.stderr)
            return failed(cohort.tag, "byggingen av arkivet feilet (se meldingene over)")
    index = target / "index.html"
    if not index.is_file() or BANNER not in index.read_text(encoding="utf-8"):
        return failed(
            cohort.tag,
            "arkivet er bygget uten arkivmerket på sidene",
            "taggen er laget fra en versjon uten arkivstøtte; tagg en nyere commit med samme kull",
        )
    print(f"Arkivet for {cohort.tag} er bygget i {FOLDER}/{cohort.folder}/.")
    return 0


def failed(tag: str, why: str, fix: str = "") -> int:
    fix = fix or f"rett feilen, eller slett taggen med «git tag -d {tag}» hvis kullet ikke skal arkiveres"
    print(f"{tag}: arkivet kan ikke bygges: {why} ({fix}).", file=sys.stderr)
    return 1
