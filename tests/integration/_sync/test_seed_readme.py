# Generated from tests/integration/_async/test_seed_readme.py by scripts/unasync.py: do not edit; run `make generate`.
"""Every call and attribute the seed README (../shared/seed-sdk-readme.md, the API promised to
users) shows, written as it shows them, against a server with all of the contract's extensions
and against one with none (the batch endpoint and the ids filter then fall back)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ai_agent import (
    AgentClientError,
    AgentCreateParams,
    NotFoundError,
    PoolConfig,
    RetryConfig,
    SyncAgentClient,
    TaskSubmitParams,
    TimeoutError,
    ValidationError,
)
from ai_agent.testing import LocalOrchestrator

from ..handlers import slow_handler


@pytest.fixture(params=["all-extensions", "no-extensions"])
def server(request: pytest.FixtureRequest) -> Iterator[LocalOrchestrator]:
    extensions = None if request.param == "all-extensions" else ()
    with LocalOrchestrator(api_key="seed-key", task_delay=0.02, extensions=extensions) as running:
        yield running
    assert not running.violations


def test_seed_readme_calls_and_attributes(server: LocalOrchestrator) -> None:
    with SyncAgentClient(
        api_url=server.url,
        api_key=server.api_key,
        timeout=30,
        max_retries=3,
        retry_config=RetryConfig(max_retries=3, initial_delay=100, max_delay=10000, backoff_multiplier=2.0),
        pool_config=PoolConfig(max_connections=10, max_idle_time=60000),
    ) as client:
        agent = client.agents.create(
            AgentCreateParams(name="My Agent", type="WORKER", capabilities=["data-processing"])
        )
        task = client.tasks.submit(
            TaskSubmitParams(name="Process Data", type="data-processing", payload={"data": [1, 2]})
        )
        result = client.tasks.wait_for_completion(task.id)
        assert f"Task completed: {result.status}" == "Task completed: COMPLETED"

        agent_id, task_id = agent.id, task.id
        agents = client.agents.list(page=1, limit=10)
        assert agent_id in [a.id for a in agents]
        agent = client.agents.get(agent_id)
        updates = {"name": "Renamed"}
        updated = client.agents.update(agent_id, updates)
        assert updated.name == "Renamed"
        caps = client.agents.get_capabilities(agent_id)
        assert caps == ["data-processing"]
        has_it = client.agents.has_capability(agent_id, "cap")
        assert has_it is False

        task = client.tasks.get(task_id)
        tasks = client.tasks.list(page=1, limit=10)
        assert task_id in [t.id for t in tasks]
        task = client.tasks.wait_for_completion(task_id, timeout=60)
        server.state.handlers["slow"] = slow_handler(0.5, {})
        fresh = client.tasks.submit(TaskSubmitParams(name="n", type="slow", payload={}))
        client.tasks.cancel(fresh.id)
        client.tasks.retry(fresh.id)
        tasks = client.tasks.submit_batch(
            [TaskSubmitParams(name=f"b{i}", type="data-processing", payload=i) for i in range(3)]
        )
        results = client.tasks.wait_for_all([t.id for t in tasks])
        assert len(results) == 3
        assert (
            client._core.features.batch
            is client._core.features.ids_filter
            is (server.app.extensions != set())
        )

        with pytest.raises(ValidationError) as validation:
            client.tasks.submit({"name": "", "type": "t", "payload": 1})
        assert validation.value.details["field"] == "name"
        with pytest.raises(NotFoundError) as missing:
            client.tasks.get("missing")
        assert "missing" in f"Not found: {missing.value}"
        slow = client.tasks.submit(TaskSubmitParams(name="slow", type="slow", payload={}))
        with pytest.raises(TimeoutError) as waited:
            client.tasks.wait_for_completion(slow.id, timeout=0.001)
        assert f"Timeout after {waited.value.timeout}ms" == "Timeout after 1.0ms"
        error: AgentClientError = waited.value
        assert f"Error: {error.code} - {error.message}".startswith("Error: TIMEOUT - ")

        client.agents.delete(agent_id)

        metrics = client.get_metrics()
        assert metrics.total_requests > 10
        assert 0 < metrics.success_rate <= 100
        assert metrics.average_latency > 0
        health = client.health()
        assert health.status in ("UP", "DOWN", "DEGRADED")
        assert isinstance(health.checks, dict)
