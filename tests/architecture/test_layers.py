"""The layers of src/klisting (README "Architecture"): no import goes up, no module imports itself round.

Every import counts, including those inside functions (lazy imports keep start-up fast; they
are still dependencies) and those under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from tests.conftest import REPO

SRC = REPO / "src" / "klisting"

#: lowest first; a package may import its own layer and the layers below it, never above
LAYERS: list[set[str]] = [
    {"errors", "paths", "configfiles", "infra", "model"},  # foundation
    {"markets", "units", "catalog", "pricing"},  # knowledge: markets, quantities, readers, money
    {"validate", "translate", "images", "export"},  # the stages' own work
    {"project", "onboarding"},  # the seller's project and setup
    {"pipeline"},  # orchestration of a run
    {"cli"},  # the command line
]
LAYER = {package: level for level, packages in enumerate(LAYERS) for package in packages}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def imports() -> dict[str, set[str]]:
    """Module -> the klisting modules it imports (any depth, any position in the file)."""
    paths = sorted(SRC.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if not node.module.startswith("klisting"):
                    continue
                submodules = {f"{node.module}.{a.name}" for a in node.names} & modules
                found |= submodules
                # ``from klisting.catalog import values`` needs the submodule, not what
                # the package's __init__ defines; ``from klisting.model import Finding`` does
                if len(submodules) < len(node.names):
                    found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("klisting"))
        graph[module_name(path)] = found
    return {m: {i for i in deps if i in modules and i != m} for m, deps in graph.items()}


def package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_package_has_a_layer():
    packages = {package(m) for m in imports()} - {None, "data", "__main__"}
    assert packages <= set(LAYER), f"add to LAYERS: {packages - set(LAYER)}"


def upward(graph: dict[str, set[str]]) -> list[str]:
    """Every import in ``graph`` from a package to a package of a higher layer."""
    return sorted(
        f"{module} -> {dep}"
        for module, deps in graph.items()
        for dep in deps
        if package(module) in LAYER
        and package(dep) in LAYER
        and LAYER[package(dep)] > LAYER[package(module)]
    )


def test_no_import_goes_up_a_layer():
    found = upward(imports())
    assert not found, "upward imports:\n" + "\n".join(found)


def test_the_layer_rule_catches_an_upward_import():
    graph = {
        "klisting.infra.cache": {"klisting.pipeline.run"},
        "klisting.cli.app": {"klisting.model"},
    }
    assert upward(graph) == ["klisting.infra.cache -> klisting.pipeline.run"]


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in ``graph`` (a list of nodes), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep) :] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_between_packages():
    graph: dict[str, set[str]] = {}
    for module, deps in imports().items():
        source = package(module)
        if source is not None:
            graph.setdefault(source, set()).update(
                p for p in map(package, deps) if p not in (None, source)
            )
    assert _cycle(graph) is None, f"package cycle: {' -> '.join(_cycle(graph))}"


def test_no_import_cycle_between_modules():
    assert _cycle(imports()) is None, f"module cycle: {' -> '.join(_cycle(imports()))}"


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
