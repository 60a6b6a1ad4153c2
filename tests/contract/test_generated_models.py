"""The generated models tolerate what a newer server may send."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import quote

import ai_agent_client.models as models
import pytest
from ai_agent_client.models import Agent, AgentStatus, AgentType, Health, Task, TaskResult, TaskStatus
from ai_agent_client.types import path_segment

from ai_agent.testing.contract import load_spec  # openapi.yaml, parsed once per process (libyaml)

TS = "2025-11-18T10:00:00.000Z"


def task_json(**over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": "t-1",
        "name": "n",
        "type": "data-processing",
        "status": "PENDING",
        "priority": "NORMAL",
        "payload": {"x": [1, 2]},
        "createdAt": TS,
        "updatedAt": TS,
    }
    body.update(over)
    return body


def test_unknown_enum_value_and_field_on_task() -> None:
    task = Task.from_dict(task_json(status="HIBERNATING", priority="URGENT", shard=7))
    assert task.status == "HIBERNATING"
    assert str(task.status) == "HIBERNATING"
    assert task.status.value == "HIBERNATING"
    assert isinstance(task.status, TaskStatus)
    assert task.priority == "URGENT"
    assert task.additional_properties == {"shard": 7}
    # Round-trips: what we do not know we hand back unchanged.
    assert task.to_dict()["status"] == "HIBERNATING"
    assert task.to_dict()["shard"] == 7


def test_unknown_enum_value_and_field_on_agent() -> None:
    agent = Agent.from_dict(
        {
            "id": "a/1",
            "name": "x",
            "type": "PLANNER",
            "status": "HIBERNATING",
            "capabilities": ["c"],
            "createdAt": TS,
            "updatedAt": TS,
            "region": "eu",
        }
    )
    assert agent.type == "PLANNER"
    assert agent.type_ is agent.type
    assert agent.status == "HIBERNATING"
    assert agent["region"] == "eu"


def test_known_values_are_the_members() -> None:
    assert TaskStatus("COMPLETED") is TaskStatus.COMPLETED
    assert AgentType("WORKER") is AgentType.WORKER
    assert AgentStatus("READY") is AgentStatus.READY


def test_non_string_enum_value_still_rejected() -> None:
    try:
        TaskStatus(3)  # type: ignore[arg-type]
    except ValueError:
        return
    raise AssertionError("an int must not become a TaskStatus")


def test_timestamps_parse_javascript_iso_strings() -> None:
    task = Task.from_dict(task_json(result={"taskId": "t-1", "status": "SUCCESS", "output": 1}))
    assert task.created_at.tzinfo is not None
    assert task.created_at.microsecond == 0
    assert isinstance(task.result, TaskResult)
    assert task.result.status == "SUCCESS"


def test_null_optionals_from_a_typescript_server() -> None:
    """A server that writes an absent optional field as null: read as absent, whatever its type
    (and written back absent)."""
    nulls = {
        name: None
        for name in ("result", "error", "assignedAgentId", "description", "metadata", "config", "revision")
    }
    task = Task.from_dict(task_json(**nulls))
    assert (task.result, task.error, task.assigned_agent_id, task.description) == (None, None, None, None)
    assert (task.metadata, task.config, task.revision) == (None, None, None)
    assert not set(nulls) & set(task.to_dict())
    result = TaskResult.from_dict({"taskId": "t", "status": "SUCCESS", "output": None, "completedAt": None})
    assert result.completed_at is None
    agent = Agent.from_dict(
        {
            "id": "a",
            "name": "n",
            "type": "WORKER",
            "status": "READY",
            "capabilities": [],
            "metadata": None,
            "createdAt": TS,
            "updatedAt": TS,
        }
    )
    assert agent.metadata is None


def test_health_with_unknown_status() -> None:
    health = Health.from_dict({"status": "MAINTENANCE", "timestamp": TS, "checks": {"db": {"status": "UP"}}})
    assert health.status == "MAINTENANCE"
    assert health.checks is not None


def test_parse_reads_its_input_without_changing_it() -> None:
    body = task_json(
        description="d",
        assignedAgentId="a-1",
        revision=4,
        result={"taskId": "t-1", "status": "SUCCESS", "output": 1, "extra": True},
        shard=7,
    )
    before = copy.deepcopy(body)
    task = Task.from_dict(body)
    assert body == before
    assert task.description == "d"
    assert task.assigned_agent_id == "a-1"
    assert task.revision == 4
    # Only what the model does not know is left over; each object has its own dict.
    assert task.additional_properties == {"shard": 7}
    assert task.result is not None
    assert task.result.additional_properties == {"extra": True}
    task.additional_properties["local"] = 1
    assert "local" not in body
    plain = Task.from_dict(task_json())
    other = Task.from_dict(task_json())
    assert plain.additional_properties == {}
    assert plain.additional_properties is not other.additional_properties
    assert plain.description is None
    assert plain.revision is None


@pytest.mark.parametrize("value", [3, None, ["PENDING"], {"s": 1}])
def test_a_status_that_is_not_text_is_a_parse_error(value: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        Task.from_dict(task_json(status=value))


def test_a_missing_required_field_is_a_key_error() -> None:
    body = task_json()
    del body["createdAt"]
    with pytest.raises(KeyError, match="createdAt"):
        Task.from_dict(body)


@pytest.mark.parametrize(
    "value",
    ["task-1", "A_b.c~d-9", "", "a/b", "..", "a b", "ünï", "a%2Fb", "?x=1#f", "\x00", 42, "a\nb"],
)
def test_path_segments_are_encoded_as_quote_does(value: object) -> None:
    assert path_segment(value) == quote(str(value), safe="")


def _every_field(schemas: dict[str, Any], schema: dict[str, Any], name: str, counter: list[int]) -> Any:
    """A wire value for ``schema`` that differs from every other field's: a model that put a
    value in the wrong field would then not give back what it read."""
    counter[0] += 1
    n = counter[0]
    if "$ref" in schema:
        target = schemas[schema["$ref"].rsplit("/", 1)[1]]
        if "enum" in target:
            return target["enum"][n % len(target["enum"])]
        return _every_field(schemas, target, name, counter)
    for choice in schema.get("anyOf", schema.get("oneOf", [])):
        if choice.get("type") != "null":
            return _every_field(schemas, choice, name, counter)
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        return {
            field: _every_field(schemas, sub, field, counter) for field, sub in schema["properties"].items()
        }
    if kind == "object":
        extra = schema.get("additionalProperties")
        return {f"{name}-key": _every_field(schemas, extra, name, counter) if isinstance(extra, dict) else n}
    if kind == "array":
        return [_every_field(schemas, schema["items"], name, counter)]
    if kind == "string" and schema.get("format") == "date-time":
        return f"2025-11-{n % 28 + 1:02d}T10:{n % 60:02d}:00+00:00"  # as isoformat() writes it back
    if kind == "string":
        return f"{name}-{n}"
    if kind == "integer":
        return n
    if kind == "number":
        return n + 0.5
    if kind == "boolean":
        return n % 2 == 0
    if kind == "null":
        return None
    return {"any": f"{name}-{n}"}  # a field of any JSON


SCHEMAS: dict[str, Any] = load_spec()["components"]["schemas"]


@pytest.mark.parametrize("name", sorted(name for name, schema in SCHEMAS.items() if schema.get("properties")))
def test_every_field_lands_where_it_belongs(name: str) -> None:
    """Every object model of the spec, with all its fields set to distinct values: from_dict
    (which passes them to the class positionally) and to_dict give back the same JSON."""
    wire = _every_field(SCHEMAS, SCHEMAS[name], name, [0])
    assert set(wire) == set(SCHEMAS[name]["properties"])
    written = {field: value for field, value in wire.items() if value is not None}  # null: left out
    assert getattr(models, name).from_dict(copy.deepcopy(wire)).to_dict() == written
