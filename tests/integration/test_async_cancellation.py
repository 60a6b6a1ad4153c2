"""Cancelling an async call (asyncio-only: a thread cannot be cancelled; the sync client's
counterpart is ``close()`` from another thread, tested for both clients in ``_async/``)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from ai_agent import AgentClient, TimeoutError

from ..concurrency import async_wait_until
from ..helpers import busy_connections, inner_transport
from .conftest import KEY
from .rawserver import Hang, RawServer, Reply

TS = "2025-11-18T10:00:00.000Z"


def in_progress(request: Any) -> Reply:
    task = {
        "id": "task-1",
        "name": "n",
        "type": "t",
        "status": "IN_PROGRESS",
        "priority": "NORMAL",
        "payload": {},
        "createdAt": TS,
        "updatedAt": TS,
    }
    return Reply(200, {"success": True, "data": task, "timestamp": TS})


async def first_request(server: RawServer) -> None:
    await asyncio.to_thread(server.wait_for_request)


async def test_cancel_during_backoff_propagates_and_frees_the_pool(backend: str) -> None:
    async with (
        RawServer(lambda r: Reply(503, headers={"Retry-After": "30"})) as server,
        AgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        call = asyncio.create_task(client.tasks.get("task-1"))
        await first_request(server)
        await asyncio.sleep(0.05)  # now sleeping out the 30 s Retry-After
        started = time.monotonic()
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert time.monotonic() - started < 0.5
        assert busy_connections(client) == 0
        assert len(server.requests) == 1


async def test_cancel_during_polling_propagates_and_frees_the_pool(backend: str) -> None:
    async with (
        RawServer(in_progress) as server,
        AgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        wait = asyncio.create_task(client.tasks.wait_for_completion("task-1", timeout=60, poll_interval=30))
        await first_request(server)
        await asyncio.sleep(0.05)
        started = time.monotonic()
        wait.cancel()
        with pytest.raises(asyncio.CancelledError):
            await wait
        assert time.monotonic() - started < 0.5
        assert busy_connections(client) == 0


async def test_cancel_during_a_slow_request_frees_the_pool(backend: str) -> None:
    async with (
        RawServer(lambda r: Hang()) as server,
        AgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        call = asyncio.create_task(client.tasks.get("task-1"))
        await first_request(server)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert busy_connections(client) == 0


async def test_cancelling_a_waiter_mid_hold_frees_its_connection(backend: str) -> None:
    from ai_agent.testing import LocalOrchestrator

    from .handlers import slow_handler

    with LocalOrchestrator(api_key="k", handlers={"slow": slow_handler(1.5, "done")}) as server:
        async with AgentClient(api_url=server.url, api_key="k", backend=backend) as client:
            task = await client.tasks.submit({"name": "s", "type": "slow", "payload": None})
            await client.tasks.get(task.id)
            leader = asyncio.create_task(client.tasks.wait_for_completion(task.id, timeout=30))
            await async_wait_until(lambda: server.app.holding > 0)
            other = asyncio.create_task(client.tasks.wait_for_completion(task.id, timeout=30))
            await asyncio.sleep(0.05)
            leader.cancel()
            with pytest.raises(asyncio.CancelledError):
                await leader
            await asyncio.sleep(0.05)
            # the cancelled hold gave its connection back; the other waiter holds its own read now
            assert busy_connections(client) <= 1
            done = await other  # it took over the read: the change still arrives
            assert done.status == "COMPLETED"


async def test_cancelling_a_watched_read_is_a_cancellation_not_a_timeout(backend: str) -> None:
    # The async client's read deadlines (both backends) cancel the task on expiry; a cancellation of the
    # caller's own must still surface as one, and leave no deadline behind to fire later.
    async with (
        RawServer(lambda r: Hang()) as server,
        AgentClient(api_url=server.url, api_key=KEY, timeout=0.3, max_retries=0, backend=backend) as client,
    ):
        call = asyncio.create_task(client.tasks.get("task-1"))
        await first_request(server)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert busy_connections(client) == 0

        # A task that cancels itself inside a call and catches it: cancelling() is back to 0
        # after the deadline fired, so the task's later awaits are not cancelled by it.
        async def timed_out() -> int:
            with pytest.raises(TimeoutError):
                await client.tasks.get("task-2")
            current = asyncio.current_task()
            assert current is not None
            await asyncio.sleep(0.01)
            return current.cancelling()

        assert await asyncio.wait_for(timed_out(), 5) == 0
        deadlines = getattr(inner_transport(client), "_deadlines", None)
        assert deadlines is None or not deadlines._watches  # nothing left watched
