"""A tour of the SDK against a running orchestrator.

    python examples/quickstart.py [API_URL] [API_KEY]

(defaults: $AI_AGENT_API_URL or http://127.0.0.1:3000, and $AI_AGENT_API_KEY or dev-key).
`make demo` starts the local orchestrator and runs this for you.
"""

from __future__ import annotations

import asyncio
import os
import sys

from ai_agent import (
    AgentClient,
    AgentCreateParams,
    ConflictError,
    TaskConfig,
    TaskSubmitParams,
)


def show_progress(finished: int, total: int) -> None:
    bar = "#" * (20 * finished // total)
    print(f"  [{bar:<20}] {finished}/{total} tasks finished", flush=True)


async def main(api_url: str, api_key: str) -> None:
    async with AgentClient(api_url=api_url, api_key=api_key) as client:
        health = await client.health()
        print(f"Orchestrator at {api_url} is {health.status} ({', '.join(health.checks)})")

        agent = await client.agents.create(
            AgentCreateParams(
                name="Data Worker", type="WORKER", capabilities=["data-processing", "reporting"]
            )
        )
        print(f"Created agent {agent.id} ({agent.type}, {agent.status})")
        print(f"  can do reporting: {await client.agents.has_capability(agent.id, 'reporting')}")

        print("Submitting 3 tasks one by one...")
        singles = [
            await client.tasks.submit(
                TaskSubmitParams(name=f"Process chunk {i}", type="data-processing", payload={"chunk": i})
            )
            for i in range(3)
        ]
        done = await client.tasks.wait_for_completion(singles[0].id, timeout=30)
        print(f"  first task {done.id}: {done.status}, output {done.result.output if done.result else None}")

        print("Submitting 50 tasks in one batch...")
        batch = await client.tasks.submit_batch(
            [
                TaskSubmitParams(name=f"Report {i}", type="reporting", payload={"row": i}, priority="HIGH")
                for i in range(50)
            ]
        )
        print(f"  {len(batch)} tasks accepted, waiting for all of them:")
        finished = await client.tasks.wait_for_all(
            [t.id for t in singles + batch], timeout=60, on_progress=show_progress
        )
        statuses = sorted({str(t.status) for t in finished})
        print(f"  all {len(finished)} finished: {', '.join(statuses)}")

        page = await client.tasks.list(page=1, limit=5, agent_id=agent.id)
        print(f"Listed page {page.page}/{page.pages} of the agent's {page.total} tasks:")
        for task in page:
            print(f"  {task.id}  {task.name:<16} {task.status}")

        slow = await client.tasks.submit(
            TaskSubmitParams(
                name="Long job",
                type="data-processing",
                payload={"rows": 10_000},
                config=TaskConfig(timeout=60_000),
            )
        )
        cancelled = await client.tasks.cancel(slow.id, reason="demo: changed my mind")
        print(f"Cancelled {cancelled.id}: {cancelled.status}")
        try:
            await client.tasks.cancel(slow.id)
        except ConflictError as error:
            print(f"  cancelling again is refused: {error.code} ({error.message})")
        retried = await client.tasks.retry(slow.id)
        print(f"Retried {retried.id}: {retried.status}")
        final = await client.tasks.wait_for_completion(retried.id, timeout=30)
        print(f"  and it ended {final.status}")

        metrics = client.get_metrics()
        print("Metrics:")
        print(f"  requests {metrics.total_requests}, retries {metrics.retries}")
        print(f"  success rate {metrics.success_rate:.2f}%")
        print(f"  latency avg {metrics.average_latency:.2f} ms, p95 {metrics.p95_latency:.2f} ms")
        busiest = sorted(metrics.by_operation.items(), key=lambda kv: -kv[1].total_requests)[:3]
        for name, figures in busiest:
            print(f"  {name:<12} {figures.total_requests} requests, p50 {figures.p50_latency:.2f} ms")

        health = await client.health()
        print(f"Health: {health.status}")


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("AI_AGENT_API_URL", "http://127.0.0.1:3000")
    key = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("AI_AGENT_API_KEY", "dev-key")
    asyncio.run(main(url, key))
