"""The nginx configuration for a portal under a prefix and a web root: ``python -m macros nginx``.

One template (``deploy/nginx-template.conf``) for every portal, so two cohorts or two programmes
can be served side by side on one host, each under its own prefix: ``--server-blokk`` gives a
whole ``server`` (what ``deploy/nginx.conf`` is, with the defaults), without it only the
``location`` blocks to include in a server that already serves another portal. Both values reach
nginx's configuration as they are, so they are held to a few safe characters first.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .problems import DataError

TEMPLATE = Path(__file__).resolve().parents[1] / "deploy" / "nginx-template.conf"
DEFAULT_PREFIX = "/lederprogram/"
DEFAULT_WEBROOT = "/srv/www"
# nothing nginx would read as syntax (space, ;, {, }, quotes, $, #) or a regex would read as more
PREFIX = re.compile(r"/(?:[a-z0-9][a-z0-9-]*/)+")
WEBROOT = re.compile(r"/(?:[A-Za-z0-9_][A-Za-z0-9._-]*/?)*")


def checked_prefix(prefix: str) -> str:
    if not PREFIX.fullmatch(prefix):
        raise DataError(
            f"prefikset «{prefix}» kan ikke brukes",
            "skriv stien portalen skal ligge under, med / først og sist og bare a–z, tall og "
            "bindestrek mellom, for eksempel --prefix /lederprogram-2018/",
        )
    return prefix


def checked_webroot(webroot: str) -> str:
    parts = webroot.rstrip("/").split("/")[1:]
    if webroot != "/" and (not WEBROOT.fullmatch(webroot) or ".." in parts or "." in parts):
        raise DataError(
            f"webroten «{webroot}» kan ikke brukes",
            "skriv en absolutt sti uten mellomrom, .. og spesialtegn, for eksempel --webrot /srv/www",
        )
    return webroot.rstrip("/") or "/"


def command_line(prefix: str, webroot: str, server: bool) -> str:
    words = ["python", "-m", "macros", "nginx", "--prefix", prefix, "--webrot", webroot]
    return shlex.join(words + (["--server-blokk"] if server else []))


def nginx_config(prefix: str = DEFAULT_PREFIX, webroot: str = DEFAULT_WEBROOT, *, server: bool = True) -> str:
    """The configuration for a portal at ``webroot/<name>`` served under ``prefix`` (``/<name>/``)."""
    prefix, webroot = checked_prefix(prefix), checked_webroot(webroot)
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE.parent),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # nginx syntax, not HTML: the values are held to safe characters above
    )
    text = environment.get_template(TEMPLATE.name).render(
        prefix=prefix,
        prefix_regex=re.escape(prefix),
        name=prefix.strip("/"),
        webroot=webroot,
        server=server,
        command=command_line(prefix, webroot, server),
    )
    return text.rstrip("\n") + "\n"
