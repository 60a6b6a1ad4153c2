"""A command per operation, from the operation table (``ai_agent/_surface/operations.py``).

Every operation gets ``ai-agent <resource> <method>`` (``tasks pause ID``) unless a
hand-polished command of that name exists. Its options come from the operation's parameters:
path parameters are arguments, query parameters and body fields are options (``--agent-id``),
lists repeat (``--tag a --tag b``), objects and free-form values take JSON (text, ``@file``
or ``-``). The SDK method does the checking, so errors read as they do in Python.

``spec_options`` gives a hand-polished command the options of its operation that it does not
declare itself (a field added to openapi.yaml reaches the command line with ``make generate``);
the command reads their values with ``spec_values``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import typer

from .._schema import Field, Operation, shape_of
from .._surface.operations import BY_ID, OPERATIONS
from ._app import EVERY, JSON, app, client_for, read_json
from ._output import Output

__all__ = ["add_operation_commands", "spec_options", "spec_values"]

F = TypeVar("F", bound=Callable[..., Any])

_SPEC_VALUES = "ai_agent.spec_values"


def _option(field: Field) -> str:
    return "--" + field.name.rstrip("_").replace("_", "-")


def _help(field: Field) -> str:
    parts = [field.description.rstrip(".")] if field.description else []
    if field.kind in ("object", "any", "params") or (field.kind == "array" and not _scalar_items(field)):
        parts.append("JSON text, @file.json or - for stdin")
    elif field.kind == "array":
        parts.append("repeat for each item")
    limits = field.limits()
    if limits:
        parts.append(limits)
    return "; ".join(parts) + "."


def _scalar_items(field: Field) -> bool:
    return field.items is not None and field.items.kind in ("string", "integer", "number")


_SCALARS: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": bool}


def _parameter(field: Field, *, argument: bool = False) -> inspect.Parameter:
    """The Typer parameter of one field."""
    if argument:
        default: Any = typer.Argument(..., help=_help(field), metavar=field.name.upper(), show_default=False)
        return inspect.Parameter(field.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=str)
    annotation: Any
    if field.kind == "boolean":
        flag = _option(field)
        default = typer.Option(None, f"{flag}/--no-{flag[2:]}", help=_help(field), show_default=False)
        annotation = bool | None
    elif field.kind == "array" and _scalar_items(field):
        assert field.items is not None
        default = typer.Option(None, _option(field), help=_help(field), show_default=False)
        item: Any = _SCALARS[field.items.kind]
        annotation = list[item] | None
    else:
        default = typer.Option(None, _option(field), help=_help(field), show_default=False)
        annotation = _SCALARS.get(field.kind, str) | None
    return inspect.Parameter(
        "spec_" + field.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _value(field: Field, value: Any) -> Any:
    """What the command line gave for a field, as the SDK method takes it."""
    if field.kind in ("object", "any", "params") or (field.kind == "array" and not _scalar_items(field)):
        return read_json(value, _option(field))
    return value


def _fields(operation: Operation) -> list[tuple[str, Field]]:
    """(where, field) for the query parameters and body fields, in the order of the spec."""
    found: list[tuple[str, Field]] = [("query", f) for f in operation.query]
    found += [("header", f) for f in operation.headers]
    if operation.body is not None:
        found += [("body", f) for f in shape_of(operation.body).fields]
    return found


def spec_options(operation_id: str, *, covers: Iterable[str] = ()) -> Callable[[F], F]:
    """Add to a hand-polished command the options of its operation that it does not declare
    itself (by parameter name, or named in ``covers``)."""
    operation = BY_ID[operation_id]

    def decorate(command: F) -> F:
        signature = inspect.signature(command, eval_str=True)
        own = {name.rstrip("_") for name in signature.parameters} | set(covers)
        extra = [(where, f) for where, f in _fields(operation) if f.name.rstrip("_") not in own]
        if operation.idempotency_key and "idempotency_key" not in own:
            extra.append(("idempotency", Field("idempotency_key", "Idempotency-Key", "string")))

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values: dict[str, dict[str, Any]] = {"query": {}, "header": {}, "body": {}, "idempotency": {}}
            for where, field in extra:
                value = kwargs.pop("spec_" + field.name, None)
                if value is not None and value != []:
                    values[where][field.name] = _value(field, value)
            ctx = kwargs.get("ctx") or next(a for a in args if isinstance(a, typer.Context))
            ctx.meta[_SPEC_VALUES] = values
            return command(*args, **kwargs)

        added = [_parameter(field) for _, field in extra]
        wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), *added]
        )
        return wrapper  # type: ignore[return-value]

    return decorate


def spec_values(ctx: typer.Context, where: str) -> dict[str, Any]:
    """The values given to the options ``spec_options`` added: ``where`` is query, header,
    body or idempotency."""
    values: dict[str, dict[str, Any]] = ctx.meta.get(_SPEC_VALUES, {})
    return values.get(where, {})


def _command(operation: Operation) -> Callable[..., None]:
    """The command of an operation that has no hand-polished one."""
    fields = _fields(operation)

    def command(ctx: typer.Context, **kwargs: Any) -> None:
        json_output = kwargs.pop("json_output")
        every = kwargs.pop("every", False)
        path = [kwargs.pop(f.name) for f in operation.path_params]
        call: dict[str, Any] = {}
        for _, field in fields:
            value = kwargs.pop("spec_" + field.name, None)
            if value is not None and value != []:
                call[field.name] = _value(field, value)
        if operation.idempotency_key and kwargs.get("idempotency_key") is not None:
            call["idempotency_key"] = kwargs.pop("idempotency_key")
        with client_for(ctx) as client:
            resource: Any = getattr(client, operation.resource) if operation.resource else client
            if every:  # every page: the generated iterate() walks them
                call = {name: value for name, value in call.items() if name not in ("page", "limit")}
                Output(json_output).page(list(getattr(resource, operation.iterate)(*path, **call)), None)
                return
            result = getattr(resource, operation.method)(*path, **call)
            if operation.paged:
                Output(json_output).page(result.items, result)
            else:
                Output(json_output).result(result, operation.result)

    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    parameters += [_parameter(f, argument=True) for f in operation.path_params]
    parameters += [_parameter(f) for _, f in fields]
    if operation.idempotency_key:
        option = typer.Option(None, "--idempotency-key", help="Make the call repeatable.", show_default=False)
        parameters.append(
            inspect.Parameter(
                "idempotency_key", inspect.Parameter.KEYWORD_ONLY, default=option, annotation=str | None
            )
        )
    if operation.paged:
        parameters.append(
            inspect.Parameter("every", inspect.Parameter.KEYWORD_ONLY, default=EVERY, annotation=bool)
        )
    parameters.append(
        inspect.Parameter("json_output", inspect.Parameter.KEYWORD_ONLY, default=JSON, annotation=bool)
    )
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__doc__ = f"{operation.summary} ({operation.http_method} {operation.path})."
    command.__name__ = operation.id
    return command


def add_operation_commands(root: typer.Typer = app) -> None:
    """Register a command for every operation without a hand-polished one (idempotent)."""
    groups = {info.name: info.typer_instance for info in root.registered_groups if info.name}
    for operation in OPERATIONS:
        words = operation.cli.split()
        if len(words) == 1:
            continue  # a command on the app itself (health): hand-polished
        group = groups.get(words[0])
        if group is None:
            group = groups[words[0]] = typer.Typer(help=f"{words[0].capitalize()}.", no_args_is_help=True)
            root.add_typer(group, name=words[0])
        names = {info.name for info in group.registered_commands}
        if words[1] not in names:
            command = _command(operation)
            group.command(words[1], help=command.__doc__)(command)
