"""Worst-day behaviour against the local orchestrator's fault plan, on both backends: nothing
lost, nothing duplicated, nothing retried that must not be, every wait bounded."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from ai_agent import (
    AgentClientError,
    AgentCreateParams,
    AsyncAgentClient,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    RetryConfig,
    ServerError,
    TaskSubmitParams,
    TimeoutError,
    ValidationError,
)
from ai_agent.testing import LocalOrchestrator

from ...helpers import AsyncFakeClock

QUICK = RetryConfig(max_retries=3, initial_delay=1, max_delay=5, jitter=0)
JOB = TaskSubmitParams(name="job", type="data-processing", payload={"rows": [1, 2, 3]})


@pytest.fixture
async def client(local_orchestrator: LocalOrchestrator, backend: str) -> AsyncIterator[AsyncAgentClient]:
    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        retry_config=QUICK,
        backend=backend,
    ) as c:
        yield c


def posts(server: LocalOrchestrator, path: str) -> list[Any]:
    return [r for r in server.requests if r.method == "POST" and r.path == path]


# -- nothing duplicated ----------------------------------------------------------------------


async def test_dropped_submit_is_retried_into_exactly_one_task(
    local_orchestrator: LocalOrchestrator, client: AsyncAgentClient
) -> None:
    local_orchestrator.faults.add("drop_after", method="POST", path="/tasks", times=2)
    task = await client.tasks.submit(JOB)
    assert list(local_orchestrator.state.tasks) == [task.id]
    attempts = posts(local_orchestrator, "/tasks")
    assert len(attempts) == 3
    assert len({r.headers["idempotency-key"] for r in attempts}) == 1
    assert {r.body for r in attempts} == {attempts[0].body}


async def test_dropped_agent_create_is_retried_into_exactly_one_agent(
    local_orchestrator: LocalOrchestrator, client: AsyncAgentClient
) -> None:
    local_orchestrator.faults.add("drop_after", method="POST", path="/agents")
    agent = await client.agents.create(AgentCreateParams(name="a", type="WORKER", capabilities=["x"]))
    assert list(local_orchestrator.state.agents) == [agent.id]


async def test_dropped_batch_is_retried_into_exactly_one_set(
    local_orchestrator: LocalOrchestrator, client: AsyncAgentClient
) -> None:
    local_orchestrator.faults.add("drop_after", method="POST", path="/tasks/batch")
    tasks = await client.tasks.submit_batch([JOB] * 150)
    assert len(tasks) == 150
    assert sorted(local_orchestrator.state.tasks) == sorted(t.id for t in tasks)
    assert len(posts(local_orchestrator, "/tasks/batch")) == 3  # 2 chunks + 1 retry


async def test_without_server_idempotency_a_dropped_submit_may_duplicate(backend: str) -> None:
    """Documented: against a server lacking the extension, a retried POST whose first attempt
    was committed creates a second task. max_retries=0 is the way to rule that out."""
    with LocalOrchestrator(api_key="k", idempotency=False) as server:
        server.faults.add("drop_after", method="POST", path="/tasks")
        async with AsyncAgentClient(
            api_url=server.url, api_key="k", retry_config=QUICK, backend=backend
        ) as client:
            await client.tasks.submit(JOB)
        assert len(server.state.tasks) == 2
        server.faults.add("drop_after", method="POST", path="/tasks")
        async with AsyncAgentClient(
            api_url=server.url, api_key="k", max_retries=0, backend=backend
        ) as careful:
            with pytest.raises(AgentClientError):
                await careful.tasks.submit(JOB)
        assert len(server.state.tasks) == 3  # committed once, reported as failed, not repeated


# -- nothing retried that must not be --------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, ValidationError), (403, AuthorizationError), (409, ConflictError), (422, ValidationError)],
)
async def test_client_errors_reach_the_server_once(
    local_orchestrator: LocalOrchestrator, client: AsyncAgentClient, status: int, error: type[Exception]
) -> None:
    local_orchestrator.faults.add("status", method="POST", path="/tasks", status=status, times=5)
    with pytest.raises(error):
        await client.tasks.submit(JOB)
    assert len(posts(local_orchestrator, "/tasks")) == 1


async def test_real_404_409_401_reach_the_server_once(
    local_orchestrator: LocalOrchestrator, client: AsyncAgentClient, backend: str
) -> None:
    with pytest.raises(NotFoundError):
        await client.tasks.get("ghost")
    task = await client.tasks.submit(JOB)
    await client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.01)
    with pytest.raises(ConflictError):
        await client.tasks.cancel(task.id)
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key="wrong", retry_config=QUICK, backend=backend
    ) as bad:
        with pytest.raises(AuthenticationError):
            await bad.agents.list()
    paths = [(r.method, r.path) for r in local_orchestrator.requests]
    assert paths.count(("GET", "/tasks/ghost")) == 1
    assert paths.count(("POST", f"/tasks/{task.id}/cancel")) == 1
    assert paths.count(("GET", "/agents")) == 1


# -- Retry-After and exhaustion --------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_is_followed(
    local_orchestrator: LocalOrchestrator, backend: str, status: int
) -> None:
    clock = AsyncFakeClock()  # real HTTP, instant back-off: the waits are recorded, not slept
    local_orchestrator.faults.add("status", path="/agents", status=status, retry_after="2", times=2)
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend, clock=clock.clock
    ) as client:
        await client.agents.list()
    assert clock.sleeps == [2.0, 2.0]
    assert len(local_orchestrator.requests) == 3


async def test_retries_run_out_with_the_attempt_count(
    local_orchestrator: LocalOrchestrator, backend: str
) -> None:
    clock = AsyncFakeClock()
    local_orchestrator.faults.add("status", path="/agents", status=429, retry_after="1", times=10)
    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        retry_config=RetryConfig(max_retries=2),
        backend=backend,
        clock=clock.clock,
    ) as client:
        with pytest.raises(RateLimitError) as info:
            await client.agents.list()
    assert info.value.attempts == 3
    assert "after 3 attempts" in str(info.value)
    assert info.value.retry_after == 1.0
    assert len(local_orchestrator.requests) == 3
    assert clock.sleeps == [1.0, 1.0]


# -- bounded waits ------------------------------------------------------------------------------


async def test_read_timeout_is_typed_and_bounded(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    local_orchestrator.faults.add("delay", path="/agents", delay=2.0, times=2)
    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        timeout=0.2,
        retry_config=RetryConfig(max_retries=1, initial_delay=1, jitter=0),
        backend=backend,
    ) as client:
        started = time.monotonic()
        with pytest.raises(TimeoutError) as info:
            await client.agents.list()
        elapsed = time.monotonic() - started
    assert info.value.timeout == 200
    assert info.value.attempts == 2
    assert elapsed < 1.0


async def test_wait_deadline_bounds_a_slow_poll(
    local_orchestrator: LocalOrchestrator, client: AsyncAgentClient
) -> None:
    task = await client.tasks.submit(JOB)
    local_orchestrator.faults.add("delay", method="GET", path=f"/tasks/{task.id}", delay=2.0)
    started = time.monotonic()
    with pytest.raises(TimeoutError) as info:
        await client.tasks.wait_for_completion(task.id, timeout=0.3)
    assert time.monotonic() - started < 1.0
    assert info.value.timeout == 300


# -- hostile responses --------------------------------------------------------------------------


async def test_hostile_responses(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, max_retries=0, backend=backend
    ) as client:
        task = await client.tasks.submit(JOB)
        faults = local_orchestrator.faults
        faults.add("html", path=f"/tasks/{task.id}")
        with pytest.raises(ServerError, match="502 Bad Gateway"):
            await client.tasks.get(task.id)
        faults.add("status_520", path=f"/tasks/{task.id}")
        with pytest.raises(ServerError) as info:
            await client.tasks.get(task.id)
        assert info.value.status_code == 520
        faults.add("unknown_enum", path=f"/tasks/{task.id}")
        odd = await client.tasks.get(task.id)
        assert odd.status == "HIBERNATING"
        assert "futureField" in odd.additional_properties
        faults.add("large_body", path=f"/tasks/{task.id}", size=5_000_000)
        big = await client.tasks.get(task.id)
        assert len(big.additional_properties["padding"]) == 5_000_000
        faults.add("truncated", path=f"/tasks/{task.id}")
        with pytest.raises((AgentClientError, InvalidResponseError)):
            await client.tasks.get(task.id)


async def test_truncated_body_is_retried(
    local_orchestrator: LocalOrchestrator, client: AsyncAgentClient
) -> None:
    task = await client.tasks.submit(JOB)
    local_orchestrator.faults.add("truncated", path=f"/tasks/{task.id}")
    assert (await client.tasks.get(task.id)).id == task.id
    assert client.get_metrics().retries == 1
