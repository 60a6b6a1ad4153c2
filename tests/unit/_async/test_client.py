"""AsyncAgentClient construction, lifecycle, security of the key, pool and TLS settings, logging, metrics."""

from __future__ import annotations

import gc
import logging
import ssl
import warnings
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import (
    AsyncAgentClient,
    ClientClosedError,
    PoolConfig,
    RetryConfig,
    ServerError,
    TimeoutError,
    ValidationError,
)

from ...concurrency import AsyncBackground, AsyncEvent, async_sleep
from ...helpers import BASE, KEY, AsyncFakeClock, fail, inner_transport, ok, task_json


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"api_key": ""}, "api_key"),
        ({"api_key": "   "}, "api_key"),
        ({"api_key": 123}, "api_key"),
        ({"api_key": "a\nb"}, "api_key"),
        ({"api_url": "ftp://example.test"}, "api_url"),
        ({"api_url": "localhost:3000"}, "api_url"),
        ({"api_url": ""}, "api_url"),
        ({"api_url": "http://127.0.0.1:3000?x=1"}, "api_url"),
        ({"timeout": -1}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": "30"}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": 2.5}, "max_retries"),
        ({"max_retries": 5, "retry_config": RetryConfig(max_retries=3)}, "max_retries"),
        ({"retry_config": {"max_retries": 3}}, "retry_config"),
        ({"pool_config": {"max_connections": 3}}, "pool_config"),
        ({"backend": "curl"}, "backend"),
    ],
)
def test_bad_arguments_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    arguments: dict[str, Any] = {"api_url": BASE, "api_key": KEY, **kwargs}
    with pytest.raises(ValidationError) as info:
        AsyncAgentClient(**arguments)
    assert info.value.details["field"] == field
    assert field in str(info.value)


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (lambda: RetryConfig(max_retries=-1), "max_retries"),
        (lambda: RetryConfig(initial_delay=-5), "initial_delay"),
        (lambda: RetryConfig(max_delay=10, initial_delay=100), "max_delay"),
        (lambda: RetryConfig(backoff_multiplier=0.5), "backoff_multiplier"),
        (lambda: RetryConfig(jitter=2), "jitter"),
        (lambda: PoolConfig(max_connections=0), "max_connections"),
        (lambda: PoolConfig(max_idle_time=-1), "max_idle_time"),
        (lambda: PoolConfig(max_connections=True), "max_connections"),
    ],
)
def test_bad_config_names_the_field(factory: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        factory()
    assert info.value.details["field"] == field


async def test_max_retries_shortcut_and_agreement() -> None:
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, max_retries=7) as a:
        assert a.retry_config.max_retries == 7
    config = RetryConfig(max_retries=3, initial_delay=50)
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, max_retries=3, retry_config=config) as b:
        assert b.retry_config is config
    async with AsyncAgentClient(api_url=BASE, api_key=KEY) as c:
        assert c.retry_config == RetryConfig()


async def test_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_AGENT_API_KEY", "from-env")
    async with AsyncAgentClient(api_url=BASE) as client:
        assert client._settings.api_key == "from-env"
    monkeypatch.delenv("AI_AGENT_API_KEY")
    with pytest.raises(ValidationError):
        AsyncAgentClient(api_url=BASE)


async def test_pool_config_is_applied_to_the_inner_transport() -> None:
    pool = PoolConfig(max_connections=3, max_idle_time=1500)
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, pool_config=pool) as client:
        connection_pool = inner_transport(client)._pool
        assert connection_pool._max_connections == 3
        assert connection_pool._max_keepalive_connections == 3
        assert connection_pool._keepalive_expiry == 1.5


async def test_tls_verification_on_by_default_and_context_shared() -> None:
    async with (
        AsyncAgentClient(api_url="https://127.0.0.1:1", api_key=KEY) as first,
        AsyncAgentClient(api_url="https://127.0.0.1:1", api_key=KEY) as second,
    ):
        context = inner_transport(first)._pool._ssl_context
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert context.check_hostname is True
        assert inner_transport(second)._pool._ssl_context is context
    async with AsyncAgentClient(api_url="https://127.0.0.1:1", api_key=KEY, verify=False) as insecure:
        assert inner_transport(insecure)._pool._ssl_context.verify_mode == ssl.CERT_NONE


async def test_plain_http_to_a_remote_host_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ai_agent"):
        async with AsyncAgentClient(api_url="http://orchestrator.example.test", api_key=KEY):
            pass
        async with AsyncAgentClient(api_url="http://127.0.0.1:3000", api_key=KEY):
            pass
        async with AsyncAgentClient(api_url="http://[::1]:3000", api_key=KEY):
            pass
    warnings_logged = [r for r in caplog.records if "plain http" in r.getMessage()]
    assert len(warnings_logged) == 1
    assert "orchestrator.example.test" in warnings_logged[0].getMessage()


async def test_repr_never_shows_the_key() -> None:
    client = AsyncAgentClient(api_url=BASE, api_key=KEY)
    try:
        texts = [
            repr(client),
            str(client),
            repr(client._settings),
            repr(client.api),
            repr(client._core.redact),
            repr(client._core.__dict__),
        ]
        assert "127.0.0.1" in texts[0]
        for text in texts[:-1]:
            assert KEY not in text
    finally:
        await client.close()


