"""The sync client against raw ``httpx.Client`` + ``json.loads``: client CPU per GET and per
submit, alone and with one client shared by 16 threads (the way Django/Flask/Celery code uses
it), in interleaved rounds."""

from __future__ import annotations

import json
import statistics
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from ai_agent import PoolConfig, SyncAgentClient

from ._harness import Row, settle_garbage

THREADS = 16
TARGET = 0.9  # the target: CPU per request against raw httpx.Client
BODY = {"name": "Process Data", "type": "data-processing", "payload": {"data": [1, 2, 3]}}


def _measure(call: Callable[[], Any], count: int, threads: int) -> tuple[float, float]:
    """(client CPU ms per request, requests per second)."""
    settle_garbage()
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


def run(url: str, sequential: int, threaded: int, rounds: int) -> list[Row]:
    """GET and submit, sequential and from 16 threads; interleaved rounds, medians."""
    limits = httpx.Limits(max_connections=THREADS, max_keepalive_connections=THREADS)
    raw = httpx.Client(base_url=url, headers={"Authorization": "Bearer bench"}, limits=limits)
    sdk = SyncAgentClient(api_url=url, api_key="bench", pool_config=PoolConfig(max_connections=THREADS))

    def raw_submit() -> Any:
        headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}
        return json.loads(raw.post("/tasks", content=json.dumps(BODY).encode(), headers=headers).content)

    calls: dict[str, dict[str, Callable[[], Any]]] = {
        "GET task": {
            "raw": lambda: json.loads(raw.get("/tasks/task-1").content),
            "sdk": lambda: sdk.tasks.get("task-1"),
        },
        "submit task (POST)": {"raw": raw_submit, "sdk": lambda: sdk.tasks.submit(BODY)},
    }
    rows: list[Row] = []
    try:
        for pair in calls.values():
            for call in pair.values():
                for _ in range(50):  # warm-up: connections, caches, lazy imports
                    call()
        for mode, count, threads in (
            ("sequential", sequential, 1),
            (f"{THREADS} threads", threaded, THREADS),
        ):
            for title, pair in calls.items():
                samples: dict[str, list[tuple[float, float]]] = {"raw": [], "sdk": []}
                for _ in range(rounds):
                    for name, call in pair.items():
                        samples[name].append(_measure(call, count, threads))
                (raw_cpu, raw_rps), (cpu, rps) = (
                    (statistics.median(s[0] for s in samples[n]), statistics.median(s[1] for s in samples[n]))
                    for n in ("raw", "sdk")
                )
                rows.append(
                    Row(
                        f"{title}, {mode}: SyncAgentClient CPU/request (vs raw httpx.Client + json.loads)",
                        f"{cpu * 1000:.0f} us",
                        f"{raw_cpu * 1000:.0f} us",
                        cpu / raw_cpu,
                        f"CPU <= {TARGET}x",
                        cpu <= TARGET * raw_cpu,
                    )
                )
                rows.append(
                    Row(
                        f"{title}, {mode}: SyncAgentClient req/s",
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
