"""The public Python API of ``ai_agent`` against the last release: every break must be recorded
in CHANGELOG.md.

    python scripts/api_check.py [--against REF] [--changelog CHANGELOG.md] [--breakages FILE]

REF defaults to the commit or tag in contract/last-release.txt (a release moves it on). The
comparison is griffe's, as ``griffe check ai_agent --against REF -s generated -s .`` makes it,
with two differences:

- The released tree comes from ``git archive REF`` into a temporary directory. ``griffe check
  --against`` adds a git worktree and a branch to the repository for the duration, and this
  repository's metadata is shared by several worktrees.
- ``ai_agent_client`` is loaded beside ``ai_agent``, so that the models ``ai_agent`` exports
  (``ai_agent.Task``, ...) are compared too (griffe skips aliases it cannot resolve), and the
  classes reached through a public property (``AgentClient.tasks``, ``.agents``,
  ``.with_raw_response``, ``.api``) are compared like exported ones (griffe does not follow
  annotations, and their modules are private).

A break is recorded when one of its names appears in the text of the "### Removed" or
"### Changed" subsection of "## [Unreleased]": griffe's object path
(``ai_agent._async.resources.tasks.AsyncTasksResource.get_status``) or a public spelling of it
(``ai_agent.AgentClient.tasks.get_status``). Exit 1 names each break that is not recorded, with
the names that would record it. ``--breakages FILE`` checks a list of breaks given as JSON
(``[{"object_path": ..., "kind": ..., "public_paths": [...]}]``, the keys of griffe's
``Breakage.as_dict()``) instead of running griffe.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import griffe

ROOT = Path(__file__).resolve().parents[1]
LAST_RELEASE = ROOT / "contract" / "last-release.txt"
CHANGELOG = ROOT / "CHANGELOG.md"
PACKAGE = "ai_agent"
# Loaded together, searched in this order (relative to a tree's root): griffe's `-s generated -s .`.
PACKAGES = ("ai_agent", "ai_agent_client")
SEARCH = ("generated", ".")
RECORDING_SECTIONS = ("Removed", "Changed")
# A public spelling is at most this many names deep (ai_agent.AgentClient.with_raw_response.tasks.get).
MAX_DEPTH = 8
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Break:
    """One API break: griffe's object path, its kind, and the public names of that object."""

    object_path: str
    kind: str
    public_paths: tuple[str, ...] = ()
    detail: str = field(default="", compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.object_path, *self.public_paths)))


# -- CHANGELOG.md ---------------------------------------------------------------------------


def _sections(text: str, level: str) -> dict[str, str]:
    parts = re.split(rf"^{level} (.+)$", text, flags=re.M)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def recorded_text(changelog: str) -> str:
    """The text of the Unreleased section's "### Removed" and "### Changed" subsections."""
    unreleased = _sections(changelog, "##").get("[Unreleased]", "")
    subsections = _sections(unreleased, "###")
    return "\n".join(subsections.get(name, "") for name in RECORDING_SECTIONS)


def mentions(text: str, name: str) -> bool:
    """Whether ``name`` appears in ``text`` as a whole dotted name: ``ai_agent.Task`` is not
    mentioned by ``ai_agent.TaskStatus`` nor by ``ai_agent.Task.priority``."""
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w|\.\w)", text) is not None


def unrecorded(breaks: Iterable[Break], changelog: str) -> list[Break]:
    """The breaks none of whose names the changelog's Removed/Changed text mentions."""
    text = recorded_text(changelog)
    return [b for b in breaks if not any(mentions(text, name) for name in b.names)]


# -- griffe ---------------------------------------------------------------------------------


def load(tree: Path) -> griffe.Object:
    """``ai_agent`` as found under ``tree``, with ``ai_agent_client`` loaded beside it."""
    import griffe

    loader = griffe.GriffeLoader(
        search_paths=[tree / path for path in SEARCH],
        modules_collection=griffe.ModulesCollection(),
        lines_collection=griffe.LinesCollection(),
    )
    loaded = [loader.load(name, try_relative_path=False) for name in PACKAGES]
    loader.resolve_aliases(implicit=False, external=None)
    package = loaded[0]
    assert isinstance(package, griffe.Object)
    return package


