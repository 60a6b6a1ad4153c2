"""Distributed analysis: three SPECIALIST agents, one task per data source, all submitted in one
batch, waited for with a progress line, then the results and a count of what completed.

    AI_AGENT_API_URL=http://127.0.0.1:3000 AI_AGENT_API_KEY=dev-key python examples/pipeline.py
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections import Counter

from ai_agent import AgentClient, AgentClientError, TaskSubmitParams

SOURCES = [
    "s3://metrics/2025-11-01.parquet",
    "s3://metrics/2025-11-02.parquet",
    "s3://metrics/2025-11-03.parquet",
    "postgres://warehouse/orders",
    "postgres://warehouse/refunds",
    "https://api.example.com/events",
]
SPECIALISTS = {
    "statistics": ["data-analysis"],
    "anomalies": ["data-analysis", "anomaly-detection"],
    "reporting": ["data-analysis", "reporting"],
}


async def main() -> int:
    async with AgentClient(api_url=os.environ.get("AI_AGENT_API_URL", "http://127.0.0.1:3000")) as client:
        for name, capabilities in SPECIALISTS.items():
            await client.agents.create(
                name=f"{name} specialist", type="SPECIALIST", capabilities=capabilities
            )

        tasks = await client.tasks.submit_batch(
            [
                TaskSubmitParams(name=f"analyse {source}", type="data-analysis", payload={"source": source})
                for source in SOURCES
            ]
        )
        print(f"Submitted {len(tasks)} analyses to {len(SPECIALISTS)} specialists")

        def progress(done: int, total: int) -> None:
            print(f"\r  {done}/{total} analyses finished", end="", flush=True)

        finished = await client.tasks.wait_for_all([t.id for t in tasks], timeout=120, on_progress=progress)
        print()
        for task in finished:
            outcome = task.result.output if task.result else (task.error.message if task.error else "")
            print(f"  {task.status!s:<10} {task.payload['source']}: {outcome}")
        counts = Counter(str(task.status) for task in finished)
        print(f"Completed: {counts['COMPLETED']}, failed: {len(finished) - counts['COMPLETED']}")
        return 0 if counts["COMPLETED"] == len(finished) else 1


if __name__ == "__main__":
    try:
        sys.exit(asyncio.run(main()))
    except AgentClientError as error:
        print(f"orchestrator error: {error}", file=sys.stderr)
        sys.exit(2)
