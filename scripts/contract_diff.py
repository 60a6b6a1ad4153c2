"""Compare openapi.yaml with the last released contract and name every change.

    python scripts/contract_diff.py [--changelog] [RELEASED] [CURRENT]
    (defaults: contract/openapi.released.yaml and openapi.yaml)

Each change is one line: "breaking: ..." for what breaks a client written against the released
contract (an operation removed, renamed or moved; a parameter or request field added as
required or made required; a response field removed or made optional; a type changed; an
enum value removed; a limit narrowed), "added: ..." or "changed: ..." for the rest. Exits 1
when there is a breaking change, so that `make test` names it; `make release-contract` makes
the current contract the released one.

With --changelog, the same changes are printed as Keep a Changelog bullet lines for the
"### API" subsection of CHANGELOG.md's Unreleased section (breaking ones first, marked
**Breaking**), and the exit status is 0: it describes the changes, `make contract` judges them.

A small checker of its own rather than a tool: oasdiff (Go) and openapi-diff (Java) need
runtimes this project does not install; this one knows the contract's shapes (components,
$ref, enveloped bodies) and is tested in tests/contract/test_contract_diff.py.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
RELEASED = ROOT / "contract" / "openapi.released.yaml"
CURRENT = ROOT / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch")
# Limits that narrow when they go down / up.
UPPER_LIMITS = ("maxLength", "maxItems", "maximum", "maxProperties")
LOWER_LIMITS = ("minLength", "minItems", "minimum", "minProperties")

Spec = dict[str, Any]


def _ref_name(node: Any) -> str | None:
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _refs(node: Any) -> Iterator[str]:
    """Every schema name referenced anywhere under ``node``."""
    if isinstance(node, dict):
        name = _ref_name(node)
        if name is not None and node["$ref"].startswith("#/components/schemas/"):
            yield name
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(spec: Spec, roots: set[str]) -> set[str]:
    """``roots`` and every schema they reach."""
    schemas = spec.get("components", {}).get("schemas", {})
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(_refs(schemas[name]))
    return seen


def _resolve(spec: Spec, node: Any) -> Any:
    """A parameter, response or request body with its $ref (to components) followed."""
    while isinstance(node, dict) and "$ref" in node:
        kind, name = node["$ref"].split("/")[-2:]
        node = spec.get("components", {}).get(kind, {}).get(name, {})
    return node


def operations(spec: Spec) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (METHOD, path, operation with the path's parameters merged in)."""
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                merged = dict(op)
                merged["parameters"] = [*item.get("parameters", []), *op.get("parameters", [])]
                found[op.get("operationId", f"{method.upper()} {path}")] = (method.upper(), path, merged)
    return found


def usage(spec: Spec) -> tuple[set[str], set[str]]:
    """(schemas that requests carry, schemas that responses carry), with what they reach."""
    request: set[str] = set()
    response: set[str] = set()
    for _, _, op in operations(spec).values():
        for parameter in op["parameters"]:
            request.update(_refs(_resolve(spec, parameter)))
        request.update(_refs(_resolve(spec, op.get("requestBody", {}))))
        for answer in op.get("responses", {}).values():
            response.update(_refs(_resolve(spec, answer)))
    return _closure(spec, request), _closure(spec, response)


def _type(schema: dict[str, Any]) -> Any:
    return schema.get("type") or _ref_name(schema)


def _compare_limits(where: str, old: dict[str, Any], new: dict[str, Any], in_request: bool) -> Iterator[str]:
    for key in (*UPPER_LIMITS, *LOWER_LIMITS):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        narrowed = (
            (
                after is not None
                and (before is None or (after < before if key in UPPER_LIMITS else after > before))
            )
            if in_request
            else False
        )
        verb = "breaking" if narrowed else "changed"
        yield f"{verb}: {where} {key} {before} -> {after}"


def _compare_schema(
    name: str, old: dict[str, Any], new: dict[str, Any], in_request: bool, in_response: bool
) -> Iterator[str]:
    if _type(old) != _type(new) and _type(old) is not None:
        yield f"breaking: {name} type {_type(old)} -> {_type(new)}"
    old_enum, new_enum = old.get("enum"), new.get("enum")
    if isinstance(old_enum, list) and isinstance(new_enum, list):
        for value in old_enum:
            if value not in new_enum:
                yield f"breaking: {name} enum value {value} removed"
        for value in new_enum:
            if value not in old_enum:
                yield f"added: {name} enum value {value}"
    yield from _compare_limits(name, old, new, in_request)
    old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
    old_required, new_required = set(old.get("required") or ()), set(new.get("required") or ())
    for prop, schema in old_props.items():
        if prop not in new_props:
            yield f"breaking: {name}.{prop} removed"
            continue
        if isinstance(schema, dict) and isinstance(new_props[prop], dict):
            yield from _compare_schema(f"{name}.{prop}", schema, new_props[prop], in_request, in_response)
    for prop in new_props:
        if prop not in old_props:
            required = prop in new_required
            verb = "breaking" if required and in_request else "added"
            yield f"{verb}: {name}.{prop} ({'required' if required else 'optional'})"
    for prop in sorted(new_required - old_required):
        if prop in old_props and in_request:
            yield f"breaking: {name}.{prop} made required"
    for prop in sorted(old_required - new_required):
        if prop in new_props:
            verb = "breaking" if in_response else "changed"
            yield f"{verb}: {name}.{prop} made optional"


