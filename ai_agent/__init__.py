"""Python SDK for the AI Agent Orchestrator: an async client and a sync one with the same API.

    async with AgentClient(api_url="http://localhost:3000", api_key="...") as client:
        task = await client.tasks.submit(TaskSubmitParams(name="n", type="t", payload={}))
        done = await client.tasks.wait_for_completion(task.id)

    with SyncAgentClient(api_url="http://localhost:3000", api_key="...") as client:
        done = client.tasks.wait_for_completion(client.tasks.submit(...).id)

``AgentClient`` is ``AsyncAgentClient``. ``SyncAgentClient`` and the generated models
(``Agent``, ``Task``, ...) are loaded on first use, which keeps ``import ai_agent`` about as
cheap as ``import httpx``.

Where things are: ``_async/`` is the hand-written client (source), ``_sync/`` is generated from
it (``scripts/unasync.py``), and the other modules here are shared by both and do no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._async.client import AsyncAgentClient
from ._config import PoolConfig, RetryConfig, RetryPresets
from ._errors import (
    AgentClientError,
    AuthenticationError,
    AuthorizationError,
    BatchSubmitError,
    ClientClosedError,
    ConflictError,
    ConnectionError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TimeoutError,
    TLSError,
    ValidationError,
)
from ._hooks import RequestHook, ResponseHook, RetryHook
from ._metrics import MetricsSnapshot, OperationMetrics
from ._results import Health, Page
from ._surface import params as _params
from ._surface.params import *  # noqa: F403 (the params classes, TypedDicts and Literal aliases of openapi.yaml)
from ._synchronization import AsyncClock, SyncClock
from ._version import __version__

if TYPE_CHECKING:
    from ai_agent_client.models import (
        Agent,
        AgentStatus,
        AgentType,
        HealthCheck,
        HealthStatus,
        Task,
        TaskError,
        TaskPriority,
        TaskResult,
        TaskResultStatus,
        TaskStatus,
    )

    from ._sync.client import SyncAgentClient

AgentClient = AsyncAgentClient
Clock = AsyncClock

_MODELS = {
    "Agent",
    "AgentStatus",
    "AgentType",
    "HealthCheck",
    "HealthStatus",
    "Task",
    "TaskError",
    "TaskPriority",
    "TaskResult",
    "TaskResultStatus",
    "TaskStatus",
}


def __getattr__(name: str) -> Any:
    # Loaded on first use (see the module docstring).
    if name in _MODELS:
        from ai_agent_client import models

        value = getattr(models, name)
    elif name == "SyncAgentClient":
        from ._sync.client import SyncAgentClient

        value = SyncAgentClient
        value.__module__ = __name__
    else:
        raise AttributeError(f"module 'ai_agent' has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "Agent",
    "AgentClient",
    "AgentClientError",
    "AgentStatus",
    "AgentType",
    "AsyncAgentClient",
    "AsyncClock",
    "AuthenticationError",
    "AuthorizationError",
    "BatchSubmitError",
    "ClientClosedError",
    "Clock",
    "ConflictError",
    "ConnectionError",
    "Health",
    "HealthCheck",
    "HealthStatus",
    "InvalidResponseError",
    "MetricsSnapshot",
    "NotFoundError",
    "OperationMetrics",
    "Page",
    "PoolConfig",
    "RateLimitError",
    "RequestHook",
    "ResponseHook",
    "RetryConfig",
    "RetryHook",
    "RetryPresets",
    "ServerError",
    "SyncAgentClient",
    "SyncClock",
    "TLSError",
    "Task",
    "TaskError",
    "TaskPriority",
    "TaskResult",
    "TaskResultStatus",
    "TaskStatus",
    "TimeoutError",
    "ValidationError",
    "__version__",
]
__all__ += _params.__all__  # a schema added to openapi.yaml is exported by `make generate`

# Shown as ai_agent.X in reprs, docs and tracebacks, wherever they are defined.
for _name in __all__:
    _value = globals().get(_name)
    if isinstance(_value, type) and _value.__module__.startswith("ai_agent._"):
        _value.__module__ = __name__
del _name, _value
