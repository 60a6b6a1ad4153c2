"""What OpenTelemetry costs per request: the same client with tracing on and off, in the same run.
With only the API installed and no provider configured (the state of any application that has
not set OpenTelemetry up), the target is at most 3% more client CPU; with an SDK provider that
records every span (exported nowhere), the figure is for information."""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from ai_agent import AgentClient

from ._harness import Row


async def _cpu_per_get(client: AgentClient, count: int) -> float:
    started = time.process_time()
    for _ in range(count):
        await client.tasks.get("task-1")
    return (time.process_time() - started) / count * 1000


def _recording_provider() -> Any:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult

    class Nowhere(SpanExporter):
        def export(self, spans: Any) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(Nowhere()))
    return provider


async def run(url: str, count: int, rounds: int) -> list[Row]:
    clients = {
        "off": AgentClient(api_url=url, api_key="bench", tracing=False),
        "on": AgentClient(api_url=url, api_key="bench"),
        "recording": AgentClient(api_url=url, api_key="bench", tracer_provider=_recording_provider()),
    }
    samples: dict[str, list[float]] = {name: [] for name in clients}
    try:
        for client in clients.values():
            await _cpu_per_get(client, 50)  # warm-up
        for _ in range(rounds):  # interleaved, so that drift of the machine hits all alike
            for name, client in clients.items():
                samples[name].append(await _cpu_per_get(client, count))
    finally:
        for client in clients.values():
            await client.close()
    off, on, recording = (statistics.median(samples[name]) for name in ("off", "on", "recording"))
    return [
        Row(
            "GET task: tracing on, API installed, no provider configured (vs tracing=False) CPU/request",
            f"{on:.3f} ms",
            f"{off:.3f} ms",
            on / off,
            "<= 1.03x",
            on <= 1.03 * off,
        ),
        Row(
            "GET task: tracing on, an SDK provider recording every span (vs tracing=False) CPU/request",
            f"{recording:.3f} ms",
            f"{off:.3f} ms",
            recording / off,
            "",
            None,
        ),
    ]


def main(url: str, quick: bool) -> list[Row]:
    """The rows of this benchmark (it runs its own event loop)."""
    return asyncio.run(run(url, count=100 if quick else 500, rounds=3 if quick else 15))
