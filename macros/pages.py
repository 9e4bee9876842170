"""Check the Markdown pages in docs/: macro syntax, names and calls."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .calendar import calendar_paths
from .components import COMPONENTS, bound
from .front_matter import front_matter_problems, split_front_matter
from .load import read_text
from .model import Curriculum
from .privacy import Allowed, load_allowed
from .problems import DataError, Problem, ProblemsFound
from .published import (
    Published,
    cached,
    converter,
    html_problems,
    link_problems,
    nesting_problems,
    page_links,
    privacy_problems,
    save_cache,
    to_html,
)
from .templates import MAX_OUTPUT, environment, template_problems

# MkDocs' own front-matter rule (mkdocs.utils.meta), so lines match the build.
MACROS_OFF = re.compile(r"^render_macros:\s*false\s*$", re.MULTILINE)
# Each page's Markdown before and after its macro calls, by page: a build in the same process as
# the checks takes it from here instead of rendering the page again.
_RENDERED: dict[str, tuple[str, str, object]] = {}
# What each page's published HTML links to and offers as anchors, for the links check across pages
_LINKS: dict[str, Published] = {}


def rendered(page: str, markdown: str, cur: object = None) -> str | None:
    """What the checks rendered from this page's Markdown, if they saw exactly this text and
    rendered it with this curriculum (after a data edit, an unchanged page is rendered again)."""
    before, after, data = _RENDERED.get(page, ("", None, None))
    return after if before == markdown and data is cur else None


def page_markdown(root: Path, cur: Curriculum, page: str, markdown: str) -> str:
    """The page's Markdown for the engine: what the checks rendered, or the page checked and
    rendered now (the preview and a plain ``mkdocs build`` come here). Raises ProblemsFound."""
    done = rendered(page, markdown, cur)
    if done is None:
        components = bound(cur, lambda: page)
        allowed, problems = load_allowed(root)
        problems += check_page(
            environment(components),
            components,
            root / "docs" / page,
            Page(root, f"docs/{page}", page, cur),
            allowed,
            rendering=True,
        )
        if problems:
            raise ProblemsFound(problems)
        done = rendered(page, markdown, cur)
    if done is None:  # the engine read the file differently (line endings): render its own text
        components = bound(cur, lambda: page)
        done, problems = render_page(environment(components), components, markdown, f"docs/{page}", 0)
        if done is None:
            raise ProblemsFound(problems)
    return done


def check_pages(root: Path, cur: Curriculum | None) -> tuple[int, list[Problem]]:
    """Number of pages checked, and the problems found."""
    docs = root / "docs"
    here = [""]
    components = bound(cur, lambda: here[0]) if cur is not None else dict(COMPONENTS)
    env = environment(components)
    allowed, problems = load_allowed(root)
    pages = sorted(docs.rglob("*.md"))
    _LINKS.clear()
    for path in pages:
        here[0] = path.relative_to(docs).as_posix()
        page = Page(root, f"docs/{here[0]}", here[0], cur)
        problems += check_page(env, components, path, page, allowed, rendering=cur is not None)
    save_cache(root)
    if cur is not None and len(_LINKS) == len(pages):  # links only between pages that were read in full
        problems += all_link_problems(docs, set(calendar_paths(cur)))
    return len(pages), problems


@dataclass(frozen=True)
class Page:
    root: Path
    name: str  # docs/… as problems name it
    path: str  # relative to docs/, as components and the engine name it
    data: object = None  # the curriculum the page is rendered with


def check_page(
    env: SandboxedEnvironment,
    components: dict[str, Callable[..., str]],
    path: Path,
    page: Page,
    allowed: Allowed,
    *,
    rendering: bool,
) -> list[Problem]:
    text, problems = read_text(path, page.name)
    if text is None:
        return problems
    return check_text(env, components, text, page, allowed, rendering=rendering)


def newlines(text: str) -> str:
    """Line breaks as MkDocs reads them (Python's universal newlines): a bare CR ends a line too."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(
    env: SandboxedEnvironment,
    components: dict[str, Callable[..., str]],
    text: str,
    page: Page,
    allowed: Allowed,
    *,
    rendering: bool = True,
) -> list[Problem]:
    """A page's problems: front matter, nesting, component calls, and what it would publish.
    Without data (``rendering=False``) the page is checked as written."""
    meta, body, offset = split_front_matter(newlines(text))
    problems = front_matter_problems(meta, page.name) + nesting_problems(body, page.name, offset)
    if problems:
        return problems
    output: str | None
    if MACROS_OFF.search(meta):
        output = body
    else:
        output, problems = render_page(env, components, body, page.name, offset, rendering=rendering)
        if problems:
            return problems
    if output is None:  # no data to render with: check the page as written
        output = body
    elif rendering:
        _RENDERED[page.path] = (body, output, page.data)
    return published_problems(page, body, output, offset, allowed)


