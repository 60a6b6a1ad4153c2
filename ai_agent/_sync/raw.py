# Generated from ai_agent/_async/raw.py by scripts/unasync.py: do not edit; run `make generate`.
"""``client.with_raw_response``: every call that makes one request, returning a ``RawResponse``
(status, headers, request id, attempts, elapsed) with ``.parse()`` for the usual result.
Errors are raised exactly as by the plain call. The generated methods come from
``surface/``; the one-request helpers are added here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .capture import raw
from .surface.agents import SyncAgentsRawOperations
from .surface.tasks import SyncTasksRawOperations

if TYPE_CHECKING:
    from .client import SyncAgentClient
    from .resources.agents import SyncAgentsResource
    from .resources.tasks import SyncTasksResource

__all__ = ["SyncAgentsWithRawResponse", "SyncClientWithRawResponse", "SyncTasksWithRawResponse"]


class SyncAgentsWithRawResponse(SyncAgentsRawOperations):
    """``client.with_raw_response.agents``."""

    def __init__(self, agents: SyncAgentsResource) -> None:
        super().__init__(agents)
        self.get_capabilities = raw(agents.get_capabilities)
        self.has_capability = raw(agents.has_capability)


class SyncTasksWithRawResponse(SyncTasksRawOperations):
    """``client.with_raw_response.tasks`` (waits and batches make many requests: not here)."""

    def __init__(self, tasks: SyncTasksResource) -> None:
        super().__init__(tasks)
        self.get_status = raw(tasks.get_status)
        self.get_result = raw(tasks.get_result)
        self.get_error = raw(tasks.get_error)


class SyncClientWithRawResponse:
    """``client.with_raw_response``: ``.agents``, ``.tasks`` and ``.health()``."""

    def __init__(self, client: SyncAgentClient) -> None:
        self.agents = SyncAgentsWithRawResponse(client.agents)
        self.tasks = SyncTasksWithRawResponse(client.tasks)
        self.health = raw(client.health)
