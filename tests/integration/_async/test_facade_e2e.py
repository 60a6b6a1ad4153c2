"""Every facade method against the local orchestrator over loopback HTTP, on both backends.

The orchestrator checks each request and response against openapi.yaml, so a request that
drifts from the contract fails here."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from ai_agent import (
    AgentCreateParams,
    AgentUpdateParams,
    AsyncAgentClient,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    TaskConfig,
    TaskSubmitParams,
)

from ..handlers import slow_handler


@pytest.fixture
async def client(local_orchestrator: Any, backend: str) -> AsyncIterator[AsyncAgentClient]:
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend
    ) as c:
        yield c


def worker(name: str = "Worker", capabilities: list[str] | None = None) -> AgentCreateParams:
    return AgentCreateParams(name=name, type="WORKER", capabilities=capabilities or ["data-processing"])


def job(name: str = "Job", **extra: Any) -> TaskSubmitParams:
    return TaskSubmitParams(name=name, type="data-processing", payload={"n": name}, **extra)


async def test_agent_lifecycle(client: AsyncAgentClient) -> None:
    agent = await client.agents.create(worker(capabilities=["data-processing", "reporting"]))
    assert agent.id
    assert agent.type == "WORKER"
    assert (await client.agents.get(agent.id)).name == "Worker"
    assert await client.agents.get_status(agent.id) == agent.status
    assert await client.agents.get_capabilities(agent.id) == ["data-processing", "reporting"]
    assert await client.agents.has_capability(agent.id, "reporting")
    assert not await client.agents.has_capability(agent.id, "painting")
    updated = await client.agents.update(agent.id, AgentUpdateParams(status="PAUSED", name="Renamed"))
    assert (updated.status, updated.name, updated.capabilities) == ("PAUSED", "Renamed", agent.capabilities)
    await client.agents.delete(agent.id)
    with pytest.raises(NotFoundError) as info:
        await client.agents.get(agent.id)
    assert agent.id in str(info.value)


async def test_agent_listing_filters_and_pages(client: AsyncAgentClient) -> None:
    for i in range(5):
        await client.agents.create(worker(f"W{i}"))
    await client.agents.create(AgentCreateParams(name="M", type="MONITOR", capabilities=[]))
    first = await client.agents.list(page=1, limit=2, type="WORKER")
    assert (len(first), first.total, first.pages) == (2, 5, 3)
    everything = [a.name async for a in client.agents.iterate(limit=2, type="WORKER")]
    assert sorted(everything) == [f"W{i}" for i in range(5)]
    monitors = await client.agents.list(type="MONITOR")
    assert [a.name for a in monitors] == ["M"]


async def test_task_lifecycle_and_queries(client: AsyncAgentClient) -> None:
    agent = await client.agents.create(worker())
    task = await client.tasks.submit(job("first", priority="HIGH", description="d", metadata={"k": 1}))
    assert task.status in ("PENDING", "QUEUED", "ASSIGNED", "IN_PROGRESS", "COMPLETED")
    done = await client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.01)
    assert done.status == "COMPLETED"
    assert done.assigned_agent_id == agent.id
    assert (await client.tasks.get_status(task.id)) == "COMPLETED"
    result = await client.tasks.get_result(task.id)
    assert result is not None
    assert result.output == {"n": "first"}
    assert await client.tasks.get_error(task.id) is None
    listed = await client.tasks.list(status="COMPLETED", agent_id=agent.id)
    assert [t.id for t in listed] == [task.id]
    all_ids = [t.id async for t in client.tasks.iterate(limit=1)]
    assert task.id in all_ids


async def test_cancel_and_retry(client: AsyncAgentClient, local_orchestrator: Any) -> None:
    local_orchestrator.state.handlers["slow"] = slow_handler(0.3, "done")
    task = await client.tasks.submit(
        TaskSubmitParams(name="slow", type="slow", payload={}, config=TaskConfig(timeout=60_000))
    )
    cancelled = await client.tasks.cancel(task.id, reason="not needed")
    assert cancelled.status == "CANCELLED"
    with pytest.raises(ConflictError):
        await client.tasks.cancel(task.id)
    retried = await client.tasks.retry(task.id)
    assert retried.status not in ("CANCELLED",)
    final = await client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.01)
    assert final.status == "COMPLETED"
    assert final.result is not None
    assert final.result.output == "done"
    with pytest.raises(ConflictError):
        await client.tasks.retry(task.id)  # a COMPLETED task cannot be retried


async def test_batch_and_wait_for_all(client: AsyncAgentClient) -> None:
    tasks = await client.tasks.submit_batch([job(f"b{i}") for i in range(120)])
    assert [t.name for t in tasks] == [f"b{i}" for i in range(120)]
    progress: list[tuple[int, int]] = []
    finished = await client.tasks.wait_for_all(
        [t.id for t in tasks],
        timeout=20,
        poll_interval=0.01,
        on_progress=lambda d, n: progress.append((d, n)),
    )
    assert [t.id for t in finished] == [t.id for t in tasks]
    assert {str(t.status) for t in finished} == {"COMPLETED"}
    assert progress[-1] == (120, 120)
    assert client._core.features.ids_filter is True
    assert client._core.features.batch is True


async def test_errors_from_the_server(
    client: AsyncAgentClient, local_orchestrator: Any, backend: str
) -> None:
    with pytest.raises(NotFoundError):
        await client.tasks.get("does-not-exist")
    async with AsyncAgentClient(api_url=local_orchestrator.url, api_key="wrong-key", backend=backend) as bad:
        with pytest.raises(AuthenticationError):
            await bad.tasks.list()
        assert (await bad.health()).status == "UP"  # /health needs no key


@pytest.mark.parametrize(
    ("call", "label"),
    [
        (lambda c: c.tasks.wait_for_completion("nope", timeout=5), "tasks.wait_for_completion('nope')"),
        (lambda c: c.tasks.wait_for_all(["nope"], timeout=5), "tasks.wait_for_all('nope')"),
    ],
)
async def test_a_missing_task_in_a_wait_is_named_by_the_wait(
    client: AsyncAgentClient, call: Any, label: str
) -> None:
    with pytest.raises(NotFoundError) as info:
        await call(client)
    assert str(info.value).startswith(f"{label}: [NOT_FOUND] Task nope not found"), str(info.value)
    assert info.value.request_id, "the request id of the answer that lacked it"


async def test_odd_ids_reach_the_server_literally(client: AsyncAgentClient) -> None:
    for odd in ["a/b", "..", "q?x=1#f", "with space", "ünïcode", "%2F"]:
        with pytest.raises(NotFoundError) as info:
            await client.tasks.get(odd)
        assert odd in info.value.message


async def test_health_and_metrics(client: AsyncAgentClient) -> None:
    health = await client.health()
    assert health.status == "UP"
    assert health.checks
    await client.agents.list()
    metrics = client.get_metrics()
    assert metrics.total_requests == 2
    assert metrics.success_rate == 100.0
