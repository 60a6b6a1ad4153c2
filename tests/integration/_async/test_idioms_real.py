"""Idioms whose point is real network behaviour, against the local orchestrator: initialize()
at start-up, hooks on real retries, and per-call options that change retries and timeouts."""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
import pytest

from ai_agent import (
    AsyncAgentClient,
    AuthenticationError,
    ConnectionError,
    RetryConfig,
    ServerError,
    TaskSubmitParams,
    TimeoutError,
)
from ai_agent.testing import LocalOrchestrator

QUICK = RetryConfig(max_retries=3, initial_delay=1, max_delay=5, jitter=0)
JOB = TaskSubmitParams(name="job", type="data-processing", payload={"n": 1})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_initialize_at_start_up(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend
    ) as client:
        await client.initialize()
        await client.initialize()
    assert [(r.method, r.path) for r in local_orchestrator.requests] == [
        ("GET", "/health"),
        ("GET", "/agents"),
    ]
    async with AsyncAgentClient(api_url=local_orchestrator.url, api_key="wrong", backend=backend) as bad:
        with pytest.raises(AuthenticationError):
            await bad.initialize()
    unreachable = f"http://127.0.0.1:{free_port()}"
    async with AsyncAgentClient(
        api_url=unreachable, api_key="k", retry_config=QUICK, backend=backend
    ) as gone:
        started = time.monotonic()
        with pytest.raises(ConnectionError) as info:
            await gone.initialize()
        assert time.monotonic() - started < 5
    assert unreachable.split("//")[1] in str(info.value)


async def test_hooks_on_real_retries(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    local_orchestrator.faults.add(
        "status", method="POST", path="/tasks", status=503, retry_after="0", times=2
    )
    events: list[Any] = []

    def on_request(request: httpx.Request) -> None:
        request.headers["X-Caller"] = "billing"
        events.append("request")

    def on_response(response: httpx.Response) -> None:
        events.append(response.status_code)

    def on_retry(request: httpx.Request, attempt: int, delay: float, reason: str) -> None:
        events.append(f"retry {attempt} {reason}")

    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        retry_config=QUICK,
        backend=backend,
        event_hooks={"request": [on_request], "response": [on_response], "retry": [on_retry]},
    ) as client:
        await client.tasks.submit(JOB)
    assert events == [
        "request",
        503,
        "retry 1 HTTP 503",
        "request",
        503,
        "retry 2 HTTP 503",
        "request",
        201,
    ]
    posts = [r for r in local_orchestrator.requests if r.method == "POST"]
    assert [r.headers["x-caller"] for r in posts] == ["billing"] * 3
    assert len({r.headers["idempotency-key"] for r in posts}) == 1


async def test_with_options_changes_retries_and_timeouts(
    local_orchestrator: LocalOrchestrator, backend: str
) -> None:
    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        retry_config=QUICK,
        backend=backend,
    ) as client:
        local_orchestrator.faults.add("status", path="/agents", status=503, times=1)
        with pytest.raises(ServerError):
            await client.with_options(max_retries=0).agents.list()
        await client.agents.list()  # the parent still retries (the fault is used up anyway)
        local_orchestrator.faults.add("delay", path="/agents", delay=1.0, times=2)
        started = time.monotonic()
        with pytest.raises(TimeoutError) as info:
            await client.with_options(timeout=0.2, max_retries=0).agents.list()
        assert time.monotonic() - started < 0.9
        assert info.value.timeout == 200
        assert (await client.agents.list()).total == 0  # waits out the 1 s delay under 30 s
