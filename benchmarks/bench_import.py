"""Import time of ai_agent against httpx, each in fresh processes."""

from __future__ import annotations

import subprocess
import sys
import time

from ._harness import Row


def _fastest(code: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - started)
    return best


def run(runs: int) -> list[Row]:
    interpreter = _fastest("pass", runs)
    httpx_cost = _fastest("import httpx", runs) - interpreter
    sdk_cost = _fastest("import ai_agent", runs) - interpreter
    ratio = sdk_cost / httpx_cost
    return [
        Row(
            "import time (fresh process, minus bare interpreter)",
            f"{sdk_cost * 1000:.1f} ms",
            f"{httpx_cost * 1000:.1f} ms (httpx)",
            ratio,
            "<= 1.5x",
            ratio <= 1.5,
        )
    ]
