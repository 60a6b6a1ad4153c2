"""The SDK family's idioms and the habits users bring from httpx and the OpenAI SDK: presets,
initialize(), keyword forms, with_options, event hooks, a logger of one's own, raw responses,
dict-style reading of pages and models."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import (
    AgentCreateParams,
    AsyncAgentClient,
    AuthenticationError,
    ClientClosedError,
    ConnectionError,
    NotFoundError,
    RetryConfig,
    RetryPresets,
    ServerError,
    TaskSubmitParams,
    ValidationError,
)

from ...helpers import BASE, KEY, TS, AsyncFakeClock, agent_json, fail, ok, page, task_json

TASK_URL = f"{BASE}/tasks/task-1"
HEALTH = {"status": "UP", "timestamp": TS}


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


# -- presets ---------------------------------------------------------------------------------


async def test_retry_presets_drive_the_retries(httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock) -> None:
    for _ in range(6):
        httpx_mock.add_response(url=TASK_URL, status_code=503)
    async with AsyncAgentClient(
        api_url=BASE, api_key=KEY, retry_config=RetryPresets.AGGRESSIVE, clock=fake_clock.clock
    ) as client:
        with pytest.raises(ServerError) as info:
            await client.tasks.get("task-1")
    assert info.value.attempts == 6  # AGGRESSIVE: 5 retries
    assert len(fake_clock.sleeps) == 5
    assert all(s <= 5.0 for s in fake_clock.sleeps)


async def test_no_retries_preset(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=503)
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, retry_config=RetryPresets.NONE) as client:
        with pytest.raises(ServerError):
            await client.tasks.get("task-1")
    assert len(httpx_mock.get_requests()) == 1


# -- initialize ------------------------------------------------------------------------------


async def test_initialize_checks_url_and_key_in_two_requests(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE}/health", json=HEALTH)
    httpx_mock.add_response(url=f"{BASE}/agents?page=1&limit=1", json=page([], limit=1))
    async with AsyncAgentClient(api_url=BASE, api_key=KEY) as client:
        assert httpx_mock.get_requests() == []  # `async with` alone sends nothing
        assert await client.initialize() is client
        assert await client.initialize() is client  # the second call does nothing
    health, agents = httpx_mock.get_requests()
    assert "Authorization" not in health.headers
    assert agents.headers["Authorization"] == f"Bearer {KEY}"


async def test_initialize_with_a_wrong_key_fails_typed(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=f"{BASE}/health", json=HEALTH)
    httpx_mock.add_response(
        url=f"{BASE}/agents?page=1&limit=1", status_code=401, json=fail("UNAUTHORIZED", "bad key")
    )
    async with AsyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(AuthenticationError):
            await client.initialize()


async def test_initialize_with_a_wrong_url_fails_typed(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=f"{BASE}/health")
    async with AsyncAgentClient(api_url=BASE, api_key=KEY, max_retries=0) as client:
        with pytest.raises(ConnectionError) as info:
            await client.initialize()
    assert "127.0.0.1:3000" in str(info.value)  # where it tried to connect
    assert KEY not in str(info.value)


# -- keyword forms -------------------------------------------------------------------------


async def test_keyword_forms_send_what_the_params_objects_send(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/agents", status_code=201, json=ok(agent_json()), is_reusable=True
    )
    httpx_mock.add_response(
        method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()), is_reusable=True
    )
    httpx_mock.add_response(method="PUT", url=f"{BASE}/agents/a", json=ok(agent_json("a")), is_reusable=True)
    await client.agents.create(
        AgentCreateParams(name="A", type="WORKER", capabilities=["x"], metadata={"k": 1})
    )
    await client.agents.create(name="A", type="WORKER", capabilities=["x"], metadata={"k": 1})
    await client.tasks.submit(
        TaskSubmitParams(name="n", type="t", payload=None, priority="HIGH", config={"timeout": 9})
    )
    await client.tasks.submit(name="n", type="t", payload=None, priority="HIGH", config={"timeout": 9})
    await client.agents.update("a", {"status": "PAUSED", "name": "B"})
    await client.agents.update("a", status="PAUSED", name="B")
    sent = [body(r) for r in httpx_mock.get_requests()]
    assert sent[0] == sent[1] == {"name": "A", "type": "WORKER", "capabilities": ["x"], "metadata": {"k": 1}}
    assert (
        sent[2]
        == sent[3]
        == {"name": "n", "type": "t", "payload": None, "priority": "HIGH", "config": {"timeout": 9}}
    )
    assert sent[4] == sent[5] == {"name": "B", "status": "PAUSED"}


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.agents.create(name="", type="WORKER", capabilities=[]), "name"),
        (lambda c: c.agents.create(name="A", type="ROBOT", capabilities=[]), "type"),
        (lambda c: c.agents.create(name="A", capabilities=[]), "type"),
        (lambda c: c.tasks.submit(name="n", type="t"), "payload"),
        (lambda c: c.tasks.submit(name="n", type="t", payload=1, priority="URGENT"), "priority"),
        (lambda c: c.tasks.submit({"name": "n", "type": "t", "payload": 1}, name="other"), "params"),
        (lambda c: c.agents.update("a", {"name": "x"}, status="READY"), "updates"),
        (lambda c: c.agents.update("a"), "updates"),
        (lambda c: c.agents.update("a", status="ASLEEP"), "status"),
    ],
)
async def test_keyword_forms_are_checked_like_params(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, call: Any, field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        await call(client)
    assert info.value.details["field"] == field
    assert httpx_mock.get_requests() == []


# -- with_options ----------------------------------------------------------------------------


async def test_with_options_shares_pool_auth_and_metrics(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=503)
    httpx_mock.add_response(url=TASK_URL, status_code=503)
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    async with AsyncAgentClient(
        api_url=BASE, api_key=KEY, headers={"X-Team": "a"}, clock=fake_clock.clock
    ) as client:
        strict = client.with_options(max_retries=0, timeout=5, headers={"X-Call": "1"})
        assert (strict.timeout, strict.retry_config.max_retries) == (5.0, 0)
        assert strict.retry_config.initial_delay == client.retry_config.initial_delay
        assert (client.timeout, client.retry_config.max_retries) == (30.0, 3)
        with pytest.raises(ServerError):
            await strict.tasks.get("task-1")  # no retry
        assert (await client.tasks.get("task-1")).id == "task-1"  # one retry, then success
        assert client.get_metrics().total_requests == strict.get_metrics().total_requests == 2
        assert strict._core.transport.pool is client._core.transport.pool
        await strict.close()  # a copy owns nothing: the parent still works
        assert not client.is_closed
    first, second, third = httpx_mock.get_requests()
    assert first.headers["X-Team"] == "a"
    assert first.headers["X-Call"] == "1"
    assert "X-Call" not in second.headers
    assert all(r.headers["Authorization"] == f"Bearer {KEY}" for r in (first, second, third))
    assert strict.is_closed  # closing the parent closed it
    with pytest.raises(ClientClosedError):
        await strict.tasks.get("task-1")


async def test_with_options_checks_its_arguments(client: AsyncAgentClient) -> None:
    with pytest.raises(ValidationError):
        client.with_options(timeout=-1)
    with pytest.raises(ValidationError):
        client.with_options(max_retries=2, retry_config=RetryConfig(max_retries=3))


# -- event hooks -----------------------------------------------------------------------------


async def test_hooks_see_every_attempt(httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock) -> None:
    received: list[str] = []  # the header as each attempt carried it, seen by the "server"

    def answer(status: int, error: Exception | None = None) -> Any:
        def respond(request: httpx.Request) -> httpx.Response:
            received.append(request.headers["X-Trace"])
            if error is not None:
                raise error
            return httpx.Response(
                status, headers={"Retry-After": "2"}, json=ok(task_json()) if status == 200 else None
            )

        return respond

    httpx_mock.add_callback(answer(503), url=TASK_URL)
    httpx_mock.add_callback(answer(0, httpx.ReadError("reset")), url=TASK_URL)
    httpx_mock.add_callback(answer(200), url=TASK_URL)
    seen: list[Any] = []

    def on_request(request: httpx.Request) -> None:
        request.headers["X-Trace"] = f"attempt-{len([s for s in seen if s[0] == 'request']) + 1}"
        seen.append(("request", request.method, request.url.path))

    async def on_response(response: httpx.Response) -> None:  # awaited on the async client
        # as in httpx's own hooks, the response knows its request
        seen.append(("response", response.request.method, response.status_code, len(response.content) > 0))

    def on_retry(request: httpx.Request, attempt: int, delay: float, reason: str) -> None:
        seen.append(("retry", attempt, round(delay, 3), reason))

    hooks = {"request": [on_request], "response": [on_response], "retry": [on_retry]}
    async with AsyncAgentClient(
        api_url=BASE,
        api_key=KEY,
        event_hooks=hooks,
        retry_config=RetryConfig(initial_delay=100, jitter=0),
        clock=fake_clock.clock,
    ) as client:
        await client.tasks.get("task-1")
    assert seen == [
        ("request", "GET", "/tasks/task-1"),
        ("response", "GET", 503, False),
        ("retry", 1, 2.0, "HTTP 503"),
        ("request", "GET", "/tasks/task-1"),
        ("retry", 2, 0.2, "ReadError"),
        ("request", "GET", "/tasks/task-1"),
        ("response", "GET", 200, True),
    ]
    assert received == ["attempt-1", "attempt-2", "attempt-3"]


class HookBoom(Exception):
    pass


async def test_a_hook_exception_ends_the_call_untranslated_and_unretried(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=503, is_optional=True)

    def refuse(request: httpx.Request) -> None:
        raise HookBoom("policy says no")

    async with AsyncAgentClient(api_url=BASE, api_key=KEY, event_hooks={"request": [refuse]}) as client:
        with pytest.raises(HookBoom):
            await client.tasks.get("task-1")
        assert client.get_metrics().failed_requests == 1
    assert httpx_mock.get_requests() == []


async def test_hooks_run_for_the_generated_client_too(httpx_mock: HTTPXMock) -> None:
    from ai_agent_client.api.tasks import get_task

    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    paths: list[str] = []
    async with AsyncAgentClient(
        api_url=BASE, api_key=KEY, event_hooks={"request": [lambda r: paths.append(r.url.path)]}
    ) as client:
        await get_task.asyncio_detailed("task-1", client=client.api)
    assert paths == ["/tasks/task-1"]


@pytest.mark.parametrize(
    "hooks",
    [{"requests": []}, {"request": "not a list"}, {"request": [42]}, ["request"]],
)
def test_bad_hooks_are_refused(hooks: Any) -> None:
    with pytest.raises(ValidationError) as info:
        AsyncAgentClient(api_url=BASE, api_key=KEY, event_hooks=hooks)
    assert "event_hooks" in info.value.details["field"]


# -- your own logger -------------------------------------------------------------------------


async def test_own_logger(
    httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=503, headers={"X-Request-Id": "rid-7"})
    httpx_mock.add_response(url=TASK_URL, json=ok(task_json()))
    mine = logging.getLogger("my.service.orchestrator")
    with caplog.at_level(logging.DEBUG, logger="my.service.orchestrator"):
        async with AsyncAgentClient(api_url=BASE, api_key=KEY, logger=mine, clock=fake_clock.clock) as client:
            await client.tasks.get("task-1")
    records = [r for r in caplog.records if r.name == "my.service.orchestrator"]
    assert any("retrying" in r.getMessage() and "rid-7" in r.getMessage() for r in records)
    assert not [r for r in caplog.records if r.name == "ai_agent"]
    assert all(KEY not in r.getMessage() for r in caplog.records)
    with pytest.raises(ValidationError):
        AsyncAgentClient(api_url=BASE, api_key=KEY, logger="my.logger")  # type: ignore[arg-type]


# -- raw responses ---------------------------------------------------------------------------


async def test_raw_response(
    client: AsyncAgentClient, httpx_mock: HTTPXMock, fake_clock: AsyncFakeClock
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=503)
    httpx_mock.add_response(
        url=TASK_URL, json=ok(task_json()), headers={"X-Request-Id": "req-42", "X-Extra": "y"}
    )
    raw = await client.with_raw_response.tasks.get("task-1")
    assert (raw.status_code, raw.request_id, raw.attempts) == (200, "req-42", 2)
    assert raw.headers["X-Extra"] == "y"
    assert raw.elapsed.total_seconds() == pytest.approx(0.1)  # the one back-off, on the fake clock
    task = raw.parse()
    assert task.id == "task-1"
    assert raw.json()["data"]["id"] == "task-1"
    assert "req-42" in repr(raw)


async def test_raw_response_raises_like_the_plain_call(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/agents/nope", status_code=404, json=fail("NOT_FOUND", "Agent nope not found")
    )
    with pytest.raises(NotFoundError):
        await client.with_raw_response.agents.get("nope")


async def test_raw_response_of_every_kind_of_call(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=f"{BASE}/tasks", status_code=201, json=ok(task_json()))
    httpx_mock.add_response(url=f"{BASE}/agents?page=1&limit=10", json=page([agent_json()]))
    httpx_mock.add_response(method="DELETE", url=f"{BASE}/agents/a", status_code=204)
    httpx_mock.add_response(url=f"{BASE}/health", json=HEALTH)
    created = await client.with_raw_response.tasks.submit(name="n", type="t", payload=1)
    assert created.status_code == 201
    assert created.parse().id == "task-1"
    listed = await client.with_raw_response.agents.list()
    assert listed.parse().total == 1
    deleted = await client.with_raw_response.agents.delete("a")
    assert (deleted.status_code, deleted.parse()) == (204, None)
    health = await client.with_raw_response.health()
    assert health.parse().status == "UP"


# -- the first SDK's reading style, models that read like Python ---------------------------------


async def test_first_sdk_example_reads_pages_and_models_as_dicts(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/agents?page=1&limit=10", json=page([agent_json("a1"), agent_json("a2")], total=12)
    )
    agents_response = await client.agents.list(page=1, limit=10)
    assert agents_response["pagination"]["total"] == 12
    assert agents_response["pagination"] == {"page": 1, "limit": 10, "total": 12, "pages": 2}
    ids = [agent_data["id"] for agent_data in agents_response["data"]]
    assert ids == ["a1", "a2"]
    agent = agents_response["data"][0]
    assert agent["createdAt"] == agent.to_dict()["createdAt"]
    assert agent["type"] == "WORKER"
    assert agent.get("metadata") is None
    assert "metadata" not in agent
    assert "name" in agent
    with pytest.raises(KeyError):
        agent["metadata"]


async def test_absent_optional_fields_are_none(client: AsyncAgentClient, httpx_mock: HTTPXMock) -> None:
    done = task_json(
        status="COMPLETED", result={"taskId": "task-1", "status": "SUCCESS", "output": 1, "completedAt": TS}
    )
    httpx_mock.add_response(url=TASK_URL, json=ok(done))
    task = await client.tasks.get("task-1")
    assert task.error is None
    assert task.description is None
    assert task.result is not None
    assert "Unset" not in repr(task)
    assert "error" not in task.to_dict()  # absent stays absent on the wire


# -- fixes ---------------------------------------------------------------------------------------


async def test_a_one_letter_key_does_not_corrupt_messages(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/tasks/task-nope",
        status_code=404,
        json=fail("NOT_FOUND", "Task task-nope not found", {"taskId": "task-nope", "echo": "k"}),
    )
    async with AsyncAgentClient(api_url=BASE, api_key="k") as client:
        with pytest.raises(NotFoundError) as info:
            await client.tasks.get("task-nope")
    assert info.value.message == "Task task-nope not found"
    assert info.value.details["taskId"] == "task-nope"
    assert info.value.details["echo"] == "[redacted]"  # the key itself, as a whole token, still goes


async def test_generated_client_survives_520_and_html(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    from ai_agent_client.api.tasks import get_task

    httpx_mock.add_response(url=TASK_URL, status_code=520, text="")
    httpx_mock.add_response(url=TASK_URL, status_code=200, text="<html>oops</html>")
    odd = await get_task.asyncio_detailed("task-1", client=client.with_options(max_retries=0).api)
    assert (odd.status_code, odd.parsed) == (520, None)
    html = await get_task.asyncio_detailed("task-1", client=client.api)
    assert (html.status_code, html.parsed) == (200, None)


async def test_success_false_in_a_2xx_counts_as_failed(
    client: AsyncAgentClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=TASK_URL, status_code=200, json=fail("SERVER_ERROR", "hidden failure"))
    with pytest.raises(ServerError):
        await client.tasks.get("task-1")
    metrics = client.get_metrics()
    assert (metrics.successful_requests, metrics.failed_requests) == (0, 1)
    assert metrics.by_operation["tasks.get"].failed_requests == 1
    assert "SERVER_ERROR" in (metrics.last_error or "")
