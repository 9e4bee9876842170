"""deploy/nginx.conf in real nginx (Debian's) on loopback, serving the real site under /lederprogram/.

The site is deployed as deploy/README.md says: copied with `rsync -a` into a release folder, with
/srv/www/lederprogram a symlink to it, and nginx's workers run as an unprivileged user (www-data),
as on the server. Workers running as root would read a folder only its owner may read (the 0700
that tempfile.mkdtemp gives), and hide the 403 every reader would get."""

from __future__ import annotations

import base64
import grp
import gzip
import hashlib
import os
import pwd
import re
import shutil
import stat
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Browser

from .conftest import build, free_port

ROOT = Path(__file__).resolve().parents[1]
CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
RSYNC = shutil.which("rsync")
PREFIX = "/lederprogram/"
AS_ROOT = os.geteuid() == 0

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        not Path(NGINX).exists() or RSYNC is None,
        reason="nginx eller rsync mangler: kjør scripts/ensure-nginx (.ci/run gjør det)",
    ),
]


def worker_user() -> str:
    """`user` and group for nginx's workers: Debian's www-data (or nobody), as on the server."""
    for name in ("www-data", "nobody"):
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            continue
        return f"{name} {grp.getgrgid(account.pw_gid).gr_name}"
    raise AssertionError("no unprivileged user (www-data, nobody) to run nginx's workers as")


def nginx_config(www: Path, port: int, run: Path) -> str:
    """deploy/nginx.conf with its root and port replaced, in a minimal main config."""
    site = CONF.read_text(encoding="utf-8")
    assert site.count("root /srv/www;") == 1 and site.count("listen 80;") == 1
    site = site.replace("root /srv/www;", f"root {www};").replace("listen 80;", f"listen 127.0.0.1:{port};")
    return main_config(site, run)


