"""Hostile inputs for the property-based harness (``tests/*/_async/test_property_harness.py``),
and a mock orchestrator that answers every well-formed call correctly.

Example counts: ``AI_AGENT_FUZZ=long`` runs many more examples with a random seed (to look for
new holes); by default a fixed seed and a bounded number keep ``make test`` fast and repeatable.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

LONG = os.environ.get("AI_AGENT_FUZZ") == "long"
FUZZ = settings(
    max_examples=3000 if LONG else 150,
    derandomize=not LONG,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
TS = "2025-11-18T10:00:00.000Z"


def deep(levels: int) -> Any:
    value: Any = "bottom"
    for _ in range(levels):
        value = {"next": value}
    return value


def looped_list() -> list[Any]:
    value: list[Any] = []
    value.append(value)
    return value


def looped_dict() -> dict[str, Any]:
    value: dict[str, Any] = {}
    value["self"] = value
    return value


class Opaque:
    """Not JSON, with a repr that fails."""

    def __repr__(self) -> str:
        raise RuntimeError("repr refuses")


weird_char = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
    st.sampled_from(list("\r\n\x00\t %/?#,.é\u2028")),
)
text = st.one_of(
    st.text(weird_char, max_size=12),
    st.sampled_from(["", " ", ".", "..", "a/b", "x" * 256, "x" * 2000, "ü" * 600, "\r\n", "a\x00b"]),
    st.just("y" * 100_000),
)
numbers = st.one_of(
    st.integers(-5, 2**40),
    st.floats(),
    st.sampled_from(
        [float("nan"), float("inf"), -float("inf"), 10**400, 2**63, 2**31, -1, 0, 1e300, True, False]
    ),
)
# Built by a call, so that a failure report shows "deep(5000)" rather than trying to print it.
special = st.one_of(
    st.builds(deep, st.just(5_000)),
    st.builds(looped_list),
    st.builds(looped_dict),
    st.builds(Opaque),
    st.sampled_from([{1: "x"}, {"k": {1, 2}}, b"bytes", {1, 2}, (1, 2), ...]),
)
leaves = st.one_of(st.none(), text, numbers)
structures = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.one_of(text, numbers), children, max_size=3)
    ),
    max_leaves=8,
)
anything = st.one_of(leaves, structures, special)


def sometimes(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Valid values half the time, so calls also get past validation and reach the server."""
    return st.one_of(valid, anything)


ids = sometimes(st.sampled_from(["task-1", "a b", "ü", "%2F", "x" * 1024]))
agent_types = sometimes(st.sampled_from(["WORKER", "MONITOR"]))
agent_statuses = sometimes(st.sampled_from(["READY", "PAUSED"]))
task_statuses = sometimes(st.sampled_from(["PENDING", "FAILED"]))
priorities = sometimes(st.sampled_from(["LOW", "HIGH", None]))
names = sometimes(st.sampled_from(["name", "日本語 ✓"]))
payloads = sometimes(
    st.one_of(st.sampled_from([{"rows": [1, 2]}, None, [], "x"]), st.builds(deep, st.just(90)))
)
pages = sometimes(st.integers(1, 5))
limits = sometimes(st.integers(1, 100))
timeouts = sometimes(st.sampled_from([0.5, 30, 3600]))
callbacks = st.sampled_from([None, lambda *a: None, 42, "print"])
capabilities = sometimes(st.lists(st.sampled_from(["x", "y"]), max_size=3))
metadata = sometimes(st.sampled_from([None, {"k": 1}]))
idempotency_keys = sometimes(st.sampled_from([None, "order-42"]))
headers = sometimes(st.sampled_from([{"X-Team": "a"}, {}]))


def _task(task_id: str, status: str = "COMPLETED") -> dict[str, Any]:
    return {
        "id": task_id,
        "name": "n",
        "type": "t",
        "status": status,
        "priority": "NORMAL",
        "payload": None,
        "createdAt": TS,
        "updatedAt": TS,
    }


def _agent(agent_id: str) -> dict[str, Any]:
    return {
        "id": agent_id,
        "name": "a",
        "type": "WORKER",
        "status": "READY",
        "capabilities": ["x"],
        "createdAt": TS,
        "updatedAt": TS,
    }


def _ok(data: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json={"success": True, "data": data, "timestamp": TS})


def _page(items: list[Any]) -> dict[str, Any]:
    return {"data": items, "pagination": {"page": 1, "limit": 100, "total": len(items), "pages": 1}}


class MockOrchestrator:
    """Answers every well-formed request as a correct server would; counts what it received."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        raw = request.url.raw_path.decode("ascii").split("?", 1)[0]
        parts = [unquote(p) for p in raw.strip("/").split("/")]
        method = request.method
        if parts == ["health"]:
            return httpx.Response(200, json={"status": "UP", "timestamp": TS})
        if parts[0] == "agents":
            if len(parts) == 1:
                return _ok(_agent("agent-1"), 201) if method == "POST" else _ok(_page([_agent("agent-1")]))
            if len(parts) == 3:
                return _ok({"status": "READY"})
            return _ok(None) if method == "DELETE" else _ok(_agent(parts[1]))
        if parts == ["tasks", "batch"] and method == "POST":
            items = json.loads(request.content)["tasks"]
            return _ok({"results": [{"success": True, "data": _task(f"t{i}")} for i, _ in enumerate(items)]})
        if parts == ["tasks"]:
            if method == "POST":
                return _ok(_task("task-1"), 201)
            query = parse_qs(urlsplit(str(request.url)).query)
            wanted = query.get("ids", [""])[0].split(",") if "ids" in query else ["task-1"]
            return _ok(_page([_task(task_id) for task_id in wanted if task_id]))
        if len(parts) == 3:  # cancel, retry
            return _ok(_task(parts[1], "CANCELLED" if parts[2] == "cancel" else "PENDING"))
        return _ok(_task(parts[1]))
