"""The floor of every runtime and extra dependency in pyproject.toml, as a pip constraints file.

    python scripts/lowest_constraints.py            # "name==floor" lines: a pip constraints file
    python scripts/lowest_constraints.py --extras   # the extras to install: "server,otel,..."
    python scripts/lowest_constraints.py --tools    # the test tooling that fits beside the floors
    python scripts/lowest_constraints.py --check    # in a venv: each one installed at its floor
    python scripts/lowest_constraints.py --show     # in a venv: each one's installed version

`make test-lowest` installs the project with these constraints and runs the suite, so that the
lower bounds in pyproject.toml are ones the code has been seen to work with, not guesses. Only
`[project.dependencies]` and `[project.optional-dependencies]` count, less the extras named in
TOOLING (tests, lint, types: they may be newest); the project's own extras (`pkg[a,b]` naming
itself) add nothing. A dependency named twice (httpx: runtime and `http2`) gets the higher floor,
as an install with both has. Each one must state its floor (`>=`, `==` or `~=`): one without, or
with only `>`, has no version that can be said to be its lowest, and is refused.

The test tooling (`--tools`) is the `dev` extra as it is, less what cannot sit beside the
floors (FLOOR_TOOLING): it may be newest, but not at the price of lifting a floor.

Standard library only (tomllib): it runs before any venv has anything installed.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
# Extras that are tooling, not something a user installs to run the SDK.
TOOLING = frozenset({"dev"})
# The dev extra's tools that conflict with a floor, as the lowest venv takes them instead
# (None: left out; `make test-lowest` then skips the tests that need them).
FLOOR_TOOLING: dict[str, str | None] = {
    # the generator needs typer > 0.16; the drift test runs it from .venv, not from this venv
    "openapi-python-client": None,
    # schemathesis 4 needs rich >= 13.9.4: tests/contract/test_schemathesis.py is not run
    "schemathesis": None,
    # 0.35 on needs httpx 0.28; 0.34 is the last for httpx 0.27
    "pytest-httpx": "pytest-httpx>=0.34",
}

# PEP 508, as far as a dependency list here uses it: name, [extras], specifiers, ; marker.
_REQUIREMENT = re.compile(
    r"""^\s*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*
        (?:\[(?P<extras>[^\]]*)\])?\s*
        \(?(?P<specifiers>[^;()]*)\)?\s*
        (?:;\s*(?P<marker>.+?))?\s*$""",
    re.VERBOSE,
)
_SPECIFIER = re.compile(r"^\s*(?P<op>~=|===|==|!=|<=|>=|<|>)\s*(?P<version>[^\s,]+)\s*$")


class ConstraintError(ValueError):
    """A dependency whose floor cannot be told from its range."""


@dataclass(frozen=True)
class Floor:
    name: str  # normalised (PEP 503)
    version: str
    marker: str | None
    source: str  # where it was declared: "dependencies" or "extra NAME"

    def line(self) -> str:
        marker = f" ; {self.marker}" if self.marker else ""
        return f"{self.name}=={self.version}{marker}"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _release(version: str) -> tuple[int, ...]:
    """The release numbers of a plain version ("0.27" -> (0, 27)), for comparing floors."""
    match = re.match(r"^\d+(?:\.\d+)*", version)
    if match is None:
        raise ConstraintError(f"version {version!r} is not one this script can compare")
    numbers = [int(part) for part in match.group().split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def floor_of(requirement: str, source: str) -> Floor:
    """The lowest version ``requirement`` allows."""
    match = _REQUIREMENT.match(requirement)
    if match is None:
        raise ConstraintError(f"{source}: cannot read {requirement!r}")
    floors: list[str] = []
    specifiers = match.group("specifiers").strip()
    for part in filter(None, (piece.strip() for piece in specifiers.split(","))):
        specifier = _SPECIFIER.match(part)
        if specifier is None:
            raise ConstraintError(f"{source}: cannot read {part!r} in {requirement!r}")
        op, version = specifier.group("op", "version")
        if op in (">=", "==", "~=", "===") and not version.endswith("*"):
            floors.append(version)
        elif op == ">":
            raise ConstraintError(f"{source}: {requirement!r}: '>' names no lowest version; use '>='")
    if not floors:
        raise ConstraintError(f"{source}: {requirement!r} states no floor (>=, == or ~=)")
    version = max(floors, key=_release)
    return Floor(normalise(match.group("name")), version, match.group("marker"), source)


def floors(pyproject: dict[str, object], project_name: str | None = None) -> list[Floor]:
    """Every runtime and extra dependency's floor, one per distribution (the highest if named
    more than once), in the order first declared."""
    project = pyproject.get("project")
    if not isinstance(project, dict):
        raise ConstraintError("pyproject.toml has no [project] table")
    own = normalise(str(project_name or project.get("name", "")))
    groups: list[tuple[str, list[str]]] = [("dependencies", list(project.get("dependencies", [])))]
    extras = project.get("optional-dependencies", {})
    if not isinstance(extras, dict):
        raise ConstraintError("[project.optional-dependencies] is not a table")
    groups += [(f"extra {name}", list(reqs)) for name, reqs in extras.items() if name not in TOOLING]
    found: dict[str, Floor] = {}
    for source, requirements in groups:
        for requirement in requirements:
            name = _REQUIREMENT.match(requirement)
            if name is not None and normalise(name.group("name")) == own:
                continue  # the project's own extras: their dependencies are listed themselves
            floor = floor_of(requirement, source)
            known = found.get(floor.name)
            if known is not None and known.marker != floor.marker:
                raise ConstraintError(f"{floor.name}: declared under different markers; not supported")
            if known is None or _release(floor.version) > _release(known.version):
                found[floor.name] = floor
    return list(found.values())


def extras(pyproject: dict[str, object]) -> list[str]:
    """The extras a user installs (every one but the tooling)."""
    project = pyproject.get("project")
    table = project.get("optional-dependencies", {}) if isinstance(project, dict) else {}
    return [name for name in table if name not in TOOLING] if isinstance(table, dict) else []


def tools(pyproject: dict[str, object]) -> list[str]:
    """The tooling extras' requirements, as the lowest venv takes them (FLOOR_TOOLING)."""
    project = pyproject.get("project")
    table = project.get("optional-dependencies", {}) if isinstance(project, dict) else {}
    own = normalise(str(project.get("name", ""))) if isinstance(project, dict) else ""
    found: list[str] = []
    for extra in sorted(TOOLING):
        for requirement in table.get(extra, []) if isinstance(table, dict) else []:
            match = _REQUIREMENT.match(requirement)
            name = normalise(match.group("name")) if match else requirement
            if name == own:
                continue  # the project's own extras: installed with it, at their floors
            instead = FLOOR_TOOLING.get(name, requirement)
            if instead is not None:
                found.append(instead)
    return found