def main_config(server: str, run: Path) -> str:
    """A minimal nginx main config around ``server`` blocks, with its files in ``run``."""
    temp = "\n".join(
        f"    {kind}_temp_path {run}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = f"user {worker_user()};\n" if AS_ROOT else ""  # otherwise the workers run as we do
    return (
        f"{user}daemon off;\npid {run}/nginx.pid;\nerror_log {run}/error.log warn;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp}\n{server}\n}}\n"
    )


@contextmanager
def running_nginx(run: Path, config: str, probe: str) -> Iterator[subprocess.Popen[str]]:
    """nginx with ``config``, once it answers ``probe`` (any status: the tests say what is wrong)."""
    conf = run / "nginx.conf"
    conf.write_text(config, encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(run), "-c", str(conf)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen([NGINX, "-p", str(run), "-c", str(conf)], stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            try:
                get(probe)
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.05)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def deploy(site: Path, release: Path) -> Path:
    """deploy/README.md's copy: `rsync -a site/ "$ny/"`, which keeps the folders' modes."""
    subprocess.run([RSYNC, "-a", f"{site}/", f"{release}/"], check=True)
    return release


def switch(www: Path, release: Path) -> None:
    """deploy/README.md's swap: ln -sfn beside the link, then mv -T over it."""
    subprocess.run(["ln", "-sfn", str(release), str(www / "lederprogram.ny")], check=True)
    subprocess.run(["mv", "-T", str(www / "lederprogram.ny"), str(www / "lederprogram")], check=True)


def releases(www: Path) -> Path:
    return www.parent / "lederprogram" / "releases"


def worker_can_read(release: Path) -> bool:
    """deploy/README.md's check before the swap: runuser -u www-data -- test -r "$ny/index.html"."""
    command = ["runuser", "-u", worker_user().split()[0], "--", "test", "-r", str(release / "index.html")]
    return subprocess.run(command).returncode == 0


@pytest.fixture(scope="module")
def server_folders() -> Iterator[Path]:
    """/srv as on the server: folders anyone may pass through (pytest's own are 0700)."""
    srv = Path(tempfile.mkdtemp(prefix="lederprogram-srv-"))
    try:
        for folder in (srv, srv / "www", srv / "lederprogram", srv / "lederprogram" / "releases"):
            folder.mkdir(exist_ok=True)
            folder.chmod(0o755)
        yield srv
    finally:
        shutil.rmtree(srv)


@pytest.fixture(scope="module")
def nginx_server(
    real_site: Path, server_folders: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path, int]]:
    """nginx's base URL, the folder (/srv/www) holding the lederprogram symlink it serves, and
    the process id of its master."""
    run = tmp_path_factory.mktemp("nginx")
    www = server_folders / "www"
    switch(www, deploy(real_site, releases(www) / "2026-11-29T0130"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running_nginx(run, nginx_config(www, port, run), base + PREFIX) as proc:
        yield base, www, proc.pid


@pytest.fixture(scope="module")
def nginx_www(nginx_server: tuple[str, Path, int]) -> tuple[str, Path]:
    return nginx_server[:2]


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
    for unhashed in (
        "search/search_index.json",
        "javascripts/norwegian-search.js",
        "assets/images/favicon.png",
    ):
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


def test_calendars_are_sent_as_calendars(nginx: str, real_site: Path) -> None:
    """Debian's mime.types has no .ics: sent as application/octet-stream with nosniff, a phone only
    saves the file instead of offering to add the events."""
    calendars = sorted((real_site / "kalender").glob("*.ics"))
    assert calendars
    for path in calendars:
        status, headers, body = get(f"{nginx}{PREFIX}kalender/{path.name}")
        assert status == 200 and headers["content-type"] == "text/calendar; charset=utf-8", path.name
        assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-cache"
        assert body == path.read_bytes() and icalendar.Calendar.from_ical(body).walk("VEVENT")
    # compressed for a phone that asks, the type unchanged
    largest = max(calendars, key=lambda path: path.stat().st_size)
    status, headers, body = get(f"{nginx}{PREFIX}kalender/{largest.name}", **{"Accept-Encoding": "gzip"})
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers.get("content-encoding") == "gzip" and gzip.decompress(body) == largest.read_bytes()


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


def test_with_the_site_address_set_calendars_and_the_404_page_still_work(
    mini: Path, server_folders: Path, tmp_path: Path
) -> None:
    """deploy/README.md says to set site_url for full links in the calendars. MkDocs then writes the
    404 page's links under the prefix itself; nginx must not move them under it a second time."""
    base = "https://intranett.example" + PREFIX
    config = mini / "mkdocs.yml"
    config.write_text(f"site_url: {base}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(mini, mini / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    www = server_folders / "www-site-url"
    www.mkdir(mode=0o755)
    switch(www, deploy(mini / "site", releases(server_folders / "www") / "med-site-url"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running_nginx(tmp_path, nginx_config(www, port, tmp_path), url + PREFIX):
        status, _, body = get(url + PREFIX + "finnes/ikke/")
        assert status == 404
        links = re.findall(r'(?:href|src)="(/[^"]*)"', body.decode("utf-8"))
        twice = PREFIX + PREFIX[1:]  # /lederprogram/lederprogram/
        assert links and all(link.startswith(PREFIX) and not link.startswith(twice) for link in links)
        assert all(get(url + link)[0] == 200 for link in links if "/assets/" in link)
        status, headers, body = get(url + PREFIX + "kalender/frister.ics")
        assert status == 200 and headers["content-type"] == "text/calendar; charset=utf-8"
        for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
            assert str(event["URL"]).startswith(base)


@pytest.mark.browser
def test_not_found_page_is_norwegian_with_search_and_the_way_home(nginx: str, browser: Browser) -> None:
    """Under the prefix, in Chromium: the 404 page in Norwegian, every link on it leads to a page
    of the portal, and its search button opens the portal's search, whose results work too."""
    page = browser.new_page()
    response = page.goto(nginx + PREFIX + "samlinger/finnes-ikke/")
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert page.title().startswith("Fant ikke siden")
    assert page.locator("article h1").inner_text() == "Fant ikke siden"
    assert "Not found" not in page.locator("article").inner_text()
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert nginx + PREFIX in hrefs or nginx + PREFIX + "." in hrefs  # the front page
    assert len(hrefs) >= 5 and all(href.startswith(nginx + PREFIX) for href in hrefs), hrefs
    assert all(get(href)[0] == 200 for href in hrefs), hrefs
    page.get_by_role("button", name="Søk i læringsportalen").click()
    page.keyboard.type("samling", delay=20)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    assert get(result.evaluate("a => a.href"))[0] == 200
    page.close()


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


@pytest.mark.browser
def test_no_csp_violations_in_chromium(nginx: str, real_site: Path, browser: Browser) -> None:
    urls = pages(real_site)
    assert len(urls) >= 40
    context = browser.new_context()
    context.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e =>"
        " window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':'"
        " + e.lineNumber));"
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


def test_atomic_release_swap_and_rollback(nginx_www: tuple[str, Path], real_site: Path) -> None:
    """The deploy guide's commands: ln -sfn beside the link, then mv -T over it."""
    base, www = nginx_www
    old = (www / "lederprogram").resolve()
    new = deploy(real_site, releases(www) / "2026-11-30T0130")
    try:
        index = new / "index.html"
        html = index.read_text(encoding="utf-8").replace("</h1>", " (ny versjon)</h1>", 1)
        index.write_text(html, encoding="utf-8")
        switch(www, new)
        assert b"(ny versjon)</h1>" in get(base + PREFIX)[2]
        assert sorted(p.name for p in www.iterdir()) == ["lederprogram"]
        switch(www, old)  # rollback
        assert b"(ny versjon)" not in get(base + PREFIX)[2]
        assert (www / "lederprogram").resolve() == old
    finally:
        switch(www, old)
        shutil.rmtree(new)


def parent_pid(process: Path) -> int:
    try:
        return int((process / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0  # gone meanwhile


def test_workers_run_as_an_unprivileged_user(nginx_server: tuple[str, Path, int]) -> None:
    if not AS_ROOT:
        pytest.skip("nginx kan bare bytte bruker når testen kjører som root")
    master = nginx_server[2]
    workers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and parent_pid(p) == master]
    users = {pwd.getpwuid(p.stat().st_uid).pw_name for p in workers}
    assert workers and users == {worker_user().split()[0]}, users


def test_every_file_is_served_to_the_worker_user(nginx_www: tuple[str, Path], real_site: Path) -> None:
    """Every file the build wrote, read through nginx whose workers are not root: all 200."""
    nginx, www = nginx_www
    files = sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*") if p.is_file())
    assert sum(f.endswith(".html") for f in files) >= 40
    failed = {f: status for f in files if (status := get(nginx + PREFIX + f)[0]) != 200}
    assert failed == {}
    if AS_ROOT:
        assert worker_can_read((www / "lederprogram").resolve())
    assert all(get(nginx + url)[0] == 200 for url in pages(real_site))  # folder URLs, as linked


def test_a_release_only_its_owner_may_read_is_forbidden(
    nginx_www: tuple[str, Path], real_site: Path, tmp_path: Path
) -> None:
    """What a site built in a 0700 folder (tempfile.mkdtemp) gave after `rsync -a`: 403 for all.
    The build now makes the site readable by all; this shows that the test above would see it."""
    if not AS_ROOT:
        pytest.skip("nginx kan bare bytte bruker når testen kjører som root")
    base, www = nginx_www
    current = (www / "lederprogram").resolve()
    private = tmp_path / "site"
    shutil.copytree(real_site, private)
    private.chmod(0o700)
    release = deploy(private, releases(www) / "2026-12-01T0130")
    try:
        assert stat.S_IMODE(release.stat().st_mode) == 0o700  # rsync -a kept it
        assert not worker_can_read(release)
        switch(www, release)
        assert get(base + PREFIX)[0] == 403
        assert get(base + PREFIX + "assets/images/favicon.png")[0] == 403
    finally:
        switch(www, current)
        shutil.rmtree(release)
    assert get(base + PREFIX)[0] == 200


def test_dotfiles_are_never_served(nginx_www: tuple[str, Path]) -> None:
    """A .env, .git or .htpasswd that ends up in a release or the web root stays on the server."""
    base, www = nginx_www
    release = (www / "lederprogram").resolve()
    planted = {
        release / ".env": "/lederprogram/.env",
        release / ".htpasswd": "/lederprogram/.htpasswd",
        release / ".git" / "config": "/lederprogram/.git/config",
        release / "assets" / ".env": "/lederprogram/assets/.env",
        www / ".env": "/.env",
        www / ".git" / "config": "/.git/config",
    }
    visible = release / "synlig.txt"  # the same kind of file without the dot is served
    try:
        for path in [*planted, visible]:
            if not path.parent.exists():  # .git/: as a copied repository would have it
                path.parent.mkdir()
                path.parent.chmod(0o755)
            path.write_text("HEMMELIG=1\n", encoding="utf-8")
            path.chmod(0o644)
        assert get(base + PREFIX + "synlig.txt")[0] == 200
        tricks = ["/lederprogram/%2Eenv", "/lederprogram/.git/", "/lederprogram/assets/../.env"]
        urls = [*planted.values(), *tricks]
        served = {url: status for url in urls if (status := get(base + url)[0]) not in (403, 404)}
        assert served == {}
        assert all(b"HEMMELIG" not in get(base + url)[2] for url in urls)
    finally:
        for path in [*planted, visible]:
            path.unlink()
        for folder in (release / ".git", www / ".git"):
            folder.rmdir()
