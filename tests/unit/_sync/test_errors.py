# Generated from tests/unit/_async/test_errors.py by scripts/unasync.py: do not edit; run `make generate`.
"""Every way a response can fail becomes the right typed error, never a raw exception."""

from __future__ import annotations

import pytest
from pytest_httpx import HTTPXMock

from ai_agent import (
    AgentClientError,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    SyncAgentClient,
    TimeoutError,
    ValidationError,
)

from ...helpers import BASE, KEY, fail, ok, task_json

URL = f"{BASE}/tasks/task-9"


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "VALIDATION_ERROR", ValidationError),
        (401, "UNAUTHORIZED", AuthenticationError),
        (403, "FORBIDDEN", AuthorizationError),
        (404, "NOT_FOUND", NotFoundError),
        (408, "TIMEOUT", TimeoutError),
        (409, "CONFLICT", ConflictError),
        (422, "VALIDATION_ERROR", ValidationError),
        (429, "RATE_LIMIT", RateLimitError),
        (500, "INTERNAL_ERROR", ServerError),
        (502, "SERVER_ERROR", ServerError),
        (503, "SERVER_ERROR", ServerError),
        (504, "SERVER_ERROR", ServerError),
        (418, "TEAPOT", AgentClientError),
    ],
)
def test_status_maps_to_class(
    httpx_mock: HTTPXMock, status: int, code: str, cls: type[AgentClientError]
) -> None:
    httpx_mock.add_response(
        url=URL,
        status_code=status,
        json=fail(code, "Task task-9 said no", {"field": "x"}),
        headers={"X-Request-Id": "req-123"},
    )
    with SyncAgentClient(api_url=BASE, api_key=KEY, max_retries=0) as client:
        with pytest.raises(cls) as info:
            client.tasks.get("task-9")
    error = info.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.code == code
    assert error.message == "Task task-9 said no"
    assert error.details == {"field": "x"}
    assert error.request_id == "req-123"
    assert "tasks.get('task-9')" in str(error)
    assert "req-123" in str(error)


@pytest.mark.parametrize(
    ("code", "cls"),
    [("NOT_FOUND", NotFoundError), ("CONFLICT", ConflictError), ("SOMETHING_NEW", AgentClientError)],
)
def test_success_false_on_a_2xx_is_an_error(
    httpx_mock: HTTPXMock, code: str, cls: type[AgentClientError]
) -> None:
    httpx_mock.add_response(url=URL, status_code=200, json=fail(code, "nope"))
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(cls) as info:
            client.tasks.get("task-9")
    assert info.value.code == code
    assert info.value.status_code == 200


def test_html_502_page(httpx_mock: HTTPXMock) -> None:
    html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    httpx_mock.add_response(url=URL, status_code=502, text=html, headers={"Content-Type": "text/html"})
    with SyncAgentClient(api_url=BASE, api_key=KEY, max_retries=0) as client:
        with pytest.raises(ServerError) as info:
            client.tasks.get("task-9")
    assert "502 Bad Gateway" in str(info.value)
    assert "text/html" in str(info.value)


def test_non_standard_status_520(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, status_code=520, text="")
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(ServerError) as info:
            client.tasks.get("task-9")
    assert info.value.status_code == 520
    assert len(httpx_mock.get_requests()) == 1  # 520 is not in the retry list


@pytest.mark.parametrize(
    "body",
    [
        b'{"success": true, "data": {"id": "task-9"',  # truncated
        b"not json at all",
        b"\xff\xfe\x00garbage",
        b"",
        b"[1, 2, 3]",
        b'{"success": true}',
        b'{"success": true, "data": "a string"}',
        b'{"success": true, "data": {"id": "task-9"}}',  # missing required fields
        b'{"success": true, "data": {"id": "t", "name": "n", "type": "x", "status": "PENDING",'
        b' "priority": "NORMAL", "payload": 1, "createdAt": "yesterday", "updatedAt": "x"}}',
    ],
)
def test_unparseable_2xx_bodies(httpx_mock: HTTPXMock, body: bytes) -> None:
    httpx_mock.add_response(url=URL, status_code=200, content=body)
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(InvalidResponseError) as info:
            client.tasks.get("task-9")
    assert info.value.operation == "tasks.get('task-9')"


def test_error_body_without_envelope_keeps_status_class(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, status_code=404, json={"message": "no such route"})
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(NotFoundError) as info:
            client.tasks.get("task-9")
    assert "no such route" in str(info.value)


def test_api_key_echoed_by_server_is_redacted(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=URL,
        status_code=401,
        json=fail("UNAUTHORIZED", f"bad key {KEY}", {"authorization": f"Bearer {KEY}", "n": [KEY]}),
    )
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(AuthenticationError) as info:
            client.tasks.get("task-9")
    everything = f"{info.value} {info.value!r} {info.value.message} {info.value.details}"
    assert KEY not in everything
    assert "[redacted]" in everything


def test_unknown_enum_values_and_fields_parse(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, json=ok(task_json("task-9", status="HIBERNATING", shard=3)))
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        task = client.tasks.get("task-9")
    assert task.status == "HIBERNATING"
    assert task.additional_properties == {"shard": 3}


def test_redirects_are_not_followed(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=URL, status_code=307, headers={"Location": "http://127.0.0.2:9/steal"})
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(AgentClientError) as info:
            client.tasks.get("task-9")
    assert info.value.status_code == 307
    assert len(httpx_mock.get_requests()) == 1  # the other origin never saw the key


def test_errors_pickle() -> None:
    import pickle

    error = RateLimitError("slow", status_code=429, retry_after=3.0, operation="x()")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is RateLimitError
    assert again.retry_after == 3.0
    assert str(again) == str(error)
