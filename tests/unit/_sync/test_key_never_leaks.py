# Generated from tests/unit/_async/test_key_never_leaks.py by scripts/unasync.py: do not edit; run `make generate`.
"""The API key appears nowhere but in the Authorization header: not in any repr/str, log line at
DEBUG, exception (even when the server echoes it), metrics or result object."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from ai_agent import AgentClientError, RetryConfig, SyncAgentClient

from ...helpers import BASE, SyncFakeClock, fail, ok, page, task_json

SECRET = "sk-live-3f9a7c1e5b2d4a6f8e0c"


def test_key_is_nowhere_but_the_header(
    httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture, fake_clock: SyncFakeClock
) -> None:
    echo = {"header": f"Bearer {SECRET}", "nested": [{"k": SECRET}]}
    httpx_mock.add_response(url=f"{BASE}/tasks/t", status_code=503)
    httpx_mock.add_response(url=f"{BASE}/tasks/t", json=ok(task_json("t")))
    httpx_mock.add_response(
        url=f"{BASE}/tasks/x", status_code=401, json=fail("UNAUTHORIZED", f"bad {SECRET}", echo)
    )
    httpx_mock.add_response(url=f"{BASE}/tasks?page=1&limit=10", json=page([task_json()]))
    for _ in range(2):
        httpx_mock.add_exception(httpx.ConnectError(f"refused {SECRET}"), url=f"{BASE}/tasks/y")
    httpx_mock.add_response(
        url=f"{BASE}/health", json={"status": "UP", "timestamp": "2025-11-18T10:00:00.000Z"}
    )
    seen: list[Any] = []
    with caplog.at_level(logging.DEBUG):
        with SyncAgentClient(
            api_url=BASE,
            api_key=SECRET,
            retry_config=RetryConfig(max_retries=1, jitter=0),
            clock=fake_clock.clock,
        ) as client:
            seen += [client, client.api, client._settings, client._core.redact, client.agents, client.tasks]
            seen.append(client.tasks.get("t"))
            seen.append(client.tasks.list())
            seen.append(client.health())
            for task_id in ("x", "y"):
                with pytest.raises(AgentClientError) as info:
                    client.tasks.get(task_id)
                error = info.value
                seen += [error, error.message, error.details, error.args, error.__cause__, error.__context__]
            seen.append(client.get_metrics())
            seen.append(httpx_mock.get_requests()[0].headers)  # httpx masks it in repr
    leaks = [item for item in seen if SECRET in f"{item!r}{item!s}"]
    assert not leaks
    rendered = "\n".join(f"{item!r}\n{item!s}" for item in seen)
    rendered += "\n".join(record.getMessage() for record in caplog.records)
    assert SECRET not in rendered
    assert caplog.records  # DEBUG logging did happen
    assert httpx_mock.get_requests()[0].headers["Authorization"] == f"Bearer {SECRET}"
