"""Params classes, TypedDicts and Literal aliases: what callers pass in.

Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from .._schema import Field, Shape, shape_of

if TYPE_CHECKING:
    from ai_agent_client.models import AgentStatus, AgentType, TaskPriority

__all__ = [
    "AgentCreateDict",
    "AgentCreateParams",
    "AgentStatusName",
    "AgentTypeName",
    "AgentUpdateDict",
    "AgentUpdateParams",
    "HealthStatusName",
    "TaskBatchDict",
    "TaskBatchParams",
    "TaskCancelDict",
    "TaskCancelParams",
    "TaskConfig",
    "TaskConfigDict",
    "TaskPriorityName",
    "TaskResultStatusName",
    "TaskRetryPolicy",
    "TaskRetryPolicyDict",
    "TaskStatusName",
    "TaskSubmitDict",
    "TaskSubmitParams",
]

# The enums of openapi.yaml as Literal types: a type checker catches a misspelt value.
AgentTypeName = Literal[
    "ORCHESTRATOR", "WORKER", "BRAINSTORMER", "SPECIALIST", "REVIEWER", "MONITOR", "CUSTOM"
]
"""The values of ``AgentType``, as strings."""
AgentStatusName = Literal["INITIALIZING", "READY", "BUSY", "IDLE", "PAUSED", "DEGRADED", "OFFLINE", "ERROR"]
"""The values of ``AgentStatus``, as strings."""
TaskStatusName = Literal[
    "PENDING",
    "QUEUED",
    "ASSIGNED",
    "IN_PROGRESS",
    "COMPLETED",
    "FAILED",
    "CANCELLED",
    "TIMED_OUT",
    "PAUSED",
    "RETRYING",
]
"""The values of ``TaskStatus``, as strings."""
TaskPriorityName = Literal["LOW", "NORMAL", "HIGH", "CRITICAL"]
"""The values of ``TaskPriority``, as strings."""
TaskResultStatusName = Literal["SUCCESS", "FAILURE", "PARTIAL", "ERROR"]
"""The values of ``TaskResultStatus``, as strings."""
HealthStatusName = Literal["UP", "DOWN", "DEGRADED"]
"""The values of ``HealthStatus``, as strings."""

TERMINAL_VALUES: dict[str, frozenset[str]] = {
    "TaskStatus": frozenset(["CANCELLED", "COMPLETED", "FAILED", "TIMED_OUT"]),
}
"""Per enum, the values its schema marks final (x-sdk-terminal): waits stop there."""

TONES: dict[str, str] = {
    "COMPLETED": "good",
    "FAILED": "bad",
    "CANCELLED": "warn",
    "TIMED_OUT": "bad",
    "UP": "good",
    "DOWN": "bad",
    "DEGRADED": "warn",
}
"""Enum values and how they read (x-sdk-tone: good, bad or warn), for the command line."""


class AgentCreateDict(TypedDict):
    """``AgentCreateParams`` as a dict."""

    name: str
    type: AgentType | AgentTypeName
    capabilities: Sequence[str]
    metadata: NotRequired[Mapping[str, Any] | None]


@dataclass(frozen=True, slots=True)
class AgentCreateParams:
    """What is needed to create an agent.

    Attributes:
        name: Display name. (1-255 characters)
        type: The kind of agent. Servers may add values later; clients must accept unknown ones.
        capabilities: Task types the agent can run. (each non-empty)
        metadata: Free-form JSON object for the caller's own data; the server stores it as given.
    """

    name: str
    type: AgentType | AgentTypeName
    capabilities: Sequence[str]
    metadata: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        shape_of(type(self)).check_instance(self)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent for it: wire (camelCase) names, the given fields only."""
        return shape_of(type(self)).wire_of(self)


