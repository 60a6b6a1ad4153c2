# Generated from tests/integration/_async/test_facade_e2e.py by scripts/unasync.py: do not edit; run `make generate`.
"""Every facade method against the local orchestrator over loopback HTTP, on both backends.

The orchestrator checks each request and response against openapi.yaml, so a request that
drifts from the contract fails here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ai_agent import (
    AgentCreateParams,
    AgentUpdateParams,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    SyncAgentClient,
    TaskConfig,
    TaskSubmitParams,
)

from ..handlers import slow_handler


@pytest.fixture
def client(local_orchestrator: Any, backend: str) -> Iterator[SyncAgentClient]:
    with SyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend
    ) as c:
        yield c


def worker(name: str = "Worker", capabilities: list[str] | None = None) -> AgentCreateParams:
    return AgentCreateParams(name=name, type="WORKER", capabilities=capabilities or ["data-processing"])


def job(name: str = "Job", **extra: Any) -> TaskSubmitParams:
    return TaskSubmitParams(name=name, type="data-processing", payload={"n": name}, **extra)


def test_agent_lifecycle(client: SyncAgentClient) -> None:
    agent = client.agents.create(worker(capabilities=["data-processing", "reporting"]))
    assert agent.id
    assert agent.type == "WORKER"
    assert (client.agents.get(agent.id)).name == "Worker"
    assert client.agents.get_status(agent.id) == agent.status
    assert client.agents.get_capabilities(agent.id) == ["data-processing", "reporting"]
    assert client.agents.has_capability(agent.id, "reporting")
    assert not client.agents.has_capability(agent.id, "painting")
    updated = client.agents.update(agent.id, AgentUpdateParams(status="PAUSED", name="Renamed"))
    assert (updated.status, updated.name, updated.capabilities) == ("PAUSED", "Renamed", agent.capabilities)
    client.agents.delete(agent.id)
    with pytest.raises(NotFoundError) as info:
        client.agents.get(agent.id)
    assert agent.id in str(info.value)


def test_agent_listing_filters_and_pages(client: SyncAgentClient) -> None:
    for i in range(5):
        client.agents.create(worker(f"W{i}"))
    client.agents.create(AgentCreateParams(name="M", type="MONITOR", capabilities=[]))
    first = client.agents.list(page=1, limit=2, type="WORKER")
    assert (len(first), first.total, first.pages) == (2, 5, 3)
    everything = [a.name for a in client.agents.iterate(limit=2, type="WORKER")]
    assert sorted(everything) == [f"W{i}" for i in range(5)]
    monitors = client.agents.list(type="MONITOR")
    assert [a.name for a in monitors] == ["M"]


def test_task_lifecycle_and_queries(client: SyncAgentClient) -> None:
    agent = client.agents.create(worker())
    task = client.tasks.submit(job("first", priority="HIGH", description="d", metadata={"k": 1}))
    assert task.status in ("PENDING", "QUEUED", "ASSIGNED", "IN_PROGRESS", "COMPLETED")
    done = client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.01)
    assert done.status == "COMPLETED"
    assert done.assigned_agent_id == agent.id
    assert (client.tasks.get_status(task.id)) == "COMPLETED"
    result = client.tasks.get_result(task.id)
    assert result is not None
    assert result.output == {"n": "first"}
    assert client.tasks.get_error(task.id) is None
    listed = client.tasks.list(status="COMPLETED", agent_id=agent.id)
    assert [t.id for t in listed] == [task.id]
    all_ids = [t.id for t in client.tasks.iterate(limit=1)]
    assert task.id in all_ids


def test_cancel_and_retry(client: SyncAgentClient, local_orchestrator: Any) -> None:
    local_orchestrator.state.handlers["slow"] = slow_handler(0.3, "done")
    task = client.tasks.submit(
        TaskSubmitParams(name="slow", type="slow", payload={}, config=TaskConfig(timeout=60_000))
    )
    cancelled = client.tasks.cancel(task.id, reason="not needed")
    assert cancelled.status == "CANCELLED"
    with pytest.raises(ConflictError):
        client.tasks.cancel(task.id)
    retried = client.tasks.retry(task.id)
    assert retried.status not in ("CANCELLED",)
    final = client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.01)
    assert final.status == "COMPLETED"
    assert final.result is not None
    assert final.result.output == "done"
    with pytest.raises(ConflictError):
        client.tasks.retry(task.id)  # a COMPLETED task cannot be retried


def test_batch_and_wait_for_all(client: SyncAgentClient) -> None:
    tasks = client.tasks.submit_batch([job(f"b{i}") for i in range(120)])
    assert [t.name for t in tasks] == [f"b{i}" for i in range(120)]
    progress: list[tuple[int, int]] = []
    finished = client.tasks.wait_for_all(
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


def test_errors_from_the_server(client: SyncAgentClient, local_orchestrator: Any, backend: str) -> None:
    with pytest.raises(NotFoundError):
        client.tasks.get("does-not-exist")
    with SyncAgentClient(api_url=local_orchestrator.url, api_key="wrong-key", backend=backend) as bad:
        with pytest.raises(AuthenticationError):
            bad.tasks.list()
        assert (bad.health()).status == "UP"  # /health needs no key


@pytest.mark.parametrize(
    ("call", "label"),
    [
        (lambda c: c.tasks.wait_for_completion("nope", timeout=5), "tasks.wait_for_completion('nope')"),
        (lambda c: c.tasks.wait_for_all(["nope"], timeout=5), "tasks.wait_for_all('nope')"),
    ],
)
def test_a_missing_task_in_a_wait_is_named_by_the_wait(
    client: SyncAgentClient, call: Any, label: str
) -> None:
    with pytest.raises(NotFoundError) as info:
        call(client)
    assert str(info.value).startswith(f"{label}: [NOT_FOUND] Task nope not found"), str(info.value)
    assert info.value.request_id, "the request id of the answer that lacked it"


def test_odd_ids_reach_the_server_literally(client: SyncAgentClient) -> None:
    for odd in ["a/b", "..", "q?x=1#f", "with space", "ünïcode", "%2F"]:
        with pytest.raises(NotFoundError) as info:
            client.tasks.get(odd)
        assert odd in info.value.message


def test_health_and_metrics(client: SyncAgentClient) -> None:
    health = client.health()
    assert health.status == "UP"
    assert health.checks
    client.agents.list()
    metrics = client.get_metrics()
    assert metrics.total_requests == 2
    assert metrics.success_rate == 100.0
