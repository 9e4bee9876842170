"""Print the whole-programme page of a built site to a PDF with headless Chromium.

Usage: python scripts/print_pdf.py SITE_DIR [PAGE]
PAGE is the page's source path (default praktisk/utskrift.md); the PDF is written next to the
page's HTML under the name in the page's ``pdf:`` front matter, which is where the theme's
download link points when the site was built with LEDERPROGRAM_PDF=true (``make pdf``, and
``make offline``, which puts it in the zip). The PDF is tagged and has the page's headings as
bookmarks.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from macros.front_matter import front_matter_values, split_front_matter

# Debian's Chromium, never a downloaded browser (the tests and the bench use these too)
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def page_html(site: Path, source: str) -> Path:
    """The built HTML of a source page, with or without directory URLs."""
    stem = source.removesuffix(".md")
    for candidate in (site / stem / "index.html", site / f"{stem}.html"):
        if candidate.exists():
            return candidate
    raise SystemExit(f"Fant ikke siden {source} i {site}: bygg nettstedet først.")


def pdf_name(root: Path, source: str) -> str:
    text = (root / "docs" / source).read_text(encoding="utf-8")
    name = front_matter_values(split_front_matter(text)[0]).get("pdf")
    if not isinstance(name, str) or not name.strip():
        raise SystemExit(f"docs/{source} har ikke «pdf:» i sidehodet (front matter).")
    return name.strip()


def print_pdf(site: Path, source: str, out: Path) -> None:
    html = page_html(site, source)
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_port}/{html.relative_to(site).as_posix()}")
            page.emulate_media(media="print")
            tmp = out.with_suffix(".pdf.tmp")
            # Tagged (headings, lists and tables as structure a screen reader can follow) and
            # with the headings as bookmarks; check with `pdfinfo` (Tagged: yes).
            page.pdf(
                path=str(tmp),
                tagged=True,
                outline=True,
                format="A4",
                margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                print_background=False,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=(
                    '<div style="font-size:8pt;width:100%;text-align:center">'
                    'Side <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
                ),
            )
            browser.close()
            tmp.replace(out)
    finally:
        httpd.shutdown()


def main() -> None:
    site = Path(sys.argv[1]).resolve()
    source = sys.argv[2] if len(sys.argv) > 2 else "praktisk/utskrift.md"
    root = Path(__file__).resolve().parents[1]
    out = page_html(site, source).parent / pdf_name(root, source)
    print_pdf(site, source, out)
    print(f"PDF: {out.relative_to(site.parent)} ({out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
