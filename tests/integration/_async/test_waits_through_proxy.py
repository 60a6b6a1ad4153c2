"""Waits through a proxy that cuts idle connections after 3 s (as load balancers do), against
the same waits without it, run side by side: every completion is still noticed within 100 ms
(p95), no call fails, and the proxy costs at most twice the requests."""

from __future__ import annotations

import statistics
import time
from datetime import datetime
from functools import partial

from ai_agent import AsyncAgentClient, MetricsSnapshot, Task
from ai_agent.testing import LocalOrchestrator

from ...concurrency import async_gather
from ..realnet import idle_cutting_relay, sleepy_handler

KEY = "sk-idle-key-1234567890"
# Seconds each task runs: quick ones, and long idle stretches (3.4 s and 1.4 s after the
# previous completion) that the proxy cuts.
DURATIONS = (0.4, 0.9, 1.5, 2.2, 5.6, 7.0)


async def wait_all(url: str, backend: str) -> tuple[list[float], MetricsSnapshot]:
    """Submit the tasks, wait for each on its own; each wait's lateness in seconds (when it
    returned, less when the server completed the task), and the client's metrics."""
    async with AsyncAgentClient(url, api_key=KEY, backend=backend, long_poll_hold=20) as client:
        tasks = [
            await client.tasks.submit(name=f"t{i}", type="sleepy", payload={"seconds": seconds})
            for i, seconds in enumerate(DURATIONS)
        ]

        async def noticed(task: Task) -> float:
            done = await client.tasks.wait_for_completion(task.id, timeout=30)
            returned = time.time()
            assert done.status == "COMPLETED"
            assert done.result is not None
            completed = done.result.completed_at
            if isinstance(completed, str):
                completed = datetime.fromisoformat(completed)
            return returned - completed.timestamp()

        lateness = await async_gather([partial(noticed, task) for task in tasks])
        return lateness, client.get_metrics()


async def test_waits_through_an_idle_cutting_proxy_notice_at_once_and_cost_at_most_twice(
    backend: str,
) -> None:
    with (
        LocalOrchestrator(api_key=KEY, handlers={"sleepy": sleepy_handler}) as direct,
        LocalOrchestrator(api_key=KEY, handlers={"sleepy": sleepy_handler}) as behind,
        idle_cutting_relay(int(behind.url.rsplit(":", 1)[1]), idle=3.0) as relay,
    ):
        results = await async_gather(
            [partial(wait_all, direct.url, backend), partial(wait_all, relay.url, backend)]
        )
        (direct_lateness, direct_metrics), (proxied_lateness, proxied_metrics) = results
        direct_requests, proxied_requests = len(direct.requests), len(behind.requests)
    print(f"cuts {relay.cuts}; requests {proxied_requests} vs {direct_requests} direct; lateness ms "
          f"{[round(x * 1000) for x in sorted(proxied_lateness)]} vs {[round(x * 1000) for x in sorted(direct_lateness)]}")  # fmt: skip
    assert relay.cuts >= 1, "the scenario has idle stretches the proxy cuts"
    for metrics in (direct_metrics, proxied_metrics):
        assert metrics.failed_requests == 0
    lateness = sorted(proxied_lateness)
    p95 = statistics.quantiles(lateness, n=20, method="inclusive")[-1]
    assert p95 < 0.1, f"completions noticed late through the proxy: {lateness}"
    assert max(direct_lateness) < 0.1, direct_lateness
    assert proxied_requests <= 2 * direct_requests, (proxied_requests, direct_requests)
