"""Write the SDK's generated surface from openapi.yaml: ``python scripts/generate_surface.py``.

openapi-python-client writes the low-level client (``generated/``): endpoint functions and
models. It drops the schema's limits (maxLength, maxItems, minimum, pattern), so this step reads
``openapi.yaml`` itself and writes what the facade offers for every operation:

    ai_agent/_surface/params.py        Literal aliases of the enums; frozen params classes,
                                       their TypedDicts and their checks (Shape/Field data)
    ai_agent/_surface/operations.py    the operation table: one Operation per operationId
    ai_agent/_async/surface/<tag>.py   one class of methods per tag, and its raw-response twin
                                       (scripts/unasync.py then writes ai_agent/_sync/surface/)
    docs/reference/operations.md       the table as a page: operation -> methods -> CLI command

Method names come from the operationId with the tag's noun removed (``getAgentStatus`` ->
``agents.get_status``). Vendor extensions steer what the rule cannot know:

    x-sdk-method: tasks.pause     the method's dotted name on the client
    x-sdk-hand-written: true      a hand-written helper owns the name (no method generated)
    x-sdk-body: updates           the name of the body's positional parameter (default params)
    x-sdk-result: status          return this field of the response's data, not the whole
    x-sdk-name: TaskRetryPolicy   (on a schema) the name of its params class
    x-sdk-terminal, x-sdk-tone    (on an enum) its final values; how the CLI colours each value
    x-sdk-internal: true          (on a parameter) sent by the SDK's helpers only: no keyword of
                                  the methods, no option of the command line
"""

from __future__ import annotations

import argparse
import importlib.util
import keyword
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openapi_python_client.strings import ClassName, PythonIdentifier, snake_case

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    '"""{doc}\n\n'
    'Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.\n"""\n'
)
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


# -- reading the spec -------------------------------------------------------------------------


class Spec:
    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        self.schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = self.lookup(node["$ref"])
        return node

    def lookup(self, ref: str) -> Any:
        node: Any = self.doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return node

    @staticmethod
    def ref_name(node: Any) -> str | None:
        if isinstance(node, dict) and "$ref" in node:
            return str(node["$ref"]).rsplit("/", 1)[1]
        return None


def nullable_inner(node: dict[str, Any]) -> tuple[Any, bool]:
    """``anyOf: [X, {type: null}]`` -> (X, True)."""
    for key in ("anyOf", "oneOf"):
        options = node.get(key)
        if isinstance(options, list):
            rest = [o for o in options if not (isinstance(o, dict) and o.get("type") == "null")]
            if len(rest) == 1 and len(rest) < len(options):
                return rest[0], True
    kind = node.get("type")
    if isinstance(kind, list) and "null" in kind:
        others = [k for k in kind if k != "null"]
        return {**node, "type": others[0] if len(others) == 1 else others}, True
    return node, False


def is_enum(schema: Any) -> bool:
    return isinstance(schema, dict) and "enum" in schema and schema.get("type", "string") == "string"


def is_params_object(schema: Any) -> bool:
    return isinstance(schema, dict) and bool(schema.get("properties")) and "enum" not in schema


def is_free_object(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "object" and not schema.get("properties")


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def literal_name(schema_name: str) -> str:
    return f"{schema_name}Name"


def dict_name(class_name: str) -> str:
    return class_name[: -len("Params")] + "Dict" if class_name.endswith("Params") else class_name + "Dict"


# -- what is generated ------------------------------------------------------------------------


@dataclass
class FieldInfo:
    name: str  # the facade's keyword (snake_case)
    arg: str  # the generated endpoint's keyword (openapi-python-client's Python name)
    wire: str
    kind: str
    required: bool
    description: str
    annotation: str  # of the params class attribute / method keyword
    dict_annotation: str
    options: dict[str, Any] = field(default_factory=dict)
    enum_class: str | None = None  # the generated model enum, for query parameters
    items: FieldInfo | None = None
    params_class: str | None = None
    shared: str | None = None  # the components/parameters entry it comes from, if any

    def source(self) -> str:
        """``Field(...)`` as Python source."""
        parts = [repr(self.name), repr(self.wire), repr(self.kind)]
        if self.required:
            parts.append("required=True")
        if self.description:
            parts.append(f"description={self.description!r}")
        for key, value in self.options.items():
            parts.append(f"{key}={value!r}")
        if self.items is not None:
            parts.append(f"items={self.items.source()}")
        if self.params_class is not None:
            parts.append(f"params={self.params_class}")
        return f"Field({', '.join(parts)})"


@dataclass
class ParamsClass:
    schema: str
    name: str
    description: str
    fields: list[FieldInfo]
    additional: bool


@dataclass
class OperationInfo:
    id: str
    tag: str
    http_method: str
    path: str
    resource: str
    method: str
    summary: str
    description: str
    module: str  # ai_agent_client.api.<tag>.<module>
    path_params: list[FieldInfo]
    query: list[FieldInfo]
    headers: list[FieldInfo]
    body: ParamsClass | None
    body_required: bool
    body_name: str
    body_wire_model: str | None
    idempotency_key: bool
    result: str  # "model:X", "page:X", "none", "field:X:name:Type"
    generated: bool

    @property
    def paged(self) -> bool:
        return self.result.startswith("page:")

    @property
    def pages_name(self) -> str:
        """The walk over every page: ``pages`` for ``list``, ``<method>_pages`` for another."""
        return ("pages" if self.method == "list" else f"{self.method}_pages") if self.paged else ""

    @property
    def iterate_name(self) -> str:
        return ("iterate" if self.method == "list" else f"{self.method}_iterate") if self.paged else ""

    @property
    def cli(self) -> str:
        return f"{self.resource} {self.method.replace('_', '-')}" if self.resource else self.method


CONSTRAINTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "minItems": "min_items",
    "maxItems": "max_items",
    "pattern": "pattern",
    "format": "format",
}


