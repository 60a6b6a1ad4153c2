"""Creating a client after the first one: the TLS context is shared per process."""

from __future__ import annotations

import asyncio
import time

import httpx

from ai_agent import AgentClient

from ._harness import Row


async def run(count: int) -> list[Row]:
    first = AgentClient(api_url="https://127.0.0.1:1", api_key="k")  # pays for the TLS context
    await first.close()
    started = time.perf_counter()
    for _ in range(count):
        client = AgentClient(api_url="https://127.0.0.1:1", api_key="k")
        await client.close()
    sdk = (time.perf_counter() - started) / count
    started = time.perf_counter()
    for _ in range(max(3, count // 20)):  # ~50 ms each: fewer runs
        plain = httpx.AsyncClient()
        await plain.aclose()
    raw = (time.perf_counter() - started) / max(3, count // 20)
    return [
        Row(
            "create a client (after the first)",
            f"{sdk * 1000:.2f} ms",
            f"{raw * 1000:.2f} ms (httpx.AsyncClient())",
            sdk / raw,
            "<= 5 ms",
            sdk * 1000 <= 5,
        )
    ]


if __name__ == "__main__":
    print(asyncio.run(run(50)))