def _compare_parameters(
    op_id: str, old: list[Any], new: list[Any], old_spec: Spec, new_spec: Spec
) -> Iterator[str]:
    def by_key(spec: Spec, parameters: list[Any]) -> dict[tuple[str, str], dict[str, Any]]:
        resolved = (_resolve(spec, p) for p in parameters)
        return {(p.get("in", ""), p.get("name", "")): p for p in resolved if isinstance(p, dict)}

    before, after = by_key(old_spec, old), by_key(new_spec, new)
    for key, parameter in before.items():
        where = f"{op_id} {key[0]} parameter {key[1]}"
        if key not in after:
            yield f"breaking: {where} removed"
            continue
        if after[key].get("required") and not parameter.get("required"):
            yield f"breaking: {where} made required"
        old_schema = _resolve(old_spec, parameter.get("schema", {}))
        new_schema = _resolve(new_spec, after[key].get("schema", {}))
        if isinstance(old_schema, dict) and isinstance(new_schema, dict):
            yield from _compare_schema(where, old_schema, new_schema, True, False)
    for key, parameter in after.items():
        if key not in before:
            required = bool(parameter.get("required"))
            verb, kind = ("breaking", "required") if required else ("added", "optional")
            yield f"{verb}: {op_id} {key[0]} parameter {key[1]} ({kind})"


def diff(old: Spec, new: Spec) -> list[str]:
    """Every change from ``old`` to ``new``, breaking ones first."""
    changes: list[str] = []
    old_ops, new_ops = operations(old), operations(new)
    for op_id, (method, path, op) in old_ops.items():
        if op_id not in new_ops:
            moved = [i for i, (m, p, _) in new_ops.items() if (m, p) == (method, path)]
            if moved:
                changes.append(f"breaking: operation {op_id} renamed to {moved[0]}")
            else:
                changes.append(f"breaking: operation {op_id} removed")
            continue
        new_method, new_path, new_op = new_ops[op_id]
        if (method, path) != (new_method, new_path):
            changes.append(
                f"breaking: operation {op_id} moved from {method} {path} to {new_method} {new_path}"
            )
        changes.extend(_compare_parameters(op_id, op["parameters"], new_op["parameters"], old, new))
    for op_id, (method, path, _) in new_ops.items():
        if op_id not in old_ops and not any((m, p) == (method, path) for m, p, _ in old_ops.values()):
            changes.append(f"added: operation {op_id} ({method} {path})")
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    request, response = usage(new)
    old_request, old_response = usage(old)
    for name, schema in old_schemas.items():
        if name not in new_schemas:
            if name in old_request | old_response:
                changes.append(f"breaking: schema {name} removed")
            continue
        changes.extend(
            _compare_schema(name, schema, new_schemas[name], name in request | old_request, name in response)
        )
    for name in new_schemas:
        if name not in old_schemas:
            changes.append(f"added: schema {name}")
    unique = list(dict.fromkeys(changes))
    return sorted(unique, key=lambda line: not line.startswith("breaking"))  # stable: breaking first


# "breaking: x" -> the bullet's lead-in; the rest of the line is the change as diff() names it.
CHANGELOG_LABELS = {"breaking": "**Breaking:**", "added": "Added:", "changed": "Changed:"}
NO_CHANGES = "- No change to the REST contract (openapi.yaml) since the last release."


def changelog_lines(changes: list[str]) -> list[str]:
    """``diff()``'s lines as Keep a Changelog bullets, in the same order (breaking first)."""
    if not changes:
        return [NO_CHANGES]
    bullets = []
    for line in changes:
        verb, _, what = line.partition(": ")
        bullets.append(f"- {CHANGELOG_LABELS[verb]} {what}")
    return bullets


def write_changelog(path: Path, lines: list[str]) -> bool:
    """Put ``lines`` under the Unreleased ``### API`` heading of the changelog at ``path`` (in
    place of what was there); True if the file changed."""
    text = path.read_text()
    unreleased = text.index("## [Unreleased]")
    start = text.index("### API\n", unreleased) + len("### API\n")
    following = [i for i in (text.find("\n### ", start), text.find("\n## ", start)) if i != -1]
    end = min(following) + 1 if following else len(text)
    updated = text[:start] + "\n" + "\n".join(lines) + "\n\n" + text[end:]
    if updated == text:
        return False
    path.write_text(updated)
    return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Compare openapi.yaml with the last released contract.")
    parser.add_argument("released", nargs="?", type=Path, default=RELEASED, help="the released contract")
    parser.add_argument("current", nargs="?", type=Path, default=CURRENT, help="the contract now")
    parser.add_argument(
        "--changelog", action="store_true", help="print the changes as CHANGELOG.md bullet lines (exit 0)"
    )
    parser.add_argument(
        "--write-changelog",
        type=Path,
        metavar="CHANGELOG",
        help="put the changes under the Unreleased '### API' heading of CHANGELOG (make generate)",
    )
    args = parser.parse_args(argv)
    released: Path = args.released
    current: Path = args.current
    changes = diff(yaml.safe_load(released.read_text()), yaml.safe_load(current.read_text()))
    if args.changelog:
        print("\n".join(changelog_lines(changes)))
        return 0
    if args.write_changelog is not None:
        write_changelog(args.write_changelog, changelog_lines(changes))
        return 0
    for line in changes:
        print(line)
    breaking = [line for line in changes if line.startswith("breaking")]
    if breaking:
        print(
            f"{len(breaking)} breaking change(s) against the released contract ({released.name}). "
            "Undo them, or release a new major version: record them in the changelog and run "
            "`make release-contract`.",
            file=sys.stderr,
        )
        return 1
    print(f"contract: no breaking change against {released.name} ({len(changes)} other change(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
