"""Read YAML files into plain Python values, keeping the line of every value.

YAML 1.2 semantics (``no`` and ``10:30`` are text), duplicate keys refused,
dates kept as text so that the model can report impossible ones by line.

Only the plain part of YAML is accepted: one document, no directives, anchors, aliases or
explicit tags, booleans written ``true``/``false``, and no control characters in values
other than tab and newline. Each refusal names its line in Norwegian.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ruamel.yaml
from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, Event, StreamEndEvent
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
    # a value as typed where the parsed value reads differently (``09.30`` is the number 9.3)
    typed: dict[Path_, str] = field(default_factory=dict)
    # lines inside a text over several lines that look like «field: …»: a field indented too far
    swallowed: dict[Path_, list[tuple[int, str]]] = field(default_factory=dict)

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
    """A tab in the indentation, with the number of spaces that would line the line up."""
    lines = text.splitlines()
    fixed = list(lines)
    found = []
    for number, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            spaces, hint = indent_from_above(fixed, number)
            fixed[number] = " " * spaces + line.lstrip(" \t")
            what = "tabulatoren" if indent == "\t" else "innrykket"
            found.append((number, f"bytt {what} ut med {spaces} mellomrom{hint}"))
    if found and not parses("\n".join(fixed), {n for n, _ in found}):
        found = [(n, "bytt tabulatoren ut med mellomrom, like mange som linjene rundt") for n, _ in found]
    return [
        Problem(name, n + 1, "tabulator brukt til innrykk", f"YAML krever mellomrom: {fix}")
        for n, fix in found
    ]


_DASHES = re.compile(r"(?:-[ \t]+)*")


def dashes_end(text: str) -> int:
    """Where the list dashes that begin ``text`` end (0 if there are none)."""
    match = _DASHES.match(text)
    assert match is not None  # the pattern matches the empty text too
    return match.end()


def first_word(body: str) -> str:
    """The field name or first word of a line, without its list dashes."""
    body = body[dashes_end(body) :]
    return shortened(re.split(r":(?:\s|$)|\s", body, maxsplit=1)[0], 30)


def content_above(lines: list[str], number: int) -> int | None:
    """The nearest line above that holds data (not blank, not a comment)."""
    for j in range(number - 1, -1, -1):
        body = lines[j].strip()
        if body and not body.startswith("#"):
            return j
    return None


def indent_from_above(lines: list[str], number: int, actual: int | None = None) -> tuple[int, str]:
    """How far a line is probably meant to be indented, judged by the data lines above it; a list
    item goes under the «-» nearest to where it stands (``actual``), else under the last one."""
    j = content_above(lines, number)
    if j is None:
        return 0, ""
    above = lines[j]
    col = len(above) - len(above.lstrip(" "))
    key_col = col + dashes_end(above[col:])
    body = lines[number].lstrip(" \t")
    word, word_above = first_word(body), first_word(above.lstrip(" "))
    if re.search(r":\s*([|>][-+0-9]*\s*)?(#.*)?$", above):  # a field whose value starts below
        return key_col + 2, f", to mer enn «{word_above}» på linje {j + 1}"
    if body.startswith("- "):
        dashes = [k for k in range(j, -1, -1) if lines[k].lstrip(" ").startswith("- ")]
        if actual is not None:
            dashes.sort(key=lambda k: abs(len(lines[k]) - len(lines[k].lstrip(" ")) - actual))
        dash = dashes[0] if dashes else None
        if dash is not None:
            dash_col = len(lines[dash]) - len(lines[dash].lstrip(" "))
            return dash_col, f", så «-» står rett under «-» på linje {dash + 1}"
    return key_col, f", så «{word}» står rett under «{word_above}» på linje {j + 1}"


def parses(text: str, lines: set[int]) -> bool:
    """True if ``text`` reads as YAML, or fails only away from the given (0-based) lines."""
    try:
        compose(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return mark is not None and not ({mark.line - 1, mark.line, mark.line + 1} & lines)
    except (Refused, YAMLError, RecursionError):
        return True  # refused for something else, reported once the tabs are gone
    return True


class Refused(Exception):
    """A YAML feature the data files never need, met by the parser on ``line`` (1-based)."""

    def __init__(self, line: int, message: str, fix: str) -> None:
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


ANCHOR_FIX = "skriv verdien ut der den trengs; skal teksten begynne med & eller *, sett den i anførselstegn"
TAG_FIX = (
    "fjern taggen og skriv bare verdien: true eller false, et tall eller en tekst; "
    "skal teksten begynne med !, sett den i anførselstegn"
)


def shortened(text: str, limit: int = 40) -> str:
    """A name from the file, cut short so that a hostile one cannot flood the report."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tag_text(tag: Any) -> str:
    """The tag as the editor wrote it: ``!!bool``, ``!foo``, ``!`` or ``!<uri>``."""
    if tag.handle:
        return f"{tag.handle}{tag.suffix}"
    return tag.suffix if str(tag.suffix).startswith("!") else f"!<{tag.suffix}>"


