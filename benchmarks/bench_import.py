"""Import time of ai_agent against httpx, each in fresh processes."""

from __future__ import annotations

import compileall
import subprocess
import sys
import time
from pathlib import Path

from ._harness import Row


def _fastest(code: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - started)
    return best


def _compiled() -> None:
    """The SDK's byte code written, as pip writes it when it installs a wheel: httpx in
    site-packages has its .pyc, and an editable checkout under PYTHONDONTWRITEBYTECODE would
    otherwise be compiled afresh in every measured process."""
    root = Path(__file__).resolve().parents[1]
    for folder in (root / "ai_agent", root / "generated"):
        compileall.compile_dir(folder, quiet=1)


def run(runs: int) -> list[Row]:
    _compiled()
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
