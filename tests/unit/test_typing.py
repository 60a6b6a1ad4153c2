"""Types that catch a user's mistakes before running: ``mypy --strict`` on a user's script flags
a misspelt enum value, a params dict without a required field, and keyword and params forms
mixed up; the correct forms type-check. The literal types match openapi.yaml's enums."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import get_args

import pytest
from mypy import api

from ai_agent import AgentStatusName, AgentTypeName, TaskPriorityName, TaskStatusName
from ai_agent.testing.contract import load_spec  # openapi.yaml, parsed once per process (libyaml)

ROOT = Path(__file__).resolve().parents[2]
SPEC = load_spec()

GOOD = """
from ai_agent import (
    AgentClient, AgentCreateParams, AgentType, SyncAgentClient, TaskConfig, TaskPriority, TaskSubmitParams,
)

async def use(client: AgentClient) -> None:
    await client.agents.create(AgentCreateParams(name="a", type="WORKER", capabilities=["x"]))
    await client.agents.create(AgentCreateParams(name="a", type=AgentType.MONITOR, capabilities=[]))
    await client.agents.create({"name": "a", "type": "WORKER", "capabilities": ["x"]})
    await client.agents.create(name="a", type="REVIEWER", capabilities=["x"], metadata={"k": 1})
    await client.agents.update("a", status="PAUSED")
    await client.agents.update("a", {"name": "b"})
    await client.agents.list(type="WORKER", status="READY")
    task = await client.tasks.submit(name="n", type="t", payload={"x": 1}, priority="HIGH")
    await client.tasks.submit({"name": "n", "type": "t", "payload": None, "config": {"timeout": 5}})
    await client.tasks.submit(TaskSubmitParams(name="n", type="t", payload=1, priority=TaskPriority.LOW,
                              config=TaskConfig(timeout=1000)))
    await client.tasks.list(status="FAILED")
    page = await client.agents.list()
    total: int = page["pagination"]["total"]
    first_id: str = page["data"][0].id
    print(task.error is None, total, first_id)

def use_sync(client: SyncAgentClient) -> None:
    client.tasks.submit(name="n", type="t", payload=[])
    for agent in client.agents.iterate():
        print(agent.name)
"""

MISTAKES = {
    "priority": 'client.tasks.submit(name="n", type="t", payload=1, priority="URGENT")',
    "agent type": 'AgentCreateParams(name="a", type="WORKR", capabilities=[])',
    "dict without payload": 'client.tasks.submit({"name": "n", "type": "t"})',
    "status filter": 'client.tasks.list(status="DONE")',
    "update status": 'client.agents.update("a", status="ASLEEP")',
    "missing keyword": 'client.agents.create(name="a", capabilities=[])',
}


def mypy_errors(tmp_path: Path, code: str) -> list[str]:
    script = tmp_path / "user_script.py"
    script.write_text(textwrap.dedent(code))
    stdout, stderr, _ = api.run(
        ["--strict", "--no-error-summary", "--cache-dir", str(ROOT / ".mypy_cache"), str(script)]
    )
    assert not stderr, stderr
    return [line for line in stdout.splitlines() if ": error:" in line]


def test_correct_use_type_checks(tmp_path: Path) -> None:
    assert mypy_errors(tmp_path, GOOD) == []


def test_mistakes_are_flagged(tmp_path: Path) -> None:
    lines = [
        "from ai_agent import AgentCreateParams, SyncAgentClient",
        "",
        "def use(client: SyncAgentClient) -> None:",
    ]
    lines += [f"    {call}  # {what}" for what, call in MISTAKES.items()]
    errors = mypy_errors(tmp_path, "\n".join(lines) + "\n")
    flagged = {int(re.search(r":(\d+):", error).group(1)) for error in errors}  # type: ignore[union-attr]
    for number, what in enumerate(MISTAKES, start=4):
        assert number in flagged, f"mypy did not flag the {what} mistake; errors: {errors}"


@pytest.mark.parametrize(
    ("alias", "schema"),
    [
        (AgentTypeName, "AgentType"),
        (AgentStatusName, "AgentStatus"),
        (TaskStatusName, "TaskStatus"),
        (TaskPriorityName, "TaskPriority"),
    ],
)
def test_literal_types_match_the_spec(alias: object, schema: str) -> None:
    assert set(get_args(alias)) == set(SPEC["components"]["schemas"][schema]["enum"])