class Generator:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.params: dict[str, ParamsClass] = {}  # by schema name
        self.literals: dict[str, list[str]] = {}  # alias name -> values
        self.operations: list[OperationInfo] = []
        for name, schema in spec.schemas.items():
            if is_enum(schema):
                self.literals[literal_name(self.class_name(name))] = [str(v) for v in schema["enum"]]
        self.read_operations()

    def class_name(self, schema_name: str) -> str:
        schema = self.spec.schemas.get(schema_name, {})
        return str(schema.get("x-sdk-name") or ClassName(schema_name, ""))

    def model_name(self, schema_name: str) -> str:
        return str(ClassName(schema_name, ""))

    # -- fields --

    def field_info(self, name: str, node: Any, required: bool, description: str = "") -> FieldInfo:
        spec = self.spec
        node, _nullable = nullable_inner(node) if isinstance(node, dict) else (node, False)
        ref = spec.ref_name(node)
        schema = spec.resolve(node) if node is not None else {}
        description = one_line(description or (node or {}).get("description") or schema.get("description"))
        options: dict[str, Any] = {}
        for source in (schema, node if isinstance(node, dict) else {}):
            for key, option in CONSTRAINTS.items():
                if key in source:
                    options[option] = source[key]
        if "default" in schema:
            options["default"] = schema["default"]
        snake = snake_case(name)
        py = snake + "_" if keyword.iskeyword(snake) else snake
        info = FieldInfo(
            name=py,
            arg=str(PythonIdentifier(name, prefix="")),
            wire=name,
            kind="any",
            required=required,
            description=description,
            annotation="Any",
            dict_annotation="Any",
            options=options,
        )
        kind = schema.get("type")
        if is_enum(schema):
            values = [str(v) for v in schema["enum"]]
            info.kind = "string"
            info.options["enum"] = tuple(values)
            if ref is not None:
                enum_class = self.model_name(ref)
                info.enum_class = enum_class
                info.annotation = f"{enum_class} | {literal_name(self.class_name(ref))}"
            else:
                info.annotation = "Literal[" + ", ".join(repr(v) for v in values) + "]"
        elif ref is not None and is_params_object(schema):
            cls = self.params_class(ref)
            info.kind, info.params_class = "params", cls.name
            info.annotation = f"{cls.name} | {dict_name(cls.name)}"
        elif is_free_object(schema):
            info.kind, info.annotation = "object", "Mapping[str, Any]"
        elif kind == "string":
            info.kind = "string"
            info.annotation = "str | datetime" if schema.get("format") == "date-time" else "str"
        elif kind == "integer":
            info.kind, info.annotation = "integer", "int"
        elif kind == "number":
            info.kind, info.annotation = "number", "float"
        elif kind == "boolean":
            info.kind, info.annotation = "boolean", "bool"
        elif kind == "array":
            items = self.field_info(name, schema.get("items") or {}, True)
            info.kind, info.items = "array", items
            info.annotation = f"Sequence[{items.annotation}]"
        elif is_params_object(schema):
            raise SystemExit(f"{name}: an inline object with properties; give it a schema of its own")
        info.dict_annotation = info.annotation
        return info

    def params_class(self, schema_name: str) -> ParamsClass:
        found = self.params.get(schema_name)
        if found is not None:
            return found
        schema = self.spec.schemas[schema_name]
        cls = ParamsClass(
            schema=schema_name,
            name=self.class_name(schema_name),
            description=one_line(schema.get("description")) or f"The {schema_name} schema.",
            fields=[],
            additional=schema.get("additionalProperties") not in (None, False),
        )
        self.params[schema_name] = cls
        required = set(schema.get("required", []))
        for name, node in schema.get("properties", {}).items():
            cls.fields.append(self.field_info(name, node, name in required))
        return cls

    # -- operations --

    def read_operations(self) -> None:
        tags = [t["name"] for t in self.spec.doc.get("tags", [])]
        for path, item in self.spec.doc.get("paths", {}).items():
            shared = item.get("parameters", [])
            for http_method in HTTP_METHODS:
                op = item.get(http_method)
                if op is not None:
                    self.operations.append(self.operation(path, http_method, op, shared))
        order = {tag: index for index, tag in enumerate(tags)}
        self.operations.sort(key=lambda o: (order.get(o.tag, len(order)), o.tag))
        seen: dict[str, str] = {}
        for op in self.operations:
            call = f"{op.resource}.{op.method}"
            if call in seen:
                raise SystemExit(f"{op.id} and {seen[call]} both become {call}: set x-sdk-method on one")
            seen[call] = op.id

    def operation(self, path: str, http_method: str, op: dict[str, Any], shared: list[Any]) -> OperationInfo:
        spec = self.spec
        op_id = op["operationId"]
        tag = (op.get("tags") or ["default"])[0]
        words = snake_case(op_id).split("_")
        noun = {tag.lower(), tag.lower().rstrip("s")}
        for index, word in enumerate(words):
            if word in noun or word.rstrip("s") in noun:
                del words[index]
                break
        call = op.get("x-sdk-method") or f"{tag}.{'_'.join(words) or 'call'}"
        resource, _, method = call.rpartition(".")
        path_params: list[FieldInfo] = []
        query: list[FieldInfo] = []
        headers: list[FieldInfo] = []
        idempotency = False
        for raw in [*shared, *op.get("parameters", [])]:
            param = spec.resolve(raw)
            if param.get("x-sdk-internal"):
                continue  # the SDK's own helpers send it, through the generated client
            info = self.field_info(
                param["name"],
                param.get("schema", {}),
                bool(param.get("required")),
                param.get("description", ""),
            )
            info.shared = spec.ref_name(raw)
            where = param["in"]
            if where == "path":
                path_params.append(info)
            elif where == "query":
                query.append(info)
            elif where == "header":
                if param["name"].lower() == "idempotency-key":
                    idempotency = True
                else:
                    headers.append(info)
        body: ParamsClass | None = None
        body_required = False
        wire_model: str | None = None
        request = spec.resolve(op.get("requestBody"))
        if request:
            schema_node = request["content"]["application/json"]["schema"]
            ref = spec.ref_name(schema_node)
            if ref is None:
                raise SystemExit(f"{op_id}: give the request body a schema of its own ($ref)")
            body = self.params_class(ref)
            body_required = bool(request.get("required"))
            wire_model = self.model_name(ref)
        return OperationInfo(
            id=op_id,
            tag=tag,
            http_method=http_method.upper(),
            path=path,
            resource=resource,
            method=method,
            summary=one_line(op.get("summary")) or op_id,
            description=one_line(op.get("description")),
            module=f"ai_agent_client.api.{snake_case(tag)}.{snake_case(op_id)}",
            path_params=path_params,
            query=query,
            headers=headers,
            body=body,
            body_required=body_required,
            body_name=op.get("x-sdk-body", "params"),
            body_wire_model=wire_model,
            idempotency_key=idempotency,
            result=self.result(op, op_id),
            generated=not op.get("x-sdk-hand-written", False),
        )

    def result(self, op: dict[str, Any], op_id: str) -> str:
        spec = self.spec
        for status in sorted(op.get("responses", {})):
            if not str(status).startswith("2"):
                continue
            response = spec.resolve(op["responses"][status])
            content = (response.get("content") or {}).get("application/json")
            if not content:
                continue
            envelope = spec.resolve(content["schema"])
            data = envelope.get("properties", {}).get("data")
            if data is None or "success" not in envelope.get("properties", {}):
                return "raw"  # not enveloped (health): a hand-written helper's
            data_schema = spec.resolve(data)
            if data_schema.get("type") == "null":
                return "none"
            ref = spec.ref_name(data)
            if ref is None:
                raise SystemExit(f"{op_id}: give the response's data a schema of its own ($ref)")
            props = data_schema.get("properties", {})
            if "pagination" in props and spec.resolve(props.get("data", {})).get("type") == "array":
                item = spec.ref_name(spec.resolve(props["data"]).get("items"))
                return f"page:{self.model_name(item or ref)}"
            wanted = op.get("x-sdk-result")
            if wanted:
                field_schema = props[wanted]
                field_ref = spec.ref_name(field_schema)
                field_type = self.model_name(field_ref) if field_ref else "Any"
                return f"field:{self.model_name(ref)}:{snake_case(wanted)}:{field_type}"
            return f"model:{self.model_name(ref)}"
        return "none"


