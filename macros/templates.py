"""Page templates: editors may call components, nothing else.

A page is Markdown with visible calls such as ``{{ agenda("samling-3") }}``. Editors are trusted
to write, not to run code, so a page's Jinja is held to an allowlist before anything runs: text,
``{{ "…" }}`` and calls of known components whose arguments are plain values (text, numbers,
true/false, lists of those). No ``{% … %}`` statements, attributes, filters or variables: with
them a page could reach Python's internals (``lipsum.__globals__``) or loop for ever. What passes
is rendered in Jinja's ``SandboxedEnvironment`` with no globals but the components, as a second
wall. The same rules and the same environment serve the checks, the MkDocs build and the preview.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from .problems import Problem, did_you_mean

# A page's rendered Markdown larger than this is refused: no component writes that much.
MAX_OUTPUT = 2_000_000
EXAMPLE = '{{ agenda("samling-1") }}'
LITERALS = (nodes.Const, nodes.List, nodes.Tuple, nodes.Dict, nodes.Pair, nodes.Neg, nodes.Pos)
TYPE_NAMES = {str: "tekst i anførselstegn", int: "et heltall", bool: "true eller false", float: "et tall"}


def environment(components: dict[str, Callable[..., str]]) -> SandboxedEnvironment:
    """A sandbox whose only names are the components (no ``range``, ``lipsum``, ``cycler`` …)."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.globals.clear()
    env.filters.clear()
    env.tests.clear()
    env.globals.update(components)
    return env


def template_problems(
    tree: nodes.Template, name: str, offset: int, components: dict[str, Callable[..., str]]
) -> list[Problem]:
    """Everything in a parsed page that is not text or a component call with plain values."""
    problems: list[Problem] = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            problems.append(
                refused(name, node.lineno + offset, "{% … %}-setninger er ikke tillatt på sidene")
            )
            continue
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                problems += expression_problems(child, name, offset, components)
    return problems


def refused(name: str, line: int, message: str) -> Problem:
    return Problem(
        name,
        line,
        message,
        f"en side kan bare kalle makroer med faste verdier, f.eks. {EXAMPLE}; "
        "skal teksten vises som den er, sett «render_macros: false» i sidehodet",
    )


def expression_problems(
    node: nodes.Expr, name: str, offset: int, components: dict[str, Callable[..., str]]
) -> list[Problem]:
    line = node.lineno + offset
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return []  # {{ "{{" }}: shows the braces themselves
    if isinstance(node, nodes.Name):
        if node.name in components:
            return [
                Problem(
                    name,
                    line,
                    f"makroen «{node.name}» er nevnt uten å bli kalt",
                    f"skriv parenteser etter navnet, f.eks. {{{{ {node.name}() }}}}",
                )
            ]
        return [unknown(node.name, name, line, components)]
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return [
            refused(
                name,
                line,
                "bare makrokall er tillatt i {{ … }} (ikke egenskaper, filtre, regning eller variabler)",
            )
        ]
    if node.node.name not in components:
        return [unknown(node.node.name, name, line, components)]
    if (
        node.dyn_args is not None
        or node.dyn_kwargs is not None
        or not all(literal(a) for a in arguments(node))
    ):
        return [refused(name, line, f"argumentene til «{node.node.name}» må være faste verdier")]
    return argument_problems(node, name, line, components[node.node.name])


def unknown(word: str, name: str, line: int, components: dict[str, Callable[..., str]]) -> Problem:
    known = ", ".join(sorted(components))
    return Problem(
        name,
        line,
        f"ukjent makro eller variabel «{word}»",
        did_you_mean(word, set(components)) or f"kjente makroer er {known}",
    )


def arguments(call: nodes.Call) -> Iterator[nodes.Expr]:
    yield from call.args
    yield from (kw.value for kw in call.kwargs)


def literal(node: nodes.Node) -> bool:
    return isinstance(node, LITERALS) and all(literal(child) for child in node.iter_child_nodes())


def argument_problems(call: nodes.Call, name: str, line: int, component: Callable[..., str]) -> list[Problem]:
    """Wrong number, names or types of arguments, in words an editor can act on."""
    macro = call.node.name  # type: ignore[attr-defined]
    signature, hints = parameters(component)
    args = [a.as_const() for a in call.args]
    kwargs = {kw.key: kw.value.as_const() for kw in call.kwargs}
    wrong = binding_problem(macro, signature, args, kwargs)
    if wrong is not None:
        return [Problem(name, line, wrong[0], wrong[1])]
    bound = signature.bind(*args, **kwargs)
    problems = []
    for key, value in bound.arguments.items():
        expected = accepted(hints.get(key))
        if expected and not (
            isinstance(value, expected) and not (isinstance(value, bool) and bool not in expected)
        ):
            wanted = " eller ".join(TYPE_NAMES.get(t, t.__name__) for t in expected if t is not type(None))
            problems.append(
                Problem(
                    name,
                    line,
                    f"argumentet «{key}» til «{macro}» skal være {wanted}, ikke «{shown(value)}»",
                    "se makroreferansen for et eksempel",
                )
            )
    return problems


def shown(value: object) -> str:
    """A value as the editor wrote it in the page (true, not True)."""
    return str(value).lower() if isinstance(value, bool) or value is None else str(value)


def binding_problem(
    macro: str, signature: inspect.Signature, args: list[Any], kwargs: dict[str, Any]
) -> tuple[str, str] | None:
    """(message, fix) when the arguments do not fit the component's parameters."""
    names = list(signature.parameters)
    example = "se makroreferansen for et eksempel"
    if len(args) > len(names):
        return f"makroen «{macro}» tar høyst {len(names)} argument(er), men fikk {len(args)}", example
    for key in kwargs:
        if key not in names or names.index(key) < len(args):
            return (
                f"makroen «{macro}» har ikke argumentet «{key}»"
                if key not in names
                else f"argumentet «{key}» til «{macro}» er gitt to ganger"
            ), did_you_mean(key, set(names)) or example
    for key, parameter in signature.parameters.items():
        if parameter.default is parameter.empty and key not in kwargs and names.index(key) >= len(args):
            return f"makroen «{macro}» mangler argumentet «{key}»", example
    return None


@cache
def parameters(component: Callable[..., str]) -> tuple[inspect.Signature, dict[str, object]]:
    """The component's signature without the curriculum and the calling page."""
    target = inspect.unwrap(component)
    signature = inspect.signature(target)
    kept = list(signature.parameters.values())[2:]
    return signature.replace(parameters=kept), typing.get_type_hints(target)


def accepted(hint: object) -> tuple[type, ...]:
    """The plain types a hint allows (``str | None`` → str, NoneType); empty when not plain."""
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    plain = tuple(t for t in options if t in (str, int, bool, float, type(None)))
    return plain if len(plain) == len(options) else ()
