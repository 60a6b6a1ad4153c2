# Generated from tests/unit/_async/test_resources.py by scripts/unasync.py: do not edit; run `make generate`.
"""Every facade method: the request it sends (method, path, query, body) and what it returns."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from ai_agent import (
    Agent,
    AgentCreateParams,
    AgentUpdateParams,
    InvalidResponseError,
    Page,
    SyncAgentClient,
    Task,
    TaskConfig,
    TaskRetryPolicy,
    TaskSubmitParams,
    ValidationError,
)

from ...helpers import BASE, KEY, agent_json, ok, page, task_json


def body(request: Any) -> Any:
    return json.loads(request.content)


def test_agents_create(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/agents", status_code=201, json=ok(agent_json()))
    agent = client.agents.create(
        AgentCreateParams(name="My Agent", type="WORKER", capabilities=["data-processing"], metadata={"t": 1})
    )
    assert isinstance(agent, Agent)
    assert agent.type == "WORKER"
    assert agent.created_at.year == 2025
    request = httpx_mock.get_requests()[0]
    assert body(request) == {
        "name": "My Agent",
        "type": "WORKER",
        "capabilities": ["data-processing"],
        "metadata": {"t": 1},
    }
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("ai-agent-sdk-python/")
    assert request.headers["Idempotency-Key"]


def test_agents_create_accepts_a_dict(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/agents", status_code=201, json=ok(agent_json()))
    client.agents.create({"name": "A", "type": "MONITOR", "capabilities": []})
    assert body(httpx_mock.get_requests()[0])["type"] == "MONITOR"


def test_agents_list_with_filters(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/agents?page=2&limit=5&type=WORKER&status=READY",
        json=page([agent_json("a1"), agent_json("a2")], page=2, limit=5, total=7),
    )
    result = client.agents.list(page=2, limit=5, type="WORKER", status="READY")
    assert isinstance(result, Page)
    assert [a.id for a in result] == ["a1", "a2"]
    assert (result.page, result.limit, result.total, result.pages) == (2, 5, 7, 2)
    assert not result.has_next
    assert len(result) == 2
    assert result.data is result.items


def test_agents_iterate_walks_every_page(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/agents?page=1&limit=2", json=page([agent_json("a1"), agent_json("a2")], 1, 2, 3)
    )
    httpx_mock.add_response(url=f"{BASE}/agents?page=2&limit=2", json=page([agent_json("a3")], 2, 2, 3))
    ids = [agent.id for agent in client.agents.iterate(limit=2)]
    assert ids == ["a1", "a2", "a3"]


def test_tasks_pages_stop_on_empty_page(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE}/tasks?page=1&limit=100&status=FAILED", json=page([], 1, 100, 0))
    pages = [p for p in client.tasks.pages(status="FAILED")]
    assert len(pages) == 1


def test_agents_get_update_delete_status(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="GET", url=f"{BASE}/agents/agent-1", json=ok(agent_json()))
    httpx_mock.add_response(method="PUT", url=f"{BASE}/agents/agent-1", json=ok(agent_json(status="PAUSED")))
    httpx_mock.add_response(method="DELETE", url=f"{BASE}/agents/agent-1", json=ok(None))
    httpx_mock.add_response(method="DELETE", url=f"{BASE}/agents/agent-2", status_code=204)
    httpx_mock.add_response(url=f"{BASE}/agents/agent-1/status", json=ok({"status": "BUSY"}))
    assert (client.agents.get("agent-1")).name == "My Agent"
    updated = client.agents.update("agent-1", AgentUpdateParams(status="PAUSED"))
    assert updated.status == "PAUSED"
    assert body(httpx_mock.get_requests()[1]) == {"status": "PAUSED"}
    assert client.agents.delete("agent-1") is None
    assert client.agents.delete("agent-2") is None
    assert client.agents.get_status("agent-1") == "BUSY"


def test_agents_update_accepts_a_partial_dict(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="PUT", url=f"{BASE}/agents/a", json=ok(agent_json("a")))
    client.agents.update("a", {"capabilities": ["x", "y"], "name": "B"})
    assert body(httpx_mock.get_requests()[0]) == {"name": "B", "capabilities": ["x", "y"]}


def test_capabilities(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/agents/agent-1", json=ok(agent_json(capabilities=["a", "b"])), is_reusable=True
    )
    assert client.agents.get_capabilities("agent-1") == ["a", "b"]
    assert client.agents.has_capability("agent-1", "b") is True
    assert client.agents.has_capability("agent-1", "c") is False


@pytest.mark.parametrize(
    ("task_id", "encoded"),
    [
        ("a/b", "a%2Fb"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("...", "..."),
        ("../etc", "..%2Fetc"),
        ("q?x=1", "q%3Fx%3D1"),
        ("frag#1", "frag%231"),
        ("with space", "with%20space"),
        ("ünï", "%C3%BCn%C3%AF"),
        ("100%", "100%25"),
    ],
)
def test_ids_are_percent_encoded(
    client: SyncAgentClient, httpx_mock: HTTPXMock, task_id: str, encoded: str
) -> None:
    httpx_mock.add_response(json=ok(task_json(task_id)))
    client.tasks.get(task_id)
    request = httpx_mock.get_requests()[0]
    assert request.url.raw_path.decode() == f"/tasks/{encoded}"


def test_tasks_submit_full_params(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    task = client.tasks.submit(
        TaskSubmitParams(
            name="Process Data",
            type="data-processing",
            payload=[1, {"a": None}],
            description="d",
            priority="HIGH",
            config=TaskConfig(
                timeout=5000, retry_policy=TaskRetryPolicy(max_retries=2, backoff_multiplier=1.5)
            ),
            metadata={"owner": "me"},
        )
    )
    assert isinstance(task, Task)
    assert body(httpx_mock.get_requests()[0]) == {
        "name": "Process Data",
        "type": "data-processing",
        "payload": [1, {"a": None}],
        "description": "d",
        "priority": "HIGH",
        "config": {"timeout": 5000, "retryPolicy": {"maxRetries": 2, "backoffMultiplier": 1.5}},
        "metadata": {"owner": "me"},
    }


def test_tasks_submit_dict_with_wire_config(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    client.tasks.submit(
        {
            "name": "n",
            "type": "t",
            "payload": None,
            "config": {"timeout": 1, "retryPolicy": {"maxRetries": 0}},
        }
    )
    assert body(httpx_mock.get_requests()[0])["config"] == {"timeout": 1, "retryPolicy": {"maxRetries": 0}}


def test_tasks_get_status_result_error(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    done = task_json(
        status="COMPLETED",
        result={
            "taskId": "task-1",
            "status": "SUCCESS",
            "output": {"n": 3},
            "completedAt": "2025-11-18T10:00:02.000Z",
        },
    )
    failed = task_json(
        "task-2",
        status="FAILED",
        error={"code": "BOOM", "message": "it broke", "retryable": True, "details": None},
        result=None,
    )
    httpx_mock.add_response(url=f"{BASE}/tasks/task-1", json=ok(done), is_reusable=True)
    httpx_mock.add_response(url=f"{BASE}/tasks/task-2", json=ok(failed), is_reusable=True)
    assert client.tasks.get_status("task-1") == "COMPLETED"
    result = client.tasks.get_result("task-1")
    assert result is not None
    assert result.output == {"n": 3}
    assert client.tasks.get_error("task-1") is None
    error = client.tasks.get_error("task-2")
    assert error is not None
    assert error.code == "BOOM"
    assert error.retryable is True
    assert client.tasks.get_result("task-2") is None


def test_tasks_list(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/tasks?page=1&limit=10&status=FAILED&agentId=agent%2F1", json=page([task_json()])
    )
    tasks = client.tasks.list(status="FAILED", agent_id="agent/1")
    assert [t.id for t in tasks] == ["task-1"]


def test_cancel_with_and_without_reason(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST",
        url=f"{BASE}/tasks/task-1/cancel",
        json=ok(task_json(status="CANCELLED")),
        is_reusable=True,
    )
    assert (client.tasks.cancel("task-1", reason="no longer needed")).status == "CANCELLED"
    client.tasks.cancel("task-1")
    with_reason, without = httpx_mock.get_requests()
    assert body(with_reason) == {"reason": "no longer needed"}
    assert without.content == b""
    assert with_reason.headers["Idempotency-Key"] != without.headers["Idempotency-Key"]


def test_retry(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/tasks/task-1/retry", json=ok(task_json(status="PENDING"))
    )
    assert (client.tasks.retry("task-1")).status == "PENDING"


def test_page_with_bad_pagination_is_typed(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/tasks?page=1&limit=10", json=ok({"data": [], "pagination": {"page": "1"}})
    )
    with pytest.raises(InvalidResponseError):
        client.tasks.list()


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.tasks.get(""), "task_id"),
        (lambda c: c.tasks.get(None), "task_id"),
        (lambda c: c.agents.get(42), "agent_id"),
        (lambda c: c.tasks.list(page=0), "page"),
        (lambda c: c.tasks.list(limit=101), "limit"),
        (lambda c: c.tasks.list(limit=True), "limit"),
        (lambda c: c.agents.list(type="ROBOT"), "type"),
        (lambda c: c.tasks.list(status="DONE"), "status"),
        (lambda c: c.tasks.cancel("t", reason=5), "reason"),
        (lambda c: c.tasks.submit({"name": "n", "type": "t"}), "payload"),
        (lambda c: c.tasks.submit({"name": "n", "type": "t", "payload": 1, "colour": "red"}), "colour"),
        (lambda c: c.tasks.submit("not params"), "params"),
        (
            lambda c: c.tasks.submit({"name": "n", "type": "t", "payload": 1}, idempotency_key=""),
            "idempotency_key",
        ),
        (lambda c: c.agents.update("a", {"status": "ASLEEP"}), "status"),
        (lambda c: c.tasks.wait_for_completion("t", timeout=0), "timeout"),
        (lambda c: c.tasks.wait_for_all("abc"), "task_ids"),
        (lambda c: c.tasks.submit_batch([{"name": "", "type": "t", "payload": 1}]), "tasks[0].name"),
    ],
)
def test_bad_input_is_rejected_before_sending(
    client: SyncAgentClient, httpx_mock: HTTPXMock, call: Any, field: str | None
) -> None:
    with pytest.raises(ValidationError) as info:
        call(client)
    assert info.value.details["field"] == field
    assert httpx_mock.get_requests() == []