async def test_closed_client_raises_a_clear_error(httpx_mock: HTTPXMock) -> None:
    client = AsyncAgentClient(api_url=BASE, api_key=KEY)
    await client.close()
    await client.close()  # idempotent
    assert client.is_closed
    with pytest.raises(ClientClosedError) as info:
        await client.tasks.get("task-1")
    assert "closed" in str(info.value)
    # The hint names this client's own idiom (`async with` here, `with` on the sync twin).
    assert "manage it with `async with`" in str(info.value)
    assert httpx_mock.get_requests() == []


def test_unclosed_client_warns() -> None:
    client = AsyncAgentClient(api_url=BASE, api_key=KEY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del client
        gc.collect()
    resource = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert len(resource) == 1
    assert "never closed; manage it with `async with`" in str(resource[0].message)
    assert KEY not in str(resource[0].message)


def test_failed_constructor_does_not_warn() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValidationError):
            AsyncAgentClient(api_url=BASE, api_key="")
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


async def test_health_has_no_auth_header(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/health",
        json={
            "status": "DEGRADED",
            "timestamp": "2025-11-18T10:00:00.000Z",
            "uptime": 12.5,
            "version": "1.2.3",
            "checks": {"store": {"status": "UP", "responseTime": 0.3}, "workers": {"status": "DOWN"}},
        },
    )
    health = await client.health()
    assert health.status == "DEGRADED"
    assert set(health.checks) == {"store", "workers"}
    assert health.checks["workers"].status == "DOWN"
    assert (health.uptime, health.version, health.http_status) == (12.5, "1.2.3", 200)
    assert "Authorization" not in httpx_mock.get_requests()[0].headers


async def test_health_503_without_health_body_is_a_server_error(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=f"{BASE}/health", status_code=503, text="<html>down</html>")
    with pytest.raises(ServerError) as info:
        await client.health()
    assert "not an error envelope" in str(info.value)
    assert len(httpx_mock.get_requests()) == 1  # health() never retries: a 503 is its answer


async def test_health_503_with_an_error_envelope_raises_its_code_and_message(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/health",
        status_code=503,
        json=fail("SERVER_ERROR", "database unreachable"),
        headers={"X-Request-Id": "req-503"},
    )
    with pytest.raises(ServerError) as info:
        await client.health()
    text = str(info.value)
    assert "database unreachable" in text
    assert "not an error envelope" not in text
    assert (info.value.code, info.value.status_code, info.value.request_id) == (
        "SERVER_ERROR",
        503,
        "req-503",
    )
    assert len(httpx_mock.get_requests()) == 1


async def test_metrics(client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock) -> None:
    httpx_mock.add_response(url=f"{BASE}/tasks/ok", json=ok(task_json("ok")), is_reusable=True)
    httpx_mock.add_response(url=f"{BASE}/tasks/gone", status_code=404, json=fail("NOT_FOUND", "gone"))
    httpx_mock.add_response(url=f"{BASE}/tasks/flaky", status_code=503)
    httpx_mock.add_response(url=f"{BASE}/tasks/flaky", json=ok(task_json("flaky")))
    for _ in range(3):
        await client.tasks.get("ok")
    with pytest.raises(Exception, match="gone"):
        await client.tasks.get("gone")
    await client.tasks.get("flaky")
    metrics = client.get_metrics()
    assert metrics.total_requests == 5
    assert metrics.successful_requests == 4
    assert metrics.failed_requests == 1
    assert metrics.retries == 1
    assert metrics.success_rate == pytest.approx(80.0)
    assert metrics.error_rate == pytest.approx(20.0)
    assert metrics.average_latency == pytest.approx(100 / 5)  # one 100 ms back-off, in ms
    assert metrics.p99_latency == pytest.approx(100, rel=0.05)
    assert metrics.last_error == "tasks.get: HTTP 404"
    assert metrics.by_operation["tasks.get"].total_requests == 5
    client.reset_metrics()
    assert client.get_metrics().total_requests == 0
    assert client.get_metrics().last_error is None


async def test_logging_never_shows_the_key(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(url=f"{BASE}/tasks/t", status_code=503, headers={"X-Request-Id": "rid-1"})
    httpx_mock.add_response(url=f"{BASE}/tasks/t", json=ok(task_json("t")))
    with caplog.at_level(logging.DEBUG):
        await client.tasks.get("t")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "retrying" in text
    assert "rid-1" in text
    assert KEY not in text


async def test_custom_headers_and_transport() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=ok(task_json()))

    async with AsyncAgentClient(
        api_url=BASE + "/", api_key=KEY, headers={"X-Team": "data"}, transport=httpx.MockTransport(handler)
    ) as client:
        await client.tasks.get("task-1")
    assert seen[0].headers["X-Team"] == "data"
    assert str(seen[0].url) == f"{BASE}/tasks/task-1"


async def test_waiting_for_a_free_connection_is_bounded_by_the_timeout(httpx_mock: HTTPXMock) -> None:
    release = AsyncEvent()

    async def slow(request: httpx.Request) -> httpx.Response:
        await release.wait()
        return httpx.Response(200, json=ok(task_json()))

    httpx_mock.add_callback(slow, url=f"{BASE}/tasks/task-1")
    async with (
        AsyncAgentClient(
            api_url=BASE, api_key=KEY, timeout=0.05, max_retries=0, pool_config=PoolConfig(max_connections=1)
        ) as client,
        AsyncBackground() as background,
    ):
        holder = background.start(client.tasks.get, "task-1")
        await async_sleep(0.02)
        with pytest.raises(TimeoutError) as info:  # the only connection is taken
            await client.tasks.get("task-2")
        assert "no free connection" in str(info.value)
        release.set()
        assert (await holder.result()).id == "task-1"