def refuse_node_event(event: Event) -> None:
    """Anchors and aliases (the alias bomb) and explicit tags (``!!bool yes`` is false) are refused."""
    line = event.start_mark.line + 1
    if isinstance(event, AliasEvent):
        what = f"«*{shortened(str(event.anchor))}» er et YAML-alias"
        raise Refused(line, f"{what}; anker og alias er ikke tillatt i datafilene", ANCHOR_FIX)
    if (anchor := getattr(event, "anchor", None)) is not None:
        what = f"«&{shortened(str(anchor))}» er et YAML-anker"
        raise Refused(line, f"{what}; anker og alias er ikke tillatt i datafilene", ANCHOR_FIX)
    if (tag := getattr(event, "ctag", None)) is not None:
        what = f"«{shortened(tag_text(tag))}» foran verdien er en YAML-tag"
        raise Refused(line, f"{what}; tagger er ikke tillatt i datafilene", TAG_FIX)


class StrictComposer(Composer):
    """ruamel's composer, refusing event by event what a data file never needs.

    The check runs before a node is built, so an alias bomb is refused at its first anchor and
    never expanded, and a ``%YAML 1.1`` directive never brings back ``no`` as a boolean.
    """

    def compose_document(self) -> Any:
        start = self.parser.peek_event()
        if start.version or start.tags:
            raise Refused(
                start.start_mark.line + 1,
                "YAML-direktiver (linjer som begynner med %YAML eller %TAG) er ikke tillatt",
                "slett linjene som begynner med % over denne linjen; filene leses alltid som YAML 1.2",
            )
        node = super().compose_document()
        if not self.parser.check_event(StreamEndEvent):
            raise Refused(
                self.parser.peek_event().start_mark.line + 1,
                "et nytt YAML-dokument begynner her, men en datafil kan bare ha ett",
                "slett skillelinjen («---» eller «...») over, så alt står i samme dokument",
            )
        return node

    def compose_node(self, parent: Any, index: Any) -> Any:
        refuse_node_event(self.parser.peek_event())
        return super().compose_node(parent, index)


def compose(text: str) -> Node | None:
    """The node tree of one YAML 1.2 document (round-trip mode keeps every value's line)."""
    yaml = YAML(typ="rt")
    yaml.Composer = StrictComposer
    node: Node | None = yaml.compose(io.StringIO(text))
    return node


def load_yaml(path: Path, name: str) -> tuple[Loaded | None, list[Problem]]:
    """Load one YAML file; on problems the data is None."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    problems = tab_problems(text, name)
    if problems:
        return None, problems
    try:
        node = compose(text)
    except Refused as refusal:
        return None, [Problem(name, refusal.line, refusal.message, refusal.fix)]
    except MarkedYAMLError as err:
        found = open_quote_problem(text, name) or open_bracket_problem(text, name)
        return None, [found or layout_problem(text, err, name) or syntax_problem(err, name)]
    except ReaderError as err:
        return None, [character_problem(text, err, name)]
    except (YAMLError, RecursionError):
        return None, [
            Problem(
                name,
                1,
                "YAML-syntaksfeil: filen kan ikke leses som YAML",
                "sjekk innrykk, kolon og klammer; del opp svært dype lister",
            )
        ]
    loaded = Loaded(name)
    if node is None:
        return loaded, []
    loaded.data = convert(node, (), loaded, problems, text.splitlines())
    return (None if problems else loaded), problems


# Parsing with ruamel.yaml is pure Python and was the largest cost of `make check` and of each
# build's data loading; a file whose bytes (and this parser's code) are unchanged is read back.
_PARSER_KEY = Path(__file__).read_bytes() + ruamel.yaml.__version__.encode()


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


_KEY_LINE = re.compile(
    r"""(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#'"{}\[\]&*!|>%@`,?:-][^:#]*?) *:(?: +|$)"""
)


