"""Batches and waits: requests sent and wall time against naive per-task gathers."""

from __future__ import annotations

import asyncio
import math
import time

from ai_agent import AgentClient, TaskSubmitParams

from ._harness import Row, server_counts


async def run(url: str, count: int) -> list[Row]:
    params = [TaskSubmitParams(name=f"t{i}", type="data-processing", payload={"i": i}) for i in range(count)]
    rows: list[Row] = []
    async with AgentClient(api_url=url, api_key="bench") as client:
        server_counts(url, reset=True)
        started = time.perf_counter()
        tasks = await client.tasks.submit_batch(params)
        batch_wall = time.perf_counter() - started
        batch_requests = server_counts(url, reset=True).get("POST /tasks/batch", 0)

        started = time.perf_counter()
        await asyncio.gather(*(client.tasks.submit(p) for p in params))
        naive_wall = time.perf_counter() - started
        naive_requests = server_counts(url, reset=True).get("POST /tasks", 0)
        limit = math.ceil(count / 100)
        rows.append(
            Row(
                f"submit {count} tasks: requests (submit_batch vs gather of submit)",
                f"{batch_requests}",
                f"{naive_requests}",
                batch_requests / naive_requests,
                f"<= {limit}",
                batch_requests <= limit,
            )
        )
        rows.append(
            Row(
                f"submit {count} tasks: wall time",
                f"{batch_wall * 1000:.0f} ms",
                f"{naive_wall * 1000:.0f} ms",
                batch_wall / naive_wall,
                "",
                None,
            )
        )

        ids = [t.id for t in tasks]
        started = time.perf_counter()
        await client.tasks.wait_for_all(ids)  # the fast server reports them COMPLETED: one round
        wait_wall = time.perf_counter() - started
        wait_requests = server_counts(url, reset=True).get("GET /tasks", 0)

        started = time.perf_counter()
        await asyncio.gather(*(client.tasks.get(i) for i in ids))
        naive_wall = time.perf_counter() - started
        naive_requests = server_counts(url, reset=True).get("GET /tasks/{id}", 0)
        rows.append(
            Row(
                f"wait_for_all {count} tasks: requests per poll round (vs gather of get)",
                f"{wait_requests}",
                f"{naive_requests}",
                wait_requests / naive_requests,
                f"<= {limit}",
                wait_requests <= limit,
            )
        )
        rows.append(
            Row(
                f"wait_for_all {count} tasks: wall time per round",
                f"{wait_wall * 1000:.0f} ms",
                f"{naive_wall * 1000:.0f} ms",
                wait_wall / naive_wall,
                "",
                None,
            )
        )
    return rows
