"""Retries, timeouts, cancellation, pooling and hostile responses against a real socket server."""

from __future__ import annotations

import gc
import gzip
import json
import time
import tracemalloc
import zlib
from functools import partial
from typing import Any

import pytest

from ai_agent import (
    AsyncAgentClient,
    ClientClosedError,
    ConnectionError,
    InvalidResponseError,
    PoolConfig,
    RetryConfig,
    ServerError,
    TaskSubmitParams,
    TimeoutError,
)

from ...concurrency import AsyncBackground, async_gather, async_sleep, async_wait_until
from ..conftest import KEY
from ..rawserver import Drop, Hang, RawServer, Reply

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


async def test_post_body_replayed_intact_with_one_key(backend: str) -> None:
    answers = iter([Reply(503), Drop(), ok(task(), 201)])
    async with (
        RawServer(lambda r: next(answers)) as server,
        AsyncAgentClient(api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client,
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


HEALTH = {"status": "UP", "timestamp": TS, "uptime": 1.0, "version": "1", "checks": {}}


async def test_each_request_carries_its_clients_headers_once(backend: str) -> None:
    """A client, copies of it with headers of their own (more of them than the aiohttp layer
    gives sessions of their own), and /health: every request carries exactly its client's
    headers, each one once, and the key everywhere but on /health."""

    def answer(request: Any) -> Reply:
        if request.path == "/health":
            return Reply(200, HEALTH)
        return ok(task(), 201 if request.method == "POST" else 200)

    tenants = [None, *(f"tenant-{i}" for i in range(6))]
    async with (
        RawServer(answer) as server,
        AsyncAgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        for tenant in tenants:
            each = client if tenant is None else client.with_options(headers={"X-Tenant": tenant})
            await each.tasks.get("task-1")
            await each.tasks.submit(name="n", type="t", payload={})
        assert (await client.health()).status == "UP"
    *calls, health = server.requests
    assert len(calls) == 2 * len(tenants)
    for tenant, get, post in zip(tenants, calls[::2], calls[1::2], strict=True):
        for request in (get, post):
            assert len(request.names) == len(set(request.names)), request.names  # none twice
            assert request.headers.get("x-tenant") == tenant
            assert request.headers["authorization"] == f"Bearer {KEY}"
            assert request.headers["user-agent"].startswith("ai-agent-sdk-python/")
        assert post.headers["content-type"] == "application/json"
        assert "idempotency-key" in post.headers
        assert "idempotency-key" not in get.headers
        assert "content-type" not in get.headers
    assert health.path == "/health"
    assert "authorization" not in health.headers
    assert len(health.names) == len(set(health.names))


async def test_every_attempt_takes_the_one_request_path_and_a_hook_sees_each(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One path: every attempt, a call's first included, is sent by the pool under the
    # transport, with or without hooks; a request hook sees every attempt.
    answers = iter([ok(task()), Reply(503), ok(task()), ok(task()), ok(task())])
    seen: list[str] = []
    sends: list[str] = []

    def count_sends(client: AsyncAgentClient) -> None:
        pool = client._core.transport.pool
        send = pool.send

        async def counted(request: Any) -> Any:
            sends.append(request.method)
            return await send(request)

        monkeypatch.setattr(pool, "send", counted)

    async with RawServer(lambda r: next(answers)) as server:
        async with AsyncAgentClient(
            api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend
        ) as client:
            count_sends(client)
            assert (await client.tasks.get("task-1")).id == "task-1"
            assert sends == ["GET"]
            assert (await client.tasks.get("task-1")).id == "task-1"  # 503 first: retried
            assert sends == ["GET"] * 3
            figures = client.get_metrics()
            assert (figures.total_requests, figures.successful_requests, figures.retries) == (2, 2, 1)
        async with AsyncAgentClient(
            api_url=server.url,
            api_key=KEY,
            backend=backend,
            event_hooks={"request": [lambda request: seen.append(str(request.url))]},
        ) as hooked:
            count_sends(hooked)
            await hooked.tasks.get("task-1")
            await hooked.tasks.get("task-1")
            assert sends == ["GET"] * 5
    assert seen == [f"{server.url}/tasks/task-1"] * 2
    assert len(server.requests) == 5


async def test_read_timeout_is_typed_and_bounded(backend: str) -> None:
    async with (
        RawServer(lambda r: Hang()) as server,
        AsyncAgentClient(
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


async def test_a_trickled_answer_is_bounded(backend: str) -> None:
    # Each piece comes well within the timeout, the whole answer (8 pieces, 80 ms apart) does
    # not. httpx's read timeout is per read; the SDK bounds the whole attempt on every backend
    # and client (the sync one checks between pieces: a thread cannot be interrupted).
    body = {"success": True, "data": task(), "timestamp": TS}
    async with (
        RawServer(lambda r: Reply(body=body, trickle=0.08)) as server,
        AsyncAgentClient(
            api_url=server.url, api_key=KEY, timeout=0.3, max_retries=0, backend=backend
        ) as client,
    ):
        started = time.monotonic()
        with pytest.raises(TimeoutError) as info:
            await client.tasks.get("task-1")
        assert time.monotonic() - started < 0.55
    assert info.value.timeout == 300
    assert len(server.requests) == 1


async def outcome(finished: dict[str, float], call: Any, task_id: str) -> Any:
    """The call's result, or the TimeoutError it raised; ``finished`` gets the time it ended."""
    try:
        return await call(task_id)
    except TimeoutError as exc:
        return exc
    finally:
        finished[task_id] = time.monotonic()


async def test_read_timeouts_of_concurrent_calls_are_their_own(backend: str) -> None:
    # One hung call among quick ones: it alone times out, after its own timeout; a call started
    # later with a shorter timeout ends first (the deadline keeper re-arms for it).
    def handler(request: Any) -> Any:
        if "hang" in request.path:
            return Hang()
        return Reply(body={"success": True, "data": task(), "timestamp": TS}, delay=0.05)

    finished: dict[str, float] = {}
    started = time.monotonic()
    async with (
        RawServer(handler) as server,
        AsyncAgentClient(
            api_url=server.url, api_key=KEY, timeout=1.0, max_retries=0, backend=backend
        ) as client,
    ):
        quick = client.with_options(timeout=0.2)
        results = await async_gather(
            [
                partial(outcome, finished, client.tasks.get, "hang-long"),
                *[partial(outcome, finished, client.tasks.get, f"ok-{n}") for n in range(5)],
                partial(outcome, finished, quick.tasks.get, "hang-short"),
            ]
        )
    assert [type(r).__name__ for r in results[1:6]] == ["Task"] * 5
    assert isinstance(results[0], TimeoutError)
    assert results[0].timeout == 1000
    assert isinstance(results[6], TimeoutError)
    assert results[6].timeout == 200
    assert finished["hang-short"] - started < 0.7
    assert finished["hang-long"] - started >= 0.9


async def test_dropped_connections_exhaust_into_connection_error(backend: str) -> None:
    async with (
        RawServer(lambda r: Drop()) as server,
        AsyncAgentClient(api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client,
    ):
        with pytest.raises(ConnectionError) as info:
            await client.tasks.get("task-1")
    assert info.value.attempts == 4
    assert len(server.requests) == 4


async def test_a_dropped_request_is_never_resent_unseen(backend: str) -> None:
    """A kept-alive connection the server drops without answering: the request went out once,
    as the retry layer (here: no retries) and the metrics say. aiohttp 3.10 resent a GET once
    on its own then, unseen by both; the aiohttp layer switches that off (aiohttp >= 3.11)."""
    answers = iter([ok(task())])
    async with (
        RawServer(lambda r: next(answers, Drop())) as server,
        AsyncAgentClient(
            api_url=server.url, api_key=KEY, retry_config=RetryConfig(max_retries=0), backend=backend
        ) as client,
    ):
        await client.tasks.get("task-1")  # leaves the connection in the pool
        with pytest.raises(ConnectionError) as info:
            await client.tasks.get("task-1")
        assert client.get_metrics().total_requests == 2
    assert info.value.attempts == 1
    assert len(server.requests) == 2
    assert server.total_connections == 1


async def test_connection_refused(backend: str) -> None:
    async with RawServer(lambda r: Reply()) as server:
        url = server.url
    async with AsyncAgentClient(api_url=url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client:
        with pytest.raises(ConnectionError):
            await client.tasks.get("task-1")


async def test_truncated_body(backend: str) -> None:
    body = {"success": True, "data": task(), "timestamp": TS}
    async with (
        RawServer(lambda r: Reply(200, body, truncate=True)) as server,
        AsyncAgentClient(api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client,
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
        AsyncAgentClient(api_url=server.url, api_key=KEY, max_retries=0, backend=backend) as client,
    ):
        with pytest.raises(error):
            await client.tasks.get("task-1")


async def test_very_large_body_parses(backend: str) -> None:
    big = task(status="COMPLETED") | {"payload": {"blob": "x" * 8_000_000}, "extra": list(range(10_000))}
    async with (
        RawServer(lambda r: ok(big)) as server,
        AsyncAgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        result = await client.tasks.get("task-1")
    assert len(result.payload["blob"]) == 8_000_000
    assert result.additional_properties["extra"][-1] == 9_999


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_compressed_answers_are_decoded(backend: str, encoding: str) -> None:
    # Servers behind nginx and the like compress JSON whenever the client offers it (aiohttp
    # offers gzip and deflate on every request) or even when it does not.
    body = json.dumps({"success": True, "data": task(status="COMPLETED"), "timestamp": TS}).encode()
    packed = gzip.compress(body) if encoding == "gzip" else zlib.compress(body)
    reply = Reply(body=packed, headers={"Content-Encoding": encoding})
    async with (
        RawServer(lambda r: reply) as server,
        AsyncAgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
    ):
        result = await client.tasks.get("task-1")
        raw = await client.with_raw_response.tasks.get("task-1")
    assert result.status == "COMPLETED"
    assert raw.parse().status == "COMPLETED"
    assert raw.headers["content-encoding"] == encoding


@pytest.mark.parametrize(
    ("encoding", "body"), [("gzip", b"not gzip at all"), ("deflate", b"nor deflate"), ("zstd", b"??")]
)
async def test_an_undecodable_answer_is_invalid_and_not_retried(
    backend: str, encoding: str, body: bytes
) -> None:
    # Corrupt, or an encoding the client cannot decode: the answer's fault, reported as such on
    # both backends, and never retried (the next attempt would get the same bytes).
    reply = Reply(body=body, headers={"Content-Encoding": encoding})
    async with (
        RawServer(lambda r: reply) as server,
        AsyncAgentClient(api_url=server.url, api_key=KEY, retry_config=FAST_RETRY, backend=backend) as client,
    ):
        with pytest.raises(InvalidResponseError):
            await client.tasks.get("task-1")
    assert len(server.requests) == 1


@pytest.mark.volume  # many requests through a small pool
async def test_load_on_a_small_pool(backend: str) -> None:
    """3,000 requests at concurrency 100 on a pool of 10: no errors, <= 10 connections, exact
    metrics, and the client's memory flat from one stretch to the next (make soak runs 200,000)."""
    body = Reply(200, {"success": True, "data": task("t"), "timestamp": TS}).encode()

    class Canned(Reply):
        def encode(self) -> bytes:
            return body

    async with (
        RawServer(lambda r: Canned(), record=False) as server,
        AsyncAgentClient(
            api_url=server.url, api_key=KEY, pool_config=PoolConfig(max_connections=10), backend=backend
        ) as client,
    ):

        async def one(i: int) -> None:
            assert (await client.tasks.get(f"t{i}")).id == "t"

        async def run(count: int) -> None:
            await async_gather([partial(one, i) for i in range(count)], limit=100)

        await run(1_000)  # warms caches, the pool and lazy imports
        gc.collect()
        objects_before = len(gc.get_objects())
        await run(1_000)
        gc.collect()
        objects_after = len(gc.get_objects())
        # Steady state: after 500 traced requests, another 500 must not hold more memory.
        tracemalloc.start()
        await run(500)
        gc.collect()
        first = tracemalloc.get_traced_memory()[0]
        await run(500)
        gc.collect()
        second = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        metrics = client.get_metrics()
    assert metrics.total_requests == 3_000
    assert metrics.successful_requests == 3_000
    assert metrics.failed_requests == 0
    assert metrics.retries == 0
    assert server.request_count == 3_000
    assert server.max_open_connections <= 10
    assert second - first < 50_000, f"500 more requests held {second - first} more bytes"
    assert objects_after - objects_before < 2_000, f"{objects_after - objects_before} more live objects"


async def test_redirect_to_another_origin_never_sees_the_key(backend: str) -> None:
    async with RawServer(lambda r: ok(task())) as other:
        location = other.url.replace("127.0.0.1", "127.0.0.2") + "/tasks/task-1"
        async with (
            RawServer(lambda r: Reply(307, headers={"Location": location})) as server,
            AsyncAgentClient(api_url=server.url, api_key=KEY, backend=backend) as client,
        ):
            with pytest.raises(Exception, match="307"):
                await client.tasks.get("task-1")
        assert other.requests == []
    assert json.dumps([r.headers for r in server.requests]).count(KEY) == 1  # only the real server


# -- close() while other calls are in flight: they end with ClientClosedError, at once -------


@pytest.mark.parametrize(
    ("reply", "call"),
    [
        (lambda r: Reply(503, headers={"Retry-After": "30"}), "backoff"),
        (lambda r: ok(task(status="IN_PROGRESS")), "polling"),
        (lambda r: Hang(), "request"),
    ],
    ids=["during-backoff", "during-polling", "during-a-hanging-request"],
)
async def test_close_wakes_every_call_in_flight(backend: str, reply: Any, call: str) -> None:
    async with RawServer(reply) as server:
        client = AsyncAgentClient(api_url=server.url, api_key=KEY, timeout=20, backend=backend)
        async with AsyncBackground() as background:
            if call == "polling":
                running = background.start(
                    partial(client.tasks.wait_for_completion, "task-1", timeout=60, poll_interval=30)
                )
            else:
                running = background.start(client.tasks.get, "task-1")
            await async_wait_until(lambda: server.request_count > 0)
            await async_sleep(0.05)  # in the back-off, the pause between polls, or the read
            started = time.monotonic()
            await client.close()
            with pytest.raises(ClientClosedError):
                await running.result()
            assert time.monotonic() - started < 1.0
        assert len(server.requests) == 1


async def test_a_refused_connection_reads_the_same_on_every_client_and_backend(backend: str) -> None:
    from ..realnet import free_port

    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    async with AsyncAgentClient(api_url=url, api_key=KEY, max_retries=0, backend=backend) as client:
        for call in (lambda: client.tasks.get("task-1"), client.health):
            with pytest.raises(ConnectionError) as info:
                await call()
            text = str(info.value)
            assert f"cannot reach {url}: connection refused" in text
            assert "Errno" not in text
            assert "attempts failed" not in text
