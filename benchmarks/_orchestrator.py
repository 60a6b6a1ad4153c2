"""The local orchestrator in a process of its own, for the wait benchmarks: tasks of type
"timed" finish ``payload["after"]`` seconds after they were submitted (an absolute delay, so
that a batch can finish "evenly over 30 s" or "at random times within 10 s").

    python -m benchmarks._orchestrator PORT_FILE [--no-long-poll]
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from ai_agent.testing import LocalOrchestrator


async def timed(task: dict[str, Any]) -> Any:
    await asyncio.sleep(float(task["payload"]["after"]))
    return None


def main() -> None:
    port_file = Path(sys.argv[1])
    extensions = {"idempotency", "batch", "ids_filter"} if "--no-long-poll" in sys.argv else None
    server = LocalOrchestrator(
        api_key="bench", handlers={"timed": timed}, validate_responses=False, extensions=extensions
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with server:
        # Written aside and renamed: the harness must never read the file half-written (empty).
        port_file.with_suffix(".tmp").write_text(server.url.rsplit(":", 1)[1])
        port_file.with_suffix(".tmp").replace(port_file)
        stop.wait()


if __name__ == "__main__":
    main()
