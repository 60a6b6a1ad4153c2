"""The connection layers: aiohttp is async-only and gets the same TLS and limits; the async
client also bounds a wait whose transport ignores timeouts (the sync client cannot interrupt a
thread, so it relies on each attempt's timeouts, which the real-server tests cover)."""

from __future__ import annotations

import asyncio
import ssl

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import AgentClient, PoolConfig, SyncAgentClient, TimeoutError, ValidationError

from ..helpers import BASE, KEY, inner_transport


async def test_aiohttp_backend_gets_the_same_tls_context_and_limits() -> None:
    pool = PoolConfig(max_connections=4, max_idle_time=2500)
    async with (
        AgentClient(api_url="https://127.0.0.1:1", api_key=KEY, pool_config=pool, backend="aiohttp") as fast,
        AgentClient(api_url="https://127.0.0.1:1", api_key=KEY, pool_config=pool) as default,
    ):
        aiohttp_transport = inner_transport(fast)
        assert aiohttp_transport.ssl_context is inner_transport(default)._pool._ssl_context
        assert aiohttp_transport.ssl_context.verify_mode == ssl.CERT_REQUIRED
        limits = aiohttp_transport.limits
        assert (limits.max_connections, limits.keepalive_expiry) == (4, 2.5)


def test_sync_client_refuses_the_aiohttp_backend() -> None:
    with pytest.raises(ValidationError) as info:
        SyncAgentClient(api_url=BASE, api_key=KEY, backend="aiohttp")  # type: ignore[arg-type]
    assert info.value.details["field"] == "backend"
    assert "asyncio-only" in str(info.value)


def test_sync_and_async_share_one_tls_context() -> None:
    sync = SyncAgentClient(api_url="https://127.0.0.1:1", api_key=KEY)
    asynchronous = AgentClient(api_url="https://127.0.0.1:1", api_key=KEY)
    try:
        assert inner_transport(sync)._pool._ssl_context is inner_transport(asynchronous)._pool._ssl_context
    finally:
        sync.close()
        asyncio.run(asynchronous.close())


async def test_async_wait_is_bounded_even_when_the_transport_ignores_timeouts(httpx_mock: HTTPXMock) -> None:
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(30)
        raise AssertionError("unreachable")

    httpx_mock.add_callback(hang, url=f"{BASE}/tasks/task-1")
    async with AgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(TimeoutError) as info:
            await client.tasks.wait_for_completion("task-1", timeout=0.05)
    assert info.value.timeout == 50