# -- writing ----------------------------------------------------------------------------------


def docstring(text: str, indent: int) -> str:
    pad = " " * indent
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith("    ") or paragraph.startswith("Attributes:"):
            lines.extend(paragraph.splitlines())
        else:
            lines.extend(textwrap.wrap(paragraph, 100 - indent) or [""])
        lines.append("")
    body = "\n".join((pad + line) if line else "" for line in lines[:-1])
    return f'{pad}"""{body.lstrip()}\n{pad}"""\n' if len(lines) > 2 else f'{pad}"""{body.lstrip()}"""\n'


def params_module(gen: Generator) -> str:
    out: list[str] = [
        HEADER.format(doc="Params classes, TypedDicts and Literal aliases: what callers pass in."),
        "from __future__ import annotations\n\n",
        "from collections.abc import Mapping, Sequence\n",
        "from dataclasses import dataclass\n",
        "from datetime import datetime\n",
        "from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict\n\n",
        "from .._schema import Field, Shape\n\n",
    ]
    enums = sorted(
        {
            f.enum_class
            for cls in gen.params.values()
            for f in [*cls.fields, *(x.items for x in cls.fields if x.items)]
            if f and f.enum_class
        }
        | {f.enum_class for op in gen.operations for f in [*op.query, *op.path_params] if f.enum_class}
    )
    if enums:
        out.append("if TYPE_CHECKING:\n")
        out.append(f"    from ai_agent_client.models import {', '.join(enums)}\n\n")
    names = sorted(
        [
            *gen.literals,
            *(c.name for c in gen.params.values()),
            *(dict_name(c.name) for c in gen.params.values()),
        ]
    )
    out.append("__all__ = [\n" + "".join(f"    {n!r},\n" for n in names) + "]\n\n")
    out.append("# The enums of openapi.yaml as Literal types: a type checker catches a misspelt value.\n")
    for alias, values in gen.literals.items():
        out.append(f"{alias} = Literal[{', '.join(repr(v) for v in values)}]\n")
        out.append(f'"""The values of ``{alias.removesuffix("Name")}``, as strings."""\n')
    terminal = {
        gen.class_name(name): schema["x-sdk-terminal"]
        for name, schema in gen.spec.schemas.items()
        if is_enum(schema) and schema.get("x-sdk-terminal")
    }
    out.append("\nTERMINAL_VALUES: dict[str, frozenset[str]] = {\n")
    for name, values in terminal.items():
        out.append(f"    {name!r}: frozenset({sorted(values)!r}),\n")
    out.append("}\n")
    out.append('"""Per enum, the values its schema marks final (x-sdk-terminal): waits stop there."""\n\n')
    tones = {
        str(value): str(tone)
        for schema in gen.spec.schemas.values()
        if is_enum(schema)
        for value, tone in (schema.get("x-sdk-tone") or {}).items()
    }
    out.append(f"TONES: dict[str, str] = {tones!r}\n")
    out.append(
        '"""Enum values and how they read (x-sdk-tone: good, bad or warn), for the command line."""\n\n'
    )
    for cls in gen.params.values():
        out.append(typed_dict(cls))
        out.append(params_dataclass(cls))
    out.append("\n# What each class checks (ai_agent/_schema.py runs the checks).\n")
    for cls in gen.params.values():
        fields_src = "".join(f"        {f.source()},\n" for f in cls.fields)
        extra = ", additional=True" if cls.additional else ""
        out.append(f"Shape(\n    {cls.name},\n    (\n{fields_src}    ){extra},\n)\n")
    return "".join(out)


