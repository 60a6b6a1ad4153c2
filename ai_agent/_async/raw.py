"""``client.with_raw_response``: every call that makes one request, returning a ``RawResponse``
(status, headers, request id, attempts, elapsed) with ``.parse()`` for the usual result.
Errors are raised exactly as by the plain call. The generated methods come from
``surface/``; the one-request helpers are added here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .capture import raw
from .surface.agents import AsyncAgentsRawOperations
from .surface.tasks import AsyncTasksRawOperations

if TYPE_CHECKING:
    from .client import AsyncAgentClient
    from .resources.agents import AsyncAgentsResource
    from .resources.tasks import AsyncTasksResource

__all__ = ["AsyncAgentsWithRawResponse", "AsyncClientWithRawResponse", "AsyncTasksWithRawResponse"]


class AsyncAgentsWithRawResponse(AsyncAgentsRawOperations):
    """``client.with_raw_response.agents``."""

    def __init__(self, agents: AsyncAgentsResource) -> None:
        super().__init__(agents)
        self.get_capabilities = raw(agents.get_capabilities)
        self.has_capability = raw(agents.has_capability)


class AsyncTasksWithRawResponse(AsyncTasksRawOperations):
    """``client.with_raw_response.tasks`` (waits and batches make many requests: not here)."""

    def __init__(self, tasks: AsyncTasksResource) -> None:
        super().__init__(tasks)
        self.get_status = raw(tasks.get_status)
        self.get_result = raw(tasks.get_result)
        self.get_error = raw(tasks.get_error)


class AsyncClientWithRawResponse:
    """``client.with_raw_response``: ``.agents``, ``.tasks`` and ``.health()``."""

    def __init__(self, client: AsyncAgentClient) -> None:
        self.agents = AsyncAgentsWithRawResponse(client.agents)
        self.tasks = AsyncTasksWithRawResponse(client.tasks)
        self.health = raw(client.health)