def layout_problem(text: str, err: MarkedYAMLError, name: str) -> Problem | None:
    """The mistakes behind most parser messages, named as the editor sees them: a colon in a
    value without quotes, a missing «- », a line indented differently from the lines above."""
    mark = err.problem_mark
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    key = shortened(match["key"], 30)
    if "mapping values are not allowed" in str(err.problem):
        if mark.column > match.end("key"):
            return colon_in_value(name, mark.line + 1, line, match)
        above = content_above(lines, mark.line)
        if above is not None and mark.column == match.end("key"):
            word = first_word(lines[above].lstrip(" "))
            return Problem(
                name,
                mark.line + 1,
                f"YAML-syntaksfeil: «{key}» har mer innrykk enn linjen over, så YAML leser linjen som en "
                f"del av verdien på linje {above + 1}",
                f"flytt «{key}» til venstre, til samme innrykk som «{word}» på linje {above + 1}",
            )
    context = err.context_mark
    if not str(err.context).startswith("while parsing a block") or context is None:
        return None
    row, indent = mark.line, len(match["indent"])
    if "collection" in str(err.context) and not match["dashes"] and indent == context.column:
        starts = {
            m[1] for text_line in lines if (m := re.match(rf" {{{indent}}}- +([^\s:#'\"]+) *:", text_line))
        }
        dash = next((k for k in range(row - 1, -1, -1) if lines[k].startswith(" " * indent + "-")), None)
        if dash is not None and match["key"] in starts:  # where records begin: the «- » is missing
            return Problem(
                name,
                row + 1,
                f"YAML-syntaksfeil: «- » mangler foran «{key}»: hver post i listen begynner med «- »",
                f"sett «- » foran «{key}», på samme plass som «- » på linje {dash + 1}",
            )
    wanted, hint = indent_from_above(lines, row, indent)
    if wanted != indent:
        what = "«-»" if match["dashes"] else f"«{key}»"
        return Problem(
            name,
            row + 1,
            f"YAML-syntaksfeil: {what} har feil innrykk ({indent} mellomrom)",
            f"rett innrykket til {wanted} mellomrom{hint}",
        )
    return None


def colon_in_value(name: str, number: int, line: str, match: re.Match[str]) -> Problem:
    """``title: Ledelse: roller``: YAML reads the second «: » as a new field."""
    value = line[match.end() :].rstrip()
    if value[:1] in "\"'":
        return Problem(
            name,
            number,
            "YAML-syntaksfeil: noe står etter anførselstegnet som avslutter verdien",
            "sett hele verdien i anførselstegn, og ingen anførselstegn inni den",
        )
    quoted = f"'{value.replace(chr(39), chr(39) * 2)}'" if '"' in value or "\\" in value else f'"{value}"'
    key = shortened(match["key"], 30)
    return Problem(
        name,
        number,
        f"YAML-syntaksfeil: verdien av «{key}» inneholder «: », og da må hele verdien stå i anførselstegn",
        f"skriv {match['dashes']}{key}: {shortened(quoted, 60)}",
    )


def character_problem(text: str, err: ReaderError, name: str) -> Problem:
    """A control character YAML does not allow, often pasted from another program."""
    line = text[: max(err.position, 0)].count("\n") + 1
    return Problem(
        name,
        line,
        f"filen inneholder et usynlig kontrolltegn (U+{err.character:04X}) som YAML ikke tillater",
        "slett tegnet, eller skriv linjen på nytt; "
        "det kommer ofte med når tekst kopieres fra et annet program",
    )


GENERIC_FIX = "sjekk innrykk, kolon og at anførselstegn er lukket på samme linje"
QUOTE_FIX = 'sett verdien i anførselstegn, f.eks. "{0}navn"'
ESCAPE_FIX = r"skriv \\ for en omvendt skråstrek, eller sett teksten i enkle anførselstegn"


