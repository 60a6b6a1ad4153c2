"""A maintainer's change to openapi.yaml needs `make generate` and nothing else.

The repository is copied to a temporary directory, its openapi.yaml gets an optional request and
response field with limits, a new enum value, a new query filter and two new operations (an
action POST on an id, and a GET returning a new schema); `make generate` runs there, and a probe
uses each new piece from both clients (keywords, dict, params class; limits enforced before
sending), from the command line, against the local orchestrator, and under `mypy --strict`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TAGS = """\
        tags:
          type: array
          maxItems: 3
          description: Labels to find the task by.
          items:
            type: string
            minLength: 1
            maxLength: 20
"""

NEW_OPERATIONS = """\
  /tasks/{taskId}/pause:
    parameters:
      - $ref: "#/components/parameters/TaskId"
    post:
      operationId: pauseTask
      tags: [tasks]
      summary: Pause a task
      description: Pauses a running task until it is resumed.
      parameters:
        - $ref: "#/components/parameters/IdempotencyKey"
      responses:
        "200":
          $ref: "#/components/responses/TaskOk"
        "404": {$ref: "#/components/responses/Error"}
  /tasks/{taskId}/stats:
    parameters:
      - $ref: "#/components/parameters/TaskId"
    get:
      operationId: getTaskStats
      tags: [tasks]
      summary: Get a task's statistics
      description: How many attempts the task took.
      responses:
        "200":
          description: The statistics.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/TaskStatsEnvelope"
              example:
                success: true
                data: {taskId: task-1, attempts: 2}
                timestamp: "2025-11-18T10:00:00.000Z"
        "404": {$ref: "#/components/responses/Error"}
"""

NEW_SCHEMAS = """\
    TaskStats:
      type: object
      description: A task's statistics.
      required: [taskId, attempts]
      properties:
        taskId:
          type: string
          description: The task.
        attempts:
          type: integer
          minimum: 0
          description: Attempts so far.
      example: {taskId: task-1, attempts: 2}
    TaskStatsEnvelope:
      type: object
      description: Success envelope around a task's statistics.
      required: [success, data]
      properties:
        success:
          type: boolean
          description: True on success.
        data:
          $ref: "#/components/schemas/TaskStats"
      example:
        success: true
        data: {taskId: task-1, attempts: 2}
"""

TAG_FILTER = """\
        - name: tag
          in: query
          required: false
          description: Only tasks with this tag.
          schema:
            type: string
            minLength: 1
            maxLength: 20
"""


def insert_after(text: str, anchor: str, addition: str, *, before: bool = False) -> str:
    assert text.count(anchor) == 1, f"the spec changed: {anchor!r} is no longer one place"
    return text.replace(anchor, addition + anchor if before else anchor + addition)


def mutate(spec: str) -> str:
    # an optional field with limits on the submission and on the task
    spec = insert_after(
        spec,
        "      example:\n        name: Process Data\n        type: data-processing\n        payload: {data: [1, 2, 3]}\n    TaskCancelParams:",
        TAGS,
        before=True,
    )
    spec = insert_after(
        spec,
        "        revision:\n          type: integer\n",
        TAGS.replace("          maxItems: 3\n", ""),
        before=True,
    )
    # a new enum value, a new query filter, two new operations and a new schema
    spec = spec.replace("PAUSED, RETRYING]", "PAUSED, RETRYING, ARCHIVED]", 1)
    spec = insert_after(spec, "          example: task-1,task-2\n", TAG_FILTER)
    spec = insert_after(spec, "  /health:\n", NEW_OPERATIONS, before=True)
    return insert_after(spec, "    EmptyEnvelope:\n", NEW_SCHEMAS, before=True)


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
            client.tasks.submit(name="n", type="t", payload={}, tags=["red"]),
            client.tasks.submit({"name": "n", "type": "t", "payload": {}, "tags": ["red", "blue"]}),
            client.tasks.submit(TaskSubmitParams(name="n", type="t", payload={}, tags=["green"])),
        ]
        assert [t.tags for t in made] == [["red"], ["red", "blue"], ["green"]], [t.tags for t in made]
        before = len(server.requests)
        print(refused(lambda: client.tasks.submit(name="n", type="t", payload={}, tags=["a"] * 4), "tags"))
        print(refused(lambda: client.tasks.submit({"name": "n", "type": "t", "payload": {}, "tags": ["x" * 21]}), "tags"))
        print(refused(lambda: client.tasks.list(tag="x" * 21), "tag"))
        assert len(server.requests) == before, "a refused call was sent"
        assert sorted(t.id for t in client.tasks.list(tag="red").items) == sorted(t.id for t in made[:2])
        assert client.tasks.list(status="ARCHIVED").total == 0
        assert client.tasks.pause(made[0].id).id
        assert client.tasks.get_stats(made[0].id).attempts == 2
        assert client.with_raw_response.tasks.pause(made[0].id).status_code == 200

    async def main() -> None:
        async with AgentClient(api_url=server.url, api_key="k") as client:
            task = await client.tasks.submit(name="n", type="t", payload={}, tags=["red"])
            assert task.tags == ["red"]
            assert (await client.tasks.pause(task.id)).id
            assert (await client.tasks.get_stats(task.id)).attempts == 2
            found = [t.id async for t in client.tasks.iterate(tag="red")]
            assert task.id in found

    asyncio.run(main())

    env = {**os.environ, "AI_AGENT_API_URL": server.url, "AI_AGENT_API_KEY": "k"}
    def cli(*args):
        run = subprocess.run([sys.executable, "-m", "ai_agent.cli", *args], env=env, capture_output=True, text=True)
        assert run.returncode == 0, (args, run.stdout, run.stderr)
        return run.stdout
    created = json.loads(cli("tasks", "submit", "--name", "n", "--type", "t", "--payload", "{}", "--tags", "cli", "--json"))
    assert created["tags"] == ["cli"]
    listed = json.loads(cli("tasks", "list", "--tag", "cli", "--json"))
    assert [t["id"] for t in listed["data"]] == [created["id"]]
    assert json.loads(cli("tasks", "pause", created["id"], "--json"))["id"]
    assert json.loads(cli("tasks", "get-stats", created["id"], "--json"))["attempts"] == 2
print("probe passed")
"""

TYPED = """
from ai_agent import SyncAgentClient

def use(client: SyncAgentClient) -> None:
    client.tasks.list(status="ARCHIVED")
    client.tasks.submit(name="n", type="t", payload={}, tags=["a"])
    stats = client.tasks.get_stats("t")
    print(stats.attempts + 1)
    client.tasks.list(status="ARCHIVD")
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

    venv = Path(sys.prefix)
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
    assert "TaskSubmitParams.tags must hold at most 3 items" in probe.stdout

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
    assert "ARCHIVD" in errors[0], errors
