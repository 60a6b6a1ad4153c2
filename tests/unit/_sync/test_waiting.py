# Generated from tests/unit/_async/test_waiting.py by scripts/unasync.py: do not edit; run `make generate`.
"""wait_for_completion, wait_for_all and submit_batch: request counts, deadlines, fallbacks."""

from __future__ import annotations

import json
import threading
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import (
    AgentClientError,
    BatchSubmitError,
    NotFoundError,
    PoolConfig,
    SyncAgentClient,
    TaskSubmitParams,
    TimeoutError,
    ValidationError,
)

from ...concurrency import sleep
from ...helpers import BASE, KEY, SyncFakeClock, fail, ok, page, task_json


def statuses(sequence: list[str]) -> Any:
    """A callback answering GET /tasks/task-1 with each status in turn."""
    remaining = list(sequence)

    def answer(request: httpx.Request) -> httpx.Response:
        status = remaining.pop(0) if len(remaining) > 1 else remaining[0]
        return httpx.Response(200, json=ok(task_json(status=status)))

    return answer


def test_wait_for_completion_polls_with_backoff(
    client: SyncAgentClient, httpx_mock: HTTPXMock, fake_clock: SyncFakeClock
) -> None:
    httpx_mock.add_callback(
        statuses(["PENDING", "QUEUED", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"]),
        url=f"{BASE}/tasks/task-1",
        is_reusable=True,
    )
    seen: list[str] = []
    task = client.tasks.wait_for_completion(
        "task-1", poll_interval=1, max_poll_interval=2, on_status=lambda t: seen.append(str(t.status))
    )
    assert task.status == "COMPLETED"
    assert fake_clock.sleeps == [1, 1.5, 2, 2]
    assert seen == ["PENDING", "QUEUED", "IN_PROGRESS", "COMPLETED"]


@pytest.mark.parametrize("terminal", ["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"])
def test_any_terminal_status_ends_the_wait(
    client: SyncAgentClient, httpx_mock: HTTPXMock, terminal: str
) -> None:
    httpx_mock.add_callback(
        statuses(["RUNNING_NEW_STATE", terminal]), url=f"{BASE}/tasks/task-1", is_reusable=True
    )
    assert (client.tasks.wait_for_completion("task-1")).status == terminal


def test_wait_for_completion_deadline(
    client: SyncAgentClient, httpx_mock: HTTPXMock, fake_clock: SyncFakeClock
) -> None:
    httpx_mock.add_callback(statuses(["IN_PROGRESS"]), url=f"{BASE}/tasks/task-1", is_reusable=True)
    start = fake_clock.now
    with pytest.raises(TimeoutError) as info:
        client.tasks.wait_for_completion("task-1", timeout=10, poll_interval=1, max_poll_interval=4)
    assert fake_clock.now - start == pytest.approx(10)  # never sleeps past the deadline
    assert info.value.timeout == 10_000
    assert info.value.last_status == "IN_PROGRESS"
    assert "IN_PROGRESS" in str(info.value)


def test_wait_for_all_uses_the_ids_filter(
    client: SyncAgentClient, httpx_mock: HTTPXMock, fake_clock: SyncFakeClock
) -> None:
    ids = [f"task-{i}" for i in range(250)]
    served = {"n": 0}

    def answer(request: httpx.Request) -> httpx.Response:
        served["n"] += 1
        wanted = parse_qs(urlsplit(str(request.url)).query)["ids"][0].split(",")
        done = served["n"] > 6  # rounds 1 and 2 (3 chunks each) see 25 finished, round 3 all
        tasks = [
            task_json(t, status="COMPLETED" if done or t.endswith("0") else "IN_PROGRESS") for t in wanted
        ]
        return httpx.Response(200, json=page(tasks, limit=100))

    httpx_mock.add_callback(answer, method="GET", is_reusable=True)
    progress: list[tuple[int, int]] = []

    def on_progress(finished: int, total: int) -> None:
        progress.append((finished, total))

    result = client.tasks.wait_for_all(ids, on_progress=on_progress)
    assert [t.id for t in result] == ids
    requests = httpx_mock.get_requests()
    assert all(r.url.path == "/tasks" for r in requests)
    # round 1: 3 chunks (100 + 100 + 50); each later round asks only for the unfinished ones
    first_round = requests[:3]
    assert sorted(len(parse_qs(r.url.query.decode())["ids"][0].split(",")) for r in first_round) == [
        50,
        100,
        100,
    ]
    assert len(requests) == 9  # 3 rounds x 3 chunks: never one request per task
    assert progress == [(25, 250), (250, 250)]
    assert client._core.features.ids_filter is True


def test_wait_for_all_falls_back_when_the_filter_is_ignored(
    client: SyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    # A server without the extension returns its first page of all tasks.
    httpx_mock.add_response(
        url=f"{BASE}/tasks?page=1&limit=100&ids=a%2Cb", json=page([task_json("zzz"), task_json("a")])
    )
    httpx_mock.add_response(url=f"{BASE}/tasks/a", json=ok(task_json("a", status="COMPLETED")))
    httpx_mock.add_response(url=f"{BASE}/tasks/b", json=ok(task_json("b", status="FAILED")))
    result = client.tasks.wait_for_all(["a", "b", "a"])
    assert [(t.id, t.status) for t in result] == [("a", "COMPLETED"), ("b", "FAILED"), ("a", "COMPLETED")]
    assert client._core.features.ids_filter is False


def test_wait_for_all_missing_task_is_not_found(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/tasks?page=1&limit=100&ids=a%2Cghost", json=page([task_json("a", status="COMPLETED")])
    )
    httpx_mock.add_response(
        url=f"{BASE}/tasks/ghost", status_code=404, json=fail("NOT_FOUND", "Task ghost not found")
    )
    with pytest.raises(NotFoundError):
        client.tasks.wait_for_all(["a", "ghost"])


def test_wait_for_all_fallback_never_exceeds_the_pool(
    httpx_mock: HTTPXMock, fake_clock: SyncFakeClock
) -> None:
    in_flight = {"now": 0, "max": 0}
    lock = threading.Lock()

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/tasks":
            return httpx.Response(404, json=fail("NOT_FOUND", "no"))  # cannot list at all
        with lock:
            in_flight["now"] += 1
            in_flight["max"] = max(in_flight["max"], in_flight["now"])
        sleep(0.001)
        with lock:
            in_flight["now"] -= 1
        return httpx.Response(200, json=ok(task_json(request.url.path.rsplit("/", 1)[1], status="COMPLETED")))

    httpx_mock.add_callback(answer, is_reusable=True)
    with SyncAgentClient(
        api_url=BASE, api_key=KEY, pool_config=PoolConfig(max_connections=4), clock=fake_clock.clock
    ) as client:
        client._core.features.ids_filter = False
        result = client.tasks.wait_for_all([f"t{i}" for i in range(40)])
    assert len(result) == 40
    assert in_flight["max"] <= 4


def test_wait_for_all_deadline_names_the_unfinished(
    client: SyncAgentClient, httpx_mock: HTTPXMock, fake_clock: SyncFakeClock
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        wanted = request.url.params["ids"].split(",")
        states = {"a": "COMPLETED", "b": "IN_PROGRESS"}
        return httpx.Response(200, json=page([task_json(t, status=states[t]) for t in wanted], limit=100))

    httpx_mock.add_callback(answer, is_reusable=True)
    with pytest.raises(TimeoutError) as info:
        client.tasks.wait_for_all(["a", "b"], timeout=3)
    assert info.value.last_status == {"b": "IN_PROGRESS"}
    assert info.value.timeout == 3000


def test_ids_with_commas_are_polled_one_by_one(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE}/tasks/a%2Cb", json=ok(task_json("a,b", status="COMPLETED")))
    result = client.tasks.wait_for_all(["a,b"])
    assert result[0].id == "a,b"


# -- submit_batch ---------------------------------------------------------------------


def batch_answer(fail_names: set[str] | None = None) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        items = json.loads(request.content)["tasks"]
        results = [
            {"success": False, "error": {"code": "VALIDATION_ERROR", "message": f"bad {item['name']}"}}
            if item["name"] in (fail_names or set())
            else {"success": True, "data": task_json(f"id-{item['name']}")}
            for item in items
        ]
        return httpx.Response(200, json=ok({"results": results}))

    return answer


def params(n: int) -> list[TaskSubmitParams]:
    return [TaskSubmitParams(name=str(i), type="t", payload=i) for i in range(n)]


def test_submit_batch_in_chunks_in_order(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(batch_answer(), method="POST", url=f"{BASE}/tasks/batch", is_reusable=True)
    tasks = client.tasks.submit_batch(params(250))
    assert [t.id for t in tasks] == [f"id-{i}" for i in range(250)]
    requests = httpx_mock.get_requests()
    assert [len(json.loads(r.content)["tasks"]) for r in requests] == [100, 100, 50]
    assert len({r.headers["Idempotency-Key"] for r in requests}) == 3


def test_submit_batch_partial_failure_loses_nothing(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_callback(batch_answer({"1"}), method="POST", url=f"{BASE}/tasks/batch", is_reusable=True)
    with pytest.raises(BatchSubmitError) as info:
        client.tasks.submit_batch(params(3))
    assert [t.id for t in info.value.succeeded] == ["id-0", "id-2"]
    [(index, error)] = info.value.failed
    assert index == 1
    assert isinstance(error, ValidationError)
    mixed = client.tasks.submit_batch(params(3), return_exceptions=True)
    assert isinstance(mixed[1], AgentClientError)


@pytest.mark.parametrize("status", [404, 405])
def test_submit_batch_falls_back_to_single_submits(
    client: SyncAgentClient, httpx_mock: HTTPXMock, status: int
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks/batch", status_code=status)

    def single(request: httpx.Request) -> httpx.Response:
        name = json.loads(request.content)["name"]
        return httpx.Response(201, json=ok(task_json(f"id-{name}")))

    httpx_mock.add_callback(single, method="POST", url=f"{BASE}/tasks", is_reusable=True)
    tasks = client.tasks.submit_batch(params(5), idempotency_key="job-7")
    assert [t.id for t in tasks] == [f"id-{i}" for i in range(5)]
    singles = [r for r in httpx_mock.get_requests() if r.url.path == "/tasks"]
    assert sorted(r.headers["Idempotency-Key"] for r in singles) == [f"job-7:{i}" for i in range(5)]
    # the server's answer is remembered: the next batch goes straight to single submits
    client.tasks.submit_batch(params(1))
    assert len([r for r in httpx_mock.get_requests() if r.url.path == "/tasks/batch"]) == 1


def test_submit_batch_wrong_result_count_is_reported(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks/batch", json=ok({"results": []}))
    results = client.tasks.submit_batch(params(2), return_exceptions=True)
    assert all(isinstance(r, AgentClientError) for r in results)


def test_submit_batch_empty(client: SyncAgentClient, httpx_mock: HTTPXMock) -> None:
    assert client.tasks.submit_batch([]) == []
    assert httpx_mock.get_requests() == []
