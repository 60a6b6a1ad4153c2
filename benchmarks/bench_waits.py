"""Waits with blocking reads against polling, each against its own local orchestrator process
(``benchmarks/_orchestrator.py``) on loopback:

- notice lag: 200 tasks finishing at random times within 10 s, waited on by 200 concurrent
  ``wait_for_completion`` calls on the default pool of 10; a loop of ``tasks.get`` runs beside
  them (its p95 against the same loop without waiters), and the pool is sampled;
- cost: 1,000 tasks finishing evenly over 30 s and one ``wait_for_all`` (requests, blocking
  reads against polling with default settings); 100 tasks unfinished for a minute.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from contextlib import AbstractContextManager, suppress
from typing import Any

import httpx

from ai_agent import AgentClient, Task, TaskSubmitParams, TimeoutError

from ._harness import Row, server_process


def _orchestrator(long_poll: bool = True) -> AbstractContextManager[str]:
    return server_process("benchmarks._orchestrator", *([] if long_poll else ["--no-long-poll"]))


def _requests(url: str) -> list[dict[str, Any]]:
    answer = httpx.get(f"{url}/__admin/requests", headers={"Authorization": "Bearer bench"}, timeout=30)
    records: list[dict[str, Any]] = json.loads(answer.content)["data"]
    return records


def _completed_at(task: Task) -> float:
    assert task.result is not None
    return task.result.completed_at.timestamp()


def _p(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def _get_loop(client: AgentClient, task_id: str, stop: asyncio.Event, into: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await client.tasks.get(task_id)
        into.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.01)


async def _lag(
    url: str, count: int, spread: float, long_poll: bool, baseline: float = 1.0
) -> dict[str, float]:
    """Notice lag of ``count`` concurrent wait_for_completion calls, and what it cost."""
    rng = random.Random(7)
    async with AgentClient(api_url=url, api_key="bench", long_poll=long_poll) as client:
        probe = await client.tasks.submit(TaskSubmitParams(name="probe", type="timed", payload={"after": 0}))
        quiet: list[float] = []
        stop = asyncio.Event()
        loop = asyncio.create_task(_get_loop(client, probe.id, stop, quiet))
        await asyncio.sleep(baseline)  # the get loop alone: the baseline
        stop.set()
        await loop
        params = [
            TaskSubmitParams(
                name=f"lag{i}", type="timed", payload={"after": rng.uniform(min(0.5, spread), spread)}
            )
            for i in range(count)
        ]
        tasks = await client.tasks.submit_batch(params)
        before = len(_requests(url))
        returned: dict[str, tuple[float, Task]] = {}

        async def wait(task: Task) -> None:
            done = await client.tasks.wait_for_completion(task.id, timeout=spread + 30)
            returned[task.id] = (time.time(), done)

        busy: list[float] = []
        stop = asyncio.Event()
        loop = asyncio.create_task(_get_loop(client, probe.id, stop, busy))
        peak = 0

        async def sample() -> None:
            nonlocal peak
            pool = client._core.transport.pool.inner._pool
            while not stop.is_set():
                peak = max(peak, len(pool.connections))
                await asyncio.sleep(0.005)

        sampler = asyncio.create_task(sample())
        await asyncio.gather(*(wait(t) for t in tasks))
        stop.set()
        await loop
        await sampler
        requests = len(_requests(url)) - before - len(busy)
    lags = [(at - _completed_at(task)) * 1000 for at, task in returned.values()]
    return {
        "p50": _p(lags, 0.5),
        "p95": _p(lags, 0.95),
        "requests": requests,
        "peak_connections": peak,
        "get_p95_quiet": _p(quiet, 0.95),
        "get_p95_busy": _p(busy, 0.95),
    }


async def _batch_cost(url: str, count: int, spread: float, long_poll: bool) -> int:
    """Requests made by one wait_for_all on ``count`` tasks finishing evenly over ``spread`` s."""
    async with AgentClient(api_url=url, api_key="bench", long_poll=long_poll) as client:
        params = [
            TaskSubmitParams(name=f"b{i}", type="timed", payload={"after": spread * (i + 1) / count})
            for i in range(count)
        ]
        tasks = await client.tasks.submit_batch(params)
        before = len(_requests(url))
        await client.tasks.wait_for_all([t.id for t in tasks], timeout=spread + 60)
        return len(_requests(url)) - before


async def _idle_cost(url: str, count: int, minutes: float) -> int:
    """Requests made waiting ``minutes`` on ``count`` tasks that do not finish meanwhile."""
    async with AgentClient(api_url=url, api_key="bench") as client:
        params = [TaskSubmitParams(name=f"i{i}", type="timed", payload={"after": 3600}) for i in range(count)]
        tasks = await client.tasks.submit_batch(params)
        before = len(_requests(url))
        with suppress(TimeoutError):
            await client.tasks.wait_for_all([t.id for t in tasks], timeout=minutes * 60)
        return len(_requests(url)) - before


async def run(quick: bool) -> list[Row]:
    # --quick only proves the measurements run: short spreads, a few seconds of real time.
    count, spread = (20, 0.3) if quick else (200, 10.0)
    baseline = 0.2 if quick else 1.0
    batch, batch_spread = (50, 1.0) if quick else (1000, 30.0)
    idle, minutes = (100, 0.02) if quick else (100, 1.0)
    with _orchestrator() as url:
        held = await _lag(url, count, spread, long_poll=True, baseline=baseline)
    with _orchestrator() as url:
        polled = await _lag(url, count, spread, long_poll=False, baseline=baseline)
    with _orchestrator() as a, _orchestrator() as b, _orchestrator() as c:
        held_cost, polled_cost, idle_cost = await asyncio.gather(
            _batch_cost(a, batch, batch_spread, long_poll=True),
            _batch_cost(b, batch, batch_spread, long_poll=False),
            _idle_cost(c, idle, minutes),
        )
    rows = [
        Row(
            f"notice lag, {count} wait_for_completion, tasks ending within {spread:g} s: p95 (blocking reads vs polling)",
            f"{held['p95']:.0f} ms",
            f"{polled['p95']:.0f} ms",
            held["p95"] / polled["p95"],
            "p95 <= 50 ms",
            held["p95"] <= 50,
        ),
        Row(
            "notice lag: p50 (blocking reads vs polling)",
            f"{held['p50']:.0f} ms",
            f"{polled['p50']:.0f} ms",
            held["p50"] / polled["p50"],
            "",
            None,
        ),
        Row(
            "notice lag run: requests (blocking reads vs polling)",
            f"{held['requests']:.0f}",
            f"{polled['requests']:.0f}",
            held["requests"] / polled["requests"],
            "",
            None,
        ),
        Row(
            "notice lag run: tasks.get p95 beside the waiters (vs without them)",
            f"{held['get_p95_busy']:.1f} ms",
            f"{held['get_p95_quiet']:.1f} ms",
            held["get_p95_busy"] / held["get_p95_quiet"],
            "<= 2x",
            held["get_p95_busy"] <= 2 * held["get_p95_quiet"],
        ),
        Row(
            "notice lag run: most connections open (pool of 10)",
            f"{held['peak_connections']:.0f}",
            "10",
            held["peak_connections"] / 10,
            "<= 10",
            held["peak_connections"] <= 10,
        ),
        Row(
            f"wait_for_all of {batch} tasks ending evenly over {batch_spread:g} s: requests (blocking reads vs polling)",
            f"{held_cost}",
            f"{polled_cost}",
            held_cost / polled_cost,
            "<= polling",
            held_cost <= polled_cost,
        ),
        Row(
            f"{idle} tasks unfinished for {minutes * 60:g} s: requests",
            f"{idle_cost}",
            "",
            None,
            "<= 4 per minute",
            idle_cost <= max(4, 4 * minutes) or quick,
        ),
    ]
    return rows


def main(quick: bool) -> list[Row]:
    """The rows of this benchmark (it runs its own event loop)."""
    return asyncio.run(run(quick))
