"""Shared pieces: the fast server in a subprocess, CPU pinning, and the results table."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class Row:
    """One line of the table: what was compared, the figures, the target, and the verdict."""

    name: str
    ours: str
    baseline: str
    ratio: float | None
    target: str
    passed: bool | None

    def cells(self) -> list[str]:
        verdict = "" if self.passed is None else ("PASS" if self.passed else "MISS")
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        return [self.name, self.ours, self.baseline, ratio, self.target, verdict]


def render(rows: list[Row]) -> str:
    header = ["measurement", "ai_agent", "baseline", "ratio", "target", ""]
    table = [header, ["---"] * len(header), *[r.cells() for r in rows]]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in table)


def settle_garbage() -> None:
    """Collect garbage before a measured window, so that no contender pays for another's.

    All contenders share one process, and a full (oldest-generation) collection scans every
    object in it: about 20 ms here, a fifth of a window of 1,000 requests at concurrency 50.
    Without this, such a collection lands in whichever window happens to be running when the
    process's allocations reach the threshold, and moved a single ratio by 0.2x or more.
    Collections a contender's own allocations trigger inside its window still count.
    """
    gc.collect()


def pin_client_cpu() -> None:
    """Keep the client on CPU 0 (the server takes the last one), so they do not share a core."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {0})


@contextlib.contextmanager
def fast_server() -> Iterator[str]:
    """Start benchmarks/_fast_server.py on a loopback port; yield its URL; always stop it."""
    with server_process("benchmarks._fast_server") as url:
        yield url


@contextlib.contextmanager
def server_process(module: str, *args: str) -> Iterator[str]:
    """Start ``python -m module PORT_FILE *args`` (a server on a loopback port, in its own
    process); yield its URL; always stop it."""
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port"
        process = subprocess.Popen([sys.executable, "-m", module, str(port_file), *args])
        try:
            deadline = time.monotonic() + 10
            while not port_file.exists():
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the benchmark server did not start")
                time.sleep(0.01)
            yield f"http://127.0.0.1:{port_file.read_text()}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def server_counts(url: str, reset: bool = False) -> dict[str, int]:
    """Requests the fast server has counted (and optionally start again from zero)."""
    counts: dict[str, int] = json.loads(httpx.get(f"{url}/__stats").content)
    if reset:
        httpx.post(f"{url}/__reset")
    return counts