class AgentUpdateDict(TypedDict, total=False):
    """``AgentUpdateParams`` as a dict."""

    name: str | None
    type: AgentType | AgentTypeName | None
    status: AgentStatus | AgentStatusName | None
    capabilities: Sequence[str] | None
    metadata: Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class AgentUpdateParams:
    """A partial update of an agent; only the fields given change.

    Attributes:
        name: New display name. (1-255 characters)
        type: The kind of agent. Servers may add values later; clients must accept unknown ones.
        status: An agent's lifecycle status. Servers may add values later; clients must accept unknown ones.
        capabilities: New capability list (replaces the old one). (each non-empty)
        metadata: Free-form JSON object for the caller's own data; the server stores it as given.
    """

    name: str | None = None
    type: AgentType | AgentTypeName | None = None
    status: AgentStatus | AgentStatusName | None = None
    capabilities: Sequence[str] | None = None
    metadata: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        shape_of(type(self)).check_instance(self)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent for it: wire (camelCase) names, the given fields only."""
        return shape_of(type(self)).wire_of(self)


class TaskSubmitDict(TypedDict):
    """``TaskSubmitParams`` as a dict."""

    name: str
    type: str
    payload: Any
    description: NotRequired[str | None]
    priority: NotRequired[TaskPriority | TaskPriorityName | None]
    config: NotRequired[TaskConfig | TaskConfigDict | None]
    metadata: NotRequired[Mapping[str, Any] | None]


@dataclass(frozen=True, slots=True)
class TaskSubmitParams:
    """What is needed to submit a task.

    Attributes:
        name: Display name. (1-255 characters)
        type: Task type, matched against agent capabilities. (1-255 characters)
        payload: The task's input (any JSON).
        description: Longer description.
        priority: How urgently a task should run; NORMAL when not given. Servers may add values later; clients must accept unknown ones.
        config: Execution settings of a task.
        metadata: Free-form JSON object for the caller's own data; the server stores it as given.
    """

    name: str
    type: str
    payload: Any
    description: str | None = None
    priority: TaskPriority | TaskPriorityName | None = None
    config: TaskConfig | TaskConfigDict | None = None
    metadata: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        shape_of(type(self)).check_instance(self)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent for it: wire (camelCase) names, the given fields only."""
        return shape_of(type(self)).wire_of(self)


class TaskConfigDict(TypedDict, total=False):
    """``TaskConfig`` as a dict."""

    timeout: int | None
    retry_policy: TaskRetryPolicy | TaskRetryPolicyDict | None
    retryPolicy: TaskRetryPolicy | TaskRetryPolicyDict | None


@dataclass(frozen=True, slots=True)
class TaskConfig:
    """Execution settings of a task.

    Attributes:
        timeout: How long the task may run before it is TIMED_OUT, ms. (at least 1)
        retry_policy: How the orchestrator retries a failing task (delays in milliseconds).
    """

    timeout: int | None = None
    retry_policy: TaskRetryPolicy | TaskRetryPolicyDict | None = None

    def __post_init__(self) -> None:
        shape_of(type(self)).check_instance(self)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent for it: wire (camelCase) names, the given fields only."""
        return shape_of(type(self)).wire_of(self)


class TaskRetryPolicyDict(TypedDict, total=False):
    """``TaskRetryPolicy`` as a dict."""

    max_retries: int | None
    initial_delay: int | None
    max_delay: int | None
    backoff_multiplier: float | None
    maxRetries: int | None
    initialDelay: int | None
    maxDelay: int | None
    backoffMultiplier: float | None


@dataclass(frozen=True, slots=True)
class TaskRetryPolicy:
    """How the orchestrator retries a failing task (delays in milliseconds).

    Attributes:
        max_retries: Retries after the first attempt. (at least 0)
        initial_delay: Delay before the first retry, ms. (at least 0)
        max_delay: Upper bound of a delay, ms. (at least 0)
        backoff_multiplier: Factor by which each delay grows. (at least 1)
    """

    max_retries: int | None = None
    initial_delay: int | None = None
    max_delay: int | None = None
    backoff_multiplier: float | None = None

    def __post_init__(self) -> None:
        shape_of(type(self)).check_instance(self)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent for it: wire (camelCase) names, the given fields only."""
        return shape_of(type(self)).wire_of(self)


class TaskBatchDict(TypedDict):
    """``TaskBatchParams`` as a dict."""

    tasks: Sequence[TaskSubmitParams | TaskSubmitDict]


@dataclass(frozen=True, slots=True)
class TaskBatchParams:
    """Tasks to submit in one request.

    Attributes:
        tasks: Up to 100 tasks, each as in a single submission. (1-100 items)
    """

    tasks: Sequence[TaskSubmitParams | TaskSubmitDict]

    def __post_init__(self) -> None:
        shape_of(type(self)).check_instance(self)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent for it: wire (camelCase) names, the given fields only."""
        return shape_of(type(self)).wire_of(self)


class TaskCancelDict(TypedDict, total=False):
    """``TaskCancelParams`` as a dict."""

    reason: str | None


@dataclass(frozen=True, slots=True)
class TaskCancelParams:
    """Optional body of a cancellation.

    Attributes:
        reason: Why the task is cancelled.
    """

    reason: str | None = None

    def __post_init__(self) -> None:
        shape_of(type(self)).check_instance(self)

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent for it: wire (camelCase) names, the given fields only."""
        return shape_of(type(self)).wire_of(self)


