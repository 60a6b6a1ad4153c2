"""Blocking reads against the local orchestrator: a change is noticed as the server makes it,
none is missed between two reads, many waiters share few held connections, a proxy cutting a
held read is survived, a server shutdown mid-hold ends in a typed error, and servers without
the extension are polled."""

from __future__ import annotations

import time
from datetime import datetime
from functools import partial
from typing import Any

import pytest

from ai_agent import (
    AsyncAgentClient,
    ClientClosedError,
    ConnectionError,
    PoolConfig,
    RetryConfig,
    TaskSubmitParams,
)
from ai_agent.testing import LocalOrchestrator

from ...concurrency import AsyncBackground, async_gather, async_sleep, async_wait_until
from ..handlers import slow_handler

QUICK = RetryConfig(max_retries=2, initial_delay=1, max_delay=5, jitter=0)


def job(name: str, task_type: str = "data-processing", payload: Any = None) -> TaskSubmitParams:
    return TaskSubmitParams(name=name, type=task_type, payload=payload)


def finished_at(task: Any) -> float:
    """When the server marked the task finished (its completedAt), as a Unix time."""
    return datetime.fromisoformat(task.result.completed_at.isoformat()).timestamp()


async def test_a_change_is_noticed_at_once(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    local_orchestrator.state.handlers["slow"] = slow_handler(1.0, "done")
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend
    ) as client:
        task = await client.tasks.submit(job("slow", "slow"))
        done = await client.tasks.wait_for_completion(task.id, timeout=10)
        returned = time.time()
        metrics = client.get_metrics()
    assert done.status == "COMPLETED"
    assert returned - finished_at(done) < 0.25  # polling would have slept up to 0.75 s here
    held = [r for r in local_orchestrator.requests if "wait=" in r.query]
    assert held
    assert metrics.by_operation["tasks.watch"].total_requests == len(held)
    # Held reads count as requests, but their hold does not inflate the latency figures.
    assert metrics.by_operation["tasks.watch"].average_latency > 300
    assert metrics.average_latency < 100


async def test_no_change_is_missed_between_reads(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    handlers = local_orchestrator.state.handlers
    for i in range(30):
        handlers[f"t{i}"] = slow_handler(0.2 + i * 0.01, i)  # finishing 10 ms apart
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend
    ) as client:
        tasks = await client.tasks.submit_batch([job(f"t{i}", f"t{i}") for i in range(30)])
        seen: dict[str, list[str]] = {}
        async for task in client.tasks.watch([t.id for t in tasks], timeout=20):
            seen.setdefault(task.id, []).append(str(task.status))
    assert sorted(seen) == sorted(t.id for t in tasks)
    assert all(statuses[-1] == "COMPLETED" for statuses in seen.values())
    assert all(len(statuses) == len(set(statuses)) for statuses in seen.values())  # each change once


async def test_many_waiters_share_few_held_reads(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    for i in range(150):
        local_orchestrator.state.handlers[f"w{i}"] = slow_handler(0.5 + (i % 10) * 0.1, i)
    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        pool_config=PoolConfig(max_connections=10),
        backend=backend,
    ) as client:
        tasks = await client.tasks.submit_batch([job(f"w{i}", f"w{i}") for i in range(150)])
        await client.tasks.get(tasks[0].id)  # the server's answer shows X-Revision
        done = await async_gather(
            [partial(client.tasks.wait_for_completion, t.id, 20) for t in tasks], limit=150
        )
        # Meanwhile the pool was not starved: other calls went through.
        assert (await client.agents.list()).total == 0
    assert [str(t.status) for t in done] == ["COMPLETED"] * 150
    assert local_orchestrator.app.max_holding <= 3  # 2 groups of up to 100 ids, plus a join read
    held = [r for r in local_orchestrator.requests if "wait=" in r.query]
    assert len(held) < 150  # far fewer than one per waiter


async def test_a_proxy_cutting_held_reads_is_survived(
    local_orchestrator: LocalOrchestrator, backend: str
) -> None:
    local_orchestrator.state.handlers["slow"] = slow_handler(3.0, "done")
    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        retry_config=QUICK,
        backend=backend,
    ) as client:
        task = await client.tasks.submit(job("slow", "slow"))
        await client.tasks.get(task.id)
        # Like an idle timeout of one second: every held read is cut after 1.1 s.
        local_orchestrator.faults.add(
            "drop_before", method="GET", path="/tasks", query="wait=", delay=1.1, times=2
        )
        done = await client.tasks.wait_for_completion(task.id, timeout=15)
        metrics = client.get_metrics()
    assert done.status == "COMPLETED"
    assert local_orchestrator.faults.pending == []  # both cuts happened
    assert metrics.failed_requests == 0  # a cut hold is not a failure
    assert metrics.retries == 0  # nor a retry: re-issued at once


async def test_server_shutdown_mid_hold_is_a_typed_error(backend: str) -> None:
    with LocalOrchestrator(api_key="k", handlers={"slow": slow_handler(30, None)}) as server:
        client = AsyncAgentClient(api_url=server.url, api_key="k", retry_config=QUICK, backend=backend)
        task = await client.tasks.submit(job("slow", "slow"))
        await client.tasks.get(task.id)
        async with AsyncBackground() as background:
            waiting = background.start(client.tasks.wait_for_completion, task.id, 30.0)
            await async_wait_until(lambda: server.app.holding > 0)
            server.stop()
            started = time.monotonic()
            with pytest.raises(ConnectionError):
                await waiting.result(timeout=15)
            assert time.monotonic() - started < 10
        await client.close()


async def test_close_mid_hold_wakes_the_waiter(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    local_orchestrator.state.handlers["slow"] = slow_handler(30, None)
    client = AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend
    )
    task = await client.tasks.submit(job("slow", "slow"))
    await client.tasks.get(task.id)
    async with AsyncBackground() as background:
        waiting = background.start(client.tasks.wait_for_completion, task.id, 60.0)
        await async_wait_until(lambda: local_orchestrator.app.holding > 0)
        await async_sleep(0.05)
        started = time.monotonic()
        await client.close()
        with pytest.raises(ClientClosedError):
            await waiting.result()
        assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    "extensions", [(), ("ids_filter", "batch", "idempotency")], ids=["none", "no-long-poll"]
)
async def test_servers_without_blocking_reads_are_polled(backend: str, extensions: tuple[str, ...]) -> None:
    with LocalOrchestrator(api_key="k", task_delay=0.3, extensions=extensions) as server:
        async with AsyncAgentClient(api_url=server.url, api_key="k", backend=backend) as client:
            task = await client.tasks.submit(job("j"))
            done = await client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.05)
            both = await client.tasks.submit_batch([job("a"), job("b")])
            finished = await client.tasks.wait_for_all([t.id for t in both], timeout=10, poll_interval=0.05)
    assert done.status == "COMPLETED"
    assert [str(t.status) for t in finished] == ["COMPLETED", "COMPLETED"]
    assert not [r for r in server.requests if "wait=" in r.query]
    assert "x-revision" not in {k.lower() for r in server.requests for k in r.headers}


async def test_long_poll_can_be_switched_off(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    async with AsyncAgentClient(
        api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, long_poll=False, backend=backend
    ) as client:
        task = await client.tasks.submit(job("j"))
        await client.tasks.wait_for_completion(task.id, timeout=10, poll_interval=0.02)
    assert not [r for r in local_orchestrator.requests if "wait=" in r.query]
