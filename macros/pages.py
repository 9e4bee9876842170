"""Check the Markdown pages in docs/: macro syntax, names and calls."""

from __future__ import annotations

import re
import traceback
from pathlib import Path

import jinja2
from jinja2 import nodes

from .components import COMPONENTS, bound
from .load import read_text
from .model import Curriculum
from .problems import DataError, Problem, did_you_mean

# MkDocs' own front-matter rule (mkdocs.utils.meta), so lines match the build.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
JINJA_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"}
KNOWN = ", ".join(sorted(COMPONENTS))
# Each page's Markdown after its macro calls, by (page, Markdown before): a build in the same
# process as the checks takes it from here instead of rendering the page again.
_RENDERED: dict[tuple[str, str], str] = {}


def rendered(page: str, markdown: str) -> str | None:
    """What the checks rendered from this page's Markdown, if they saw exactly this text."""
    return _RENDERED.get((page, markdown))


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, number of lines before the body)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return "", text, 0
    rest = text[match.end():]
    body = rest.lstrip("\n")
    offset = text[: len(text) - len(body)].count("\n")
    return match.group(1), body, offset


def check_pages(root: Path, cur: Curriculum | None) -> tuple[int, list[Problem]]:
    """Number of pages checked, and the problems found."""
    docs = root / "docs"
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    here = [""]
    if cur is not None:
        env.globals.update(bound(cur, lambda: here[0]))
    problems: list[Problem] = []
    pages = sorted(docs.rglob("*.md"))
    for path in pages:
        here[0] = path.relative_to(docs).as_posix()
        problems += check_page(env, path, here[0], rendering=cur is not None)
    return len(pages), problems


def check_page(env: jinja2.Environment, path: Path, page: str, *, rendering: bool) -> list[Problem]:
    name = f"docs/{page}"
    text, problems = read_text(path, name)
    if text is None:
        return problems
    meta, body, offset = split_front_matter(text)
    if re.search(r"^render_macros:\s*false\s*$", meta, re.MULTILINE):
        return []
    try:
        tree = env.parse(body)
    except jinja2.TemplateSyntaxError as err:
        return [Problem(name, (err.lineno or 1) + offset, f"feil i makrosyntaksen: {err.message}",
                        "sjekk at {{ … }} og {% … %} er lukket; skal teksten vises som den er, "
                        "sett «render_macros: false» i sidehodet")]
    problems = unknown_names(tree, name, offset)
    if problems or not rendering:
        return problems
    try:
        _RENDERED[page, body] = env.from_string(tree).render()  # the tree parsed above
    except Exception as err:  # any error in a macro call becomes a message
        return [call_problem(err, name, offset)]
    return []


def unknown_names(tree: nodes.Template, name: str, offset: int) -> list[Problem]:
    stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    problems = []
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in set(COMPONENTS) | JINJA_GLOBALS | stored:
            problems.append(
                Problem(name, node.lineno + offset, f"ukjent makro eller variabel «{node.name}»",
                        did_you_mean(node.name, set(COMPONENTS)) or f"kjente makroer er {KNOWN}")
            )
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
        return Problem(name, line, f"makroen er kalt med feil argumenter ({err})",
                       "se referansen for makroene, f.eks. {{ agenda(\"samling-1\") }}")
    return Problem(name, line, f"makroen feilet: {err}", "se referansen for makroene")
