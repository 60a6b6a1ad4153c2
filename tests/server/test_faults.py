"""The fault plan, in-process and over the admin API, and the `ai-agent serve` command."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest

from ai_agent.testing import LocalOrchestrator

from .conftest import KEY, task_body


async def test_status_fault_with_retry_after(server: LocalOrchestrator, http: httpx.AsyncClient) -> None:
    fault = server.faults.add("status", method="POST", path="/tasks", times=2, status=429, retry_after="3")
    for _ in range(2):
        answer = await http.post("/tasks", json=task_body())
        assert answer.status_code == 429
        assert answer.headers["Retry-After"] == "3"
        assert answer.json()["error"]["code"] == "RATE_LIMIT"
    assert (await http.post("/tasks", json=task_body())).status_code == 201
    assert fault.used == 2
    assert len(server.state.tasks) == 1


async def test_faults_match_method_and_path(server: LocalOrchestrator, http: httpx.AsyncClient) -> None:
    server.faults.add("status", method="GET", path=r"^/tasks/[^/]+$", status=503)
    assert (await http.get("/tasks")).status_code == 200  # the regex wants an id
    assert (await http.post("/tasks", json=task_body())).status_code == 201
    assert (await http.get("/tasks/abc")).status_code == 503
    assert (await http.get("/tasks/abc")).status_code == 404


async def test_drop_before_commits_nothing(server: LocalOrchestrator, http: httpx.AsyncClient) -> None:
    server.faults.add("drop_before", method="POST", path="/tasks")
    with pytest.raises(httpx.RemoteProtocolError):
        await http.post("/tasks", json=task_body())
    assert server.state.tasks == {}


async def test_drop_after_commits_and_stores_the_reply(
    server: LocalOrchestrator, http: httpx.AsyncClient
) -> None:
    server.faults.add("drop_after", method="POST", path="/tasks")
    with pytest.raises(httpx.RemoteProtocolError):
        await http.post("/tasks", json=task_body(), headers={"Idempotency-Key": "k1"})
    assert len(server.state.tasks) == 1
    replay = await http.post("/tasks", json=task_body(), headers={"Idempotency-Key": "k1"})
    assert replay.json()["data"]["id"] == next(iter(server.state.tasks))


async def test_body_faults(server: LocalOrchestrator, http: httpx.AsyncClient) -> None:
    task = (await http.post("/tasks", json=task_body())).json()["data"]
    server.faults.add("html", path="/tasks/")
    html = await http.get(f"/tasks/{task['id']}")
    assert (html.status_code, html.headers["Content-Type"]) == (502, "text/html")
    assert "<html>" in html.text
    server.faults.add("status_520", path="/tasks/")
    assert (await http.get(f"/tasks/{task['id']}")).status_code == 520
    server.faults.add("unknown_enum", path="/tasks/")
    odd = (await http.get(f"/tasks/{task['id']}")).json()["data"]
    assert odd["status"] == "HIBERNATING"
    assert "futureField" in odd
    server.faults.add("large_body", path="/tasks/", size=3_000_000)
    big = await http.get(f"/tasks/{task['id']}")
    assert len(big.content) > 3_000_000
    server.faults.add("truncated", path="/tasks/")
    with pytest.raises(httpx.RemoteProtocolError):
        await http.get(f"/tasks/{task['id']}")
    server.faults.add("delay", path="/tasks/", delay=0.2)
    started = time.monotonic()
    assert (await http.get(f"/tasks/{task['id']}")).status_code == 200
    assert time.monotonic() - started >= 0.2
    assert server.violations == []  # faults are exempt from the contract check


def test_fault_plan_rejects_nonsense(server: LocalOrchestrator) -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        server.faults.add("explode")
    with pytest.raises(ValueError, match="times"):
        server.faults.add("status", times=0)


async def test_admin_api(server: LocalOrchestrator, http: httpx.AsyncClient) -> None:
    planned = await http.post(
        "/__admin/faults", json={"kind": "status", "status": 503, "path": "/agents", "times": 1}
    )
    assert planned.status_code == 201
    assert (await http.get("/__admin/faults")).json()["data"][0]["status"] == 503
    assert (await http.get("/agents")).status_code == 503
    await http.post("/__admin/faults", json={"kind": "status", "status": 503})
    assert (await http.delete("/__admin/faults")).status_code == 200
    assert (await http.get("/agents")).status_code == 200
    log = (await http.get("/__admin/requests")).json()["data"]
    assert [(r["method"], r["path"]) for r in log] == [("GET", "/agents"), ("GET", "/agents")]
    assert (await http.post("/__admin/faults", json={"kind": "nope"})).status_code == 400
    async with httpx.AsyncClient(base_url=server.url) as anonymous:
        assert (await anonymous.get("/__admin/requests")).status_code == 401


def test_only_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        LocalOrchestrator(host="0.0.0.0")


def test_ai_agent_serve_command() -> None:
    command = [sys.executable, "-m", "ai_agent.testing.cli", "serve", "--port", "0", "--api-key", KEY]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
            assert found, line
            url = found.group(1)
            assert httpx.get(f"{url}/health").json()["status"] == "UP"
            auth = {"Authorization": f"Bearer {KEY}"}
            body = {"name": "a", "type": "WORKER", "capabilities": []}
            assert httpx.post(f"{url}/agents", json=body, headers=auth).status_code == 201
            listed = httpx.get(f"{url}/agents", headers=auth)
            assert json.loads(listed.content)["data"]["pagination"]["total"] == 1
        finally:
            process.send_signal(signal.SIGTERM)
            exit_code = process.wait(timeout=15)
    assert exit_code == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/health")


def test_chaos_mode_is_random_repeatable_and_ends_on_clear() -> None:
    from ai_agent.testing.faults import FaultPlan

    def run(seed: int) -> list[str | None]:
        plan = FaultPlan()
        plan.chaos(rate=0.5, seed=seed)
        kinds = []
        for _ in range(200):
            fault = plan.take("GET", "/tasks")
            kinds.append(fault.kind if fault else None)
        return kinds

    first = run(3)
    assert first == run(3)  # the same seed, the same faults
    faulty = [k for k in first if k is not None]
    assert 70 < len(faulty) < 130
    assert {"drop_after", "drop_before", "status", "html", "delay"} <= set(faulty)
    plan = FaultPlan()
    plan.chaos(rate=1.0, seed=0)
    plan.add("status", status=418)
    assert plan.take("GET", "/x").status == 418  # a planned fault goes first
    assert plan.take("GET", "/x") is not None
    plan.clear()
    assert plan.take("GET", "/x") is None
    with pytest.raises(ValueError, match="rate"):
        plan.chaos(rate=2)
