"""Every third-party module that ai_agent/ and the generated client import at run time is declared
in pyproject.toml: in `dependencies`, or in an extra that the importing module may need (the
local orchestrator `server`, the command line `cli`, ...). An import that works here only because
some other package happens to bring it (httpcore by httpx, referencing by jsonschema) would
break the day that package stops depending on it; an import of an extra's module from the core
would break every install without that extra.

The imports are read from the source (imports under ``if TYPE_CHECKING:`` do not run) and mapped
to their distributions with ``importlib.metadata.packages_distributions()``, so every extra must
be installed where this runs (the dev venv, `make test-lowest`, `make test-newest`).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "ai_agent", ROOT / "generated" / "ai_agent_client")
OWN = frozenset({"ai_agent", "ai_agent_client"})
RUNTIME = "dependencies"
# The extras whose modules a file may import, by path prefix (the first match counts); every
# file may import what `dependencies` declares, and nothing else.
EXTRAS_BY_PATH: tuple[tuple[str, frozenset[str]], ...] = (
    ("ai_agent/testing/", frozenset({"server"})),
    ("ai_agent/cli/", frozenset({"cli"})),
    ("ai_agent/_aiohttp_layer.py", frozenset({"aiohttp"})),
    ("ai_agent/_tracing.py", frozenset({"otel"})),
)
# Imported on purpose without a declaration: (file, top-level module) -> why.
UNDECLARED: Mapping[tuple[str, str], str] = {
    ("ai_agent/testing/pytest_plugin.py", "pytest"): "loaded only by pytest itself (pytest11 entry point)",
    (
        "ai_agent/testing/runner.py",
        "hypercorn",
    ): "only for http2=True, whose error says: pip install hypercorn",
}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(pyproject: Mapping[str, object]) -> dict[str, frozenset[str]]:
    """Distribution names by where they are declared: "dependencies" or an extra's name."""
    project = pyproject["project"]
    assert isinstance(project, dict)
    groups = {RUNTIME: project.get("dependencies", []), **project.get("optional-dependencies", {})}
    names: dict[str, frozenset[str]] = {}
    for group, requirements in groups.items():
        found = (re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", r) for r in requirements)
        names[group] = frozenset(normalise(m.group(1)) for m in found if m)
    return names


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[str]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):
            for other in child.orelse:  # the `else:` of `if TYPE_CHECKING:` does run
                yield from _imports(other)
            continue
        if isinstance(child, ast.Import):
            yield from (alias.name for alias in child.names)
        elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
            # `from a import b`: b may be a module of its own (opentelemetry.trace)
            yield from (f"{child.module}.{alias.name}" for alias in child.names)
        yield from _imports(child)


def runtime_imports(path: Path) -> set[str]:
    """The third-party modules (dotted, as imported) ``path`` imports when it runs."""
    names = set(_imports(ast.parse(path.read_text(encoding="utf-8"), str(path))))
    return {n for n in names if n.split(".")[0] not in sys.stdlib_module_names | OWN}


def source_imports() -> dict[str, set[str]]:
    """Each source file's third-party imports, by its path relative to the project."""
    found = {}
    for root in SOURCES:
        for path in sorted(root.rglob("*.py")):
            names = runtime_imports(path)
            if names:
                found[path.relative_to(ROOT).as_posix()] = names
    return found


@cache
def _packages() -> Mapping[str, list[str]]:
    return metadata.packages_distributions()


@cache
def _files(distribution: str) -> frozenset[str]:
    return frozenset(str(f) for f in metadata.distribution(distribution).files or ())


def providers(module: str) -> set[str]:
    """The distributions that install ``module`` (several for a namespace package such as
    opentelemetry: then those with the longest part of its dotted name)."""
    parts = module.split(".")
    candidates = {normalise(d) for d in _packages().get(parts[0], [])}
    for length in range(len(parts), 1, -1):
        if len(candidates) <= 1:
            break
        prefix = "/".join(parts[:length])
        narrower = {
            d for d in candidates if any(f.startswith(prefix + "/") or f == prefix + ".py" for f in _files(d))
        }
        if narrower:
            candidates = narrower
    return candidates


def allowed_groups(path: str) -> frozenset[str]:
    for prefix, extras in EXTRAS_BY_PATH:
        if path.startswith(prefix):
            return extras | {RUNTIME}
    return frozenset({RUNTIME})


def problems(imports: Mapping[str, set[str]], groups: Mapping[str, frozenset[str]]) -> list[str]:
    """One line for each import that no allowed group of its file declares."""
    found = []
    for path, modules in sorted(imports.items()):
        allowed = allowed_groups(path)
        may = set().union(*(groups.get(g, frozenset()) for g in allowed))
        for module in sorted(modules):
            if (path, module.split(".")[0]) in UNDECLARED:
                continue
            dists = providers(module)
            if not dists:
                found.append(f"{path}: {module} is not installed here: cannot tell its distribution")
                continue
            if dists & may:
                continue
            elsewhere = sorted(g for g, names in groups.items() if dists & names)
            where = f"declared only in {', '.join(elsewhere)}" if elsewhere else "declared nowhere"
            found.append(
                f"{path}: imports {module} ({'/'.join(sorted(dists))}), {where}; "
                f"this file may use: {', '.join(sorted(allowed))}"
            )
    return found


@pytest.fixture(scope="module")
def groups() -> dict[str, frozenset[str]]:
    return declared(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def imports() -> dict[str, set[str]]:
    return source_imports()


def test_every_runtime_import_is_declared_where_its_module_may_use_it(
    imports: dict[str, set[str]], groups: dict[str, frozenset[str]]
) -> None:
    found = problems(imports, groups)
    assert not found, "imports not declared in pyproject.toml:\n" + "\n".join(found)


def test_the_walk_finds_the_imports_it_is_about(imports: dict[str, set[str]]) -> None:
    # A walk that found nothing would pass the check above for nothing.
    everything = {m.split(".")[0] for modules in imports.values() for m in modules}
    assert {"httpx", "httpcore", "attrs", "aiohttp", "yarl", "multidict", "typer", "rich"} <= everything
    assert {"yaml", "jsonschema", "referencing", "uvicorn", "opentelemetry"} <= everything
    assert "attrs" in {m.split(".")[0] for m in imports["generated/ai_agent_client/client.py"]}
    # under `if TYPE_CHECKING:` only: not a runtime import
    assert not any(m.startswith("ai_agent") for modules in imports.values() for m in modules)


def test_a_missing_declaration_fails(groups: dict[str, frozenset[str]]) -> None:
    without = {**groups, "server": groups["server"] - {"referencing"}}
    assert problems({"ai_agent/testing/contract.py": {"referencing.Registry"}}, without) == [
        "ai_agent/testing/contract.py: imports referencing.Registry (referencing), declared nowhere; "
        "this file may use: dependencies, server"
    ]


def test_an_extras_module_imported_by_the_core_fails(groups: dict[str, frozenset[str]]) -> None:
    found = problems({"ai_agent/_async/core.py": {"yaml.safe_load", "httpx.Client"}}, groups)
    assert found == [
        "ai_agent/_async/core.py: imports yaml.safe_load (pyyaml), declared only in server; "
        "this file may use: dependencies"
    ]


def test_a_namespace_package_maps_to_the_distribution_of_its_part() -> None:
    assert providers("opentelemetry.trace") == {"opentelemetry-api"}
    assert providers("opentelemetry.sdk.trace") == {"opentelemetry-sdk"}
