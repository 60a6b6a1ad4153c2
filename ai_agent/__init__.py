"""Async Python SDK for the AI Agent Orchestrator.

    async with AgentClient(api_url="http://localhost:3000", api_key="...") as client:
        task = await client.tasks.submit(TaskSubmitParams(name="n", type="t", payload={}))
        done = await client.tasks.wait_for_completion(task.id)

The generated models (``Agent``, ``Task``, ...) are loaded on first use, which keeps
``import ai_agent`` about as cheap as ``import httpx``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from ._client import AgentClient
from ._config import Clock, PoolConfig, RetryConfig
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
    ValidationError,
)
from ._metrics import MetricsSnapshot, OperationMetrics
from ._params import (
    AgentCreateParams,
    AgentUpdateParams,
    TaskConfig,
    TaskRetryPolicy,
    TaskSubmitParams,
)
from ._results import Health, Page

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
    # The generated models are re-exported lazily (see the module docstring).
    if name in _MODELS:
        from ai_agent_client import models

        value = getattr(models, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ai_agent' has no attribute {name!r}")


__all__ = [
    "Agent",
    "AgentClient",
    "AgentClientError",
    "AgentCreateParams",
    "AgentStatus",
    "AgentType",
    "AgentUpdateParams",
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
    "RetryConfig",
    "ServerError",
    "Task",
    "TaskConfig",
    "TaskError",
    "TaskPriority",
    "TaskResult",
    "TaskResultStatus",
    "TaskRetryPolicy",
    "TaskStatus",
    "TaskSubmitParams",
    "TimeoutError",
    "ValidationError",
    "__version__",
]
