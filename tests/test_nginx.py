"""deploy/nginx.conf in real nginx (Debian's) on loopback, serving the real site under /lederprogram/."""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]
CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PREFIX = "/lederprogram/"

pytestmark = pytest.mark.skipif(
    not Path(NGINX).exists(), reason="nginx mangler: kjør scripts/ensure-nginx (.ci/run gjør det)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(www: Path, port: int, run: Path) -> str:
    """deploy/nginx.conf with its root and port replaced, in a minimal main config."""
    site = CONF.read_text(encoding="utf-8")
    assert site.count("root /srv/www;") == 1 and site.count("listen 80;") == 1
    site = site.replace("root /srv/www;", f"root {www};").replace("listen 80;", f"listen 127.0.0.1:{port};")
    temp = "\n".join(f"    {kind}_temp_path {run}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\npid {run}/nginx.pid;\nerror_log {run}/error.log warn;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp}\n{site}\n}}\n"
    )


@pytest.fixture(scope="module")
def nginx_www(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """nginx's base URL, and the folder holding the lederprogram symlink it serves."""
    run = tmp_path_factory.mktemp("nginx")
    www = run / "www"
    www.mkdir()
    # as on the server: the sub-path is a symlink to the current release
    (www / "lederprogram").symlink_to(real_site, target_is_directory=True)
    port = free_port()
    conf = run / "nginx.conf"
    conf.write_text(nginx_config(www, port, run), encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(run), "-c", str(conf)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen([NGINX, "-p", str(run), "-c", str(conf)], stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + PREFIX, timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.05)
    yield base, www
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(nginx_www: tuple[str, Path]) -> str:
    return nginx_www[0]


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "SAMEORIGIN",
}


def assert_security_headers(headers: dict[str, str]) -> None:
    for name, value in SECURITY.items():
        assert headers.get(name) == value, (name, headers)
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_html_page_headers(nginx: str) -> None:
    status, headers, body = get(nginx + PREFIX + "samlinger/samling-1/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-cache"
    assert "etag" in headers and "last-modified" in headers
    assert "server" not in headers or headers["server"] == "nginx"  # no version number
    assert_security_headers(headers)
    assert b"Samling 1" in body


def test_hashed_asset_is_immutable_and_other_files_revalidate(nginx: str, real_site: Path) -> None:
    bundle = next((real_site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    status, headers, _ = get(f"{nginx}{PREFIX}assets/javascripts/{bundle}")
    assert status == 200
    assert headers["content-type"] == "application/javascript; charset=utf-8"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert_security_headers(headers)
    for unhashed in ("search/search_index.json", "javascripts/norwegian-search.js", "assets/images/favicon.png"):
        status, headers, _ = get(nginx + PREFIX + unhashed)
        assert (status, headers["cache-control"]) == (200, "no-cache"), unhashed


def test_compression(nginx: str) -> None:
    for path in ("", "assets/javascripts/lunr/min/lunr.no.min.js", "search/search_index.json"):
        status, headers, body = get(nginx + PREFIX + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert headers.get("vary") == "Accept-Encoding"
        plain = gzip.decompress(body)
        assert len(body) < len(plain) / 2, path
    _, headers, _ = get(nginx + PREFIX)
    assert "content-encoding" not in headers  # only for clients that ask


def test_not_found_page_works_under_the_sub_path(nginx: str) -> None:
    status, headers, body = get(nginx + PREFIX + "finnes/ikke/")
    assert status == 404
    assert_security_headers(headers)
    html = body.decode("utf-8")
    assert "Lederutviklingsprogrammet" in html
    links = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    assert links and all(link.startswith(PREFIX) for link in links), links
    for link in links:
        if "/assets/" in link:
            assert get(nginx + link)[0] == 200, link


def test_sub_path_without_slash_and_directories_redirect(nginx: str) -> None:
    for path, target in (("/lederprogram", "/lederprogram/"), ("/lederprogram/om", "/lederprogram/om/")):
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as err:
            opener.open(nginx + path, timeout=5)
        assert err.value.code == 301 and err.value.headers["Location"] == target


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def pages(site: Path) -> list[str]:
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [PREFIX + p.removesuffix("index.html") for p in found if not p.startswith("assets/")]


def test_every_inline_script_is_allowed_by_the_policy(nginx: str, real_site: Path) -> None:
    """When Material (or a page) gains an inline script, this names the hash to add."""
    _, headers, _ = get(nginx + PREFIX)
    allowed = set(re.findall(r"'sha256-([^']+)'", headers["content-security-policy"]))
    missing = {}
    for url in [*pages(real_site), PREFIX + "finnes-ikke"]:
        html = get(nginx + url)[2].decode("utf-8")
        for attrs, script in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.DOTALL):
            if "application/json" in attrs:
                continue
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            if digest not in allowed:
                missing[digest] = f"{url}: {script[:60]}"
    assert not missing, missing


def test_no_csp_violations_in_chromium(nginx: str, real_site: Path, browser: Browser) -> None:
    urls = pages(real_site)
    assert len(urls) >= 40
    context = browser.new_context()
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e =>"
        " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
    )
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    violations: dict[str, list[str]] = {}
    for url in [*urls, PREFIX + "finnes-ikke/"]:
        page.goto(nginx + url, wait_until="load")
        page.wait_for_timeout(150)
        if found := page.evaluate("window.__csp"):
            violations[url] = found
        assert page.locator("link[rel=stylesheet]").count() >= 2
        # Material's bundle ran: it renders the search form's reset button and the header title
        assert page.evaluate("typeof document$ !== 'undefined'"), url
    # search runs in a worker loaded under the same policy
    page.goto(nginx + PREFIX)
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially("samling", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    if found := page.evaluate("window.__csp"):
        violations["søk"] = found
    context.close()
    assert violations == {} and console == [], (violations, console)
    assert [f for f in failed if "finnes-ikke" not in f] == []


def test_atomic_release_swap_and_rollback(nginx_www: tuple[str, Path], real_site: Path, tmp_path: Path) -> None:
    """The deploy guide's commands: ln -sfn beside the link, then mv -T over it."""
    base, www = nginx_www
    old = (www / "lederprogram").resolve()
    new = tmp_path / "release-2"
    shutil.copytree(real_site, new)
    index = new / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</h1>", " (ny versjon)</h1>", 1), encoding="utf-8")

    def switch(release: Path) -> None:
        subprocess.run(["ln", "-sfn", str(release), str(www / "lederprogram.ny")], check=True)
        subprocess.run(["mv", "-T", str(www / "lederprogram.ny"), str(www / "lederprogram")], check=True)

    switch(new)
    assert b"(ny versjon)</h1>" in get(base + PREFIX)[2]
    assert sorted(p.name for p in www.iterdir()) == ["lederprogram"]
    switch(old)  # rollback
    assert b"(ny versjon)" not in get(base + PREFIX)[2]
    assert (www / "lederprogram").resolve() == old
