"""Retry rules of the transport: what is retried, how long it waits, what every attempt carries."""

from __future__ import annotations

import email.utils
import json
import time

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import (
    AgentClientError,
    AsyncAgentClient,
    ConnectionError,
    RateLimitError,
    RetryConfig,
    ServerError,
    TaskSubmitParams,
    TimeoutError,
)

from ...helpers import BASE, KEY, AsyncFakeClock, fail, ok, task_json

TASK_URL = f"{BASE}/tasks/task-1"
PARAMS = TaskSubmitParams(name="n", type="t", payload={"x": [1, "é", None]})


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_retryable_statuses_are_retried(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, status: int
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=status, json=fail("X", "try again"))
    httpx_mock.add_response(url=TASK_URL, status_code=status, json=fail("X", "try again"))
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    task = await client.tasks.get("task-1")
    assert task.id == "task-1"
    assert len(httpx_mock.get_requests()) == 3
    assert fake_clock.sleeps == [0.1, 0.2]  # initial_delay, then x backoff_multiplier
    assert client.get_metrics().retries == 2


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "VALIDATION_ERROR"),
        (401, "UNAUTHORIZED"),
        (403, "FORBIDDEN"),
        (404, "NOT_FOUND"),
        (409, "CONFLICT"),
        (422, "VALIDATION_ERROR"),
        (405, "METHOD_NOT_ALLOWED"),
    ],
)
async def test_other_client_errors_are_sent_once(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, status: int, code: str
) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=status, json=fail(code, "no"))
    with pytest.raises(AgentClientError) as info:
        await client.tasks.submit(PARAMS)
    assert info.value.status_code == status
    assert len(httpx_mock.get_requests()) == 1
    assert fake_clock.sleeps == []


async def test_max_retries_is_honoured_and_attempts_reported(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    for _ in range(4):
        httpx_mock.add_response(url=TASK_URL, status_code=503, json=fail("SERVER_ERROR", "busy"))
    with pytest.raises(ServerError) as info:
        await client.tasks.get("task-1")
    assert len(httpx_mock.get_requests()) == 4  # 1 + max_retries
    assert info.value.attempts == 4
    assert "after 4 attempts" in str(info.value)
    assert fake_clock.sleeps == [0.1, 0.2, 0.4]


async def test_delay_is_capped_at_max_delay(httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock) -> None:
    retry = RetryConfig(max_retries=5, initial_delay=100, max_delay=300, backoff_multiplier=3, jitter=0)
    for _ in range(6):
        httpx_mock.add_response(url=TASK_URL, status_code=500, json=fail("SERVER_ERROR", "x"))
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, retry_config=retry, clock=fake_clock.clock) as c:
        with pytest.raises(ServerError):
            await c.tasks.get("task-1")
    assert fake_clock.sleeps == [0.1, 0.3, 0.3, 0.3, 0.3]


async def test_jitter_stays_within_bounds(httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock) -> None:
    retry = RetryConfig(max_retries=20, initial_delay=100, max_delay=100, jitter=0.5)
    for _ in range(21):
        httpx_mock.add_response(url=TASK_URL, status_code=502)
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, retry_config=retry, clock=fake_clock.clock) as c:
        with pytest.raises(ServerError):
            await c.tasks.get("task-1")
    assert len(fake_clock.sleeps) == 20
    assert all(0.05 <= s <= 0.1 for s in fake_clock.sleeps)
    assert len(set(fake_clock.sleeps)) > 1  # really randomised


async def test_max_retries_zero_disables_retrying(httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=503)
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, max_retries=0, clock=fake_clock.clock) as c:
        with pytest.raises(ServerError):
            await c.tasks.get("task-1")
    assert len(httpx_mock.get_requests()) == 1


async def test_retry_after_seconds_wins_over_backoff(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=429, headers={"Retry-After": "7"})
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    await client.tasks.get("task-1")
    assert fake_clock.sleeps == [7.0]


