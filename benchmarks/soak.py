"""``make soak`` / ``python -m benchmarks.soak [--requests N]``: a long run per client kind
(async on httpx, async on aiohttp, sync with 16 threads) against the local orchestrator in a
process of its own, mixing gets, lists, submits, health and waits. After a warm-up of a tenth
of the requests, resident memory may grow at most 5 MB and open file descriptors must stay
flat. Prints a table, writes it to benchmarks/results/soak.md, exits 1 on a miss."""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import platform
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ai_agent import AgentClient, PoolConfig, SyncAgentClient

from ._harness import server_process

RESULTS = Path(__file__).resolve().parent / "results"
MAX_GROWTH_MB = 5.0
MAX_FD_GROWTH = 2  # a connection opening or closing at the moment of the reading
CONCURRENCY = 32
THREADS = 16
TIMED = {"after": 0.005}  # a task of the bench orchestrator's "timed" type: done in 5 ms


def rss_mb() -> float:
    """Resident memory of this process, in MB (from /proc: no dependency)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@dataclass
class Reading:
    """Memory and descriptors, sampled as the run goes."""

    warm_rss: float = 0.0
    warm_fds: int = 0
    peak_rss: float = 0.0
    end_rss: float = 0.0
    end_fds: int = 0
    max_fds: int = 0
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    before_fds: int = 0  # before the client was made
    closed_fds: int = 0  # after it was closed: every connection's descriptor given back

    def sample(self, done: int, warm_up: int) -> None:
        if done >= warm_up and not self.warm_rss:
            gc.collect()
            self.warm_rss, self.warm_fds = rss_mb(), open_fds()
        if self.warm_rss:
            self.peak_rss = max(self.peak_rss, rss_mb())
            self.max_fds = max(self.max_fds, open_fds())

    def finish(self) -> None:
        """The last reading, with the client still open."""
        gc.collect()
        self.end_rss, self.end_fds = rss_mb(), open_fds()

    @property
    def growth(self) -> float:
        return self.end_rss - self.warm_rss

    @property
    def passed(self) -> bool:
        return (
            self.errors == 0
            and self.growth <= MAX_GROWTH_MB
            and self.end_fds - self.warm_fds <= MAX_FD_GROWTH
            and self.closed_fds <= self.before_fds
        )


# One round of work: 20 requests or so, in the proportions a service sees.
ROUND = ("get",) * 12 + ("list", "list", "health", "submit", "wait")


async def run_async(url: str, backend: str, total: int) -> Reading:
    reading = Reading(before_fds=open_fds())
    warm_up = total // 10
    pool = PoolConfig(max_connections=CONCURRENCY)
    async with AgentClient(url, api_key="bench", backend=backend, pool_config=pool) as client:
        seed = await client.tasks.submit(name="seed", type="timed", payload=TIMED)

        async def one(step: str) -> None:
            if step == "get":
                await client.tasks.get(seed.id)
            elif step == "list":
                await client.tasks.list(limit=10)
            elif step == "health":
                await client.health()
            elif step == "submit":
                await client.tasks.submit(name="soak", type="timed", payload=TIMED)
            else:
                task = await client.tasks.submit(name="soak-wait", type="timed", payload=TIMED)
                await client.tasks.wait_for_completion(task.id, timeout=30)

        async def worker() -> None:
            while client.get_metrics().total_requests < total:
                for step in ROUND:
                    try:
                        await one(step)
                    except Exception as exc:
                        reading.errors += 1
                        print(f"  {backend}: {type(exc).__name__}: {exc}", file=sys.stderr)

        async def sampler() -> None:
            while (done := client.get_metrics().total_requests) < total:
                reading.sample(done, warm_up)
                await asyncio.sleep(0.5)

        started = time.perf_counter()
        await asyncio.gather(sampler(), *(worker() for _ in range(CONCURRENCY)))
        reading.seconds = time.perf_counter() - started
        reading.requests = client.get_metrics().total_requests
        reading.finish()
    reading.closed_fds = open_fds()
    return reading


def run_sync(url: str, total: int) -> Reading:
    reading = Reading(before_fds=open_fds())
    warm_up = total // 10
    pool = PoolConfig(max_connections=THREADS)
    with SyncAgentClient(url, api_key="bench", pool_config=pool) as client:
        seed = client.tasks.submit(name="seed", type="timed", payload=TIMED)
        steps: dict[str, Callable[[], Any]] = {
            "get": lambda: client.tasks.get(seed.id),
            "list": lambda: client.tasks.list(limit=10),
            "health": client.health,
            "submit": lambda: client.tasks.submit(name="soak", type="timed", payload=TIMED),
            "wait": lambda: client.tasks.wait_for_completion(
                client.tasks.submit(name="soak-wait", type="timed", payload=TIMED).id, timeout=30
            ),
        }
        lock = threading.Lock()

        def worker() -> None:
            while client.get_metrics().total_requests < total:
                for step in ROUND:
                    try:
                        steps[step]()
                    except Exception as exc:
                        with lock:
                            reading.errors += 1
                        print(f"  sync: {type(exc).__name__}: {exc}", file=sys.stderr)

        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            reading.sample(client.get_metrics().total_requests, warm_up)
            time.sleep(0.5)
        for thread in threads:
            thread.join()
        reading.seconds = time.perf_counter() - started
        reading.requests = client.get_metrics().total_requests
        reading.finish()
    reading.closed_fds = open_fds()
    return reading


def render(rows: list[tuple[str, Reading]], total: int) -> str:
    lines = [
        "# Soak",
        "",
        f"`make soak` ({total:,} requests per client kind) on {time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; the local orchestrator in its own "
        f"process. Budget after a warm-up of {total // 10:,} requests: resident memory +{MAX_GROWTH_MB:g} MB, "
        "open file descriptors flat, no failed call.",
        "",
        "| client | requests | req/s | RSS after warm-up | peak | end | growth "
        "| fds after warm-up / max / end | fds before / after the client | errors | |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r.requests:,} | {r.requests / r.seconds:,.0f} | {r.warm_rss:.1f} MB | "
            f"{r.peak_rss:.1f} MB | {r.end_rss:.1f} MB | {r.growth:+.1f} MB | "
            f"{r.warm_fds} / {r.max_fds} / {r.end_fds} | {r.before_fds} / {r.closed_fds} | {r.errors} | "
            f"{'PASS' if r.passed else 'MISS'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak")
    parser.add_argument("--requests", type=int, default=200_000, help="per client kind")
    parser.add_argument("--output", type=Path, default=RESULTS / "soak.md")
    args = parser.parse_args()
    rows: list[tuple[str, Reading]] = []
    for name in ("AgentClient (httpx)", "AgentClient (aiohttp)", f"SyncAgentClient ({THREADS} threads)"):
        # A fresh server each: its store grows with every submit.
        with server_process("benchmarks._orchestrator") as url:
            print(f"{name}: {args.requests:,} requests against {url} ...", flush=True)
            if name.startswith("Sync"):
                reading = run_sync(url, args.requests)
            else:
                backend = "aiohttp" if "aiohttp" in name else "httpx"
                reading = asyncio.run(run_async(url, backend, args.requests))
        rows.append((name, reading))
    table = render(rows, args.requests)
    print(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table)
    return 0 if all(reading.passed for _, reading in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
