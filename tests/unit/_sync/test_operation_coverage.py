# Generated from tests/unit/_async/test_operation_coverage.py by scripts/unasync.py: do not edit; run `make generate`.
"""Every operation of openapi.yaml is reachable through a facade method."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import yaml

from ai_agent import AgentCreateParams, SyncAgentClient, TaskSubmitParams

from ...helpers import BASE, KEY, agent_json, ok, page, task_json

SPEC = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi.yaml").read_text())


def operation_for(method: str, path: str) -> str:
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return str(item[method.lower()]["operationId"])
    raise AssertionError(f"{method} {path} is not in openapi.yaml")


def answer(request: httpx.Request) -> httpx.Response:
    path, method = request.url.path, request.method
    if path == "/health":
        return httpx.Response(200, json={"status": "UP", "timestamp": "2025-11-18T10:00:00.000Z"})
    if path.endswith("/status"):
        return httpx.Response(200, json=ok({"status": "READY"}))
    if path == "/tasks/batch":
        return httpx.Response(200, json=ok({"results": [{"success": True, "data": task_json()}]}))
    if path == "/agents" and method == "GET":
        return httpx.Response(200, json=page([agent_json()]))
    if path == "/tasks" and method == "GET":
        ids = request.url.params.get("ids")
        return httpx.Response(200, json=page([task_json(ids or "task-1", status="COMPLETED")]))
    if path.startswith("/agents"):
        return httpx.Response(
            201 if method == "POST" else 200, json=ok(None if method == "DELETE" else agent_json())
        )
    return httpx.Response(201 if method == "POST" else 200, json=ok(task_json(status="COMPLETED")))


def test_every_operation_id_is_reachable() -> None:
    seen: set[str] = set()

    def record(request: httpx.Request) -> httpx.Response:
        seen.add(operation_for(request.method, request.url.path))
        return answer(request)

    agent = AgentCreateParams(name="a", type="WORKER", capabilities=["x"])
    task = TaskSubmitParams(name="t", type="x", payload={})
    with SyncAgentClient(api_url=BASE, api_key=KEY, transport=httpx.MockTransport(record)) as client:
        client.agents.create(agent)
        client.agents.list()
        client.agents.get("a")
        client.agents.update("a", {"name": "b"})
        client.agents.delete("a")
        client.agents.get_status("a")
        client.tasks.submit(task)
        client.tasks.list()
        client.tasks.submit_batch([task])
        client.tasks.get("task-1")
        client.tasks.cancel("task-1")
        client.tasks.retry("task-1")
        client.tasks.wait_for_all(["task-1"])
        client.health()
    all_ids = {
        op["operationId"] for item in SPEC["paths"].values() for op in item.values() if "operationId" in op
    }
    assert seen == all_ids
