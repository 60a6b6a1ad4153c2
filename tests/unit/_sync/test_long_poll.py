# Generated from tests/unit/_async/test_long_poll.py by scripts/unasync.py: do not edit; run `make generate`.
"""Waits on a server with blocking reads (pytest-httpx playing the server): the first plain
read shows X-Revision, then the client holds one read for all the ids, resuming with `after`;
long_poll=False, and servers without the extension (or without the ids filter), poll."""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import SyncAgentClient
from ai_agent._sync import watcher

from ...concurrency import gather, sleep
from ...helpers import BASE, KEY, SyncFakeClock, ok, page, task_json


class Server:
    """Answers GET /tasks/{id} and GET /tasks?ids= from a script of states, with X-Revision."""

    def __init__(
        self, states: dict[str, list[str]], revision_header: bool = True, ids_filter: bool = True
    ) -> None:
        self.states = {task_id: list(s) for task_id, s in states.items()}
        self.revision = 10
        self.revision_header = revision_header
        self.ids_filter = ids_filter
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.read: set[str] = set()

    def task(self, task_id: str) -> dict[str, Any]:
        """The task's next state each time it is read again (its first read shows the first)."""
        queue = self.states[task_id]
        if task_id in self.read and len(queue) > 1:
            queue.pop(0)
            self.revision += 1
        self.read.add(task_id)
        return task_json(task_id, status=queue[0], revision=self.revision)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        query = {k: v[0] for k, v in parse_qs(urlsplit(str(request.url)).query).items()}
        self.seen.append((request.url.path, query))
        headers = {"X-Revision": str(self.revision)} if self.revision_header else {}
        if request.url.path == "/tasks":
            wanted = query["ids"].split(",") if self.ids_filter else list(self.states)
            items = [self.task(t) for t in wanted]
            headers = {"X-Revision": str(self.revision)} if self.revision_header else {}
            return httpx.Response(200, json=page(items, limit=100), headers=headers)
        task_id = request.url.path.rsplit("/", 1)[1]
        return httpx.Response(200, json=ok(self.task(task_id)), headers=headers)


def client(fake_clock: SyncFakeClock, **options: Any) -> SyncAgentClient:
    return SyncAgentClient(api_url=BASE, api_key=KEY, clock=fake_clock.clock, **options)


def test_wait_for_completion_uses_blocking_reads(httpx_mock: HTTPXMock, fake_clock: SyncFakeClock) -> None:
    server = Server({"t1": ["PENDING", "IN_PROGRESS", "COMPLETED"]})
    httpx_mock.add_callback(server, is_reusable=True)
    seen: list[str] = []
    with client(fake_clock) as c:
        done = c.tasks.wait_for_completion("t1", on_status=lambda t: seen.append(str(t.status)))
        metrics = c.get_metrics()
    assert done.status == "COMPLETED"
    assert seen == ["PENDING", "IN_PROGRESS", "COMPLETED"]
    assert server.seen[0] == ("/tasks/t1", {})  # the plain read that shows X-Revision
    held = [q for path, q in server.seen[1:]]
    assert [q["wait"] for q in held] == ["20", "20"]
    assert [q["after"] for q in held] == ["10", "11"]  # each resumes where the last answer stood
    assert all(q["ids"] == "t1" for q in held)
    assert fake_clock.sleeps == []  # no polling pauses
    assert metrics.by_operation["tasks.watch"].total_requests == 2


def test_many_waits_share_one_read(
    httpx_mock: HTTPXMock, fake_clock: SyncFakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first read waits for callers that start together to register (2 ms for threads); on a
    # loaded machine a thread may start later than that, and then gets a read of its own. That is
    # right, but not what this test is about: give the callers 100 ms.
    monkeypatch.setattr(watcher, "linger", partial(sleep, 0.1))
    server = Server({f"t{i}": ["PENDING", "COMPLETED"] for i in range(5)})
    httpx_mock.add_callback(server, is_reusable=True)
    with client(fake_clock) as c:
        first = c.tasks.wait_for_all(["t0"])  # learns that the server has blocking reads
        assert first[0].status == "COMPLETED"
        server.seen.clear()
        done = gather([lambda i=i: c.tasks.wait_for_completion(f"t{i}") for i in range(1, 5)])
    assert [str(t.status) for t in done] == ["COMPLETED"] * 4
    held = [q for _, q in server.seen if "wait" in q]
    # One read for them all; on the sync side a thread that starts late may be covered by the
    # short read for newcomers instead, never by one read per caller.
    assert len(held) <= 2
    assert sorted(i for q in held for i in q["ids"].split(",")) == ["t1", "t2", "t3", "t4"]


def test_long_poll_false_polls(httpx_mock: HTTPXMock, fake_clock: SyncFakeClock) -> None:
    server = Server({"t1": ["PENDING", "PENDING", "COMPLETED"]})
    httpx_mock.add_callback(server, is_reusable=True)
    with client(fake_clock, long_poll=False) as c:
        c.tasks.wait_for_completion("t1", poll_interval=1)
    assert all("wait" not in q for _, q in server.seen)
    assert fake_clock.sleeps  # paused between polls


@pytest.mark.parametrize(("revision_header", "ids_filter"), [(False, True), (True, False)])
def test_servers_lacking_the_extension_are_polled(
    httpx_mock: HTTPXMock, fake_clock: SyncFakeClock, revision_header: bool, ids_filter: bool
) -> None:
    states = {"a": ["PENDING", "COMPLETED"], "b": ["PENDING", "COMPLETED"], "other": ["COMPLETED"]}
    server = Server(states, revision_header, ids_filter)
    httpx_mock.add_callback(server, is_reusable=True)
    with client(fake_clock) as c:
        done = c.tasks.wait_for_all(["a", "b"], poll_interval=1)
    assert [str(t.status) for t in done] == ["COMPLETED", "COMPLETED"]
    assert all("wait" not in q for _, q in server.seen)


def test_watch_yields_current_state_then_each_change(
    httpx_mock: HTTPXMock, fake_clock: SyncFakeClock
) -> None:
    server = Server({"a": ["QUEUED", "IN_PROGRESS", "COMPLETED"], "b": ["FAILED"]})
    httpx_mock.add_callback(server, is_reusable=True)
    with client(fake_clock) as c:
        events = [(t.id, str(t.status)) for t in c.tasks.watch(["a", "b", "a"])]
    assert events[:2] == [("a", "QUEUED"), ("b", "FAILED")]
    assert events[2:] == [("a", "IN_PROGRESS"), ("a", "COMPLETED")]