# What each class checks (ai_agent/_schema.py runs the checks).
Shape(
    AgentCreateParams,
    (
        Field(
            "name", "name", "string", required=True, description="Display name.", min_length=1, max_length=255
        ),
        Field(
            "type",
            "type",
            "string",
            required=True,
            description="The kind of agent. Servers may add values later; clients must accept unknown ones.",
            enum=("ORCHESTRATOR", "WORKER", "BRAINSTORMER", "SPECIALIST", "REVIEWER", "MONITOR", "CUSTOM"),
        ),
        Field(
            "capabilities",
            "capabilities",
            "array",
            required=True,
            description="Task types the agent can run.",
            items=Field("capabilities", "capabilities", "string", required=True, min_length=1),
        ),
        Field(
            "metadata",
            "metadata",
            "object",
            description="Free-form JSON object for the caller's own data; the server stores it as given.",
        ),
    ),
)
Shape(
    AgentUpdateParams,
    (
        Field("name", "name", "string", description="New display name.", min_length=1, max_length=255),
        Field(
            "type",
            "type",
            "string",
            description="The kind of agent. Servers may add values later; clients must accept unknown ones.",
            enum=("ORCHESTRATOR", "WORKER", "BRAINSTORMER", "SPECIALIST", "REVIEWER", "MONITOR", "CUSTOM"),
        ),
        Field(
            "status",
            "status",
            "string",
            description="An agent's lifecycle status. Servers may add values later; clients must accept unknown ones.",
            enum=("INITIALIZING", "READY", "BUSY", "IDLE", "PAUSED", "DEGRADED", "OFFLINE", "ERROR"),
        ),
        Field(
            "capabilities",
            "capabilities",
            "array",
            description="New capability list (replaces the old one).",
            items=Field("capabilities", "capabilities", "string", required=True, min_length=1),
        ),
        Field(
            "metadata",
            "metadata",
            "object",
            description="Free-form JSON object for the caller's own data; the server stores it as given.",
        ),
    ),
)
Shape(
    TaskSubmitParams,
    (
        Field(
            "name", "name", "string", required=True, description="Display name.", min_length=1, max_length=255
        ),
        Field(
            "type",
            "type",
            "string",
            required=True,
            description="Task type, matched against agent capabilities.",
            min_length=1,
            max_length=255,
        ),
        Field("payload", "payload", "any", required=True, description="The task's input (any JSON)."),
        Field("description", "description", "string", description="Longer description."),
        Field(
            "priority",
            "priority",
            "string",
            description="How urgently a task should run; NORMAL when not given. Servers may add values later; clients must accept unknown ones.",
            enum=("LOW", "NORMAL", "HIGH", "CRITICAL"),
        ),
        Field("config", "config", "params", description="Execution settings of a task.", params=TaskConfig),
        Field(
            "metadata",
            "metadata",
            "object",
            description="Free-form JSON object for the caller's own data; the server stores it as given.",
        ),
    ),
)
Shape(
    TaskConfig,
    (
        Field(
            "timeout",
            "timeout",
            "integer",
            description="How long the task may run before it is TIMED_OUT, ms.",
            minimum=1,
        ),
        Field(
            "retry_policy",
            "retryPolicy",
            "params",
            description="How the orchestrator retries a failing task (delays in milliseconds).",
            params=TaskRetryPolicy,
        ),
    ),
)
Shape(
    TaskRetryPolicy,
    (
        Field(
            "max_retries", "maxRetries", "integer", description="Retries after the first attempt.", minimum=0
        ),
        Field(
            "initial_delay",
            "initialDelay",
            "integer",
            description="Delay before the first retry, ms.",
            minimum=0,
        ),
        Field("max_delay", "maxDelay", "integer", description="Upper bound of a delay, ms.", minimum=0),
        Field(
            "backoff_multiplier",
            "backoffMultiplier",
            "number",
            description="Factor by which each delay grows.",
            minimum=1,
        ),
    ),
)
Shape(
    TaskBatchParams,
    (
        Field(
            "tasks",
            "tasks",
            "array",
            required=True,
            description="Up to 100 tasks, each as in a single submission.",
            min_items=1,
            max_items=100,
            items=Field(
                "tasks",
                "tasks",
                "params",
                required=True,
                description="What is needed to submit a task.",
                params=TaskSubmitParams,
            ),
        ),
    ),
)
Shape(
    TaskCancelParams,
    (Field("reason", "reason", "string", description="Why the task is cancelled."),),
)
