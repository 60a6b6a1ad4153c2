"""``client.with_raw_response``: every call that makes one request, returning a ``RawResponse``
(status, headers, request id, attempts, elapsed) with ``.parse()`` for the usual result.
Errors are raised exactly as by the plain call."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import httpx

from .._response import RAW_CAPTURE, RawResponse

if TYPE_CHECKING:
    from .client import AsyncAgentClient
    from .resources.agents import AsyncAgentsResource
    from .resources.tasks import AsyncTasksResource

__all__ = ["AsyncAgentsWithRawResponse", "AsyncClientWithRawResponse", "AsyncTasksWithRawResponse"]

P = ParamSpec("P")
T = TypeVar("T")


def raw(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    """``method``, returning its final HTTP response along with its result."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        captured: list[tuple[httpx.Response, float]] = []
        token = RAW_CAPTURE.set(captured)
        try:
            result = await method(*args, **kwargs)
        finally:
            RAW_CAPTURE.reset(token)
        response, elapsed = captured[-1]
        return RawResponse(response, timedelta(seconds=elapsed), result)

    return call


class AsyncAgentsWithRawResponse:
    """``client.with_raw_response.agents``."""

    def __init__(self, agents: AsyncAgentsResource) -> None:
        self.create = raw(agents.create)
        self.list = raw(agents.list)
        self.get = raw(agents.get)
        self.update = raw(agents.update)
        self.delete = raw(agents.delete)
        self.get_status = raw(agents.get_status)
        self.get_capabilities = raw(agents.get_capabilities)
        self.has_capability = raw(agents.has_capability)


class AsyncTasksWithRawResponse:
    """``client.with_raw_response.tasks`` (waits and batches make many requests: not here)."""

    def __init__(self, tasks: AsyncTasksResource) -> None:
        self.submit = raw(tasks.submit)
        self.get = raw(tasks.get)
        self.get_status = raw(tasks.get_status)
        self.get_result = raw(tasks.get_result)
        self.get_error = raw(tasks.get_error)
        self.list = raw(tasks.list)
        self.cancel = raw(tasks.cancel)
        self.retry = raw(tasks.retry)


class AsyncClientWithRawResponse:
    """``client.with_raw_response``: ``.agents``, ``.tasks`` and ``.health()``."""

    def __init__(self, client: AsyncAgentClient) -> None:
        self.agents = AsyncAgentsWithRawResponse(client.agents)
        self.tasks = AsyncTasksWithRawResponse(client.tasks)
        self.health = raw(client.health)