def typed_dict(cls: ParamsClass) -> str:
    required = [f for f in cls.fields if f.required]
    total = "" if required else ", total=False"
    lines = [f"class {dict_name(cls.name)}(TypedDict{total}):\n", f'    """``{cls.name}`` as a dict."""\n\n']
    for f in cls.fields:
        ann = f.dict_annotation
        if not f.required:
            ann = f"{ann} | None"
            if required:
                ann = f"NotRequired[{ann}]"
        lines.append(f"    {f.name}: {ann}\n")
    # The wire (camelCase) names are accepted too: a body copied from the API's docs works.
    for f in cls.fields:
        if f.wire != f.name and f.wire.isidentifier() and not keyword.iskeyword(f.wire):
            ann = f.dict_annotation if f.required and not required else f"{f.dict_annotation} | None"
            lines.append(f"    {f.wire}: NotRequired[{ann}]\n" if required else f"    {f.wire}: {ann}\n")
    return "".join(lines) + "\n\n"


def field_doc(f: FieldInfo) -> str:
    text = f.description or f.name
    limits = field_limits(f)
    return f"{text} ({limits})" if limits else text


def field_limits(f: FieldInfo) -> str:
    """The limits in the words ``--help`` uses (``ai_agent/_limits.py``); an enum is left out
    where the annotation names its class."""
    schema = {k: v for k, v in f.options.items() if k != "enum" or f.enum_class is None}
    return _LIMITS.limits_text(schema, f.items.options if f.items is not None else None)


