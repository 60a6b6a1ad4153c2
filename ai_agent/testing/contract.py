"""openapi.yaml at run time: which operation a request is, and JSON Schema checks of requests
and responses. Built from the spec alone, independent of the generated client and the facade."""

from __future__ import annotations

import copy
import functools
import importlib.resources
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["Contract", "Operation", "load_spec"]

_SPEC_URI = "urn:ai-agent:openapi"


def load_spec() -> dict[str, Any]:
    """The contract shipped inside the package (``ai_agent/openapi.yaml``): a copy of its own
    for each caller, parsed once per process and per text (every local orchestrator loads it)."""
    text = (importlib.resources.files("ai_agent") / "openapi.yaml").read_text(encoding="utf-8")
    return copy.deepcopy(_parsed(text))


@functools.lru_cache(maxsize=4)
def _parsed(text: str) -> dict[str, Any]:
    # libyaml when PyYAML has it: four times faster than the pure-Python parser.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec: dict[str, Any] = yaml.load(text, Loader=loader)  # a safe loader, C or Python
    return spec


@dataclass
class Operation:
    """One operation of the spec with its compiled checks."""

    operation_id: str
    method: str
    template: str
    segments: list[str]
    parameters: list[dict[str, Any]]
    body: Draft202012Validator | None
    body_required: bool
    responses: dict[int, Draft202012Validator | None] = field(default_factory=dict)
    authenticated: bool = True
    examples: dict[int, Any] = field(default_factory=dict)  # a response's example, by status

    def example_answer(self) -> tuple[int, Any]:
        """The first success status that has an example in the spec, and that example."""
        for status in sorted(self.examples):
            if 200 <= status < 300:
                return status, self.examples[status]
        raise LookupError(f"{self.operation_id} has no example of a success answer in openapi.yaml")

    def match(self, method: str, parts: list[str]) -> dict[str, str] | None:
        """Path parameters when ``parts`` (decoded segments) fit this operation's template."""
        if method != self.method or len(parts) != len(self.segments):
            return None
        found: dict[str, str] = {}
        for pattern, part in zip(self.segments, parts, strict=True):
            if pattern.startswith("{"):
                found[pattern[1:-1]] = part
            elif pattern != part:
                return None
        return found


class Contract:
    """Compiled view of openapi.yaml."""

    def __init__(self, spec: dict[str, Any] | None = None) -> None:
        self.spec = spec or load_spec()
        resource = Resource.from_contents(self.spec, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        self.operations: list[Operation] = []
        for template, item in self.spec["paths"].items():
            shared = item.get("parameters", [])
            for method, op in item.items():
                if method not in {"get", "put", "post", "delete", "patch"}:
                    continue
                self.operations.append(self._compile(template, method.upper(), op, shared))
        # Literal segments first: /tasks/batch must win over /tasks/{taskId}.
        self.operations.sort(key=lambda o: sum(s.startswith("{") for s in o.segments))
        self.by_id = {op.operation_id: op for op in self.operations}

    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = self.spec
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = target
        return node

    def _validator(self, schema: dict[str, Any]) -> Draft202012Validator:
        if "$ref" in schema:
            schema = {"$ref": _SPEC_URI + schema["$ref"]}
        return Draft202012Validator(schema, registry=self._registry)

    def _compile(
        self, template: str, method: str, op: dict[str, Any], shared: list[dict[str, Any]]
    ) -> Operation:
        parameters = [self._resolve(p) for p in [*shared, *op.get("parameters", [])]]
        body = None
        body_required = False
        if "requestBody" in op:
            request_body = self._resolve(op["requestBody"])
            body = self._validator(request_body["content"]["application/json"]["schema"])
            body_required = bool(request_body.get("required"))
        responses: dict[int, Draft202012Validator | None] = {}
        examples: dict[int, Any] = {}
        for code, response in op["responses"].items():
            content = self._resolve(response).get("content", {}).get("application/json")
            responses[int(code)] = self._validator(content["schema"]) if content else None
            if content and "example" in content:
                examples[int(code)] = content["example"]
            elif content and content.get("examples"):
                examples[int(code)] = self._resolve(next(iter(content["examples"].values()))).get("value")
        return Operation(
            operation_id=op["operationId"],
            method=method,
            template=template,
            segments=template.strip("/").split("/"),
            parameters=parameters,
            body=body,
            body_required=body_required,
            responses=responses,
            examples=examples,
            authenticated=op.get("security", self.spec.get("security")) != [],
        )

    def route(self, method: str, raw_path: str) -> tuple[Operation | None, dict[str, str], list[str]]:
        """(operation, path params, the methods the path allows: empty when the path is unknown)."""
        parts = [unquote(p) for p in raw_path.strip("/").split("/")]
        allowed: list[str] = []
        template: str | None = None  # the most specific path that fits (literal segments win)
        for op in self.operations:
            params = op.match(op.method, parts)
            if params is None:
                continue
            if op.method == method:
                # A literal path that lacks this method does not hide a templated one that has
                # it: GET /tasks/batch is getTask("batch") (404 like any unknown id), not a 405.
                return op, params, [op.method]
            if template in (None, op.template):
                template = op.template
                allowed.append(op.method)
        return None, {}, allowed

    def check_parameters(
        self, op: Operation, path: dict[str, str], query: dict[str, str], headers: dict[str, str]
    ) -> dict[str, Any]:
        """Typed parameters, or a list of problems naming each bad one (raised as ValueError)."""
        values: dict[str, Any] = {}
        problems: list[dict[str, Any]] = []
        for param in op.parameters:
            where, name, schema = param["in"], param["name"], self._resolve(param["schema"])
            sources = {"path": path, "query": query, "header": headers}
            source = sources.get(where)
            if source is None:
                continue
            if where == "header":
                name = name.lower()
            if name not in source:
                if param.get("required"):
                    problems.append({"field": f"{where}.{name}", "message": "is required"})
                elif "default" in schema:
                    values[name] = schema["default"]
                continue
            raw: Any = source[name]
            if schema.get("type") == "integer":
                if not re.fullmatch(r"-?\d+", raw):
                    problems.append({"field": f"{where}.{name}", "message": f"{raw!r} is not an integer"})
                    continue
                raw = int(raw)
            errors = list(self._validator(param["schema"]).iter_errors(raw))
            if errors:
                problems.append({"field": f"{where}.{name}", "message": errors[0].message})
                continue
            values[name] = raw
        if problems:
            raise ValueError(problems)
        return values

    @staticmethod
    def problems(validator: Draft202012Validator, value: Any, prefix: str) -> list[dict[str, Any]]:
        """Each schema violation of ``value`` with the JSON path of the field it is about."""
        found = []
        for error in sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path)):
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            if error.validator == "required" and isinstance(error.instance, dict):
                # name the missing property itself, not the object that lacks it
                missing = [p for p in error.validator_value if p not in error.instance]
                path += f".{missing[0]}" if missing else ""
            found.append({"field": f"{prefix}{path}", "message": error.message[:300]})
        return found
