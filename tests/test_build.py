"""Build the real site and a small one, and look at the HTML they produce."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.curriculum import curriculum_or_raise

from .conftest import MINI, ROOT, build

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_gathering_has_a_page(real_site: Path) -> None:
    cur = curriculum_or_raise(ROOT)
    for g in cur.gatherings:
        html = (real_site / g.page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert f"Samling {g.number}" in html
        assert "Dag 1:" in html  # the agenda was rendered


def test_no_macro_errors_or_leftover_syntax(real_site: Path) -> None:
    assert len(pages(real_site)) >= 40
    for page in pages(real_site):
        html = page.read_text(encoding="utf-8")
        article = html.split("<article", 1)[-1].split("</article>", 1)[0]
        article = re.sub(r"<code>.*?</code>", "", article, flags=re.DOTALL)  # the editors' guide shows macros
        assert "Macro Rendering Error" not in html, page
        assert "{{" not in article and "{%" not in article, page


def test_norwegian_interface_and_dates(real_site: Path) -> None:
    html = (real_site / "samlinger" / "samling-1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in html
    assert "Dag 1: tirsdag 13. september 2016" in html
    assert "09.00–09.45" in html


def test_no_external_requests_in_html(real_site: Path) -> None:
    for page in pages(real_site):
        html = page.read_text(encoding="utf-8")
        loads = re.findall(r'(?:src|href)="(https?:)?//([^"/]+)', html)
        assert loads == [], (page, loads)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_traceability_covers_every_requirement(real_site: Path) -> None:
    html = (real_site / "om" / "krav-og-mal" / "index.html").read_text(encoding="utf-8")
    for q in curriculum_or_raise(ROOT).requirements:
        assert f'id="{q.id}"' in html, q.id


def test_values_are_escaped(mini: Path, tmp_path: Path) -> None:
    data = mini / "curriculum" / "samlinger.yml"
    evil = "'<img src=x onerror=alert(1)> & \"sitat\" *fet*'"
    text = data.read_text(encoding="utf-8")
    text = text.replace("title: Åpning", f"title: {evil}").replace(
        "summary: Vi begynner.", f"summary: {evil}"
    )
    data.write_text(text, encoding="utf-8")
    result = build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "samlinger" / "samling-1" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    # once in the intro (summary), once in the agenda (session title); as text, written by the
    # sanitiser (macros/sanitise.py), which needs no escaping for quotes in text
    assert html.count('&lt;img src=x onerror=alert(1)&gt; &amp; "sitat" *fet*') == 2


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_build_leaves_previous_site_untouched(mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(mini, site).returncode == 0
    before = digest(site)
    # A failure only MkDocs finds (links and the navigation are found by the checks before it)
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  font: false\n", "  font: false\n  custom_dir: finnes-ikke\n"
        ),
        encoding="utf-8",
    )
    result = build(mini, site)
    assert result.returncode == 1
    assert "Alt i orden" in result.stdout
    assert "forrige versjon av nettstedet er uendret" in result.stderr
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "site"]


def test_failed_check_does_not_build(mini: Path, tmp_path: Path) -> None:
    (mini / "curriculum" / "temaer.yml").write_text("- id: [\n", encoding="utf-8")
    result = build(mini, tmp_path / "site")
    assert result.returncode == 1
    assert "curriculum/temaer.yml:1: YAML-syntaksfeil" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_build_reusing_the_checks_rendering_equals_plain_mkdocs(tmp_path: Path) -> None:
    """`python -m macros build` renders each page's macros once, in the checks, and MkDocs takes
    that text; a plain `mkdocs build` renders them itself. The bytes must be the same."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1473724800", "NO_MKDOCS_2_WARNING": "1"}
    ours, plain = tmp_path / "ours", tmp_path / "plain"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--site-dir", str(ours)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(plain)],
        check=True,
        cwd=ROOT,
        env=env,
    )
    left, right = digest(ours), digest(plain)
    assert len(left) > 100
    assert sorted(n for n in left.keys() | right.keys() if left.get(n) != right.get(n)) == []


