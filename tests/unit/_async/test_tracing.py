"""OpenTelemetry spans and metrics, with in-memory exporters: a span per public call, a CLIENT
span per HTTP attempt, the standard HTTP client metric and our own, no key anywhere."""

from __future__ import annotations

import httpx
import pytest
from opentelemetry.trace import SpanKind, StatusCode
from pytest_httpx import HTTPXMock

from ai_agent import AsyncAgentClient, NotFoundError, RetryConfig

from ...helpers import BASE, KEY, AsyncFakeClock, fail, ok, task_json
from ...tracing_support import Telemetry

TASK_URL = f"{BASE}/tasks/task-1"
QUICK = RetryConfig(max_retries=3, initial_delay=1, max_delay=5, jitter=0)


@pytest.fixture
def telemetry() -> Telemetry:
    return Telemetry()


def client(telemetry: Telemetry, fake_clock: AsyncFakeClock, **options: object) -> AsyncAgentClient:
    return AsyncAgentClient(
        api_url=BASE, api_key=KEY, retry_config=QUICK, clock=fake_clock.clock, **telemetry.options, **options
    )


async def test_a_call_retried_twice(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, telemetry: Telemetry
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=503, headers={"X-Request-Id": "r1"})
    httpx_mock.add_response(url=TASK_URL, status_code=503, headers={"X-Request-Id": "r2"})
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()), headers={"X-Request-Id": "r3"})
    async with client(telemetry, fake_clock) as c:
        await c.tasks.get("task-1")
    [call] = telemetry.internal()
    attempts = telemetry.client()
    assert call.name == "tasks.get"
    assert call.attributes["ai_agent.operation"] == "tasks.get"
    assert call.attributes["ai_agent.task.id"] == "task-1"
    assert (call.attributes["server.address"], call.attributes["server.port"]) == ("127.0.0.1", 3000)
    assert call.status.status_code == StatusCode.UNSET
    assert len(attempts) == 3
    assert all(a.parent is not None and a.parent.span_id == call.context.span_id for a in attempts)
    assert all(a.context.trace_id == call.context.trace_id for a in attempts)
    assert [a.attributes.get("http.request.resend_count") for a in attempts] == [None, 1, 2]
    assert [a.attributes["http.response.status_code"] for a in attempts] == [503, 503, 200]
    assert [a.status.status_code for a in attempts] == [StatusCode.ERROR, StatusCode.ERROR, StatusCode.UNSET]
    assert [a.attributes.get("error.type") for a in attempts] == ["503", "503", None]
    assert [a.attributes["http.response.header.x-request-id"] for a in attempts] == [
        ("r1",),
        ("r2",),
        ("r3",),
    ]
    assert all(a.name == "GET" and a.attributes["http.request.method"] == "GET" for a in attempts)
    assert attempts[0].attributes["url.full"] == TASK_URL
    # every attempt carried its own span's trace context
    sent = httpx_mock.get_requests()
    assert sent[0].headers["traceparent"].split("-")[1] == format(call.context.trace_id, "032x")
    metrics = telemetry.metrics()
    assert sum(p.count for p in metrics["http.client.request.duration"]) == 3
    assert sum(p.value for p in metrics["ai_agent.client.retries"]) == 2
    [operation] = metrics["ai_agent.client.operation.duration"]
    assert operation.attributes == {"ai_agent.operation": "tasks.get"}


async def test_a_404(httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, telemetry: Telemetry) -> None:
    httpx_mock.add_response(url=f"{BASE}/agents/nope", status_code=404, json=fail("NOT_FOUND", "no"))
    async with client(telemetry, fake_clock) as c:
        with pytest.raises(NotFoundError):
            await c.agents.get("nope")
    [call] = telemetry.internal()
    [attempt] = telemetry.client()
    assert call.status.status_code == StatusCode.ERROR
    assert call.attributes["error.type"] == "NotFoundError"
    assert call.attributes["ai_agent.agent.id"] == "nope"
    assert attempt.attributes["error.type"] == "404"
    points = telemetry.metrics()["ai_agent.client.operation.duration"]
    assert points[0].attributes == {"ai_agent.operation": "agents.get", "error.type": "NotFoundError"}


async def test_a_dropped_connection(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, telemetry: Telemetry
) -> None:
    httpx_mock.add_exception(httpx.RemoteProtocolError("dropped"), url=TASK_URL)
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    async with client(telemetry, fake_clock) as c:
        await c.tasks.get("task-1")
    failed, succeeded = telemetry.client()
    assert failed.attributes["error.type"] == "RemoteProtocolError"
    assert "http.response.status_code" not in failed.attributes
    assert succeeded.attributes["http.request.resend_count"] == 1
    retries = telemetry.metrics()["ai_agent.client.retries"]
    assert retries[0].attributes == {"ai_agent.operation": "tasks.get", "error.type": "RemoteProtocolError"}


async def test_the_generated_client_gets_attempt_spans(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, telemetry: Telemetry
) -> None:
    from ai_agent_client.api.tasks import get_task

    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    async with client(telemetry, fake_clock) as c:
        await get_task.asyncio_detailed("task-1", client=c.api)
    assert telemetry.internal() == []
    [attempt] = telemetry.client()
    assert attempt.kind == SpanKind.CLIENT
    assert "traceparent" in httpx_mock.get_requests()[0].headers


async def test_tracing_false_emits_nothing(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, telemetry: Telemetry
) -> None:
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    async with client(telemetry, fake_clock, tracing=False) as c:
        await c.tasks.get("task-1")
    assert telemetry.spans() == []
    assert telemetry.metrics() == {}
    assert "traceparent" not in httpx_mock.get_requests()[0].headers


async def test_the_key_is_nowhere_in_what_is_exported(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, telemetry: Telemetry
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=401, json=fail("UNAUTHORIZED", f"bad key {KEY}"))
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    async with client(telemetry, fake_clock) as c:
        with pytest.raises(Exception, match="UNAUTHORIZED"):
            await c.tasks.get("task-1")
        await c.tasks.submit(name="n", type="t", payload={"x": 1})
    assert telemetry.spans()
    assert KEY not in telemetry.dump()


class Exploding:
    """A span processor whose every step fails (a broken exporter, say)."""

    def on_start(self, span: object, parent_context: object = None) -> None:
        raise RuntimeError("exporter down")

    def on_end(self, span: object) -> None:
        raise RuntimeError("exporter down")

    def shutdown(self) -> None:
        pass

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


async def test_a_failing_exporter_never_breaks_a_call(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, telemetry: Telemetry
) -> None:
    telemetry.tracer_provider.add_span_processor(Exploding())  # type: ignore[arg-type]
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    async with client(telemetry, fake_clock) as c:
        assert (await c.tasks.get("task-1")).id == "task-1"
