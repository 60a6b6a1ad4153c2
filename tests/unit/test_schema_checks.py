"""The checks the generated surface derives from openapi.yaml (``ai_agent/_schema.py``): each
schema keyword refuses what it should, naming the field, and passes what it should."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

import pytest

from ai_agent import TaskConfig, TaskRetryPolicy, TaskSubmitParams, ValidationError
from ai_agent._schema import Field, Shape, coerce, shape_of


class Colour(enum.StrEnum):
    RED = "RED"


CASES: list[tuple[Field, list[Any], list[Any]]] = [
    # (field, accepted values, refused values)
    (Field("n", "n", "string", min_length=2, max_length=3), ["ab", "abc"], ["a", "abcd", 5, None, "  "]),
    (Field("n", "n", "string", min_length=1), ["x", "ünï"], ["", "   ", "caf\udce9"]),
    (Field("n", "n", "string", pattern=r"^[a-z]+-\d+$"), ["task-1"], ["Task-1", "task-", "x task-1"]),
    (
        Field("n", "n", "string", format="date-time"),
        ["2025-11-18T10:00:00.000Z", datetime(2025, 1, 1, tzinfo=UTC)],
        ["yesterday", "2025-13-01T00:00:00Z"],
    ),
    (Field("n", "n", "string", format="date"), ["2025-11-18"], ["18/11/2025"]),
    (Field("n", "n", "string", format="uuid"), ["5f0c6c1e-8d7b-4b8e-9a51-0d1f1f3a2b4c"], ["not-a-uuid"]),
    (Field("n", "n", "string", format="email"), ["a@example.com"], ["a.example.com", "@example.com"]),
    (Field("n", "n", "string", enum=("RED", "BLUE")), ["RED", Colour.RED], ["red", "GREEN", 1]),
    (Field("n", "n", "integer", minimum=1, maximum=10), [1, 10], [0, 11, 1.5, True, "3", 2**70]),
    (Field("n", "n", "integer"), [-(2**63), 2**63 - 1], [2**63, -(2**63) - 1, 10**400]),
    (Field("n", "n", "integer", format="int32"), [2**31 - 1], [2**31]),
    (
        Field("n", "n", "number", exclusive_minimum=0, exclusive_maximum=1),
        [0.5],
        [0, 1, float("nan"), float("inf")],
    ),
    (Field("n", "n", "boolean"), [True, False], [1, "true", None]),
    (
        Field("n", "n", "array", min_items=1, max_items=2, items=Field("n", "n", "string", max_length=2)),
        [["a"], ("a", "bb")],
        [[], ["a", "b", "c"], ["abc"], "ab", {"a": 1}],
    ),
    (Field("n", "n", "object"), [{"a": [1, {"b": None}]}], [[1], "x", {1: "a"}, {"a": float("nan")}]),
    (Field("n", "n", "any"), [None, 1, "x", [1], {"a": 1}], [{1, 2}, object()]),
]


@pytest.mark.parametrize(("field", "accepted", "refused"), CASES, ids=lambda c: getattr(c, "kind", ""))
def test_each_keyword_refuses_what_it_should(field: Field, accepted: list[Any], refused: list[Any]) -> None:
    for value in accepted:
        field.check("Owner", value)
    for value in refused:
        with pytest.raises(ValidationError) as info:
            field.check("Owner", value)
        assert info.value.details["field"] == "n", value
        assert str(info.value.message).startswith("Owner.n "), info.value.message


def test_wire_forms_of_checked_values() -> None:
    assert Field("n", "n", "string", enum=("RED",)).check("O", Colour.RED) == "RED"
    assert Field("n", "n", "string", format="date-time").check("O", datetime(2025, 1, 1, tzinfo=UTC)) == (
        "2025-01-01T00:00:00+00:00"
    )
    assert Field("n", "n", "array", items=Field("n", "n", "string")).check("O", ("a", "b")) == ["a", "b"]


def test_a_params_dict_takes_python_or_wire_names_and_refuses_unknown_keys() -> None:
    shape = shape_of(TaskConfig)
    assert shape.wire({"retry_policy": {"maxRetries": 2}}, "config") == {"retryPolicy": {"maxRetries": 2}}
    assert shape.wire({"retryPolicy": {"max_retries": 2}}, "config") == {"retryPolicy": {"maxRetries": 2}}
    with pytest.raises(ValidationError, match=r"TaskConfig has no field 'retries'") as info:
        shape.wire({"retries": 2}, "config")
    assert info.value.details["field"] == "retries"


def test_required_fields_and_nested_params() -> None:
    with pytest.raises(
        ValidationError, match=r"TaskSubmitParams.type is required \(missing: type, payload\)"
    ):
        shape_of(TaskSubmitParams).wire({"name": "n"}, "params")
    params = TaskSubmitParams(
        name="n", type="t", payload=None, config={"timeout": 5, "retryPolicy": {"maxRetries": 1}}
    )
    assert isinstance(params.config, TaskConfig)
    assert isinstance(params.config.retry_policy, TaskRetryPolicy)
    assert params.to_wire() == {
        "name": "n",
        "type": "t",
        "payload": None,
        "config": {"timeout": 5, "retryPolicy": {"maxRetries": 1}},
    }
    with pytest.raises(ValidationError) as info:
        TaskSubmitParams(name="n", type="t", payload={}, config={"timeout": 0})
    assert info.value.details["field"] == "timeout"


def test_additional_properties_pass_through_only_where_the_schema_allows_them() -> None:
    class Open:
        pass

    shape = Shape(Open, [Field("a", "a", "integer")], additional=True)
    assert shape.wire({"a": 1, "extra": {"x": 1}}, "params") == {"a": 1, "extra": {"x": 1}}
    with pytest.raises(ValidationError):
        shape.wire({"a": 1, "extra": float("nan")}, "params")
    with pytest.raises(ValidationError, match="has no field"):
        coerce(TaskRetryPolicy, {"extra": 1}, "policy")
