"""Internal links and anchors on the built HTML, checked by LinkChecker (no external checking).

LinkChecker checks an anchor in a link to another page, not "#x" within the same page; those
are checked in the Markdown by MkDocs' strict build (validation.links.anchors in mkdocs.yml).
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import QuietHandler, build, serving

pytestmark = pytest.mark.build  # builds sites or starts servers: left out of make test-fast

# The pages carry <meta name="robots" content="nofollow"> (an intranet, kept out of search
# engines), and LinkChecker obeys it over http and would stop at the front page. This run is
# allowed to follow; everything else is LinkChecker as installed, with its anchor check on.
RUN = """import sys
import linkcheck.checker.httpurl as httpurl
httpurl.HttpUrl.content_allows_robots = lambda self: True
from linkcheck.command.linkchecker import linkchecker

sys.argv[0] = "linkchecker"
linkchecker()
"""
# LinkChecker waits 0.1–0.6 s between requests to one host unless that host answers with a
# "LinkChecker" header; our own test server does, so the whole site takes seconds, not minutes.
CONFIG = "[checking]\nmaxrequestspersecond=1000\n\n[filtering]\ncheckextern=0\n\n[AnchorCheck]\n"


class CheckerHandler(QuietHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "tillatt")
        super().end_headers()


def check_links(url: str, work: Path) -> tuple[int, list[dict[str, str]]]:
    """Run LinkChecker from `url`; return its exit code and every URL it checked."""
    (work / "linkcheckerrc").write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN,
            "-f",
            str(work / "linkcheckerrc"),
            "-o",
            "csv",
            "--verbose",
            "--no-status",
            "--threads",
            "4",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    return result.returncode, list(csv.DictReader(lines, delimiter=";"))


def problems(rows: list[dict[str, str]]) -> list[str]:
    return [
        f"{r['parentname']}: {r['urlname']}: {r['result']} {r['warningstring']}".strip()
        for r in rows
        if r["valid"] != "True" or r["warningstring"]
    ]


def test_no_broken_links_or_anchors(real_site: Path, tmp_path: Path) -> None:
    with serving(real_site, CheckerHandler) as server:
        code, rows = check_links(server, tmp_path)
    checked = [r for r in rows if r["url"].startswith(server)]
    pages = {r["url"].split("#")[0] for r in checked if r["url"].endswith("/")}
    print(
        f"\nLinkChecker: {len(checked)} interne adresser, {sum('#' in r['urlname'] for r in checked)} "
        f"med anker, {len(pages)} sider; feil: {len(problems(rows))}"
    )
    assert problems(rows) == []
    assert code == 0
    assert len(pages) >= len(list(real_site.rglob("index.html")))  # it followed every page


def test_a_broken_anchor_or_link_fails(mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(mini, site).returncode == 0
    page = site / "samlinger" / "samling-1" / "index.html"
    html = page.read_text(encoding="utf-8")
    broken = '<p><a href="../samling-2/#finnes-ikke">anker</a> <a href="../borte/">borte</a></p>'
    page.write_text(html.replace("<article", broken + "<article", 1), encoding="utf-8")
    with serving(site, CheckerHandler) as url:
        code, rows = check_links(url, tmp_path)
    found = "\n".join(problems(rows))
    assert code == 1
    assert "Anchor `finnes-ikke' (decoded: `finnes-ikke') not found" in found
    assert "../borte/: 404" in found
