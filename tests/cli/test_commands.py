"""Every ``ai-agent`` command against the local orchestrator, through Typer's runner: output for
scripts (--json parsed), exit codes, input from files and stdin, errors without tracebacks."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ai_agent.cli._main import application, run
from ai_agent.testing import LocalOrchestrator

from ..integration.handlers import slow_handler


@pytest.fixture
def cli(local_orchestrator: LocalOrchestrator) -> Any:
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2 mixes stderr into stdout by default
    except TypeError:  # click >= 8.2: stderr is always its own
        runner = CliRunner()
    env = {"AI_AGENT_API_URL": local_orchestrator.url, "AI_AGENT_API_KEY": local_orchestrator.api_key}

    def invoke(*args: str, input: str | None = None, **extra_env: str) -> Any:
        return runner.invoke(application(), list(args), input=input, env={**env, **extra_env})

    return invoke


def doc(result: Any) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_health(cli: Any) -> None:
    assert doc(cli("health", "--json"))["status"] == "UP"
    people = cli("health")
    assert people.exit_code == 0
    assert "UP" in people.stdout


def test_agents_commands(cli: Any) -> None:
    created = doc(cli("agents", "create", "--name", "A", "--type", "WORKER", "-c", "x", "-c", "y", "--json"))
    assert created["capabilities"] == ["x", "y"]
    agent_id = created["id"]
    assert doc(cli("agents", "get", agent_id, "--json"))["name"] == "A"
    assert doc(cli("agents", "status", agent_id, "--json")) == {"status": "READY"}
    updated = doc(cli("agents", "update", agent_id, "--status", "PAUSED", "--json"))
    assert updated["status"] == "PAUSED"
    listed = doc(cli("agents", "list", "--type", "WORKER", "--json"))
    assert listed["pagination"]["total"] == 1
    assert [a["id"] for a in listed["data"]] == [agent_id]
    everything = doc(cli("agents", "list", "--all", "--json"))
    # The same shape with or without --all: the API's page, everything as one page.
    assert [a["id"] for a in everything["data"]] == [agent_id]
    assert everything["pagination"] == {"page": 1, "limit": 1, "total": 1, "pages": 1}
    assert set(doc(cli("agents", "list", "--json"))) == {"data", "pagination"}
    assert doc(cli("agents", "delete", agent_id, "--json")) == {"deleted": agent_id}
    gone = cli("agents", "get", agent_id)
    assert gone.exit_code == 3
    assert "NOT_FOUND" in gone.stderr
    assert "Traceback" not in gone.output


def test_submit_from_text_file_and_stdin_and_wait(cli: Any, tmp_path: Path) -> None:
    task = doc(cli("tasks", "submit", "--name", "n", "--type", "t", "--payload", '{"a": 1}', "--json"))
    assert task["payload"] == {"a": 1}
    assert task["status"] in ("PENDING", "QUEUED", "ASSIGNED", "IN_PROGRESS", "COMPLETED")
    payload = tmp_path / "payload.json"
    payload.write_text('{"from": "file"}')
    assert doc(cli("tasks", "submit", "--name", "f", "--type", "t", "--payload", f"@{payload}", "--json"))[
        "payload"
    ] == {"from": "file"}
    from_stdin = cli(
        "tasks", "submit", "--name", "s", "--type", "t", "--payload", "-", "--json", input="[1, 2]"
    )
    assert doc(from_stdin)["payload"] == [1, 2]
    waited = doc(cli("tasks", "submit", "--name", "w", "--type", "t", "--payload", "3", "--wait", "--json"))
    assert waited["status"] == "COMPLETED"
    assert waited["result"]["output"] == 3
    assert doc(cli("tasks", "get", task["id"], "--json"))["id"] == task["id"]
    assert doc(cli("tasks", "wait", task["id"], "--json"))["status"] == "COMPLETED"


def test_batch_from_json_lines(cli: Any, tmp_path: Path) -> None:
    lines = tmp_path / "tasks.jsonl"
    lines.write_text(
        "\n".join(json.dumps({"name": f"b{i}", "type": "t", "payload": i}) for i in range(120)) + "\n"
    )
    created = doc(cli("tasks", "submit", "--batch", str(lines), "--json"))
    assert [t["name"] for t in created] == [f"b{i}" for i in range(120)]
    finished = doc(cli("tasks", "submit", "--batch", "-", "--wait", "--json", input=lines.read_text()))
    assert {t["status"] for t in finished} == {"COMPLETED"}
    listed = doc(cli("tasks", "list", "--all", "--json"))
    assert len(listed["data"]) == 240
    assert listed["pagination"] == {"page": 1, "limit": 240, "total": 240, "pages": 1}


def test_wait_exit_codes(cli: Any, local_orchestrator: LocalOrchestrator) -> None:
    async def boom(task: dict[str, Any]) -> Any:
        raise RuntimeError("no luck")

    local_orchestrator.state.handlers["boom"] = boom
    local_orchestrator.state.handlers["slow"] = slow_handler(30, None)
    good = doc(cli("tasks", "submit", "--name", "g", "--type", "t", "--payload", "1", "--json"))["id"]
    bad = doc(cli("tasks", "submit", "--name", "b", "--type", "boom", "--payload", "1", "--json"))["id"]
    slow = doc(cli("tasks", "submit", "--name", "s", "--type", "slow", "--payload", "1", "--json"))["id"]
    assert cli("tasks", "wait", good).exit_code == 0
    failed = cli("tasks", "wait", good, bad, "--json")
    assert failed.exit_code == 1
    assert [t["status"] for t in json.loads(failed.stdout)] == ["COMPLETED", "FAILED"]
    timed_out = cli("tasks", "wait", slow, "--timeout", "0.3")
    assert timed_out.exit_code == 4
    # Named by the task the user waited on, not by the SDK call the command made.
    assert f"error: [TIMEOUT] task {slow} not finished after 0.3 s" in timed_out.stderr
    assert "tasks.watch" not in timed_out.stderr
    assert "1 tasks" not in timed_out.stderr
    cancelled = doc(cli("tasks", "cancel", slow, "--reason", "enough", "--json"))
    assert cancelled["status"] == "CANCELLED"
    assert cli("tasks", "cancel", slow).exit_code == 3  # CONFLICT: already finished
    assert doc(cli("tasks", "retry", bad, "--json"))["status"] not in ("FAILED",)


def test_watch_prints_json_lines(cli: Any) -> None:
    task = doc(cli("tasks", "submit", "--name", "n", "--type", "t", "--payload", "1", "--json"))
    watched = cli("tasks", "watch", task["id"], "--json")
    assert watched.exit_code == 0
    states = [json.loads(line) for line in watched.stdout.splitlines()]
    assert states[-1]["status"] == "COMPLETED"
    assert all(s["id"] == task["id"] for s in states)


@pytest.mark.parametrize(
    "args",
    [
        ["tasks", "submit", "--name", "n", "--type", "t"],
        ["tasks", "submit", "--name", "n", "--type", "t", "--payload", "{not json"],
        ["tasks", "submit", "--name", "n", "--type", "t", "--payload", "@/no/such/file.json"],
        ["tasks", "submit", "--name", "n", "--type", "t", "--payload", "1", "--priority", "URGENT"],
        ["tasks", "list", "--limit", "500"],
        ["agents", "create", "--name", "a", "--type", "WORKR"],
        ["agents", "update", "a1"],
        ["tasks", "frobnicate"],
    ],
)
def test_usage_errors_exit_2(cli: Any, args: list[str]) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_wrong_key_is_exit_3_without_traceback(cli: Any) -> None:
    result = cli("tasks", "list", AI_AGENT_API_KEY="wrong-key")
    assert result.exit_code == 3
    assert "UNAUTHORIZED" in result.stderr
    assert "request id" in result.stderr
    assert "Traceback" not in result.output
    assert "wrong-key" not in result.output


def test_unreachable_url_is_exit_5(cli: Any) -> None:
    result = cli("tasks", "list", AI_AGENT_API_URL="http://127.0.0.1:9")
    assert result.exit_code == 5
    assert "cannot reach http://127.0.0.1:9" in result.stderr


def test_no_key_is_a_usage_error_but_health_needs_none(cli: Any) -> None:
    assert cli("tasks", "list", AI_AGENT_API_KEY="").exit_code == 2
    assert cli("health", AI_AGENT_API_KEY="").exit_code == 0


def test_verbose_never_prints_the_key(cli: Any, local_orchestrator: LocalOrchestrator) -> None:
    result = cli("--verbose", "tasks", "list")
    assert result.exit_code == 0
    assert "tasks.list" in result.stderr  # the SDK's debug log
    assert local_orchestrator.api_key not in result.output


def test_verbose_leaves_the_sdk_logger_as_it_found_it(cli: Any) -> None:
    """The command may run in-process (tests, a notebook): its log handler must not outlive it
    (it would write to a closed stream, and each run would add one more)."""
    sdk_logger = logging.getLogger("ai_agent")
    handlers, level = list(sdk_logger.handlers), sdk_logger.level
    for _ in range(2):
        assert cli("--verbose", "tasks", "list").exit_code == 0
    assert sdk_logger.handlers == handlers
    assert sdk_logger.level == level


@pytest.mark.parametrize(
    ("resource", "command"), [("SyncAgentsResource", "agents"), ("SyncTasksResource", "tasks")]
)
def test_ctrl_c_during_list_all_says_interrupted_and_exits_130(
    local_orchestrator: LocalOrchestrator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    resource: str,
    command: str,
) -> None:
    import ai_agent._sync.resources.agents as agents_module
    import ai_agent._sync.resources.tasks as tasks_module

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    module = agents_module if command == "agents" else tasks_module
    monkeypatch.setattr(getattr(module, resource), "iterate", interrupted)
    monkeypatch.setenv("AI_AGENT_API_URL", local_orchestrator.url)
    monkeypatch.setenv("AI_AGENT_API_KEY", local_orchestrator.api_key)
    assert run([command, "list", "--all"]) == 130
    captured = capsys.readouterr()
    assert captured.err.strip() == "interrupted"
    assert captured.out == ""
