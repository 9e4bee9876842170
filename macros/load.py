"""Read YAML files into plain Python values, keeping the line of every value.

YAML 1.2 semantics (``no`` and ``10:30`` are text), duplicate keys refused,
dates kept as text so that the model can report impossible ones by line.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ruamel.yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from .problems import Problem

Path_ = tuple[int | str, ...]


@dataclass
class Loaded:
    """A file's data and where each value stands (1-based lines)."""

    file: str
    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    key_lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_, *, key: bool = False) -> int:
        """The line of the value at ``path``, or of its nearest ancestor."""
        path = tuple(path)
        if key and path in self.key_lines:
            return self.key_lines[path]
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem naming the line of the first bad byte."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                "filen er ikke lagret som UTF-8",
                "lagre filen på nytt med tegnkoding UTF-8 i editoren",
            )
        ]


def tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    name,
                    number,
                    "tabulator brukt til innrykk",
                    "YAML krever mellomrom; bytt tabulatoren ut med mellomrom",
                )
            )
    return problems


def load_yaml(path: Path, name: str) -> tuple[Loaded | None, list[Problem]]:
    """Load one YAML file; on problems the data is None."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    problems = tab_problems(text, name)
    if problems:
        return None, problems
    try:
        node = YAML(typ="rt").compose(io.StringIO(text))
    except MarkedYAMLError as err:
        found = open_quote_problem(text, name) or open_bracket_problem(text, name)
        return None, [found or syntax_problem(err, name)]
    except ReaderError as err:
        return None, [character_problem(text, err, name)]
    except (YAMLError, RecursionError):
        return None, [Problem(name, 1, "YAML-syntaksfeil: filen kan ikke leses som YAML",
                              "sjekk innrykk, kolon og klammer; del opp svært dype lister")]
    loaded = Loaded(name)
    if node is None:
        return loaded, []
    loaded.data = convert(node, (), loaded, problems)
    return (None if problems else loaded), problems


# Parsing with ruamel.yaml is pure Python and was the largest cost of `make check` and of each
# build's data loading; a file whose bytes (and this parser's code) are unchanged is read back.
_PARSER_KEY = (Path(__file__).read_bytes() + ruamel.yaml.__version__.encode())


def load_yaml_cached(path: Path, name: str, cache: Path) -> tuple[Loaded | None, list[Problem]]:
    """``load_yaml``, reusing the result for unchanged bytes; only problem-free loads are kept."""
    raw = path.read_bytes()
    key = hashlib.sha256(name.encode() + b"\0" + raw + b"\0" + _PARSER_KEY).hexdigest()
    stored = cache / (re.sub(r"[^\w.-]", "_", name) + ".pickle")
    try:
        old_key, loaded = pickle.loads(stored.read_bytes())
        if old_key == key and isinstance(loaded, Loaded):
            return loaded, []
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
        pass
    loaded, problems = load_yaml(path, name)
    if loaded is not None and not problems:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            partial = stored.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(pickle.dumps((key, loaded)))
            partial.replace(stored)
        except OSError:
            pass  # a read-only checkout works, only slower
    return loaded, problems


_QUOTE_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+)?(["'])(.*)$""")


def open_quote_problem(text: str, name: str) -> Problem | None:
    """A quote opened and not closed on its own line: the usual cause, named where it starts.

    YAML allows quoted text over several lines, so the parser reports such a mistake
    wherever the next quote happens to be; our files never need multi-line quotes.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        match = _QUOTE_START.match(line)
        if not match:
            continue
        quote, rest = match[1], match[2]
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else re.search(r"'", rest.replace("''", ""))
        if not closed:
            return Problem(
                name,
                number,
                f"YAML-syntaksfeil: anførselstegnet {quote} som åpnes her, lukkes ikke på samme linje",
                f"sett et {quote} til slutt i verdien",
            )
    return None


def open_bracket_problem(text: str, name: str) -> Problem | None:
    """A [ or { opened and not closed on its own line, named where it opens."""
    for number, line in enumerate(text.splitlines(), start=1):
        bare = re.sub(r'"[^"]*"|\'[^\']*\'|#.*$', "", line)
        for opening, closing in ("[]", "{}"):
            if bare.count(opening) > bare.count(closing):
                return Problem(
                    name,
                    number,
                    f"YAML-syntaksfeil: {opening} som åpnes her, lukkes ikke på samme linje",
                    f"sett {closing} til slutt i listen, for eksempel [a, b]",
                )
    return None


def character_problem(text: str, err: ReaderError, name: str) -> Problem:
    """A control character YAML does not allow, often pasted from another program."""
    line = text[: max(err.position, 0)].count("\n") + 1
    return Problem(
        name,
        line,
        f"filen inneholder et usynlig kontrolltegn (U+{err.character:04X}) som YAML ikke tillater",
        "slett tegnet, eller skriv linjen på nytt; det kommer ofte med når tekst kopieres fra et annet program",
    )


def syntax_problem(err: MarkedYAMLError, name: str) -> Problem:
    mark = err.context_mark or err.problem_mark
    line = mark.line + 1 if mark else 1
    what = " ".join(str(x) for x in (err.context, err.problem) if x)
    return Problem(
        name,
        line,
        f"YAML-syntaksfeil: {translate_syntax(what)}",
        "sjekk innrykk, kolon og at anførselstegn er lukket på samme linje",
    )


SYNTAX_WORDS = {
    "while scanning a quoted scalar found unexpected end of stream": (
        "anførselstegnet som åpnes her, lukkes aldri"
    ),
    "while scanning a quoted scalar": "anførselstegnet som åpnes her, lukkes ikke riktig",
    "mapping values are not allowed here": "kolon på et sted der det ikke er tillatt",
    "while parsing a block mapping": "innrykket stemmer ikke med linjene over",
    "while parsing a block collection": "innrykket i listen stemmer ikke",
    "while scanning a simple key": "en linje mangler kolon etter feltnavnet",
    "found undefined alias": "ukjent alias (*navn)",
}


def translate_syntax(what: str) -> str:
    for english, norwegian in SYNTAX_WORDS.items():
        if what.startswith(english):
            return norwegian
    return what


SCALARS = {
    "tag:yaml.org,2002:int": lambda v: int(v, 0) if v[:2] in ("0x", "0o") else int(v),
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
}


def convert(node: Node, path: Path_, loaded: Loaded, problems: list[Problem]) -> Any:
    loaded.lines[path] = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        make = SCALARS.get(node.tag, str)
        # ruamel marks the fold points of ">" text with BEL for round-tripping; drop them.
        value = node.value.replace("\a", "") if node.style == ">" else node.value
        try:
            return make(value)
        except ValueError:
            return value
    if isinstance(node, SequenceNode):
        return [convert(item, (*path, i), loaded, problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        return convert_mapping(node, path, loaded, problems)
    return None


def convert_mapping(
    node: MappingNode, path: Path_, loaded: Loaded, problems: list[Problem]
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = convert(key_node, path + ("<key>",), loaded, problems)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            first = loaded.key_lines[(*path, key)]
            problems.append(
                Problem(
                    loaded.file,
                    line,
                    f"feltet «{key}» står to ganger (først på linje {first})",
                    "slett den ene, eller slå dem sammen",
                )
            )
            continue
        loaded.key_lines[(*path, key)] = line
        result[key] = convert(value_node, (*path, key), loaded, problems)
    loaded.lines.pop(path + ("<key>",), None)
    return result
