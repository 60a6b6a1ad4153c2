"""Every operation of openapi.yaml is reachable through the method the operation table names,
on both clients: each is called with the least its schema asks for (the mock server answers
with the spec's own example), and the request must be that operation's."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ai_agent import AsyncAgentClient
from ai_agent._schema import Field, Operation, shape_of
from ai_agent._surface.operations import OPERATIONS
from ai_agent.testing.contract import Contract

from ...helpers import BASE, KEY

CONTRACT = Contract()

# The hand-written helpers that own an operation's name take their own arguments.
HELPERS: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
    # the spec's example answers two items, the second an error
    "submitTaskBatch": (([{"name": "t", "type": "x", "payload": {}}] * 2,), {"return_exceptions": True}),
    "getHealth": ((), {}),
}


def least(field: Field) -> Any:
    """The smallest value the field's schema accepts."""
    if field.enum:
        return field.enum[0]
    if field.kind == "string":
        return "x" * max(field.min_length or 1, 1)
    if field.kind in ("integer", "number"):
        return field.minimum if field.minimum is not None else 1
    if field.kind == "boolean":
        return True
    if field.kind == "array":
        return [least(field.items)] * (field.min_items or 0) if field.items else []
    if field.kind == "params":
        assert field.params is not None
        return {f.name: least(f) for f in shape_of(field.params).fields if f.required}
    return {}


def arguments(operation: Operation) -> tuple[tuple[Any, ...], dict[str, Any]]:
    if not operation.generated:
        return HELPERS[operation.id]
    args = tuple(least(f) for f in operation.path_params)
    kwargs = {f.name: least(f) for f in operation.query if f.required}
    if operation.body is not None:
        fields = shape_of(operation.body).fields
        given = {f.name: least(f) for f in fields if f.required}
        if not given and operation.body_required:  # a body must say something
            given = {fields[0].name: least(fields[0])}
        kwargs.update(given)
    return args, kwargs


def answer(request: httpx.Request) -> httpx.Response:
    operation, _, _ = CONTRACT.route(request.method, request.url.path)
    assert operation is not None, f"{request.method} {request.url.path} is not in openapi.yaml"
    request.extensions["operation_id"] = operation.operation_id
    status, body = operation.example_answer()
    return httpx.Response(status, json=body)


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.id)
async def test_every_operation_id_is_reachable(operation: Operation) -> None:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        response = answer(request)
        seen.append(request.extensions["operation_id"])
        return response

    transport = httpx.MockTransport(record)
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, transport=transport) as client:
        target: Any = getattr(client, operation.resource) if operation.resource else client
        args, kwargs = arguments(operation)
        await getattr(target, operation.method)(*args, **kwargs)
    assert seen == [operation.id]