def check(wanted: list[Floor]) -> list[str]:
    """What is installed but not at its floor (empty when everything is)."""
    problems = []
    for floor in wanted:
        try:
            installed = metadata.version(floor.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{floor.name}: not installed (floor {floor.version})")
            continue
        if _release(installed) != _release(floor.version):
            problems.append(f"{floor.name}: {installed} installed, floor is {floor.version}")
        else:
            print(f"{floor.name:<22} {installed:<10} ({floor.source})")
    return problems


def show(wanted: list[Floor]) -> None:
    """Each one's installed version beside its floor."""
    for floor in wanted:
        try:
            installed = metadata.version(floor.name)
        except metadata.PackageNotFoundError:
            installed = "-"
        print(f"{floor.name:<22} {installed:<10} (floor {floor.version}, {floor.source})")


def main(argv: list[str]) -> int:
    pyproject = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    wanted = floors(pyproject)
    if argv == ["--check"]:
        problems = check(wanted)
        for problem in problems:
            print(f"not at its floor: {problem}", file=sys.stderr)
        return 1 if problems else 0
    if argv == ["--show"]:
        show(wanted)
        return 0
    if argv == ["--extras"]:
        print(",".join(extras(pyproject)))
        return 0
    if argv == ["--tools"]:
        print("\n".join(tools(pyproject)))
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    print("# Generated by scripts/lowest_constraints.py from pyproject.toml: each floor, pinned.")
    for floor in wanted:
        print(f"{floor.line():<40} # {floor.source}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ConstraintError as exc:
        print(f"lowest_constraints: {exc}", file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:  # `| head` read what it wanted: not a failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
