"""A maintainer's change to openapi.yaml needs `make generate` and nothing else.

The repository is copied to a temporary directory, its openapi.yaml gets an optional request and
response field with limits, a new enum value, a new query filter and two new operations (an
action POST on an id, and a GET returning a new schema); `make generate` runs there, and a probe
uses each new piece from both clients (keywords, dict, params class; limits enforced before
sending), from the command line, against the local orchestrator, and under `mypy --strict`.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def mutate(text: str) -> str:
    """The maintainer's change, made the way the spec's own operations are written (each new
    operation starts as a copy of a sibling, so it declares the same errors and headers)."""
    spec = yaml.safe_load(text)
    schemas, paths = spec["components"]["schemas"], spec["paths"]
    # an optional field with limits on the submission, and on the task
    schemas["TaskSubmitParams"]["properties"]["labels"] = {
        "type": "array",
        "maxItems": 3,
        "description": "Labels to find the task by.",
        "items": {"type": "string", "minLength": 1, "maxLength": 20},
    }
    schemas["Task"]["properties"]["labels"] = {
        "type": "array",
        "description": "Labels to find the task by.",
        "items": {"type": "string"},
    }
    # a new enum value and a new query filter
    schemas["TaskStatus"]["enum"] = [*dict.fromkeys([*schemas["TaskStatus"]["enum"], "SHELVED"])]
    filters = paths["/tasks"]["get"]["parameters"]
    filters[:] = [p for p in filters if p.get("name") != "label"]  # the change may be in already
    filters.append(
        {
            "name": "label",
            "in": "query",
            "required": False,
            "description": "Only tasks with this label.",
            "schema": {"type": "string", "minLength": 1, "maxLength": 20},
        }
    )
    # an action POST on an id
    shelve = copy.deepcopy(paths["/tasks/{taskId}/retry"])
    shelve["post"].update(operationId="shelveTask", summary="Shelve a task", description="Puts a task aside.")
    paths["/tasks/{taskId}/shelve"] = shelve
    # a GET returning a new schema
    trace = copy.deepcopy(paths["/agents/{agentId}/status"])
    trace["parameters"] = copy.deepcopy(paths["/tasks/{taskId}/retry"]["parameters"])
    operation = trace["get"]
    operation.pop("x-sdk-result", None)
    operation.update(operationId="getTaskTrace", tags=["tasks"], summary="Get a task's trace")
    operation["description"] = "How many attempts the task took."
    example = {"taskId": "task-1", "attempts": 2}
    operation["responses"]["200"]["content"]["application/json"] = {
        "schema": {"$ref": "#/components/schemas/TaskTraceEnvelope"},
        "example": {"success": True, "data": example, "timestamp": "2025-11-18T10:00:00.000Z"},
    }
    paths["/tasks/{taskId}/trace"] = trace
    schemas["TaskTrace"] = {
        "type": "object",
        "description": "A task's trace.",
        "required": ["taskId", "attempts"],
        "properties": {
            "taskId": {"type": "string", "description": "The task."},
            "attempts": {"type": "integer", "minimum": 0, "description": "Attempts so far."},
        },
        "example": example,
    }
    envelope = copy.deepcopy(schemas["AgentStatusEnvelope"])
    envelope["description"] = "Success envelope around a task's trace."
    envelope["properties"]["data"] = {"$ref": "#/components/schemas/TaskTrace"}
    envelope["example"] = {"success": True, "data": example, "timestamp": "2025-11-18T10:00:00.000Z"}
    schemas["TaskTraceEnvelope"] = envelope
    return str(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))


PROBE = """
import asyncio, json, os, subprocess, sys
from ai_agent import AgentClient, SyncAgentClient, TaskSubmitParams, ValidationError
from ai_agent.testing import LocalOrchestrator

def refused(call, field):
    try:
        call()
    except ValidationError as error:
        assert error.details["field"] == field, error
        return str(error)
    raise AssertionError("not refused")

