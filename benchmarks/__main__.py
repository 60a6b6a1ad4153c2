"""``make bench`` / ``python -m benchmarks [--quick]``: run every benchmark, print one table,
write it to benchmarks/results/latest.md (``--quick``: small counts, for the smoke test).
Exits 0 when the measurements ran (a MISS is a result, not a crash)."""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
from pathlib import Path

from . import (
    bench_batch,
    bench_construct,
    bench_http2,
    bench_import,
    bench_metrics,
    bench_requests,
    bench_sync,
    bench_tracing,
    bench_waits,
)
from ._harness import Row, fast_server, pin_client_cpu, render

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny counts (seconds, for tests)")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.md")
    args = parser.parse_args()
    quick = args.quick
    pin_client_cpu()
    started = time.perf_counter()
    rows: list[Row] = []
    with fast_server() as url:
        request_rows, _ = asyncio.run(
            bench_requests.run(
                url,
                sequential=100 if quick else 800,
                concurrent=150 if quick else 1000,
                rounds=1 if quick else 5,
            )
        )
        rows += request_rows
        rows += bench_sync.run(
            url,
            sequential=100 if quick else 800,
            threaded=150 if quick else 1000,
            rounds=1 if quick else 5,
        )
        rows += asyncio.run(bench_batch.run(url, count=200 if quick else 1000))
        rows += bench_tracing.main(url, quick)
    rows += bench_http2.main(quick)
    rows += bench_waits.main(quick)
    rows += bench_import.run(runs=3 if quick else 15)
    rows += bench_metrics.run(records=20_000 if quick else 1_000_000)
    rows += asyncio.run(bench_construct.run(count=10 if quick else 100))
    table = render(rows)
    command = "python -m benchmarks" + (" --quick" if quick else "")
    report = (
        f"# Benchmarks\n\n`{command}` (`make bench`) on {time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.machine()}; "
        f"client pinned to CPU 0, server in its own process on the last CPU; "
        f"ran {time.perf_counter() - started:.0f} s.\n\n{table}\n"
    )
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
