"""Client CPU per request and throughput of GET /tasks/{id}: raw httpx against the SDK."""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from ai_agent import AgentClient, PoolConfig

from ._harness import Row

Call = Callable[[], Awaitable[Any]]


async def _measure(call: Call, count: int, concurrency: int) -> tuple[float, float]:
    """(client CPU ms per request, requests per second)."""
    limiter = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with limiter:
            await call()

    for _ in range(50):  # warm-up: connections, caches, lazy imports
        await call()
    cpu, wall = time.process_time(), time.perf_counter()
    if concurrency == 1:
        for _ in range(count):
            await call()
    else:
        await asyncio.gather(*(one() for _ in range(count)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu / count * 1000, count / wall


async def _variants(url: str) -> dict[str, tuple[Any, Call]]:
    """Each contender as (thing to close, call)."""
    import httpx_aiohttp
    from ai_agent_client import Client
    from ai_agent_client.api.tasks import get_task

    headers = {"Authorization": "Bearer bench"}
    limits = httpx.Limits(max_connections=50, max_keepalive_connections=50)
    raw = httpx.AsyncClient(base_url=url, headers=headers, limits=limits)
    raw_aiohttp = httpx.AsyncClient(
        base_url=url, headers=headers, transport=httpx_aiohttp.AiohttpTransport(limits=limits)
    )
    generated_http = httpx.AsyncClient(base_url=url, headers=headers, limits=limits)
    generated = Client(base_url=url).set_async_httpx_client(generated_http)
    pool = PoolConfig(max_connections=50)
    sdk = AgentClient(api_url=url, api_key="bench", pool_config=pool)
    sdk_aiohttp = AgentClient(api_url=url, api_key="bench", pool_config=pool, backend="aiohttp")

    async def raw_get() -> Any:
        return json.loads((await raw.get("/tasks/task-1")).content)

    async def raw_aiohttp_get() -> Any:
        return json.loads((await raw_aiohttp.get("/tasks/task-1")).content)

    async def generated_get() -> Any:
        return (await get_task.asyncio_detailed("task-1", client=generated)).parsed

    return {
        "raw httpx + json.loads": (raw, raw_get),
        "generated client": (generated_http, generated_get),
        "AgentClient (httpx)": (sdk, lambda: sdk.tasks.get("task-1")),
        "AgentClient (aiohttp)": (sdk_aiohttp, lambda: sdk_aiohttp.tasks.get("task-1")),
        "raw httpx + aiohttp transport": (raw_aiohttp, raw_aiohttp_get),
    }


async def run(url: str, sequential: int, concurrent: int, repeats: int) -> tuple[list[Row], dict[str, Any]]:
    variants = await _variants(url)
    figures: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        for mode, count, concurrency in (("sequential", sequential, 1), ("concurrency 50", concurrent, 50)):
            for name, (_, call) in variants.items():
                samples = [await _measure(call, count, concurrency) for _ in range(repeats)]
                cpu = statistics.median(s[0] for s in samples)
                rps = statistics.median(s[1] for s in samples)
                figures.setdefault(mode, {})[name] = (cpu, rps)
    finally:
        for closable, _ in variants.values():
            await (closable.close() if isinstance(closable, AgentClient) else closable.aclose())
    rows: list[Row] = []
    for mode, results in figures.items():
        base_cpu, base_rps = results["raw httpx + json.loads"]
        for name, (cpu, rps) in results.items():
            if name.startswith("raw httpx + json"):
                continue
            target, ok = "", None
            if name == "AgentClient (httpx)":
                target, ok = "CPU <= 1.3x", cpu <= 1.3 * base_cpu
            elif name == "AgentClient (aiohttp)":
                target, ok = "CPU <= 0.6x", cpu <= 0.6 * base_cpu
            rows.append(
                Row(
                    f"GET task, {mode}: {name} CPU/request",
                    f"{cpu:.3f} ms",
                    f"{base_cpu:.3f} ms",
                    cpu / base_cpu,
                    target,
                    ok,
                )
            )
            target, ok = "", None
            if name == "AgentClient (httpx)":
                target, ok = "throughput >= 0.8x", rps >= 0.8 * base_rps
            rows.append(
                Row(
                    f"GET task, {mode}: {name} req/s",
                    f"{rps:,.0f}",
                    f"{base_rps:,.0f}",
                    rps / base_rps,
                    target,
                    ok,
                )
            )
    return rows, figures
