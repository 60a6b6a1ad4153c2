"""The sync client has no event loop to await a coroutine: async callbacks and hooks are
refused up front with a ValidationError that says so, before anything is sent."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from ai_agent import SyncAgentClient, ValidationError

from ..helpers import BASE, KEY


async def async_hook(*args: Any) -> None:
    pass


class AsyncCallable:
    async def __call__(self, *args: Any) -> None:
        pass


@pytest.mark.parametrize("hook", [async_hook, AsyncCallable()])
def test_async_hooks_are_refused(hook: Any) -> None:
    with pytest.raises(ValidationError) as info:
        SyncAgentClient(api_url=BASE, api_key=KEY, event_hooks={"response": [hook]})
    assert "plain function" in str(info.value)


def test_async_wait_callbacks_are_refused_before_sending(httpx_mock: HTTPXMock) -> None:
    with SyncAgentClient(api_url=BASE, api_key=KEY) as client:
        with pytest.raises(ValidationError) as info:
            client.tasks.wait_for_all(["t1"], on_progress=async_hook)
        assert info.value.details["field"] == "on_progress"
        with pytest.raises(ValidationError):
            client.tasks.wait_for_completion("t1", on_status=AsyncCallable())
    assert httpx_mock.get_requests() == []
