"""Retries, timeouts, cancellation, pooling and hostile responses against a real socket server."""

from __future__ import annotations

import asyncio
import gc
import json
import time
import tracemalloc
from typing import Any

import pytest

from ai_agent import (
    AgentClient,
    ConnectionError,
    InvalidResponseError,
    PoolConfig,
    RetryConfig,
    ServerError,
    TaskSubmitParams,
    TimeoutError,
)

from .conftest import KEY
from .rawserver import Drop, Hang, RawServer, Reply

TS = "2025-11-18T10:00:00.000Z"
FAST_RETRY = RetryConfig(max_retries=3, initial_delay=1, max_delay=5, jitter=0)


def task(task_id: str = "task-1", status: str = "PENDING") -> dict[str, Any]:
    return {
        "id": task_id,
        "name": "n",
        "type": "t",
        "status": status,
        "priority": "NORMAL",
        "payload": {},
        "createdAt": TS,
        "updatedAt": TS,
    }


def ok(data: Any, status: int = 200) -> Reply:
    return Reply(status, {"success": True, "data": data, "timestamp": TS})


def busy_connections(client: AgentClient) -> int:
    """Connections currently checked out of the client's pool (httpx backend)."""
    inner = client._http._transport._inner  # type: ignore[attr-defined]
    pool = getattr(inner, "_pool", None)
    if pool is None:  # aiohttp backend: its connector counts acquired connections
        session = getattr(inner, "client", None)
        connector = getattr(session, "connector", None)
        return len(getattr(connector, "_acquired", ())) if connector else 0
    return sum(1 for connection in pool.connections if not connection.is_idle())


async def test_post_body_replayed_intact_with_one_key(backend: str) -> None:
    answers = iter([Reply(503), Drop(), ok(task(), 201)])
    async with (
        RawServer(lambda r: next(answers)) as server,
        AgentClient(api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client,
    ):
        params = TaskSubmitParams(name="ünïcode ✓", type="t", payload={"rows": list(range(500))})
        created = await client.tasks.submit(params)
    assert created.id == "task-1"
    posts = [r for r in server.requests if r.method == "POST"]
    assert len(posts) == 3
    assert {r.body for r in posts} == {posts[0].body}
    assert posts[0].json() == params.to_wire()
    assert len({r.headers["idempotency-key"] for r in posts}) == 1
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in posts)


async def test_read_timeout_is_typed_and_bounded(backend: str) -> None:
    async with (
        RawServer(lambda r: Hang()) as server,
        AgentClient(
            api_url=server.url,
            api_key=KEY,
            timeout=0.2,
            retry_config=RetryConfig(max_retries=1, initial_delay=10, jitter=0),
            backend=backend,
        ) as client,
    ):
        started = time.monotonic()
        with pytest.raises(TimeoutError) as info:
            await client.tasks.get("task-1")
        elapsed = time.monotonic() - started
    assert info.value.timeout == 200
    assert info.value.attempts == 2
    assert elapsed < 2.0  # two attempts of 0.2 s and one 10 ms back-off
    assert len(server.requests) == 2


async def test_dropped_connections_exhaust_into_connection_error(backend: str) -> None:
    async with (
        RawServer(lambda r: Drop()) as server,
        AgentClient(api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client,
    ):
        with pytest.raises(ConnectionError) as info:
            await client.tasks.get("task-1")
    assert info.value.attempts == 4
    assert len(server.requests) == 4


async def test_connection_refused(backend: str) -> None:
    async with RawServer(lambda r: Reply()) as server:
        url = server.url
    async with AgentClient(api_url=url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client:
        with pytest.raises(ConnectionError):
            await client.tasks.get("task-1")


async def test_truncated_body(backend: str) -> None:
    body = {"success": True, "data": task(), "timestamp": TS}
    async with (
        RawServer(lambda r: Reply(200, body, truncate=True)) as server,
        AgentClient(api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client,
    ):
        with pytest.raises((ConnectionError, InvalidResponseError)):
            await client.tasks.get("task-1")


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(200, b'{"success": true, "data": {'), InvalidResponseError),
        (Reply(502, b"<html><body>Bad Gateway</body></html>", {"Content-Type": "text/html"}), ServerError),
        (Reply(520, b""), ServerError),
    ],
)
async def test_hostile_bodies(backend: str, reply: Reply, error: type[Exception]) -> None:
    async with (
        RawServer(lambda r: reply) as server,
        AgentClient(api_url=server.url, api_key=KEY, max_retries=0, backend=backend) as client,
    ):
        with pytest.raises(error):
            await client.tasks.get("task-1")


