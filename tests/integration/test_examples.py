"""The recipes in examples/ run against the local orchestrator as a user would run them: the
quick start and the pipeline as scripts, the FastAPI and Flask apps through their test clients
(Flask under concurrent requests sharing one SyncAgentClient)."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ai_agent import AuthenticationError, SyncAgentClient
from ai_agent.testing import LocalOrchestrator

from .handlers import slow_handler

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the app's annotations through it
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def env(local_orchestrator: LocalOrchestrator, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {"AI_AGENT_API_URL": local_orchestrator.url, "AI_AGENT_API_KEY": local_orchestrator.api_key}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.mark.parametrize("script", ["quickstart.py", "pipeline.py"])
def test_scripts_run(env: dict[str, str], script: str) -> None:
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    if script == "pipeline.py":
        assert "6/6 analyses finished" in run.stdout
        assert "Completed: 6, failed: 0" in run.stdout


def test_pipeline_counts_failures(
    env: dict[str, str], local_orchestrator: LocalOrchestrator, capsys: pytest.CaptureFixture[str]
) -> None:
    async def analyse(task: dict[str, Any]) -> Any:
        if "refunds" in task["payload"]["source"]:
            raise RuntimeError("table refunds is locked")
        return {"rows": 42}

    local_orchestrator.state.handlers["data-analysis"] = analyse
    assert asyncio.run(load("pipeline").main()) == 1
    out = capsys.readouterr().out
    assert "Completed: 5, failed: 1" in out
    assert "table refunds is locked" in out
    specialists = [a for a in local_orchestrator.state.agents.values() if a["type"] == "SPECIALIST"]
    assert len(specialists) == 3


# Starlette's test client warns about its own use of httpx; not ours to fix.
@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_fastapi_app(env: dict[str, str], local_orchestrator: LocalOrchestrator) -> None:
    from fastapi.testclient import TestClient

    local_orchestrator.state.handlers["slow"] = slow_handler(5, None)
    with TestClient(load("fastapi_app").app) as http:
        created = http.post("/jobs", json={"name": "report", "type": "data-processing", "payload": {"n": 1}})
        assert created.status_code == 201, created.text
        job_id = created.json()["id"]
        assert http.get(f"/jobs/{job_id}").json()["id"] == job_id
        done = http.post(f"/jobs/{job_id}/wait", params={"timeout": 10})
        assert done.json() == {"id": job_id, "status": "COMPLETED", "output": {"n": 1}, "error": None}
        slow = http.post("/jobs", json={"name": "slow", "type": "slow", "payload": None}).json()["id"]
        assert http.post(f"/jobs/{slow}/cancel").json()["status"] == "CANCELLED"
        again = http.post(f"/jobs/{slow}/cancel")
        assert (again.status_code, again.json()["error"]) == (409, "CONFLICT")
        assert http.get("/jobs/nope").status_code == 404
        assert http.post("/jobs", json={"name": "", "type": "t"}).status_code == 422  # ours: empty name
        assert http.post("/jobs", json={"name": "n", "type": "t", "priority": "URGENT"}).status_code == 422
        waited = http.post(
            f"/jobs/{http.post('/jobs', json={'name': 's', 'type': 'slow', 'payload': None}).json()['id']}/wait?timeout=0.2"
        )
        assert waited.status_code == 504
    assert local_orchestrator.requests[0].path == "/health"  # initialize() ran in the lifespan


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_fastapi_app_refuses_to_start_with_a_wrong_key(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setenv("AI_AGENT_API_KEY", "wrong")
    with pytest.raises(AuthenticationError), TestClient(load("fastapi_app").app):
        pass


BAD_JOBS: list[dict[str, Any]] = [
    {"json": {"name": "", "type": "t", "payload": 1}},
    {"json": {"name": "n", "type": "t", "payload": 1, "priority": "URGENT"}},
    {"json": {"name": "n"}},
    {"json": ["not", "an", "object"]},
    {"content": b"not json", "headers": {"Content-Type": "application/json"}},
]


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_both_recipes_answer_bad_input_with_the_same_422(
    env: dict[str, str], local_orchestrator: LocalOrchestrator
) -> None:
    from fastapi.testclient import TestClient

    def shape(status: int, body: Any) -> tuple[int, list[str], str]:
        return status, sorted(body), body["error"]

    with SyncAgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key) as client:
        flask = load("flask_app").create_app(client).test_client()
        with TestClient(load("fastapi_app").app) as fastapi:
            for bad in BAD_JOBS:
                data = {"data": bad["content"], "headers": bad["headers"]} if "content" in bad else bad
                from_flask = flask.post("/jobs", **data)
                from_fastapi = fastapi.post("/jobs", **bad)
                assert shape(from_fastapi.status_code, from_fastapi.json()) == shape(
                    from_flask.status_code, from_flask.get_json()
                ), bad
                assert shape(from_fastapi.status_code, from_fastapi.json()) == (
                    422,
                    ["error", "message", "requestId"],
                    "VALIDATION_ERROR",
                )


def test_flask_app_shares_one_client_between_threads(local_orchestrator: LocalOrchestrator) -> None:
    with SyncAgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key) as client:
        app = load("flask_app").create_app(client)

        def one(i: int) -> str:
            http = app.test_client()
            created = http.post("/jobs", json={"name": f"job {i}", "type": "data-processing", "payload": i})
            assert created.status_code == 201, created.get_data(as_text=True)
            done = http.post(f"/jobs/{created.get_json()['id']}/wait?timeout=10")
            return str(done.get_json()["status"])

        with ThreadPoolExecutor(max_workers=16) as threads:
            statuses = list(threads.map(one, range(48)))
        http = app.test_client()
        assert http.get("/jobs/nope").status_code == 404
        assert http.post("/jobs", json={"name": "n"}).status_code == 422
        assert http.post("/jobs", data="not json").status_code == 422
        metrics = client.get_metrics()
    assert statuses == ["COMPLETED"] * 48
    assert metrics.by_operation["tasks.submit"].total_requests == 48