@dataclass(frozen=True)
class Syntax:
    """A parser message in Norwegian; ``{0}`` stands for the pattern's first group."""

    english: str  # a regular expression over the parser's "context problem" text
    message: str
    fix: str = GENERIC_FIX
    at_start: bool = False  # name the line where the construct began, not where parsing stopped


# In order: the first match wins. Every message the parser can give falls into one of these or
# into the last, so an editor never reads the parser's English.
SYNTAX = [
    Syntax(
        r"found character '\\t'",
        "tabulator på et sted der YAML ikke tillater det",
        "bytt tabulatoren ut med mellomrom",
    ),
    Syntax(
        r"found character '([@`%])'", "tegnet {0} kan ikke stå først i en verdi uten anførselstegn", QUOTE_FIX
    ),
    Syntax(r"found character '(.+?)' that cannot start", "tegnet {0} kan ikke stå her", QUOTE_FIX),
    Syntax(
        r"quoted scalar found unexpected end of stream",
        "anførselstegnet som åpnes her, lukkes aldri",
        at_start=True,
    ),
    Syntax(
        r"quoted scalar found unexpected document separator",
        "anførselstegnet som åpnes her, lukkes ikke før en linje med «---» eller «...»",
        at_start=True,
    ),
    Syntax(
        r"unknown escape character '(.+?)'", r"ukjent escape-sekvens \{0} i doble anførselstegn", ESCAPE_FIX
    ),
    Syntax(
        r"expected escape sequence",
        r"ufullstendig escape-sekvens (\x, \u eller \U) i doble anførselstegn",
        ESCAPE_FIX,
    ),
    Syntax(r"quoted scalar", "anførselstegnet som åpnes her, lukkes ikke riktig", at_start=True),
    Syntax(
        r"mapping values are not allowed",
        "kolon på et sted der det ikke er tillatt",
        'sett verdien i anførselstegn hvis den inneholder «: », f.eks. "Tid: kl. 10"; ellers sjekk innrykket',
    ),
    Syntax(
        r"sequence entries are not allowed",
        "listestrek («-») på et sted der det ikke er tillatt",
        "sett verdien i anførselstegn hvis den skal være «-»; ellers sjekk innrykket",
    ),
    Syntax(
        r"mapping keys are not allowed", "spørsmålstegn («?») på et sted der det ikke er tillatt", QUOTE_FIX
    ),
    Syntax(r"while scanning a simple key", "en linje mangler kolon etter feltnavnet", at_start=True),
    Syntax(
        r"while parsing a flow sequence",
        "listen i [ ] er ikke skrevet riktig",
        "skill elementene med komma og lukk listen med ], f.eks. [a, b]",
        at_start=True,
    ),
    Syntax(
        r"while parsing a flow mapping",
        "feltene i { } er ikke skrevet riktig",
        "skill feltene med komma og lukk med }, f.eks. {a: 1, b: 2}",
        at_start=True,
    ),
    Syntax(r"while parsing a flow node", "et tomt element i [ ] eller { }", "fjern det ekstra kommaet"),
    Syntax(
        r"while parsing a block mapping",
        "innrykket stemmer ikke med linjene over, eller noe står etter verdien",
        "sjekk innrykket; sett hele verdien i anførselstegn hvis den inneholder anførselstegn",
    ),
    Syntax(r"while parsing a block collection", "innrykket i listen stemmer ikke"),
    Syntax(
        r"while scanning a block scalar",
        "blokken som begynner med | eller >, er ikke skrevet riktig",
        "skriv bare | eller > (eller |- og >-) etter kolon, og teksten på linjene under",
    ),
    Syntax(
        r"while scanning an? (?:anchor|alias)",
        "& eller * først i en verdi betyr YAML-anker eller -alias",
        'sett verdien i anførselstegn, f.eks. "* viktig"',
    ),
    Syntax(
        r"\btag\b", "! først i en verdi betyr en YAML-tag", 'sett verdien i anførselstegn, f.eks. "!viktig"'
    ),
    Syntax(
        r"directive|YAML document",
        "YAML-direktiver (linjer som begynner med %) er ikke tillatt",
        "slett linjen",
    ),
    Syntax(
        r"content after document end marker",
        "tekst etter «...», som avslutter dokumentet",
        "slett linjen «...»",
    ),
    Syntax(
        r"expected a comment or a line break",
        "noe står etter verdien på samme linje",
        "sett hele verdien i anførselstegn, eller flytt resten til en ny linje",
    ),
    Syntax(
        r"expected '<document start>'",
        "linjen passer ikke inn i strukturen over",
        "sjekk innrykket og at klammene [ ] og { } står parvis",
    ),
    Syntax(r"expected the node content", "en verdi mangler her"),
    Syntax(r"", "filen kan ikke leses som YAML her"),
]