def test_reused_rendering_is_the_checks_own() -> None:
    """The text is reused only for exactly the Markdown the checks rendered, page by page."""
    from macros.front_matter import split_front_matter
    from macros.pages import check_pages, rendered

    cur = curriculum_or_raise(ROOT)
    check_pages(ROOT, cur)
    _, body, _ = split_front_matter((ROOT / "docs" / "samlinger" / "index.md").read_text(encoding="utf-8"))
    done = rendered("samlinger/index.md", body, cur)
    assert done is not None and "{{" not in done and "Samling 1" in done
    assert rendered("samlinger/index.md", body + "\nendret", cur) is None
    assert rendered("pensum/index.md", body, cur) is None
    # rendered with other data (a data edit since): rendered again
    assert rendered("samlinger/index.md", body, curriculum_or_raise(ROOT, cross_check=False)) is None


def test_crash_in_a_plugin_leaves_previous_site_and_no_leftovers(mini: Path, tmp_path: Path) -> None:
    """A bug in code (not in data) during the build: reported, old site kept, nothing left over."""
    site = tmp_path / "site"
    assert build(mini, site).returncode == 0
    before = digest(site)
    hooks = mini / "hooks.py"
    hooks.write_text(
        hooks.read_text(encoding="utf-8") + "\n\ndef on_post_build(config):\n"
        "    raise RuntimeError('feil i en utvidelse')\n",
        encoding="utf-8",
    )
    result = build(mini, site)
    assert result.returncode == 1
    assert "feil i en utvidelse" in result.stderr
    assert "forrige versjon av nettstedet er uendret" in result.stderr
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "site"]


# Robust build: Ctrl+C, a full disk, read-only folders and killed builds (issue 16).
# Tests run as root, where a folder's mode does not stop a write, so a full disk and read-only
# folders are simulated: the build runs in a Python whose prelude makes the filesystem calls fail
# the way the kernel fails them for an ordinary user or on a full or read-only disk.

STOPPED = "forrige versjon av nettstedet er uendret"


