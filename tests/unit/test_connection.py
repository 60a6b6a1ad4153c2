"""The connection layers: aiohttp is async-only and gets the same TLS and limits; the async
client also bounds a wait whose transport ignores timeouts (the sync client cannot interrupt a
thread, so it relies on each attempt's timeouts, which the real-server tests cover)."""

from __future__ import annotations

import asyncio
import builtins
import ssl
from typing import Any

import aiohttp
import httpx
import multidict
import pytest
import yarl
from pytest_httpx import HTTPXMock

from ai_agent import AgentClient, PoolConfig, SyncAgentClient, TimeoutError, ValidationError, _aiohttp_layer
from ai_agent._aiohttp_layer import _MAX_SESSIONS, AiohttpLayer, as_httpx
from ai_agent._messages import HeaderSet

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


def _connector_error(cls: type[aiohttp.ClientConnectorError]) -> aiohttp.ClientConnectorError:
    key = aiohttp.client_reqrep.ConnectionKey("h", 1, False, True, None, None, None)
    return cls(key, OSError(111, "refused"))


def _response_error(cls: type[aiohttp.ClientResponseError]) -> aiohttp.ClientResponseError:
    url = yarl.URL("http://h/")
    info = aiohttp.RequestInfo(url, "GET", multidict.CIMultiDictProxy(multidict.CIMultiDict()), url)
    return cls(info, (), status=400, message="bad")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (lambda: aiohttp.ConnectionTimeoutError("connect"), httpx.ConnectTimeout),
        (lambda: aiohttp.SocketTimeoutError("read"), httpx.ReadTimeout),
        (lambda: builtins.TimeoutError(), httpx.ReadTimeout),
        (lambda: _connector_error(aiohttp.ClientConnectorError), httpx.ConnectError),
        (lambda: _connector_error(aiohttp.ClientConnectorDNSError), httpx.ConnectError),
        (lambda: aiohttp.ServerDisconnectedError(), httpx.RemoteProtocolError),
        (lambda: aiohttp.ClientPayloadError("cut"), httpx.RemoteProtocolError),
        (lambda: aiohttp.ClientOSError(104, "reset"), httpx.ReadError),
        (lambda: _response_error(aiohttp.ClientResponseError), httpx.RemoteProtocolError),
        (lambda: aiohttp.InvalidURL("http://[::1"), httpx.UnsupportedProtocol),
        (lambda: aiohttp.NonHttpUrlClientError("ftp://x"), httpx.UnsupportedProtocol),
        pytest.param(
            lambda: aiohttp.UploadAbortedError(),
            httpx.WriteError,
            marks=pytest.mark.skipif(not hasattr(aiohttp, "UploadAbortedError"), reason="aiohttp < 3.14.4"),
        ),
        (lambda: aiohttp.ClientError("something new"), httpx.TransportError),
    ],
)
def test_every_aiohttp_failure_maps_to_the_httpx_error_httpx_would_raise(
    error: Any, expected: type[httpx.RequestError]
) -> None:
    # Nothing falls back to a timeout: a timeout is retried and reported as "no answer within",
    # which only a timeout may be.
    mapped = as_httpx(error())
    assert type(mapped) is expected
    assert isinstance(mapped, httpx.TimeoutException) == issubclass(expected, httpx.TimeoutException)


async def test_aiohttp_sessions_per_header_set_share_one_pool_and_jar_and_all_close() -> None:
    """The aiohttp layer's sessions with a client's headers as defaults: one per header set (a
    few at most), all on the main session's connection pool and cookie jar, all closed with it."""
    backend = AiohttpLayer()
    first, second = HeaderSet({"A": "1"}), HeaderSet({"B": "2"})
    session = backend._session_for(first)
    main = backend.client
    assert isinstance(session, aiohttp.ClientSession)
    assert isinstance(main, aiohttp.ClientSession)
    assert backend._session_for(first) is session
    other = backend._session_for(second)
    assert other is not None
    assert other is not session
    assert session.connector is main.connector is other.connector
    assert session.cookie_jar is main.cookie_jar is other.cookie_jar
    assert dict(session.headers) == {"A": "1"}
    more = [backend._session_for(HeaderSet({"C": str(i)})) for i in range(8)]
    assert more.count(None) == 8 - (_MAX_SESSIONS - 2)  # past the limit: headers per request
    await backend.aclose()
    assert all(s.closed for s in (main, session, other, *filter(None, more)))


async def test_copies_with_the_same_headers_share_one_header_set_and_session() -> None:
    """``with_options`` copies made per call, say, reuse their client's header sets, and so the
    aiohttp layer's sessions, instead of using up the few it makes."""
    async with AgentClient(api_url=BASE, api_key=KEY, backend="aiohttp") as client:
        copies = [client.with_options(timeout=1 + i) for i in range(2 * _MAX_SESSIONS)]
        assert len({id(each._core._auth_headers) for each in (client, *copies)}) == 1
        assert len({id(each._core._headers) for each in (client, *copies)}) == 1
        other = client.with_options(headers={"X-Tenant": "t"})
        assert other._core._auth_headers is not client._core._auth_headers
        backend = inner_transport(client)
        assert isinstance(backend, AiohttpLayer)
        session = backend._session_for(client._core._auth_headers)
        assert session is not None
        assert all(backend._session_for(each._core._auth_headers) is session for each in copies)


def test_error_mapping_works_on_an_aiohttp_without_upload_aborted_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # aiohttp < 3.14.4 (the floor among them) has no UploadAbortedError: a failure reaching that
    # check must still map (it used to raise AttributeError there). The layer looks it up once, on
    # import: without it, its check is for nothing.
    monkeypatch.delattr(aiohttp, "UploadAbortedError", raising=False)
    monkeypatch.setattr(_aiohttp_layer, "_UPLOAD_ABORTED", ())
    mapped = as_httpx(aiohttp.ClientError("something else"))
    assert type(mapped) is httpx.TransportError
