"""The package's shape: the engines only in ``macros/engines/``, imports flowing one way, and each
reliance on another project's internals held to the version it was written for."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "macros"
ENGINES = ("mkdocs", "material", "mkdocs_macros", "zensical")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, name: str = "") -> list[tuple[str, int]]:
    """Every module ``path`` (our module ``name``) imports, at the top or inside a function, with
    its line; relative imports resolved."""
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
            found.append((base, node.lineno))
    return found


def graph() -> dict[str, set[str]]:
    """Our modules and the modules of ours each one imports."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for target, _ in imports(path):
            if target in modules and target != name:
                targets.add(target)
        # "from .x import y" names both x and x.y: keep x.y only where it is a module of ours
        edges[name] = {t for t in targets if not any(o.startswith(t + ".") for o in targets) or t == "macros"}
        edges[name].discard("macros")  # the package itself: imported first anyway, never a cycle
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_only_the_engines_subpackage_imports_an_engine() -> None:
    outside = [
        f"{path.relative_to(ROOT)}:{line}: {target}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "engines" not in path.relative_to(PACKAGE).parts
        for target, line in imports(path)
        if target.split(".")[0] in ENGINES
    ]
    assert outside == [], "MkDocs, Material or Zensical imported outside macros/engines/:\n" + "\n".join(
        outside
    )


def test_the_boundary_check_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f():\n    from mkdocs.exceptions import PluginError\n\nfrom ..model import Curriculum\n",
        encoding="utf-8",
    )
    found = imports(probe, "macros.components.probe")
    assert ("mkdocs.exceptions", 2) in found
    assert ("macros.model", 4) in found


def test_no_import_cycles_in_the_package() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_relative_imports_resolve_to_our_modules() -> None:
    edges = graph()
    assert "macros.components.records" in edges["macros.components.readings"]
    assert "macros.locator" in edges["macros.checks"]


def test_loading_the_curriculum_imports_no_renderer() -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom macros.curriculum import load_curriculum\n"
        f"load_curriculum(Path({str(ROOT)!r}))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('macros.components', 'macros.pages', "
        "'macros.templates', 'macros.published', 'macros.engines', 'mkdocs', 'material', 'zensical'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


# Each reliance on another project's internals, pinned here to what it was written for


def test_mkdocs_still_writes_the_quick_rebuild_warning_the_preview_hides() -> None:
    from mkdocs.commands import build

    from macros.engines.mkdocs_preview import DIRTY_WARNING

    assert DIRTY_WARNING in Path(build.__file__).read_text(encoding="utf-8"), (
        "MkDocs no longer warns with this text: update DIRTY_WARNING in macros/engines/mkdocs_preview.py"
    )


def test_zensical_is_the_version_its_glossary_extension_was_written_for() -> None:
    assert metadata.version("zensical") == "0.0.73", (
        "Zensical changed: check macros/engines/zensical_glossary.py (its private ContextPreprocessor) "
        "and macros/engines/zensical_build.py, then update this pin and pyproject.toml"
    )
    from zensical.extensions.context import ContextPreprocessor

    assert callable(ContextPreprocessor.from_markdown)


@pytest.mark.parametrize("requirement", ["mkdocs>=1.6,<2", "mkdocs-material>=9.5,<10"])
def test_the_engines_are_in_the_range_the_package_is_pinned_to(requirement: str) -> None:
    from packaging.requirements import Requirement

    wanted = Requirement(requirement)
    assert wanted.specifier.contains(metadata.version(wanted.name)), requirement
    declared = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"{requirement}"' in declared
