"""Client CPU per request and throughput of ``tasks.get`` (GET /tasks/{id}) and ``tasks.submit``
(POST /tasks with a JSON body and an idempotency key): each backend of ``AgentClient`` against
its floor, the same library used raw (a shared session, ``json.loads``), in the same run.

Contenders are measured in interleaved rounds (every contender once per round, medians over
the rounds), so that a slow moment of the machine hits them all alike.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import httpx

from ai_agent import AgentClient, PoolConfig

from ._harness import Row, settle_garbage

Call = Callable[[], Awaitable[Any]]
BODY = {"name": "Process Data", "type": "data-processing", "payload": {"data": [1, 2, 3]}}
# Targets: CPU per request of each backend against its own floor (for httpx, sequential only:
# raw httpx at concurrency 50 spends most of its CPU in httpcore's pool queue, which the SDK's
# own queue spares it, so a ratio there says little about the SDK).
TARGETS = {"AgentClient (aiohttp)": ("raw aiohttp", 1.25), "AgentClient (httpx)": ("raw httpx", 0.8)}


async def measure(call: Call, count: int, concurrency: int) -> tuple[float, float]:
    """(client CPU ms per request, requests per second)."""
    limiter = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with limiter:
            await call()

    settle_garbage()
    cpu, wall = time.process_time(), time.perf_counter()
    if concurrency == 1:
        for _ in range(count):
            await call()
    else:
        await asyncio.gather(*(one() for _ in range(count)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu / count * 1000, count / wall


async def _contenders(url: str) -> tuple[list[Any], dict[str, dict[str, Call]]]:
    """What to close, and each contender's calls by operation."""
    from ai_agent_client import Client
    from ai_agent_client.api.tasks import get_task

    headers = {"Authorization": "Bearer bench"}
    limits = httpx.Limits(max_connections=50, max_keepalive_connections=50)
    raw_httpx = httpx.AsyncClient(base_url=url, headers=headers, limits=limits)
    raw_aiohttp = aiohttp.ClientSession(headers=headers, connector=aiohttp.TCPConnector(limit=50))
    generated_http = httpx.AsyncClient(base_url=url, headers=headers, limits=limits)
    generated = Client(base_url=url).set_async_httpx_client(generated_http)
    pool = PoolConfig(max_connections=50)
    sdk = AgentClient(api_url=url, api_key="bench", pool_config=pool)
    sdk_aiohttp = AgentClient(api_url=url, api_key="bench", pool_config=pool, backend="aiohttp")

    def post_headers() -> dict[str, str]:
        return {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}

    async def httpx_get() -> Any:
        return json.loads((await raw_httpx.get("/tasks/task-1")).content)

    async def httpx_post() -> Any:
        response = await raw_httpx.post("/tasks", content=json.dumps(BODY).encode(), headers=post_headers())
        return json.loads(response.content)

    async def aiohttp_get() -> Any:
        async with raw_aiohttp.get(url + "/tasks/task-1") as response:
            return json.loads(await response.read())

    async def aiohttp_post() -> Any:
        async with raw_aiohttp.post(
            url + "/tasks", data=json.dumps(BODY).encode(), headers=post_headers()
        ) as response:
            return json.loads(await response.read())

    async def generated_get() -> Any:
        return (await get_task.asyncio_detailed("task-1", client=generated)).parsed

    contenders: dict[str, dict[str, Call]] = {
        "raw httpx": {"get": httpx_get, "submit": httpx_post},
        "raw aiohttp": {"get": aiohttp_get, "submit": aiohttp_post},
        "generated client": {"get": generated_get},
        "AgentClient (httpx)": {
            "get": lambda: sdk.tasks.get("task-1"),
            "submit": lambda: sdk.tasks.submit(BODY),
        },
        "AgentClient (aiohttp)": {
            "get": lambda: sdk_aiohttp.tasks.get("task-1"),
            "submit": lambda: sdk_aiohttp.tasks.submit(BODY),
        },
    }
    return [raw_httpx, raw_aiohttp, generated_http, sdk, sdk_aiohttp], contenders


async def _close(closables: list[Any]) -> None:
    for closable in closables:
        if isinstance(closable, httpx.AsyncClient):
            await closable.aclose()
        else:
            await closable.close()


async def run(url: str, sequential: int, concurrent: int, rounds: int) -> tuple[list[Row], dict[str, Any]]:
    """Rows for the table, and the medians behind them."""
    closables, contenders = await _contenders(url)
    figures: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        for calls in contenders.values():  # warm-up: connections, caches, lazy imports
            for call in calls.values():
                for _ in range(50):
                    await call()
        for mode, count, concurrency in (("sequential", sequential, 1), ("concurrency 50", concurrent, 50)):
            for operation in ("get", "submit"):
                samples: dict[str, list[tuple[float, float]]] = {}
                for _ in range(rounds):
                    for name, calls in contenders.items():
                        if operation in calls:
                            samples.setdefault(name, []).append(
                                await measure(calls[operation], count, concurrency)
                            )
                figures[f"{operation}, {mode}"] = {
                    name: (statistics.median(s[0] for s in runs), statistics.median(s[1] for s in runs))
                    for name, runs in samples.items()
                }
    finally:
        await _close(closables)
    return _rows(figures), figures


def _rows(figures: dict[str, dict[str, tuple[float, float]]]) -> list[Row]:
    rows: list[Row] = []
    for case, results in figures.items():
        operation, mode = case.split(", ")
        title = "GET task" if operation == "get" else "submit task (POST)"
        for name, (cpu, rps) in results.items():
            floor, limit = TARGETS.get(name, ("raw httpx", None))
            if name == floor:
                continue
            if name == "AgentClient (httpx)" and mode != "sequential":
                limit = None
            base_cpu, base_rps = results[floor]
            rows.append(
                Row(
                    f"{title}, {mode}: {name} CPU/request (vs {floor} + json.loads)",
                    f"{cpu * 1000:.0f} us",
                    f"{base_cpu * 1000:.0f} us",
                    cpu / base_cpu,
                    "" if limit is None else f"CPU <= {limit}x",
                    None if limit is None else cpu <= limit * base_cpu,
                )
            )
            if name.startswith("AgentClient"):
                rows.append(
                    Row(
                        f"{title}, {mode}: {name} req/s",
                        f"{rps:,.0f}",
                        f"{base_rps:,.0f}",
                        rps / base_rps,
                        "",
                        None,
                    )
                )
    return rows
