"""One SyncAgentClient shared by many threads, the normal way to use it (like httpx.Client):
exact metrics, never more connections than the pool allows, close() never leaves a thread
hanging, and it works where asyncio would not (inside a running loop's thread, after fork)."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from ai_agent import ClientClosedError, PoolConfig, SyncAgentClient, TaskSubmitParams
from ai_agent.testing import LocalOrchestrator

from ..helpers import open_connections
from .conftest import ServedOrchestrator

JOB = TaskSubmitParams(name="job", type="data-processing", payload={"n": 1})


@pytest.mark.volume  # 10,000 requests
def test_32_threads_10000_requests(served_orchestrator: ServedOrchestrator) -> None:
    pool = PoolConfig(max_connections=8)
    server = served_orchestrator
    with SyncAgentClient(api_url=server.url, api_key=server.api_key, pool_config=pool) as client:
        task = client.tasks.submit(JOB)
        client.reset_metrics()
        peak = {"connections": 0}
        stop = threading.Event()

        def watch() -> None:  # samples the pool while the threads run
            while not stop.is_set():
                peak["connections"] = max(peak["connections"], open_connections(client))
                time.sleep(0.002)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            with ThreadPoolExecutor(max_workers=32) as threads:
                ids = list(threads.map(lambda i: client.tasks.get(task.id).id, range(10_000)))
        finally:
            stop.set()
            watcher.join()
        metrics = client.get_metrics()
    assert ids == [task.id] * 10_000
    assert (metrics.total_requests, metrics.successful_requests, metrics.failed_requests) == (
        10_000,
        10_000,
        0,
    )
    assert metrics.by_operation["tasks.get"].total_requests == 10_000
    received = [r for r in server.admin("/requests") if r["path"] == f"/tasks/{task.id}"]
    assert len(received) == 10_000
    ports = {r["client"] for r in received}
    assert len(ports) <= 8, f"{len(ports)} connections for a pool of 8"
    assert peak["connections"] <= 8


def test_close_from_another_thread_never_leaves_one_hanging(local_orchestrator: LocalOrchestrator) -> None:
    local_orchestrator.faults.add("delay", method="GET", path="/tasks", delay=5.0, times=1000)
    client = SyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        timeout=20,
        pool_config=PoolConfig(max_connections=4),
    )
    outcomes: list[Any] = []

    def call() -> None:
        try:
            outcomes.append(client.tasks.list())
        except Exception as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=call) for _ in range(16)]  # 4 in the pool, 12 queued
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 5
    while len(local_orchestrator.requests) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    client.close()
    for thread in threads:
        thread.join(5)
    assert time.monotonic() - started < 2.0
    assert not any(thread.is_alive() for thread in threads)
    assert len(outcomes) == 16
    assert all(isinstance(outcome, ClientClosedError) for outcome in outcomes), outcomes
    with pytest.raises(ClientClosedError):
        client.tasks.list()


def test_works_inside_a_running_event_loop(local_orchestrator: LocalOrchestrator) -> None:
    async def view() -> str:  # e.g. a sync library called from an async web framework's thread
        with SyncAgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key) as client:
            task = client.tasks.submit(JOB)
            return str(client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.01).status)

    assert asyncio.run(view()) == "COMPLETED"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_after_fork(local_orchestrator: LocalOrchestrator) -> None:
    parent = SyncAgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key)
    parent.health()  # the parent has a pooled connection now
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a new client, and the inherited one (its pool is rebuilt)
        code = 1
        try:
            with SyncAgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key) as child:
                task = child.tasks.submit(JOB)
                done = child.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.01)
            inherited = parent.health()
            os.write(write, f"{done.status} {inherited.status}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    answer = os.read(read, 100).decode()
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0
    assert answer == "COMPLETED UP"
    assert parent.health().status == "UP"  # the parent's own pool still works
    parent.close()
