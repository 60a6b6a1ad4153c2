"""The sync client against raw ``httpx.Client`` + ``json.loads``: client CPU per GET, alone and
with one client shared by 16 threads (the way Django/Flask/Celery code uses it)."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from ai_agent import PoolConfig, SyncAgentClient

from ._harness import Row

THREADS = 16


def _measure(call: Callable[[], Any], count: int, threads: int) -> tuple[float, float]:
    """(client CPU ms per request, requests per second)."""
    for _ in range(50):  # warm-up: connections, caches, lazy imports
        call()
    cpu, wall = time.process_time(), time.perf_counter()
    if threads == 1:
        for _ in range(count):
            call()
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            for _ in pool.map(lambda _: call(), range(count)):
                pass
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu / count * 1000, count / wall


def run(url: str, sequential: int, threaded: int, repeats: int) -> list[Row]:
    limits = httpx.Limits(max_connections=THREADS, max_keepalive_connections=THREADS)
    raw = httpx.Client(base_url=url, headers={"Authorization": "Bearer bench"}, limits=limits)
    sdk = SyncAgentClient(api_url=url, api_key="bench", pool_config=PoolConfig(max_connections=THREADS))

    def raw_get() -> Any:
        return json.loads(raw.get("/tasks/task-1").content)

    def sdk_get() -> Any:
        return sdk.tasks.get("task-1")

    rows: list[Row] = []
    try:
        for mode, count, threads in (
            ("sequential", sequential, 1),
            (f"{THREADS} threads", threaded, THREADS),
        ):
            figures = {}
            for name, call in (("raw", raw_get), ("sdk", sdk_get)):
                samples = [_measure(call, count, threads) for _ in range(repeats)]
                figures[name] = (
                    statistics.median(s[0] for s in samples),
                    statistics.median(s[1] for s in samples),
                )
            (raw_cpu, raw_rps), (cpu, rps) = figures["raw"], figures["sdk"]
            rows.append(
                Row(
                    f"GET task, {mode}: SyncAgentClient CPU/request (vs raw httpx.Client + json.loads)",
                    f"{cpu:.3f} ms",
                    f"{raw_cpu:.3f} ms",
                    cpu / raw_cpu,
                    "CPU <= 1.0x",
                    cpu <= raw_cpu,
                )
            )
            rows.append(
                Row(
                    f"GET task, {mode}: SyncAgentClient req/s",
                    f"{rps:,.0f}",
                    f"{raw_rps:,.0f}",
                    rps / raw_rps,
                    "",
                    None,
                )
            )
    finally:
        raw.close()
        sdk.close()
    return rows
