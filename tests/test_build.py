"""Build the real site and a small one, and look at the HTML they produce."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from macros.curriculum import curriculum_or_raise

from .conftest import ROOT, build


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
        article = html.split('<article', 1)[-1].split("</article>", 1)[0]
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
    text = text.replace("title: Åpning", f"title: {evil}").replace("summary: Vi begynner.", f"summary: {evil}")
    data.write_text(text, encoding="utf-8")
    result = build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "samlinger" / "samling-1" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    # once in the intro (summary), once in the agenda (session title)
    assert html.count("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;sitat&quot; *fet*") == 2


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
    page = mini / "docs" / "samlinger" / "samling-2.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[brutt lenke](finnes-ikke.md)\n", encoding="utf-8")
    result = build(mini, site)
    assert result.returncode == 1
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
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--site-dir", str(ours)],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(plain)],
                   check=True, cwd=ROOT, env=env)
    left, right = digest(ours), digest(plain)
    assert len(left) > 100
    assert sorted(n for n in left.keys() | right.keys() if left.get(n) != right.get(n)) == []


def test_reused_rendering_is_the_checks_own() -> None:
    """The text is reused only for exactly the Markdown the checks rendered, page by page."""
    from macros.pages import check_pages, rendered, split_front_matter

    check_pages(ROOT, curriculum_or_raise(ROOT))
    _, body, _ = split_front_matter((ROOT / "docs" / "samlinger" / "index.md").read_text(encoding="utf-8"))
    done = rendered("samlinger/index.md", body)
    assert done is not None and "{{" not in done and "Samling 1" in done
    assert rendered("samlinger/index.md", body + "\nendret") is None
    assert rendered("pensum/index.md", body) is None


def test_crash_in_a_plugin_leaves_previous_site_and_no_leftovers(mini: Path, tmp_path: Path) -> None:
    """A bug in code (not in data) during the build: reported, old site kept, nothing left over."""
    site = tmp_path / "site"
    assert build(mini, site).returncode == 0
    before = digest(site)
    hooks = mini / "hooks.py"
    hooks.write_text(hooks.read_text(encoding="utf-8") + "\n\ndef on_post_build(config):\n"
                     "    raise RuntimeError('feil i en utvidelse')\n", encoding="utf-8")
    result = build(mini, site)
    assert result.returncode == 1
    assert "feil i en utvidelse" in result.stderr
    assert "forrige versjon av nettstedet er uendret" in result.stderr
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "site"]