def build_with(
    prelude: str, root: Path, site: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """`python -m macros build`, started after `prelude` has run in the same Python."""
    argv = ["build", "--root", str(root), "--site-dir", str(site)]
    code = (
        "import signal, sys\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background\n"
        f"{prelude}\nfrom macros.__main__ import main\nsys.exit(main({argv!r}))\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, **(env or {})},
    )


def finished(proc: subprocess.Popen[str]) -> tuple[int, str]:
    _, stderr = proc.communicate(timeout=120)
    return proc.returncode, stderr


def our_lines(stderr: str) -> list[str]:
    """stderr without MkDocs' log lines (INFO, WARNING, ERROR …) and blank lines."""
    return [line for line in stderr.splitlines() if line.strip() and not re.match(r"[A-Z]+ +- ", line)]


def assert_stopped(returncode: int, stderr: str, why: str) -> None:
    assert returncode != 0
    assert "Traceback" not in stderr, stderr
    lines = our_lines(stderr)
    assert len(lines) == 1 and STOPPED in lines[0] and why in lines[0], stderr


def leftovers(*folders: Path) -> list[str]:
    return sorted(p.name for folder in folders for p in folder.glob(".site*"))


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test project's site, built once; tests start from a copy of it."""
    work = tmp_path_factory.mktemp("mini-site")
    shutil.copytree(MINI, work / "mini")
    assert build(work / "mini", work / "site").returncode == 0
    return work / "site"


@pytest.fixture
def site(mini_site: Path, tmp_path: Path) -> Path:
    """A previous build in tmp_path/site, beside the writable project in tmp_path/mini."""
    shutil.copytree(mini_site, tmp_path / "site")
    return tmp_path / "site"


# on_post_build that waits (after the project's own), so that a test can interrupt or kill the
# build while it runs; only in the build started with TEST_BYGGER set to a file name, which it
# creates once it waits
WAITING_HOOK = """

project_post_build = globals().get("on_post_build")


def on_post_build(config):
    import os, pathlib, time
    if project_post_build is not None:
        project_post_build(config=config)
    if "TEST_BYGGER" not in os.environ:
        return
    started = pathlib.Path(os.environ["TEST_BYGGER"])
    started.touch()
    for _ in range(1200):
        if started.with_suffix(".fortsett").exists():
            return
        time.sleep(0.05)
"""


def start_waiting_build(mini: Path, site: Path) -> tuple[subprocess.Popen[str], Path]:
    hooks = mini / "hooks.py"
    if WAITING_HOOK not in hooks.read_text(encoding="utf-8"):
        hooks.write_text(hooks.read_text(encoding="utf-8") + WAITING_HOOK, encoding="utf-8")
    started = mini.parent / f"bygger-{site.name}.txt"
    proc = build_with("", mini, site, env={"TEST_BYGGER": str(started)})
    for _ in range(1200):
        if started.exists():
            break
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert started.exists()
    started.unlink()
    return proc, started


def test_new_site_is_readable_by_everyone(mini: Path, tmp_path: Path) -> None:
    """mkdtemp makes a 0700 folder and rsync -a keeps the mode: nginx's www-data got 403."""
    site = tmp_path / "site"
    returncode, stderr = finished(build_with("import os; os.umask(0o077)", mini, site))
    assert returncode == 0, stderr
    wrong = []
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        if (path.is_dir() and mode & 0o555 != 0o555) or (path.is_file() and mode & 0o444 != 0o444):
            wrong.append(f"{oct(mode)} {path}")
    assert wrong == []


def test_ctrl_c_keeps_the_previous_site(mini: Path, site: Path) -> None:
    before = digest(site)
    proc, _ = start_waiting_build(mini, site)
    proc.send_signal(signal.SIGINT)
    returncode, stderr = finished(proc)
    assert_stopped(returncode, stderr, "avbrutt")
    assert returncode == 130
    assert digest(site) == before
    assert leftovers(site.parent, mini) == []


def test_full_disk_keeps_the_previous_site(mini: Path, site: Path) -> None:
    before = digest(site)
    full = (
        "import errno, os, mkdocs.utils\n"
        "def copy_file(source, target):\n"
        "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)\n"
        "mkdocs.utils.copy_file = copy_file\n"
    )
    assert_stopped(*finished(build_with(full, mini, site)), "disken er full")
    assert digest(site) == before
    assert leftovers(site.parent, mini) == []


def test_full_disk_at_the_swap_puts_the_previous_site_back(mini: Path, site: Path) -> None:
    """The old site is renamed away, and renaming the new one in its place fails."""
    before = digest(site)
    full = (
        "import errno, os\n"
        "rename = os.rename\n"
        "def failing(source, target, *args, **kwargs):\n"
        "    if '.site-new-' in os.fspath(source):\n"
        "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(target))\n"
        "    return rename(source, target, *args, **kwargs)\n"
        "os.rename = failing\n"
    )
    assert_stopped(*finished(build_with(full, mini, site)), "disken er full")
    assert digest(site) == before
    assert leftovers(site.parent, mini) == []


def read_only(folder: Path) -> str:
    """A prelude in which `folder` (found by inode, so also once renamed) behaves as a 0555 folder
    does for an ordinary user: nothing in it can be created or deleted, and os.access says so."""
    return (
        "import errno, os\n"
        f"INODE = os.stat({str(folder)!r}).st_ino\n"
        "def parent(path, dir_fd=None):\n"
        "    if dir_fd is not None:\n"
        "        return os.fstat(dir_fd)\n"
        "    return os.stat(os.path.dirname(os.path.abspath(path)))\n"
        "def refusing(real):\n"
        "    def call(path, *args, dir_fd=None, **kwargs):\n"
        "        if parent(path, dir_fd).st_ino == INODE:\n"
        "            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))\n"
        "        return real(path, *args, dir_fd=dir_fd, **kwargs)\n"
        "    return call\n"
        "os.unlink = os.remove = refusing(os.unlink)\n"
        "os.rmdir = refusing(os.rmdir)\n"
        "os.mkdir = refusing(os.mkdir)\n"
        "access = os.access\n"
        "def os_access(path, mode, **kwargs):\n"
        "    if mode & os.W_OK and os.path.exists(path) and os.stat(path).st_ino == INODE:\n"
        "        return False\n"
        "    return access(path, mode, **kwargs)\n"
        "os.access = os_access\n"
    )


def test_read_only_site_folder_is_refused_and_kept(mini: Path, site: Path) -> None:
    """Before: the second build said it succeeded and left .site-old behind (it could be renamed
    away but not deleted); the third stopped with OSError ENOTEMPTY in swap()."""
    before = digest(site)
    for _ in range(2):
        assert_stopped(*finished(build_with(read_only(site), mini, site)), "mangler tilgang")
        assert digest(site) == before
        assert leftovers(site.parent, mini) == []


def test_read_only_parent_folder_is_refused(mini: Path, site: Path) -> None:
    before = digest(site)
    rofs = read_only(site.parent).replace("errno.EACCES", "errno.EROFS").replace("PermissionError", "OSError")
    assert_stopped(*finished(build_with(rofs, mini, site)), "skrivebeskyttet")
    assert digest(site) == before
    assert leftovers(site.parent, mini) == []


def test_leftovers_of_a_killed_build_are_removed_by_the_next(mini: Path) -> None:
    """SIGKILL (or a power cut) gives no chance to clean up; the next build does it. The site is
    inside the project here, as with `make site`."""
    site = mini / "site"
    assert build(mini, site).returncode == 0
    proc, _ = start_waiting_build(mini, site)
    proc.kill()
    proc.wait(timeout=30)
    assert [p.name.startswith(".site-new-") for p in mini.glob(".site*")] == [True]
    (mini / ".site-old" / "assets").mkdir(parents=True)  # killed between the two renames
    (mini / ".site-zensical-abcd" / "site").mkdir(parents=True)  # a killed Zensical build
    (mini / ".site-zensical-abcd.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    result = build(mini, site)
    assert result.returncode == 0, result.stderr
    assert leftovers(mini) == []
    assert (site / "index.html").exists()


def test_a_second_build_leaves_a_running_build_alone(mini: Path, site: Path) -> None:
    """Temporary folders are leftovers only when no build is running: a build holds a shared lock
    on the folders it uses, and only a build that gets them to itself cleans up."""
    first, started = start_waiting_build(mini, site)
    running = leftovers(site.parent)
    assert len(running) == 1
    (mini / ".site-zensical-efgh.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    second = build(mini, site)
    assert second.returncode == 0, second.stderr
    assert leftovers(site.parent) == running
    assert leftovers(mini) == [".site-zensical-efgh.yml"]
    started.with_suffix(".fortsett").touch()
    returncode, stderr = finished(first)
    assert returncode == 0, stderr
    assert leftovers(site.parent) == []


def test_make_clean_removes_leftovers(tmp_path: Path) -> None:
    for name in (".site-new-abcd1234", ".site-old", ".site-zensical-abcd"):
        (tmp_path / name / "assets").mkdir(parents=True)
    (tmp_path / ".site-zensical-abcd.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    (tmp_path / "beholdes.txt").write_text("", encoding="utf-8")
    subprocess.run(["make", "-s", "-C", str(tmp_path), "-f", str(ROOT / "Makefile"), "clean"], check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beholdes.txt"]