def render_page(
    env: SandboxedEnvironment,
    components: dict[str, Callable[..., str]],
    body: str,
    name: str,
    offset: int,
    *,
    rendering: bool = True,
) -> tuple[str | None, list[Problem]]:
    """The page's Markdown after its component calls, or the problems that stop it."""
    try:
        tree = env.parse(body)
    except jinja2.TemplateSyntaxError as err:
        return None, [
            Problem(
                name,
                (err.lineno or 1) + offset,
                f"feil i makrosyntaksen: {err.message}",
                "sjekk at {{ … }} og {% … %} er lukket; skal teksten vises som den er, "
                "sett «render_macros: false» i sidehodet",
            )
        ]
    problems = template_problems(tree, name, offset, components)
    if problems or not rendering:
        return None, problems
    try:
        output = env.from_string(tree).render()  # the tree parsed above
    except Exception as err:  # any error in a macro call becomes a message
        return None, [call_problem(err, name, offset)]
    if len(output) > MAX_OUTPUT:
        return None, [
            Problem(
                name,
                offset + 1,
                "siden blir for stor når makroene har kjørt",
                "del siden opp, eller vis færre ting på den",
            )
        ]
    return output, []


def published_problems(page: Page, source: str, output: str, offset: int, allowed: Allowed) -> list[Problem]:
    config = (page.root / "mkdocs.yml").read_text(encoding="utf-8")
    listed = repr((sorted(allowed.emails), sorted(allowed.phones)))  # a set's repr has no fixed order
    parts = (config, listed, page.name, str(offset), source, output)
    found = cached(page.root, parts, lambda: publish_check(page, source, output, offset, allowed))
    _LINKS[page.path] = found
    return found.problems


def publish_check(page: Page, source: str, output: str, offset: int, allowed: Allowed) -> Published:
    try:
        converter((page.root / "mkdocs.yml").read_text(encoding="utf-8"))
    except Exception:  # mkdocs.yml itself is wrong: reported once, by macros.nav, not for every page
        return Published([], [], [])
    try:
        page_html = to_html(page.root, output)
    except Exception as err:  # Markdown itself failed: the build would too
        return Published(
            [
                Problem(
                    page.name,
                    offset + 1,
                    f"siden kunne ikke gjøres om til HTML ({type(err).__name__})",
                    "se etter uvanlig dyp nesting eller svært lange linjer",
                )
            ],
            [],
            [],
        )
    problems = html_problems(page_html, source, page.name, offset) + privacy_problems(
        page_html, source, page.name, offset, allowed
    )
    return Published(problems, *page_links(page_html, source, offset))


def all_link_problems(docs: Path, extra_files: set[str]) -> list[Problem]:
    """Links between the pages just checked (``_LINKS``), and to the files in docs/."""
    files = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} | extra_files
    anchors = {page: found.ids for page, found in _LINKS.items()}
    problems = []
    for page, found in _LINKS.items():
        problems += link_problems(f"docs/{page}", page, found.links, anchors, files)
    return problems


def template_line(err: BaseException) -> int:
    line = 1
    for frame, lineno in traceback.walk_tb(err.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def call_problem(err: Exception, name: str, offset: int) -> Problem:
    line = template_line(err) + offset
    if isinstance(err, DataError):
        return Problem(name, line, err.message, err.fix)
    if isinstance(err, TypeError):
        return Problem(
            name,
            line,
            "makroen er kalt med feil argumenter",
            'se referansen for makroene, f.eks. {{ agenda("samling-1") }}',
        )
    if isinstance(err, SecurityError):
        return Problem(
            name,
            line,
            "makroen prøvde noe sidene ikke har lov til",
            "en side kan bare kalle makroer med faste verdier",
        )
    return Problem(name, line, f"makroen feilet ({type(err).__name__})", "se referansen for makroene")
