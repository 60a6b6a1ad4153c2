"""Inputs real programs produce (text decoded with surrogateescape, ids read from files, keys
pasted from documents) are refused where they enter, as ValidationError naming the field, with
nothing sent; whatever the layers below raise reaches the user typed, and what no retry can
cure is not retried."""

from __future__ import annotations

import json
from collections import UserDict
from types import MappingProxyType
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import (
    AgentClientError,
    AsyncAgentClient,
    ConnectionError,
    TaskSubmitParams,
    ValidationError,
)

from ...helpers import BASE, KEY, ok, task_json

SURROGATE = b"caf\xe9".decode("utf-8", "surrogateescape")  # what a latin-1 file read as UTF-8 gives


def deep(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = {"next": value}
    return value


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.tasks.submit(name=SURROGATE, type="t", payload={}), "name"),
        (lambda c: c.tasks.submit(name="n", type="t", payload={SURROGATE: 1}), "payload"),
        (lambda c: c.tasks.submit(name="n", type="t", payload=[{"x": SURROGATE}]), "payload"),
        (lambda c: c.tasks.get(SURROGATE), "task_id"),
        (lambda c: c.agents.get("a" * 100_000), "agent_id"),
        (lambda c: c.tasks.cancel("t", reason=SURROGATE), "reason"),
        (lambda c: c.tasks.submit(name="n", type="t", payload=deep(5_000)), "payload"),
        (lambda c: c.tasks.submit(name="n", type="t", payload=float("nan")), "payload"),
        (
            lambda c: c.tasks.submit(name="n", type="t", payload={}, idempotency_key="k\r\nX-Evil: 1"),
            "idempotency_key",
        ),
        (lambda c: c.tasks.submit(name="n", type="t", payload={}, idempotency_key="ключ"), "idempotency_key"),
        (lambda c: c.tasks.list(page=2**64), "page"),
        (lambda c: c.tasks.list(page=10**400), "page"),
        (lambda c: c.tasks.wait_for_completion("t", timeout=float("inf")), "timeout"),
        (lambda c: c.tasks.wait_for_completion("t", timeout=10**400), "timeout"),
        (lambda c: c.agents.create(name="a", type="WORKER", capabilities=[SURROGATE]), "capabilities"),
        (lambda c: c.tasks.wait_for_all(["ok", SURROGATE]), "task_ids[1]"),
    ],
)
async def test_hostile_values_are_refused_before_sending(
    httpx_mock: HTTPXMock, call: Any, field: str
) -> None:
    async with AsyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(ValidationError) as info:
            await call(client)
    assert info.value.details["field"] == field
    assert httpx_mock.get_requests() == []


def test_a_cyclic_payload_is_refused() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValidationError) as info:
        TaskSubmitParams(name="n", type="t", payload={"loop": cycle})
    assert "refers to itself" in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"api_key": "sk-ключ"}, "api_key"),
        ({"api_key": "sk-abc\n"}, "api_key"),
        ({"api_key": "sk abc"}, "api_key"),
        ({"api_url": "http://exa mple.com"}, "api_url"),
        ({"api_url": "http://user:hunter2@orchestrator.example.test"}, "api_url"),
        ({"api_url": "http://host:99999"}, "api_url"),
        ({"api_url": "http://ho\x00st"}, "api_url"),
        ({"api_url": "http://-bad-.example"}, "api_url"),
        ({"api_url": "http://host/pa th"}, "api_url"),
        ({"headers": {"X-Team": "a\r\nX-Evil: 1"}}, "headers"),
        ({"headers": {"X Team": "a"}}, "headers"),
        ({"headers": {"Authorization": "Bearer other"}}, "headers"),
        ({"headers": {"Idempotency-Key": "same-for-all"}}, "headers"),
        ({"timeout": 10**400}, "timeout"),
        ({"timeout": 1e12}, "timeout"),
        ({"verify": 1}, "verify"),
        ({"verify": "/no/such/bundle.pem"}, "verify"),
        ({"transport": "http"}, "transport"),
        ({"clock": object()}, "clock"),
    ],
)
def test_hostile_constructor_arguments(kwargs: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {"api_url": BASE, "api_key": KEY, **kwargs}
    with pytest.raises(ValidationError) as info:
        AsyncAgentClient(**arguments)
    assert info.value.details["field"] == field
    text = f"{info.value!s}{info.value!r}{info.value.details}"
    assert "hunter2" not in text  # a password in the URL is never quoted back
    assert "ключ" not in text  # nor the key


async def test_a_request_fault_is_typed_and_not_retried(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.LocalProtocolError("Illegal header value"), url=f"{BASE}/tasks/t")
    async with AsyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(ValidationError) as info:
            await client.tasks.get("t")
        assert not isinstance(info.value, ConnectionError)
        assert client.get_metrics().retries == 0
    assert len(httpx_mock.get_requests()) == 1


async def test_anything_unexpected_from_below_is_typed() -> None:
    def explode(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("a bug three layers down")

    async with AsyncAgentClient(api_url=BASE, api_key=KEY, transport=httpx.MockTransport(explode)) as client:
        with pytest.raises(AgentClientError) as info:
            await client.tasks.get("t")
    assert type(info.value) is AgentClientError
    assert "RuntimeError" in str(info.value)


async def test_json_shaped_containers_are_sent_as_the_json_they_hold(httpx_mock: HTTPXMock) -> None:
    # The payload check accepts any Mapping, list or tuple (subclasses too), so the body must
    # carry them: a Mapping that is not a dict once failed at encoding, as field "body".
    class Items(list[Any]):
        pass

    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    payload = {"map": UserDict({"a": Items([1, (2, 3)])}), "view": MappingProxyType({"b": None})}
    async with AsyncAgentClient(api_url=BASE, api_key=KEY) as client:
        await client.tasks.submit(name="n", type="t", payload=payload)
    sent = json.loads(httpx_mock.get_requests()[0].content)
    assert sent["payload"] == {"map": {"a": [1, [2, 3]]}, "view": {"b": None}}


async def test_valid_odd_text_still_goes_through(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    async with AsyncAgentClient(api_url=BASE, api_key=KEY) as client:
        await client.tasks.submit(
            name="日本語 ✓ \x00 nul", type="t", payload={"emoji": "🎉", "deep": deep(99)}
        )
    assert len(httpx_mock.get_requests()) == 1