def _named_classes(attribute: griffe.Object) -> Iterator[griffe.Object]:
    """The package's classes named by a property's or attribute's annotation, or by its value
    when that is a bare name (``AgentClient = AsyncAgentClient``)."""
    import griffe

    annotation = getattr(attribute, "annotation", None)
    value = getattr(attribute, "value", None)
    parts: list[str | griffe.Expr] = []
    if isinstance(annotation, griffe.Expr):
        parts += annotation.iterate(flat=True)
    if isinstance(value, griffe.ExprName):
        parts.append(value)
    for part in parts:
        if isinstance(part, griffe.ExprName) and part.canonical_path.split(".")[0] in PACKAGES:
            try:
                found = attribute.modules_collection.get_member(part.canonical_path)
            except (KeyError, ValueError, griffe.AliasResolutionError):
                continue
            if isinstance(found, griffe.Object) and found.is_class:
                yield found


def public_api(package: griffe.Object) -> tuple[dict[str, set[str]], dict[str, griffe.Object]]:
    """(canonical path -> the public names users reach it by; public name of a class reached
    through a property or attribute -> that class)."""
    import griffe

    names: dict[str, set[str]] = defaultdict(set)
    through_annotations: dict[str, griffe.Object] = {}
    todo: list[tuple[griffe.Object | griffe.Alias, str]] = [(package, package.path)]
    seen: set[tuple[str, str]] = set()
    while todo:
        obj, public = todo.pop()
        try:
            target = obj.final_target if isinstance(obj, griffe.Alias) else obj
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
        if (target.path, public) in seen or public.count(".") >= MAX_DEPTH:
            continue
        seen.add((target.path, public))
        names[target.path].add(public)
        if target.is_module or target.is_class:
            members = target.all_members if target.is_class else target.members
            for name, member in members.items():
                if member.is_public:
                    todo.append((member, f"{public}.{name}"))
        elif target.is_attribute:
            for cls in _named_classes(target):
                through_annotations.setdefault(public, cls)
                todo.append((cls, public))
    return names, through_annotations


def _public_paths(path: str, *apis: dict[str, set[str]]) -> tuple[str, ...]:
    """``path`` as the public API spells it: its longest known prefix replaced by each public name."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        prefix, rest = ".".join(parts[:cut]), parts[cut:]
        spellings = sorted({".".join([public, *rest]) for api in apis for public in api.get(prefix, ())})
        if spellings:
            return tuple(spelling for spelling in spellings if spelling != path)
    return ()


def _explain(breakage: griffe.Breakage) -> str:
    # griffe's one-line form without its colours and source location: "title: kind: old -> new".
    return ANSI.sub("", breakage.explain()).split(": ", 1)[-1]


def _breakages(old_obj: griffe.Object, new_obj: griffe.Object) -> Iterator[griffe.Breakage]:
    """griffe's breaking changes from ``old_obj`` to ``new_obj``. The members of a class reached
    through a property (``client.tasks``, defined in a private module) are compared one by one,
    every name without a leading underscore, inherited ones too (the generated methods come
    from a base class): griffe's own walk counts none of them as public and checks none."""
    import griffe

    if not old_obj.is_class:
        yield from griffe.find_breaking_changes(old_obj, new_obj)
        return
    new_members = new_obj.all_members
    for name, old_member in old_obj.all_members.items():
        if name.startswith("_"):
            continue
        if name not in new_members:
            yield griffe.ObjectRemovedBreakage(old_member, old_member, None)  # type: ignore[arg-type]
            continue
        old_target, new_target = old_member, new_members[name]
        try:
            old_target = old_target.final_target if isinstance(old_target, griffe.Alias) else old_target
            new_target = new_target.final_target if isinstance(new_target, griffe.Alias) else new_target
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
        if old_target.is_function and new_target.is_function:
            # find_breaking_changes() walks members, and a function has none: compare the two
            # functions themselves, as griffe's walk does for the members it counts as public.
            yield from _compare_functions()(old_target, new_target, seen_paths=set())


