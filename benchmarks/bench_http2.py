"""HTTP/2 (``http2=True``): the SDK against raw ``httpx.AsyncClient(http2=True)`` + ``json.loads``,
GET at concurrency 50 over TLS to hypercorn, in interleaved rounds; and how many connections
each used (HTTP/2 multiplexes every call on one)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import statistics
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from ai_agent import AgentClient, PoolConfig

from . import bench_requests
from ._harness import Row, server_process

TARGET = 0.8  # as for HTTP/1.1 on the httpx backend: CPU per request against raw httpx
CONCURRENCY = 50


@contextlib.contextmanager
def h2_server() -> Iterator[tuple[str, str]]:
    """(URL, CA bundle) of the HTTP/2 server, with certificates made for this run."""
    import trustme

    with tempfile.TemporaryDirectory() as tmp:
        ca = trustme.CA()
        pem, ca_pem = Path(tmp) / "server.pem", Path(tmp) / "ca.pem"
        ca.issue_cert("127.0.0.1").private_key_and_cert_chain_pem.write_to_path(str(pem))
        ca.cert_pem.write_to_path(str(ca_pem))
        with server_process("benchmarks._h2_server", str(pem)) as url:
            yield url.replace("http://", "https://"), str(ca_pem)


async def _measure(call: Callable[[], Awaitable[Any]], count: int) -> tuple[float, float]:
    return await bench_requests.measure(call, count, CONCURRENCY)


async def run(count: int, rounds: int) -> list[Row]:
    with h2_server() as (url, ca):
        raw = httpx.AsyncClient(
            base_url=url, verify=ca, http2=True, headers={"Authorization": "Bearer bench"}
        )

        def sdk_client() -> AgentClient:
            pool = PoolConfig(max_connections=100)
            return AgentClient(url, api_key="bench", verify=ca, http2=True, pool_config=pool)

        async def connections() -> dict[str, int]:
            counts: dict[str, int] = (await raw.get("/__stats")).json()
            return counts

        async def raw_get() -> Any:
            return json.loads((await raw.get("/tasks/task-1")).content)

        sdk = sdk_client()
        calls = {"raw": raw_get, "sdk": lambda: sdk.tasks.get("task-1")}
        figures: dict[str, list[tuple[float, float]]] = {"raw": [], "sdk": []}
        try:
            for call in calls.values():  # warm: connections up, code paths loaded
                await _measure(call, 200)
            for _ in range(rounds):
                for name, call in calls.items():
                    figures[name].append(await _measure(call, count))
            # A fresh client's connections, from its first request on.
            before = await connections()
            async with sdk_client() as fresh:
                await _measure(lambda: fresh.tasks.get("task-1"), count)
            after = await connections()
        finally:
            await raw.aclose()
            await sdk.close()
    opened = after["connections"] - before["connections"]
    on_http2 = after["http2"] - before["http2"], after["requests"] - before["requests"]
    raw_cpu = statistics.median(cpu for cpu, _ in figures["raw"])
    sdk_cpu = statistics.median(cpu for cpu, _ in figures["sdk"])
    sdk_rate = statistics.median(rate for _, rate in figures["sdk"])
    raw_rate = statistics.median(rate for _, rate in figures["raw"])
    name = f"GET task over HTTP/2 (TLS), concurrency {CONCURRENCY}"
    ratio = sdk_cpu / raw_cpu
    return [
        Row(
            f"{name}: AgentClient(http2=True) CPU/request (vs raw httpx http2=True + json.loads)",
            f"{sdk_cpu * 1000:.0f} us",
            f"{raw_cpu * 1000:.0f} us",
            ratio,
            f"CPU <= {TARGET}x",
            ratio <= TARGET,
        ),
        Row(
            f"{name}: AgentClient(http2=True) req/s",
            f"{sdk_rate:,.0f}",
            f"{raw_rate:,.0f}",
            sdk_rate / raw_rate,
            "",
            None,
        ),
        Row(
            f"{name}: connections a new AgentClient(http2=True) opened for {count:,} concurrent GETs",
            f"{opened}",
            f"{on_http2[0]:,} of {on_http2[1]:,} requests on HTTP/2",
            None,
            "1 connection",
            opened == 1 and on_http2[0] == on_http2[1],
        ),
    ]


def main(quick: bool) -> list[Row]:
    return asyncio.run(run(count=150 if quick else 1000, rounds=1 if quick else 5))
