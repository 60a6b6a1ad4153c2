"""Memory held by the metrics after many recorded requests: constant, and small."""

from __future__ import annotations

import gc
import tracemalloc

from ai_agent._metrics import Metrics

from ._harness import Row

OPERATIONS = ["tasks.get", "tasks.submit", "tasks.list", "agents.get", "health"]


def _held_after(records: int) -> int:
    gc.collect()
    tracemalloc.start()
    metrics = Metrics()
    for i in range(records):
        metrics.record(
            OPERATIONS[i % 5], (i % 997) * 0.37, i % 50 != 0, i % 7 == 0, None if i % 50 else "HTTP 503"
        )
    gc.collect()
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del metrics
    return held


def run(records: int) -> list[Row]:
    # Counts above 256 become int objects of their own, so memory settles once the buckets
    # are busy; "constant" is judged between a tenth of the run and the whole run.
    small, large = _held_after(records // 10), _held_after(records)
    return [
        Row(
            f"metrics memory after {records:,} requests (vs after {records // 10:,})",
            f"{large / 1024:.1f} KiB",
            f"{small / 1024:.1f} KiB",
            large / small,
            "<= 1 MiB, constant",
            large <= 1024 * 1024 and large <= small * 1.1,
        )
    ]