def syntax_problem(err: MarkedYAMLError, name: str) -> Problem:
    what = " ".join(str(x) for x in (err.context, err.problem) if x)
    rule, match = next((r, m) for r in SYNTAX if (m := re.search(r.english, what)))
    marks = (err.context_mark, err.problem_mark)
    mark = next((m for m in (marks if rule.at_start else marks[::-1]) if m is not None), None)
    found = match.group(1) if match.re.groups else ""
    return Problem(
        name,
        mark.line + 1 if mark else 1,
        "YAML-syntaksfeil: " + rule.message.replace("{0}", found),
        rule.fix.replace("{0}", found),  # not str.format: the messages show { } themselves
    )


SCALARS: dict[str | None, Callable[[str], Any]] = {
    "tag:yaml.org,2002:int": lambda v: int(v, 0) if v[:2] in ("0x", "0o") else int(v),
    "tag:yaml.org,2002:float": float,
    # YAML 1.2 also reads True and TRUE as booleans; we keep one spelling, so they stay text
    # and a yes/no field refuses them by name
    "tag:yaml.org,2002:bool": lambda v: {"true": True, "false": False}.get(v, v),
    "tag:yaml.org,2002:null": lambda v: None,
}

# Tab and newline are text (multi-line descriptions). Every other C0/C1 control character and
# the Unicode line and paragraph separators can only come from an escape in double quotes
# ("\0", "\r", "\x1b"): they would reach the HTML, and split a line in a calendar file.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_FIX = (
    "fjern tegnet; det kommer ofte fra en escape som \\0, \\r eller \\x1b i doble anførselstegn, "
    "og tekst trenger det ikke"
)


def control_message(char: str, holder: str = "verdien") -> str:
    return f"{holder} inneholder kontrolltegnet U+{ord(char):04X}, som ikke er tillatt i datafilene"


def check_characters(
    text: str, line: int, loaded: Loaded, problems: list[Problem], holder: str = "verdien"
) -> None:
    if found := CONTROL_CHARACTER.search(text):
        problems.append(Problem(loaded.file, line, control_message(found[0], holder), CONTROL_FIX))


Starts = dict[tuple[str, ...], set[str]]


def convert(
    node: Node,
    path: Path_,
    loaded: Loaded,
    problems: list[Problem],
    source: list[str] | None = None,
    starts: Starts | None = None,
) -> Any:
    """Plain Python values from the node tree; ``source`` (the file's lines) helps explain mistakes."""
    if starts is None:
        starts = record_starts(node)
    loaded.lines[path] = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        return convert_scalar(node, path, loaded, problems, source or [])
    if isinstance(node, SequenceNode):
        return [
            convert(item, (*path, i), loaded, problems, source, starts) for i, item in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        return convert_mapping(node, path, loaded, problems, source, starts)
    return None


def kind_of(path: Path_) -> tuple[str, ...]:
    """A list's place in the file, the same for every gathering's sessions: ("*", "sessions")."""
    return tuple("*" if isinstance(p, int) else str(p) for p in path)


def record_starts(node: Node, path: Path_ = (), found: Starts | None = None) -> Starts:
    """The field each record begins with, for each kind of list in the file (sessions begin with
    day or date). Where such a field stands inside a record, the editor began a new record there."""
    found = {} if found is None else found
    if isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            if isinstance(item, MappingNode) and item.value and isinstance(item.value[0][0], ScalarNode):
                found.setdefault(kind_of(path), set()).add(item.value[0][0].value)
            record_starts(item, (*path, i), found)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                record_starts(value, (*path, key.value), found)
    return found


def convert_scalar(
    node: ScalarNode, path: Path_, loaded: Loaded, problems: list[Problem], source: list[str]
) -> Any:
    # ruamel marks the fold points of ">" text with BEL for round-tripping; drop them.
    value = node.value.replace("\a", "") if node.style == ">" else node.value
    check_characters(value, node.start_mark.line + 1, loaded, problems)
    if node.end_mark.line > node.start_mark.line:
        look_inside(node, path, loaded, problems, source)
    try:
        result = SCALARS.get(node.tag, str)(value)
    except ValueError:  # e.g. an integer of more digits than Python converts
        return value
    if not isinstance(result, str) and str(result) != value:
        loaded.typed[path] = value  # 09.30 is the number 9.3: messages show what was typed
    return result


_FIELD_LIKE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*):(?:\s|$)")


