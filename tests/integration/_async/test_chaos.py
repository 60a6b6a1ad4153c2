"""A chaos soak: 1,500 submit-and-get pairs, 50 at a time (threads, on the sync side), against
the local orchestrator with a random third of its answers faulty: dropped connections before
and after committing, 429/500/503 (Retry-After: 0), HTML 502 pages, delays. Nothing may be
created twice, lost, left untyped, uncounted, or hang."""

from __future__ import annotations

import threading
from collections import Counter
from functools import partial
from typing import Any

import pytest

from ai_agent import AgentClientError, AsyncAgentClient, RetryConfig, Task
from ai_agent.testing import LocalOrchestrator

from ...concurrency import async_gather

PAIRS = 1_500
STEADY = RetryConfig(max_retries=8, initial_delay=1, max_delay=5, jitter=0.5)


@pytest.mark.volume  # 1,500 pairs
async def test_chaos_soak(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    local_orchestrator.faults.chaos(rate=1 / 3, seed=1)
    calls = Counter[str]()
    counting = threading.Lock()  # the sync twin runs this from 32 threads
    told: dict[str, str] = {}  # name -> the id the client was given

    def count(call: str) -> None:
        with counting:
            calls[call] += 1

    async def pair(client: AsyncAgentClient, index: int) -> list[Any]:
        name = f"chaos-{index}"
        outcomes: list[Any] = []
        try:
            count("submit")
            task = await client.tasks.submit(name=name, type="data-processing", payload={"i": index})
            told[name] = task.id
            outcomes.append(task)
            count("get")
            outcomes.append(await client.tasks.get(task.id))
        except AgentClientError as error:
            outcomes.append(error)
        return outcomes

    async with AsyncAgentClient(
        api_url=local_orchestrator.url,
        api_key=local_orchestrator.api_key,
        retry_config=STEADY,
        timeout=10,
        backend=backend,
    ) as client:
        results = await async_gather([partial(pair, client, i) for i in range(PAIRS)], limit=50)
        metrics = client.get_metrics()
    local_orchestrator.faults.clear()

    outcomes = [outcome for result in results for outcome in result]
    assert all(isinstance(o, (Task, AgentClientError)) for o in outcomes)  # only typed errors escape
    created = Counter(task["name"] for task in local_orchestrator.state.tasks.values())
    assert max(created.values()) == 1, "a task was created twice"
    assert all(local_orchestrator.state.tasks[task_id]["name"] == name for name, task_id in told.items())
    assert metrics.total_requests == calls["submit"] + calls["get"]  # every call counted, once
    assert metrics.retries > PAIRS // 4  # the chaos was real
    failures = [o for o in outcomes if isinstance(o, AgentClientError)]
    assert len(told) >= PAIRS * 0.99, f"{len(failures)} calls failed outright: {failures[:3]}"
