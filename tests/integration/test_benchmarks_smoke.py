"""`python -m benchmarks --quick` still runs end to end (the figures themselves live in
benchmarks/results/, never in assertions here: timing is not a unit-test matter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.volume  # the benchmark harness end to end
def test_quick_benchmark_runs(tmp_path: Path) -> None:
    output = tmp_path / "bench.md"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    table = output.read_text()
    for measurement in (
        "GET task, sequential: AgentClient (httpx) CPU/request (vs raw httpx",
        "GET task, sequential: AgentClient (aiohttp) CPU/request (vs raw aiohttp",
        "GET task, concurrency 50: AgentClient (aiohttp) CPU/request (vs raw aiohttp",
        "submit task (POST), sequential: AgentClient (aiohttp) CPU/request",
        "submit task (POST), sequential: AgentClient (httpx) CPU/request",
        "GET task, sequential: SyncAgentClient CPU/request",
        "submit task (POST), sequential: SyncAgentClient CPU/request",
        "notice lag",
        "tracing on",
        "wait_for_all of",
        "submit_batch",
        "wait_for_all",
        "import time",
        "metrics memory",
        "create a client",
    ):
        assert measurement in table, measurement
    assert "Unclosed" not in run.stderr  # every client and server was closed