with LocalOrchestrator(api_key="k") as server:
    with SyncAgentClient(api_url=server.url, api_key="k") as client:
        made = [
            client.tasks.submit(name="n", type="t", payload={}, labels=["red"]),
            client.tasks.submit({"name": "n", "type": "t", "payload": {}, "labels": ["red", "blue"]}),
            client.tasks.submit(TaskSubmitParams(name="n", type="t", payload={}, labels=["green"])),
        ]
        assert [t.labels for t in made] == [["red"], ["red", "blue"], ["green"]], [t.labels for t in made]
        before = len(server.requests)
        print(refused(lambda: client.tasks.submit(name="n", type="t", payload={}, labels=["a"] * 4), "labels"))
        print(refused(lambda: client.tasks.submit({"name": "n", "type": "t", "payload": {}, "labels": ["x" * 21]}), "labels"))
        print(refused(lambda: client.tasks.list(label="x" * 21), "label"))
        assert len(server.requests) == before, "a refused call was sent"
        assert sorted(t.id for t in client.tasks.list(label="red").items) == sorted(t.id for t in made[:2])
        assert client.tasks.list(status="SHELVED").total == 0
        assert client.tasks.shelve(made[0].id).id
        assert client.tasks.get_trace(made[0].id).attempts == 2
        assert client.with_raw_response.tasks.shelve(made[0].id).status_code == 200

    async def main() -> None:
        async with AgentClient(api_url=server.url, api_key="k") as client:
            task = await client.tasks.submit(name="n", type="t", payload={}, labels=["red"])
            assert task.labels == ["red"]
            assert (await client.tasks.shelve(task.id)).id
            assert (await client.tasks.get_trace(task.id)).attempts == 2
            found = [t.id async for t in client.tasks.iterate(label="red")]
            assert task.id in found

    asyncio.run(main())

    env = {**os.environ, "AI_AGENT_API_URL": server.url, "AI_AGENT_API_KEY": "k"}
    def cli(*args):
        run = subprocess.run([sys.executable, "-m", "ai_agent.cli", *args], env=env, capture_output=True, text=True)
        assert run.returncode == 0, (args, run.stdout, run.stderr)
        return run.stdout
    created = json.loads(cli("tasks", "submit", "--name", "n", "--type", "t", "--payload", "{}", "--labels", "cli", "--json"))
    assert created["labels"] == ["cli"]
    listed = json.loads(cli("tasks", "list", "--label", "cli", "--json"))
    assert [t["id"] for t in listed["data"]] == [created["id"]]
    assert json.loads(cli("tasks", "shelve", created["id"], "--json"))["id"]
    assert json.loads(cli("tasks", "get-trace", created["id"], "--json"))["attempts"] == 2
print("probe passed")
"""

TYPED = """
from ai_agent import SyncAgentClient

def use(client: SyncAgentClient) -> None:
    client.tasks.list(status="SHELVED")
    client.tasks.submit(name="n", type="t", payload={}, labels=["a"])
    trace = client.tasks.get_trace("t")
    print(trace.attempts + 1)
    client.tasks.list(status="SHELVD")
"""


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_an_additive_change_needs_make_generate_and_nothing_else(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source, target = ROOT / name, copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        elif source.exists():
            shutil.copy2(source, target)
    spec = copy / "openapi.yaml"
    spec.write_text(mutate(spec.read_text()))

    # The generator runs in the project's venv (it has openapi-python-client); the probe below
    # runs in whatever runs the suite, the dependency floors' venv included.
    venv = ROOT / ".venv" if (ROOT / ".venv" / "bin" / "openapi-python-client").exists() else Path(sys.prefix)
    generate = subprocess.run(
        ["make", "-s", "-o", str(venv / ".installed"), "generate", f"VENV={venv}"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr

    env = {**os.environ, "PYTHONPATH": f"{copy}{os.pathsep}{copy / 'generated'}", "NO_COLOR": "1"}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert probe.returncode == 0, probe.stdout + probe.stderr
    assert "TaskSubmitParams.labels must hold at most 3 items" in probe.stdout

    script = tmp_path / "typed.py"
    script.write_text(textwrap.dedent(TYPED))
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            str(script),
        ],
        cwd=tmp_path,
        env={**env, "MYPYPATH": env["PYTHONPATH"]},
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in checked.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, checked.stdout
    assert "typed.py:9:" in errors[0], errors
    assert "SHELVD" in errors[0], errors