async def test_retry_after_http_date(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    httpx_mock.add_response(url=TASK_URL, status_code=503, headers={"Retry-After": when})
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    await client.tasks.get("task-1")
    assert len(fake_clock.sleeps) == 1
    assert 28 <= fake_clock.sleeps[0] <= 30


async def test_retry_after_beyond_the_limit_is_not_waited_for(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    httpx_mock.add_response(
        url=TASK_URL, status_code=429, headers={"Retry-After": "3600"}, json=fail("RATE_LIMIT", "slow down")
    )
    with pytest.raises(RateLimitError) as info:
        await client.tasks.get("task-1")
    assert info.value.retry_after == 3600
    assert fake_clock.sleeps == []
    assert len(httpx_mock.get_requests()) == 1


async def test_rate_limit_exhausted_reports_retry_after_and_attempts(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    for _ in range(4):
        httpx_mock.add_response(
            url=TASK_URL, status_code=429, headers={"Retry-After": "2"}, json=fail("RATE_LIMIT", "slow down")
        )
    with pytest.raises(RateLimitError) as info:
        await client.tasks.get("task-1")
    assert info.value.attempts == 4
    assert info.value.retry_after == 2
    assert fake_clock.sleeps == [2.0, 2.0, 2.0]


async def test_connection_errors_are_retried(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=TASK_URL)
    httpx_mock.add_exception(httpx.RemoteProtocolError("dropped"), url=TASK_URL)
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    assert (await client.tasks.get("task-1")).id == "task-1"
    assert len(fake_clock.sleeps) == 2


async def test_connection_error_after_all_retries(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    for _ in range(4):
        httpx_mock.add_exception(httpx.ConnectError("refused"), url=TASK_URL)
    with pytest.raises(ConnectionError) as info:
        await client.tasks.get("task-1")
    assert info.value.attempts == 4
    assert isinstance(info.value, AgentClientError)
    assert "task-1" in str(info.value)


async def test_read_timeout_retried_then_typed_timeout(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    for _ in range(3):
        httpx_mock.add_exception(httpx.ReadTimeout("slow"), url=TASK_URL)
    async with AsyncAgentClient(
        api_url=BASE, api_key=KEY, timeout=2.5, max_retries=2, clock=fake_clock.clock
    ) as c:
        with pytest.raises(TimeoutError) as info:
            await c.tasks.get("task-1")
    assert info.value.timeout == 2500
    assert info.value.attempts == 3
    assert isinstance(info.value, builtins_timeout())


def builtins_timeout() -> type[BaseException]:
    import builtins

    return builtins.TimeoutError


async def test_post_retries_reuse_one_idempotency_key_and_the_same_body(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout("lost"), method="POST", url=f"{BASE}/tasks")
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=503)
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    await client.tasks.submit(PARAMS)
    requests = httpx_mock.get_requests()
    keys = {r.headers["Idempotency-Key"] for r in requests}
    assert len(requests) == 3
    assert len(keys) == 1
    assert {r.content for r in requests} == {requests[0].content}
    assert json.loads(requests[0].content) == {"name": "n", "type": "t", "payload": {"x": [1, "é", None]}}


async def test_each_logical_post_gets_its_own_key(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    for _ in range(2):
        httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    await client.tasks.submit(PARAMS)
    await client.tasks.submit(PARAMS)
    first, second = httpx_mock.get_requests()
    assert first.headers["Idempotency-Key"] != second.headers["Idempotency-Key"]


async def test_caller_idempotency_key_is_sent(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    await client.tasks.submit(PARAMS, idempotency_key="order-42")
    assert httpx_mock.get_requests()[0].headers["Idempotency-Key"] == "order-42"


async def test_gets_carry_no_idempotency_key(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    await client.tasks.get("task-1")
    assert "Idempotency-Key" not in httpx_mock.get_requests()[0].headers


async def test_generated_endpoints_share_retries_and_metrics(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    from ai_agent_client.api.tasks import get_task

    httpx_mock.add_response(url=TASK_URL, status_code=503)
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    response = await get_task.asyncio_detailed("task-1", client=client.api)
    assert response.status_code == 200
    assert fake_clock.sleeps == [0.1]
    request = httpx_mock.get_requests()[-1]
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert client.get_metrics().by_operation["GET /tasks"].retries == 1


async def test_health_does_not_retry_a_503(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/health",
        status_code=503,
        json={"status": "DOWN", "timestamp": "2025-11-18T10:00:00.000Z"},
    )
    health = await client.health()
    assert health.status == "DOWN"
    assert len(httpx_mock.get_requests()) == 1