def _compare_functions() -> Any:
    """griffe's comparison of two objects (private: ``griffe._internal.diff`` from 1.11,
    ``_griffe.diff`` before, down to the 1.5 floor of the release extra)."""
    try:
        from griffe._internal.diff import _type_based_yield
    except ImportError:
        from _griffe.diff import _type_based_yield  # type: ignore[import-not-found,no-redef]
    return _type_based_yield


def find_breaks(old_tree: Path, new_tree: Path) -> list[Break]:
    """Every break of the public API from ``old_tree`` to ``new_tree`` (each a tree holding
    ``ai_agent`` and ``generated/ai_agent_client``)."""

    old, new = load(old_tree), load(new_tree)
    old_api, old_reached = public_api(old)
    new_api, new_reached = public_api(new)
    pairs: list[tuple[griffe.Object, griffe.Object]] = [(old, new)]
    pairs += [(cls, new_reached[public]) for public, cls in old_reached.items() if public in new_reached]
    breaks: dict[tuple[str, str, str], Break] = {}
    for old_obj, new_obj in pairs:
        for breakage in _breakages(old_obj, new_obj):
            detail = _explain(breakage)
            found = Break(
                object_path=breakage.obj.path,
                kind=breakage.kind.value,
                public_paths=_public_paths(breakage.obj.path, old_api, new_api),
                detail=detail,
            )
            breaks.setdefault((found.object_path, found.kind, detail), found)
    return list(breaks.values())


def export(ref: str, into: Path) -> None:
    """The tree of ``ref`` (its ai_agent and generated directories) written under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "--", "ai_agent", "generated"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # Python 3.11 before 3.11.4; the archive is this repository's own tree
            tar.extractall(into)


def last_release() -> str:
    lines = [line.strip() for line in LAST_RELEASE.read_text().splitlines()]
    return next(line for line in lines if line and not line.startswith("#"))


def read_breakages(path: Path) -> list[Break]:
    return [
        Break(
            object_path=item["object_path"],
            kind=item["kind"],
            public_paths=tuple(item.get("public_paths", ())),
        )
        for item in json.loads(path.read_text())
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="ai_agent's public API against the last release.")
    parser.add_argument(
        "--against", help="git commit or tag of the last release (default: contract/last-release.txt's)"
    )
    parser.add_argument("--changelog", type=Path, default=CHANGELOG, help="the changelog to read")
    parser.add_argument("--breakages", type=Path, help="check these breaks (JSON) instead of running griffe")
    args = parser.parse_args(argv)
    changelog_path: Path = args.changelog
    if args.breakages is not None:
        against = str(args.breakages)
        breaks = read_breakages(args.breakages)
    else:
        against = args.against or last_release()
        with tempfile.TemporaryDirectory(prefix="api-check-") as released:
            try:
                export(against, Path(released))
            except subprocess.CalledProcessError as exc:
                print(
                    f"api-check: cannot read {against!r} from git: {exc.stderr.decode().strip()}",
                    file=sys.stderr,
                )
                return 2
            breaks = find_breaks(Path(released), ROOT)
    missing = unrecorded(breaks, changelog_path.read_text())
    for b in breaks:
        print(f"{'unrecorded' if b in missing else 'recorded'}: {b.object_path}: {b.detail or b.kind}")
    if missing:
        print(
            f"{len(missing)} break(s) of the public API against {against} not recorded in "
            f"{changelog_path.name}: name each under '### Removed' or '### Changed' of "
            "'## [Unreleased]', by one of these names:",
            file=sys.stderr,
        )
        for b in missing:
            print(f"  {' or '.join(b.names)}", file=sys.stderr)
        return 1
    print(f"api-check: {len(breaks)} break(s) of {PACKAGE}'s public API against {against}, all recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