def _load_limits() -> Any:
    """``ai_agent/_limits.py`` by its path: importing the package would import what this script
    writes (and fail on a stale copy of it)."""
    spec = importlib.util.spec_from_file_location("_sdk_limits", ROOT / "ai_agent" / "_limits.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_LIMITS = _load_limits()


def params_dataclass(cls: ParamsClass) -> str:
    attrs = "\n".join(f"{f.name}: {field_doc(f)}" for f in cls.fields)
    lines = [
        "@dataclass(frozen=True, slots=True)\n",
        f"class {cls.name}:\n",
        docstring(f"{cls.description}\n\nAttributes:\n{textwrap.indent(attrs, '    ')}", 4),
        "\n",
    ]
    ordered = [f for f in cls.fields if f.required] + [f for f in cls.fields if not f.required]
    for f in ordered:
        lines.append(
            f"    {f.name}: {f.annotation}\n"
            if f.required
            else f"    {f.name}: {f.annotation} | None = None\n"
        )
    lines.append("\n    def __post_init__(self) -> None:\n        _shape(self).check_instance(self)\n\n")
    lines.append(
        "    def to_wire(self) -> dict[str, Any]:\n"
        '        """The JSON object sent for it: wire (camelCase) names, the given fields only."""\n'
        "        return _shape(self).wire_of(self)\n\n\n"
    )
    if "def _shape" not in "".join(lines):
        pass
    return "".join(lines)


def operations_module(gen: Generator) -> str:
    classes = sorted({op.body.name for op in gen.operations if op.body})
    out = [
        HEADER.format(
            doc="The operation table: every operation of openapi.yaml and where the SDK offers it."
        ),
        "from __future__ import annotations\n\n",
        "from .._schema import Field, Operation\n",
    ]
    if classes:
        out.append(f"from .params import {', '.join(classes)}\n")
    out.append('\n__all__ = ["BY_ID", "OPERATIONS"]\n\n')
    # A parameter that operations share (components/parameters) is stated once.
    shared: dict[str, FieldInfo] = {}
    for op in gen.operations:
        for f in [*op.path_params, *op.query, *op.headers]:
            if f.shared is not None:
                shared.setdefault(f.shared, f)
    for name, f in shared.items():
        out.append(f"{shared_constant(name)} = {f.source()}\n")
    if shared:
        out.append("\n")

    def fields_src(items: list[FieldInfo]) -> str:
        sources = (shared_constant(f.shared) if f.shared else f.source() for f in items)
        return "(" + "".join(f"{source}, " for source in sources) + ")"

    out.append("OPERATIONS: tuple[Operation, ...] = (\n")
    for op in gen.operations:
        fields = [
            ("id", repr(op.id)),
            ("http_method", repr(op.http_method)),
            ("path", repr(op.path)),
            ("resource", repr(op.resource)),
            ("method", repr(op.method)),
            ("summary", repr(op.summary)),
            ("description", repr(op.description)),
            ("path_params", fields_src(op.path_params)),
            ("query", fields_src(op.query)),
            ("headers", fields_src(op.headers)),
            ("body", op.body.name if op.body else "None"),
            ("body_required", repr(op.body_required)),
            ("body_name", repr(op.body_name)),
            ("idempotency_key", repr(op.idempotency_key)),
            ("result", repr(op.result)),
            ("paged", repr(op.paged)),
            ("iterate", repr(op.iterate_name)),
            ("generated", repr(op.generated)),
            ("cli", repr(op.cli)),
        ]
        stated = "".join(
            f"        {name}={source},\n" for name, source in fields if OPERATION_DEFAULTS.get(name) != source
        )
        out.append(f"    Operation(\n{stated}    ),\n")
    out.append(")\n\nBY_ID = {operation.id: operation for operation in OPERATIONS}\n")
    return "".join(out)


# Operation's defaults (ai_agent/_schema.py), as source: the table leaves such values out.
OPERATION_DEFAULTS = {
    "description": "''",
    "path_params": "()",
    "query": "()",
    "headers": "()",
    "body": "None",
    "body_required": "False",
    "body_name": "'params'",
    "idempotency_key": "False",
    "paged": "False",
    "iterate": "''",
    "generated": "True",
}


def shared_constant(component: str) -> str:
    """The operation table's name for a shared parameter: ``TaskId`` -> ``_TASK_ID``."""
    return "_" + snake_case(component).upper()


def resource_class_name(tag: str, suffix: str = "Operations") -> str:
    return f"Async{ClassName(tag, '')}{suffix}"


def return_type(op: OperationInfo) -> str:
    kind, _, rest = op.result.partition(":")
    if kind == "model":
        return rest
    if kind == "page":
        return f"Page[{rest}]"
    if kind == "field":
        return rest.split(":")[2]
    return "None"


def span_attribute(f: FieldInfo) -> str:
    base = f.wire[:-2] if f.wire.endswith("Id") and len(f.wire) > 2 else f.wire
    return f"ai_agent.{snake_case(base)}.id" if f.wire.endswith("Id") else f"ai_agent.{snake_case(f.wire)}"


def resource_module(gen: Generator, tag: str, ops: list[OperationInfo]) -> str:
    description = next(
        (one_line(t.get("description")) for t in gen.spec.doc.get("tags", []) if t["name"] == tag), ""
    )
    generated = [op for op in ops if op.generated]
    endpoint_imports = sorted({tuple(op.module.rsplit(".", 1)) for op in generated})
    models: set[str] = set()
    params: set[str] = set()
    wire_models: set[str] = set()
    for op in generated:
        kind, _, rest = op.result.partition(":")
        if kind in ("model", "page"):
            models.add(rest)
        if kind == "field":
            parts = rest.split(":")
            models.add(parts[0])
            if parts[2] != "Any":
                models.add(parts[2])
        for f in [*op.query, *op.path_params, *op.headers]:
            if f.enum_class:
                models.add(f.enum_class)
                params.add(f.annotation.split(" | ")[1])
        if op.body:
            params.update({op.body.name, dict_name(op.body.name)})
            wire_models.add(op.body_wire_model or "")
            for f in op.body.fields:
                if f.enum_class:
                    models.add(f.enum_class)
                    params.add(f.annotation.split(" | ")[1])
                if f.params_class:
                    params.update({f.params_class, dict_name(f.params_class)})
    cls = resource_class_name(tag)
    out = [
        HEADER.format(
            doc=f"``client.{tag}``: a method per operation of tag ``{tag}`` (helpers: hand-written on top)."
        ),
        "from __future__ import annotations\n\n",
        "import builtins\n",
        "from collections.abc import AsyncIterator, Mapping, Sequence\n",
        "from datetime import datetime\n",
        "from typing import TYPE_CHECKING, Any, Literal, overload\n\n",
    ]
    for package, module in endpoint_imports:
        out.append(f"from {package} import {module} as _{module}\n")
    if models:
        out.append(f"from ai_agent_client.models import {', '.join(sorted(models))}\n")
    for wire in sorted(wire_models):
        out.append(f"from ai_agent_client.models import {wire} as Wire{wire}\n")
    out.append("from ai_agent_client.types import UNSET\n\n")
    out.append("from ..._checks import check_id as _check_id\n")
    out.append("from ..._paging import next_page_number as _next_page_number\n")
    out.append("from ..._paging import parse_page as _parse_page\n")
    out.append("from ..._request import label as _label\n")
    out.append("from ..._request import wire_model as _wire_model\n")
    out.append("from ..._response import unwrap as _unwrap\n")
    out.append("from ..._results import Page\n")
    out.append("from ..._schema import NOT_GIVEN\n")
    # Imported as _names: a parameter of the spec (say a filter named label) cannot shadow them.
    for helper in ("body_missing", "check_idempotency_key", "params_given", "shape_of"):
        out.append(f"from ..._schema import {helper} as _{helper}\n")
    out.append("from ..._surface.operations import BY_ID\n")
    if params:
        out.append(f"from ..._surface.params import {', '.join(sorted(params))}\n")
    out.append("from ..capture import raw\n\n")
    out.append(
        "if TYPE_CHECKING:\n    from ..._response import RawResponse\n    from ..core import AsyncCore\n\n"
    )
    out.append(f'__all__ = ["{cls}", "{resource_class_name(tag, "RawOperations")}"]\n\n')
    out.append("\n")
    out.append(f"class {cls}:\n")
    out.append(docstring(f"``client.{tag}``: {description}" if description else f"``client.{tag}``.", 4))
    out.append("\n    def __init__(self, core: AsyncCore) -> None:\n        self._core = core\n")
    for op in generated:
        out.append(method_source(op))
    raw_cls = resource_class_name(tag, "RawOperations")
    out.append(f"\n\nclass {raw_cls}:\n")
    out.append(
        f'    """``client.with_raw_response.{tag}``: generated methods returning ``RawResponse``s."""\n\n'
    )
    out.append(f"    def __init__(self, resource: {cls}) -> None:\n")
    one_request = [op for op in generated]
    if not one_request:
        out.append("        pass\n")
    for op in one_request:
        out.append(f"        self.{op.method} = raw(resource.{op.method})\n")
    return "".join(out)


def method_source(op: OperationInfo) -> str:
    ret = return_type(op)
    lines: list[str] = []
    path_sig = "".join(f", {f.name}: {f.annotation}" for f in op.path_params)
    query_sig = "".join(
        f", {f.name}: {f.annotation}"
        + (
            " = " + repr(f.options["default"])
            if "default" in f.options
            else (" | None = None" if not f.required else "")
        )
        for f in op.query
    )
    header_sig = "".join(f", {f.name}: {f.annotation} | None = None" for f in op.headers)
    idem_sig = ", idempotency_key: str | None = None" if op.idempotency_key else ""
    keyword_only = bool(op.query or op.headers or op.idempotency_key or op.body)
    doc = op.summary.rstrip(".") + f" (``{op.http_method} {op.path}``)."
    if op.description:
        doc += "\n\n" + op.description
    if op.body:
        doc += f"\n\nThe body comes as ``{op.body.name}``, a ``{dict_name(op.body.name)}`` or keywords" + (
            " (optional)." if not op.body_required else "."
        )
    if op.idempotency_key:
        doc += (
            "\n\nRetried safely: every attempt carries the same ``Idempotency-Key`` (pass your own "
            "``idempotency_key`` to make the call repeatable, e.g. across process restarts)."
        )
    body = op.body
    star = ", *" if keyword_only else ""
    if body:
        name = op.body_name
        body_type = f"{body.name} | {dict_name(body.name)}"
        rest_sig = f"{query_sig}{header_sig}{idem_sig}"
        kw_fields = "".join(
            f", {f.name}: {f.annotation}" + ("" if f.required else " | None = None")
            for f in ordered(body.fields)
        )
        if body.fields:
            lines.append("\n    @overload\n")
            default = "" if op.body_required else " | None = None"
            rest = f", *{rest_sig}" if rest_sig else ""
            lines.append(
                f"    async def {op.method}(self{path_sig}, {name}: {body_type}{default}{rest}) -> {ret}:"
                " ...\n"
            )
            lines.append("\n    @overload\n")
            lines.append(f"    async def {op.method}(self{path_sig}, *{kw_fields}{rest_sig}) -> {ret}: ...\n")
        impl_fields = "".join(f", {f.name}: Any = NOT_GIVEN" for f in body.fields)
        lines.append(
            f"\n    async def {op.method}(self{path_sig}, {name}: {body_type} | None = None,"
            f" *{impl_fields}{rest_sig}) -> {ret}:\n"
        )
    else:
        lines.append(
            f"\n    async def {op.method}(self{path_sig}{star}{query_sig}{header_sig}{idem_sig}) -> {ret}:\n"
        )
    lines.append(docstring(doc, 8))
    where_args = "".join(f", {f.name}" for f in op.path_params)
    call = op.resource + "." + op.method if op.resource else op.method
    lines.append(f"        _operation = {call!r}\n")
    for f in op.path_params:
        if f.kind == "string" and "enum" not in f.options:
            lines.append(f"        _check_id({f.name!r}, {f.name})\n")
        else:
            lines.append(
                f"        {f.name} = _PATH_{op.id}[{op.path_params.index(f)}].check(_operation, {f.name})\n"
            )
    if body:
        keywords = ", ".join(f"{f.name!r}: {f.name}" for f in body.fields)
        chain = " is ".join(f.name for f in body.fields)
        lines.append(f"        _given: Any = {op.body_name}\n")
        if body.fields:
            # "a is b is ... is NOT_GIVEN" holds when every keyword was left out: no dict built.
            given_test = (
                f"{chain} is not NOT_GIVEN" if len(body.fields) == 1 else f"not ({chain} is NOT_GIVEN)"
            )
            lines.append(f"        if {op.body_name} is None or {given_test}:\n")
            lines.append(
                f"            _given = _params_given({op.body_name}, {op.body_name!r}, {{{keywords}}})\n"
            )
        if op.body_required and body.fields and not any(f.required for f in body.fields):
            # Every field optional, yet a body is required: a call with none is a mistake.
            names = ", ".join(repr(f.name) for f in body.fields)
            lines.append(f"        if {op.body_name} is None and not _given:\n")
            lines.append(f"            raise _body_missing(_operation, {op.body_name!r}, ({names},))\n")
        if op.body_required:
            lines.append(f"        _wire = _shape_of({body.name}).wire(_given, {op.body_name!r})\n")
            lines.append(f"        _body = _wire_model(Wire{op.body_wire_model}, _wire)\n")
        else:
            lines.append(
                f"        _wire = _shape_of({body.name}).wire(_given, {op.body_name!r}) if _given else None\n"
                f"        _body = _wire_model(Wire{op.body_wire_model}, _wire)"
                " if _wire is not None else UNSET\n"
            )
    kwargs: list[str] = [f.name for f in op.path_params]
    if body:
        kwargs.append("body=_body")
    for index, f in enumerate(op.query):
        value = f"_QUERY_{op.id}[{index}].check(_operation, {f.name})"
        if f.enum_class:
            value = f"{f.enum_class}({value})"
        if f.required:
            kwargs.append(f"{f.arg}={value}")
        else:
            kwargs.append(f"{f.arg}={value} if {f.name} is not None else UNSET")
    for index, f in enumerate(op.headers):
        kwargs.append(
            f"{f.arg}=_HEADERS_{op.id}[{index}].check(_operation, {f.name})"
            f" if {f.name} is not None else UNSET"
        )
    if op.idempotency_key:
        kwargs.append("idempotency_key=_check_idempotency_key(idempotency_key) or UNSET")
    module = op.module.rsplit(".", 1)[1]
    lines.append(f"        _request = _{module}._get_kwargs({', '.join(kwargs)})\n")
    lines.append(f"        _where = _label(_operation{where_args})\n")
    attributes = ", ".join(f"{span_attribute(f)!r}: {f.name}" for f in op.path_params)
    attrs = f", attributes={{{attributes}}}" if attributes else ""
    kind, _, rest = op.result.partition(":")
    if kind == "model":
        lines.append(
            f"        return await self._core.model(_operation, _where, _request, {rest}.from_dict{attrs})\n"
        )
    elif kind == "field":
        model, field_name, _ = rest.split(":")
        lines.append(
            f"        _result = await self._core.model(_operation, _where, _request, {model}.from_dict"
            f"{attrs})\n"
        )
        lines.append(f"        return _result.{field_name}\n")
    elif kind == "page":
        lines.append(
            f"        _response, _data = await self._core.data(_operation, _where, _request{attrs})\n"
        )
        lines.append(f"        return _parse_page(_response, _where, _data, {rest}.from_dict)\n")
    else:
        lines.append(f"        _response = await self._core.send(_operation, _where, _request{attrs})\n")
        lines.append("        _unwrap(_response, _where, self._core.redact)\n")
    if op.paged:
        lines.append(pages_source(op))
    return "".join(lines)


def ordered(items: list[FieldInfo]) -> list[FieldInfo]:
    return [f for f in items if f.required] + [f for f in items if not f.required]


def pages_source(op: OperationInfo) -> str:
    walk = f"{op.resource}.{op.pages_name}"
    item = op.result.split(":", 1)[1]
    filters = [f for f in op.query if f.wire not in ("page", "limit")]
    limit = next((f for f in op.query if f.wire == "limit"), None)
    path_sig = "".join(f", {f.name}: {f.annotation}" for f in op.path_params)
    filter_sig = "".join(f", {f.name}: {f.annotation} | None = None" for f in filters)
    limit_default = limit.options.get("maximum", limit.options.get("default", 10)) if limit else None
    limit_sig = f", limit: int = {limit_default!r}" if limit else ""
    path_args = "".join(f"{f.name}, " for f in op.path_params)
    filter_args = "".join(f", {f.name}={f.name}" for f in filters)
    limit_arg = ", limit=limit" if limit else ""
    return (
        (
            f"\n    async def {op.pages_name}(self{path_sig}, *{limit_sig}{filter_sig})"
            f" -> AsyncIterator[Page[{item}]]:\n"
            f'        """Every page of ``{op.method}``, first to last (``limit`` items per request)."""\n'
            "        _number: int | None = 1\n"
            "        while _number is not None:\n"
            f"            _page = await self.{op.method}({path_args}page=_number{limit_arg}{filter_args})\n"
            "            yield _page\n"
            f"            _number = _next_page_number(_page, _number, _label({walk!r}))\n"
            f"\n    async def {op.iterate_name}(self{path_sig}, *{limit_sig}{filter_sig})"
            f" -> AsyncIterator[{item}]:\n"
            f'        """Every item of ``{op.method}``, page by page (``limit`` per request)."""\n'
            f"        async for _page in self.{op.pages_name}("
            f"{path_args}{limit_arg.lstrip(', ')}{filter_args}):\n"
            "            for _item in _page.items:\n"
            "                yield _item\n"
        )
        .replace("(, ", "(")
        .replace("pages(limit", "pages(limit")
    )


def operation_checks(gen: Generator, ops: list[OperationInfo]) -> str:
    """Module constants: the Field objects of each operation's path, query and header parameters."""
    out: list[str] = []
    for op in ops:
        if not op.generated:
            continue
        out.append(f'_PATH_{op.id} = BY_ID["{op.id}"].path_params\n')
        out.append(f'_QUERY_{op.id} = BY_ID["{op.id}"].query\n')
        out.append(f'_HEADERS_{op.id} = BY_ID["{op.id}"].headers\n')
    return "\n" + "".join(out)


def operations_page(gen: Generator) -> str:
    rows = [
        "# Operations\n\n",
        "Every operation of `openapi.yaml`, the method that sends it on both clients, and the\n",
        "`ai-agent` command that runs it. Written by `make generate`; do not edit.\n\n",
        "| operation | HTTP | `AgentClient` / `SyncAgentClient` | command line |\n",
        "|---|---|---|---|\n",
    ]
    for op in gen.operations:
        path_args = ", ".join(f.name for f in op.path_params)
        call = f"client.{op.resource + '.' if op.resource else ''}{op.method}({path_args})"
        cli_args = " ".join(f.name.upper() for f in op.path_params)
        cli = f"`ai-agent {op.cli}{' ' + cli_args if cli_args else ''}`"
        helper = "" if op.generated else " (helper)"
        rows.append(
            f"| `{op.id}`: {op.summary} | `{op.http_method} {op.path}` | `{call}`{helper} | {cli} |\n"
        )
    return "".join(rows)


def render(gen: Generator) -> dict[str, str]:
    files: dict[str, str] = {
        "ai_agent/_surface/__init__.py": HEADER.format(
            doc="The generated surface shared by both clients: params, Literal aliases, the operation table."
        ),
        "ai_agent/_surface/params.py": params_module(gen)
        .replace(
            "from .._schema import Field, Shape\n",
            "from .._schema import Field, Shape, shape_of\n",
        )
        .replace("_shape(self)", "shape_of(type(self))"),
        "ai_agent/_surface/operations.py": operations_module(gen),
        "ai_agent/_async/surface/__init__.py": HEADER.format(
            doc="The generated methods of the async client, one module per tag."
        ),
    }
    by_tag: dict[str, list[OperationInfo]] = {}
    for op in gen.operations:
        if op.resource:
            by_tag.setdefault(op.resource, []).append(op)
    for tag, ops in by_tag.items():
        files[f"ai_agent/_async/surface/{snake_case(tag)}.py"] = resource_module(
            gen, tag, ops
        ) + operation_checks(gen, ops)
    files["docs/reference/operations.md"] = operations_page(gen)
    return files


def format_files(files: dict[str, str]) -> dict[str, str]:
    """Ruff-formatted, imports sorted and unused ones dropped, with the project's settings."""
    with_python = {path: text for path, text in files.items() if path.endswith(".py")}
    scratch = ROOT / ".surface-scratch"
    try:
        for path, text in with_python.items():
            target = scratch / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        ruff = [sys.executable, "-m", "ruff"]
        subprocess.run(
            [*ruff, "check", "--fix-only", "--quiet", "--select", "I,F401,UP", str(scratch)],
            cwd=ROOT,
            check=False,
        )
        subprocess.run([*ruff, "format", "--quiet", str(scratch)], cwd=ROOT, check=True)
        return {
            path: (scratch / path).read_text() if path in with_python else text
            for path, text in files.items()
        }
    finally:
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default=str(ROOT / "openapi.yaml"))
    parser.add_argument("--check", action="store_true", help="write nothing; fail if a file differs")
    args = parser.parse_args()
    gen = Generator(Spec(yaml.safe_load(Path(args.spec).read_text())))
    files = format_files(render(gen))
    stale = [
        p
        for folder in ("ai_agent/_surface", "ai_agent/_async/surface")
        for p in sorted((ROOT / folder).glob("*.py"))
        if str(p.relative_to(ROOT)) not in files
    ]
    if args.check:
        problems = [
            path
            for path, text in files.items()
            if not (ROOT / path).exists() or (ROOT / path).read_text() != text
        ]
        problems += [f"{p.relative_to(ROOT)} (stale)" for p in stale]
        if problems:
            print(
                "the generated surface differs from openapi.yaml; run `make generate`:\n  "
                + "\n  ".join(problems)
            )
            return 1
        return 0
    for p in stale:
        p.unlink()
    for path, text in files.items():
        target = ROOT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