def look_inside(
    node: ScalarNode, path: Path_, loaded: Loaded, problems: list[Problem], source: list[str]
) -> None:
    """A text over several lines can swallow a line indented too far: a list item joins the
    text above it («Hva er din rolle? - Hva tar du med?»), and after | or > a field does too."""
    first = node.start_mark.line
    inside = range(first + 1, min(node.end_mark.line + 1, len(source)))
    if node.style is None:  # plain text: a line starting with "- " was meant as the next item
        for n in inside:
            if source[n].lstrip().startswith("- "):
                problems.append(
                    Problem(
                        loaded.file,
                        n + 1,
                        f"linjen begynner med «- », men har mer innrykk enn listen, så den blir en del av "
                        f"teksten på linje {first + 1}",
                        "flytt linjen til venstre, så «-» står rett under «-» i elementet over",
                    )
                )
                return
    elif node.style in "|>":  # the model knows which of these names are fields (validate.py)
        # the block ends where a line is indented less than its first line of text
        text_lines = [n for n in inside if source[n].strip()]
        indent = min((len(source[n]) - len(source[n].lstrip(" ")) for n in text_lines[:1]), default=0)
        found = [
            (n + 1, m[1])
            for n in text_lines
            if len(source[n]) - len(source[n].lstrip(" ")) >= indent and (m := _FIELD_LIKE.match(source[n]))
        ]
        if found:
            loaded.swallowed[path] = found


def missing_dash(key_node: Node, twice: str, first: int, loaded: Loaded) -> Problem:
    key = shortened(str(key_node.value), 30)
    return Problem(
        loaded.file,
        key_node.start_mark.line + 1,
        f"«- » mangler foran «{key}»: uten streken blir linjene herfra en del av posten som begynner "
        f"på linje {first}, og «{shortened(twice, 30)}» står to ganger i den",
        f"sett «- » foran «{key}», på samme plass som «- » på linje {first}",
    )


def new_record_at(node: MappingNode, index: int, starts: set[str]) -> Node | None:
    """A field at or before the duplicate at ``index`` that begins the other records of the list:
    there the editor began a new record and left out its «- »."""
    for key_node, _ in reversed(node.value[1 : index + 1]):
        if isinstance(key_node, ScalarNode) and key_node.value in starts:
            return key_node
    return None


def convert_mapping(
    node: MappingNode,
    path: Path_,
    loaded: Loaded,
    problems: list[Problem],
    source: list[str] | None = None,
    starts: Starts | None = None,
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    in_list = bool(path) and isinstance(path[-1], int)
    begin = (starts or {}).get(kind_of(path[:-1]), set()) if in_list else set()
    merged = False  # a record whose "- " is missing: its fields are duplicates, but one mistake
    for index, (key_node, value_node) in enumerate(node.value):
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode):  # "? [a, b]" or "{a: 1}: x": never a field name
            problems.append(
                Problem(
                    loaded.file, line, "feltnavnet er ikke et enkelt navn", "skriv feltet som «navn: verdi»"
                )
            )
            continue
        key = key_node.value  # a field name as written: "true" or "0150" is not converted
        check_characters(key, line, loaded, problems, "feltnavnet")
        if key in result:
            first = loaded.key_lines[(*path, key)]
            begins = new_record_at(node, index, begin) if not merged else None
            if begins is not None:
                problems.append(missing_dash(begins, key, loaded.lines[path], loaded))
                merged = True
            elif not merged:
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
        result[key] = convert(value_node, (*path, key), loaded, problems, source, starts)
    return result