async def test_very_large_body_parses(backend: str) -> None:
    big = task(status="COMPLETED") | {"payload": {"blob": "x" * 8_000_000}, "extra": list(range(10_000))}
    async with (
        RawServer(lambda r: ok(big)) as server,
        AgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        result = await client.tasks.get("task-1")
    assert len(result.payload["blob"]) == 8_000_000
    assert result.additional_properties["extra"][-1] == 9_999


async def test_cancel_during_backoff_propagates_and_frees_the_pool(backend: str) -> None:
    async with (
        RawServer(lambda r: Reply(503, headers={"Retry-After": "30"})) as server,
        AgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        call = asyncio.create_task(client.tasks.get("task-1"))
        await asyncio.wait_for(server.got_request.wait(), 5)
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
        RawServer(lambda r: ok(task(status="IN_PROGRESS"))) as server,
        AgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        wait = asyncio.create_task(client.tasks.wait_for_completion("task-1", timeout=60, poll_interval=30))
        await asyncio.wait_for(server.got_request.wait(), 5)
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
        await asyncio.wait_for(server.got_request.wait(), 5)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert busy_connections(client) == 0


async def test_load_on_a_small_pool(backend: str) -> None:
    """10,000 requests at concurrency 100 on a pool of 10: no errors, <= 10 connections, exact
    metrics, and the client's memory flat from the first half to the second."""
    body = Reply(200, {"success": True, "data": task("t"), "timestamp": TS}).encode()

    class Canned(Reply):
        def encode(self) -> bytes:
            return body

    async with (
        RawServer(lambda r: Canned(), record=False) as server,
        AgentClient(
            api_url=server.url, api_key=KEY, pool_config=PoolConfig(max_connections=10), backend=backend
        ) as client,
    ):

        async def run(count: int) -> None:
            limiter = asyncio.Semaphore(100)

            async def one(i: int) -> None:
                async with limiter:
                    assert (await client.tasks.get(f"t{i}")).id == "t"

            await asyncio.gather(*(one(i) for i in range(count)))

        await run(4_000)  # warms caches, the pool and lazy imports
        gc.collect()
        objects_before = len(gc.get_objects())
        await run(4_000)
        gc.collect()
        objects_after = len(gc.get_objects())
        # Steady state: after 1,000 traced requests, another 1,000 must not hold more memory.
        tracemalloc.start()
        await run(1_000)
        gc.collect()
        first = tracemalloc.get_traced_memory()[0]
        await run(1_000)
        gc.collect()
        second = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        metrics = client.get_metrics()
    assert metrics.total_requests == 10_000
    assert metrics.successful_requests == 10_000
    assert metrics.failed_requests == 0
    assert metrics.retries == 0
    assert server.request_count == 10_000
    assert server.max_open_connections <= 10
    assert second - first < 100_000, f"1,000 more requests held {second - first} more bytes"
    assert objects_after - objects_before < 2_000, f"{objects_after - objects_before} more live objects"


async def test_redirect_to_another_origin_never_sees_the_key(backend: str) -> None:
    async with RawServer(lambda r: ok(task())) as other:
        location = other.url.replace("127.0.0.1", "127.0.0.2") + "/tasks/task-1"
        async with (
            RawServer(lambda r: Reply(307, headers={"Location": location})) as server,
            AgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
        ):
            with pytest.raises(Exception, match="307"):
                await client.tasks.get("task-1")
        assert other.requests == []
    assert json.dumps([r.headers for r in server.requests]).count(KEY) == 1  # only the real server
