"""What callers pass in: validated before anything is sent, so bad input never costs a request.

Each type checks itself when built and raises ``ValidationError`` naming the field, and knows
its wire form (``to_wire``: camelCase, only the fields that were given).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict, TypeVar

from ._checks import INT32_MAX, check_header_value, check_id, check_json, check_number, check_utf8, shown
from ._errors import ValidationError

if TYPE_CHECKING:
    from ai_agent_client.models import AgentStatus, AgentType, TaskPriority

__all__ = [
    "NOT_GIVEN",
    "AgentCreateDict",
    "AgentCreateParams",
    "AgentStatusName",
    "AgentTypeName",
    "AgentUpdateDict",
    "AgentUpdateParams",
    "TaskConfig",
    "TaskConfigDict",
    "TaskPriorityName",
    "TaskRetryPolicy",
    "TaskRetryPolicyDict",
    "TaskStatusName",
    "TaskSubmitDict",
    "TaskSubmitParams",
    "allowed_values",
    "check_id",
    "check_idempotency_key",
    "check_json",
    "coerce",
    "coerce_batch",
    "params_from",
    "params_given",
    "submit_wire",
]

_MAX_NAME = 255

# The contract's enums as literal types, so that a type checker catches a misspelt value
# (tests/unit/test_typing.py keeps them equal to openapi.yaml's lists). At run time a value
# is checked against the generated enum, which also accepts values a newer server adds.
AgentTypeName = Literal[
    "ORCHESTRATOR", "WORKER", "BRAINSTORMER", "SPECIALIST", "REVIEWER", "MONITOR", "CUSTOM"
]
"""An agent type as a string."""
AgentStatusName = Literal["INITIALIZING", "READY", "BUSY", "IDLE", "PAUSED", "DEGRADED", "OFFLINE", "ERROR"]
"""An agent status as a string."""
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
"""A task status as a string."""
TaskPriorityName = Literal["LOW", "NORMAL", "HIGH", "CRITICAL"]
"""A task priority as a string."""


class AgentCreateDict(TypedDict):
    """``AgentCreateParams`` as a dict."""

    name: str
    type: AgentType | AgentTypeName
    capabilities: Sequence[str]
    metadata: NotRequired[Mapping[str, Any] | None]


class AgentUpdateDict(TypedDict, total=False):
    """``AgentUpdateParams`` as a dict: any subset of the fields."""

    name: str | None
    type: AgentType | AgentTypeName | None
    status: AgentStatus | AgentStatusName | None
    capabilities: Sequence[str] | None
    metadata: Mapping[str, Any] | None


class TaskRetryPolicyDict(TypedDict, total=False):
    """``TaskRetryPolicy`` as a dict (Python or wire names)."""

    max_retries: int | None
    initial_delay: int | None
    max_delay: int | None
    backoff_multiplier: float | None
    maxRetries: int | None
    initialDelay: int | None
    maxDelay: int | None
    backoffMultiplier: float | None


class TaskConfigDict(TypedDict, total=False):
    """``TaskConfig`` as a dict (``retry_policy`` or its wire name ``retryPolicy``)."""

    timeout: int | None
    retry_policy: TaskRetryPolicy | TaskRetryPolicyDict | None
    retryPolicy: TaskRetryPolicy | TaskRetryPolicyDict | None


class TaskSubmitDict(TypedDict):
    """``TaskSubmitParams`` as a dict."""

    name: str
    type: str
    payload: Any
    description: NotRequired[str | None]
    priority: NotRequired[TaskPriority | TaskPriorityName | None]
    config: NotRequired[TaskConfig | TaskConfigDict | None]
    metadata: NotRequired[Mapping[str, Any] | None]


def _fail(owner: str, name: str, problem: str, value: Any) -> ValidationError:
    return ValidationError(f"{owner}.{name} {problem}", details={"field": name, "value": shown(value)})


def allowed_values(enum_name: str) -> frozenset[str]:
    """The values the contract lists for one of its enums (loaded on first use, import stays cheap)."""
    from ai_agent_client import models

    enum_class: type[Enum] = getattr(models, enum_name)
    return frozenset(str(member.value) for member in enum_class)


def check_enum(owner: str, name: str, value: Any, enum_name: str) -> str:
    """``value`` as its wire string, if the contract's enum ``enum_name`` lists it."""
    text = value.value if isinstance(value, Enum) else value
    allowed = allowed_values(enum_name)
    if not isinstance(text, str) or text not in allowed:
        raise _fail(owner, name, f"must be one of {', '.join(sorted(allowed))}; got {shown(value)!r}", value)
    return text


def check_text(owner: str, name: str, value: Any, *, limit: int | None = _MAX_NAME) -> str:
    """Non-blank text (of at most ``limit`` characters)."""
    if (
        type(value) is str
        and value.isascii()  # the usual case: plain ASCII, checked without detours
        and 0 < len(value) <= (limit if limit is not None else len(value))
        and not value.isspace()
    ):
        return value
    if not isinstance(value, str) or not value.strip():
        raise _fail(owner, name, f"must be a non-empty string, got {shown(value)!r}", value)
    if limit is not None and len(value) > limit:
        raise _fail(owner, name, f"must be at most {limit} characters, got {len(value)}", value)
    return check_utf8(owner, name, value)


def check_optional_text(owner: str, name: str, value: Any, *, limit: int | None = None) -> str | None:
    """``None``, or text (possibly empty) of at most ``limit`` characters."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(owner, name, f"must be a string, got {shown(value)!r}", value)
    if limit is not None and len(value) > limit:
        raise _fail(owner, name, f"must be at most {limit} characters, got {len(value)}", value)
    return check_utf8(owner, name, value)


MAX_IDEMPOTENCY_KEY = 200  # the contract allows 255; the SDK appends ":batchN" or ":N" for batches


def check_idempotency_key(value: Any) -> str | None:
    """``None`` or a usable ``Idempotency-Key``: 1-200 visible ASCII characters."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise _fail(
            "idempotency", "idempotency_key", f"must be a non-empty string, got {shown(value)!r}", value
        )
    if len(value) > MAX_IDEMPOTENCY_KEY:
        raise _fail(
            "idempotency",
            "idempotency_key",
            f"must be at most {MAX_IDEMPOTENCY_KEY} characters, got {len(value)}",
            value,
        )
    return check_header_value("idempotency", "idempotency_key", value, spaces=False)


def check_capabilities(owner: str, value: Any) -> list[str]:
    """A list of non-empty strings (a lone string is refused: it would be split into letters)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise _fail(owner, "capabilities", f"must be a list of strings, got {shown(value)!r}", value)
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise _fail(
                owner,
                "capabilities",
                f"must be a list of non-empty strings; item {index} is {shown(item)!r}",
                value,
            )
        check_utf8(owner, "capabilities", item)
    return list(value)


def check_metadata(owner: str, value: Any) -> dict[str, Any] | None:
    """``None`` or a JSON object."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _fail(owner, "metadata", f"must be a JSON object (dict), got {shown(value)!r}", value)
    check_json(owner, "metadata", value)
    return dict(value)


P = TypeVar("P")


def coerce(cls: type[P], value: Any, field: str) -> P:
    """``value`` as ``cls``: the params object itself, or a dict of its fields (else ValidationError)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        result: P = _from_mapping(cls, value, {})
        return result
    raise ValidationError(
        f"{field} must be a {cls.__name__} or a dict, got {type(value).__name__}",
        details={"field": field},
    )


_SHAPES: dict[type[Any], tuple[frozenset[str], tuple[str, ...]]] = {}


def _shape(cls: type[Any]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The field names of a params class, and those without a default (looked up once)."""
    shape = _SHAPES.get(cls)
    if shape is None:
        names = fields(cls)
        shape = _SHAPES[cls] = (
            frozenset(f.name for f in names),
            tuple(f.name for f in names if f.default is MISSING),
        )
    return shape


def _from_mapping(cls: type[Any], values: Mapping[str, Any], wire_names: Mapping[str, str]) -> Any:
    """Build ``cls`` from a dict keyed by Python or wire (camelCase) names; unknown keys refused."""
    return cls(**_fields_of(cls, values, wire_names))


def _fields_of(cls: type[Any], values: Mapping[str, Any], wire_names: Mapping[str, str]) -> Mapping[str, Any]:
    """``cls``'s keyword arguments in a dict keyed by Python or wire (camelCase) names: unknown
    keys and missing required fields refused."""
    known, required = _shape(cls)
    kwargs: Mapping[str, Any] = values
    if wire_names or not values.keys() <= known:  # else every key is a field's name: used as it is
        kwargs = {}
        for key, value in values.items():
            name = wire_names.get(key, key) if isinstance(key, str) else key
            if name not in known:
                raise ValidationError(
                    f"{cls.__name__} has no field {shown(key)!r} (fields: {', '.join(sorted(known))})",
                    details={"field": key if isinstance(key, str) else repr(key)[:100]},
                )
            kwargs[name] = value
    missing = [name for name in required if name not in kwargs]
    if missing:
        raise ValidationError(
            f"{cls.__name__}.{missing[0]} is required (missing: {', '.join(missing)})",
            details={"field": missing[0]},
        )
    return kwargs


class _NotGiven:
    """The default of a keyword argument that was not passed (``None`` can be a real value)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


def params_from(cls: type[P], params: Any, field: str, keywords: Mapping[str, Any]) -> P:
    """The params of a call made either with a params object (or dict) or with keywords."""
    return coerce(cls, params_given(params, field, keywords), field)


def params_given(params: Any, field: str, keywords: Mapping[str, Any]) -> Any:
    """``params``, or the keywords passed (a dict) when there is no ``params``; not both."""
    given = {name: value for name, value in keywords.items() if value is not NOT_GIVEN}
    if params is not None and given:
        raise ValidationError(
            f"pass either {field} or keyword arguments ({', '.join(given)}), not both",
            details={"field": field},
        )
    return given if params is None else params


@dataclass(frozen=True, slots=True)
class AgentCreateParams:
    """What a new agent needs.

    Attributes:
        name: Display name, 1-255 characters.
        type: One of the contract's agent types, e.g. ``"WORKER"`` (a string or ``AgentType``).
        capabilities: The task types the agent can run.
        metadata: Optional JSON object stored with the agent.
    """

    name: str
    type: AgentType | AgentTypeName
    capabilities: Sequence[str]
    metadata: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        check_text("AgentCreateParams", "name", self.name)
        check_enum("AgentCreateParams", "type", self.type, "AgentType")
        check_capabilities("AgentCreateParams", self.capabilities)
        check_metadata("AgentCreateParams", self.metadata)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body of ``POST /agents``."""
        body: dict[str, Any] = {
            "name": self.name,
            "type": check_enum("AgentCreateParams", "type", self.type, "AgentType"),
            "capabilities": list(self.capabilities),
        }
        if self.metadata is not None:
            body["metadata"] = dict(self.metadata)
        return body


@dataclass(frozen=True, slots=True)
class AgentUpdateParams:
    """A partial update of an agent: only the fields given (not ``None``) change.

    Attributes:
        name: New display name.
        type: New agent type.
        status: New status, e.g. ``"PAUSED"``.
        capabilities: New capability list (replaces the old one).
        metadata: New metadata object (replaces the old one).
    """

    name: str | None = None
    type: AgentType | AgentTypeName | None = None
    status: AgentStatus | AgentStatusName | None = None
    capabilities: Sequence[str] | None = None
    metadata: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        self.to_wire()

    def to_wire(self) -> dict[str, Any]:
        """The JSON body of ``PUT /agents/{id}``: the given fields only."""
        owner = "AgentUpdateParams"
        body: dict[str, Any] = {}
        if self.name is not None:
            body["name"] = check_text(owner, "name", self.name)
        if self.type is not None:
            body["type"] = check_enum(owner, "type", self.type, "AgentType")
        if self.status is not None:
            body["status"] = check_enum(owner, "status", self.status, "AgentStatus")
        if self.capabilities is not None:
            body["capabilities"] = check_capabilities(owner, self.capabilities)
        if self.metadata is not None:
            body["metadata"] = check_metadata(owner, self.metadata)
        return body


@dataclass(frozen=True, slots=True)
class TaskRetryPolicy:
    """How the orchestrator itself retries a failing task (server side; delays in ms).

    Attributes:
        max_retries: Retries after the first run.
        initial_delay: Delay before the first retry, ms.
        max_delay: Upper bound of a delay, ms.
        backoff_multiplier: Growth factor of the delay, >= 1.
    """

    max_retries: int | None = None
    initial_delay: int | None = None
    max_delay: int | None = None
    backoff_multiplier: float | None = None

    def __post_init__(self) -> None:
        owner = "TaskRetryPolicy"
        for name in ("max_retries", "initial_delay", "max_delay"):
            value = getattr(self, name)
            if value is not None:
                check_number(owner, name, value, integer=True, maximum=INT32_MAX)
        if self.backoff_multiplier is not None:
            check_number(owner, "backoff_multiplier", self.backoff_multiplier, minimum=1, maximum=1000)

    def to_wire(self) -> dict[str, Any]:
        """The ``retryPolicy`` object."""
        names = {
            "max_retries": "maxRetries",
            "initial_delay": "initialDelay",
            "max_delay": "maxDelay",
            "backoff_multiplier": "backoffMultiplier",
        }
        return {wire: getattr(self, py) for py, wire in names.items() if getattr(self, py) is not None}


_RETRY_POLICY_WIRE = {
    "maxRetries": "max_retries",
    "initialDelay": "initial_delay",
    "maxDelay": "max_delay",
    "backoffMultiplier": "backoff_multiplier",
}


@dataclass(frozen=True, slots=True)
class TaskConfig:
    """Execution settings of a task.

    Attributes:
        timeout: How long the task may run before it is TIMED_OUT, ms.
        retry_policy: How the orchestrator retries it when it fails.
    """

    timeout: int | None = None
    retry_policy: TaskRetryPolicy | TaskRetryPolicyDict | None = None

    def __post_init__(self) -> None:
        if self.timeout is not None:
            check_number("TaskConfig", "timeout", self.timeout, integer=True, minimum=1, maximum=INT32_MAX)
        if self.retry_policy is not None and not isinstance(self.retry_policy, TaskRetryPolicy):
            if not isinstance(self.retry_policy, Mapping):
                raise _fail(
                    "TaskConfig",
                    "retry_policy",
                    f"must be a TaskRetryPolicy or dict, got {shown(self.retry_policy)!r}",
                    self.retry_policy,
                )
            policy = _from_mapping(TaskRetryPolicy, self.retry_policy, _RETRY_POLICY_WIRE)
            object.__setattr__(self, "retry_policy", policy)

    def to_wire(self) -> dict[str, Any]:
        """The ``config`` object."""
        body: dict[str, Any] = {}
        if self.timeout is not None:
            body["timeout"] = self.timeout
        if isinstance(self.retry_policy, TaskRetryPolicy):
            body["retryPolicy"] = self.retry_policy.to_wire()
        return body


@dataclass(frozen=True, slots=True)
class TaskSubmitParams:
    """What a new task needs.

    Attributes:
        name: Display name, 1-255 characters.
        type: Free-form task type (e.g. ``"data-processing"``), matched against agent capabilities.
        payload: The task's input: any JSON value.
        description: Optional longer description.
        priority: ``"LOW"``, ``"NORMAL"`` (the server's default), ``"HIGH"`` or ``"CRITICAL"``.
        config: Optional ``TaskConfig`` (or a dict such as ``{"timeout": 60000}``).
        metadata: Optional JSON object stored with the task.
    """

    name: str
    type: str
    payload: Any
    description: str | None = None
    priority: TaskPriority | TaskPriorityName | None = None
    config: TaskConfig | TaskConfigDict | None = None
    metadata: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        config = _checked_submit(
            self.name, self.type, self.payload, self.description, self.priority, self.config, self.metadata
        )
        if config is not self.config:
            object.__setattr__(self, "config", config)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body of ``POST /tasks`` (and one item of a batch)."""
        config = self.config if isinstance(self.config, TaskConfig) else None  # it is, once built
        return _submit_wire(
            self.name, self.type, self.payload, self.description, self.priority, config, self.metadata
        )


def submit_wire(params: Any, field: str) -> dict[str, Any]:
    """The JSON body of ``POST /tasks`` for ``TaskSubmitParams`` or a dict of its fields. A dict
    is checked exactly as ``TaskSubmitParams`` would check it, without building one (a frozen
    dataclass costs about 1 us to build, on every submit)."""
    if isinstance(params, TaskSubmitParams) or not isinstance(params, Mapping):
        return coerce(TaskSubmitParams, params, field).to_wire()  # refuses what is neither
    values = _fields_of(TaskSubmitParams, params, {})
    get = values.get
    name, type_, payload = values["name"], values["type"], values["payload"]
    description, priority, metadata = get("description"), get("priority"), get("metadata")
    config = _checked_submit(name, type_, payload, description, priority, get("config"), metadata)
    return _submit_wire(name, type_, payload, description, priority, config, metadata)


def _checked_submit(
    name: Any, type_: Any, payload: Any, description: Any, priority: Any, config: Any, metadata: Any
) -> TaskConfig | None:
    """``TaskSubmitParams``'s checks of its fields; its ``config`` as a ``TaskConfig``."""
    owner = "TaskSubmitParams"
    check_text(owner, "name", name)
    check_text(owner, "type", type_)
    check_json(owner, "payload", payload)
    check_optional_text(owner, "description", description)
    if priority is not None:
        check_enum(owner, "priority", priority, "TaskPriority")
    checked: TaskConfig | None
    if config is None or isinstance(config, TaskConfig):
        checked = config
    elif isinstance(config, Mapping):
        checked = _from_mapping(TaskConfig, config, {"retryPolicy": "retry_policy"})
    else:
        raise _fail(owner, "config", f"must be a TaskConfig or dict, got {shown(config)!r}", config)
    check_metadata(owner, metadata)
    return checked


def _submit_wire(
    name: str,
    type_: str,
    payload: Any,
    description: str | None,
    priority: Any,
    config: TaskConfig | None,
    metadata: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The wire form of checked ``TaskSubmitParams`` fields."""
    body: dict[str, Any] = {"name": name, "type": type_, "payload": payload}
    if description is not None:
        body["description"] = description
    if priority is not None:
        body["priority"] = check_enum("TaskSubmitParams", "priority", priority, "TaskPriority")
    if config is not None:
        body["config"] = config.to_wire()
    if metadata is not None:
        body["metadata"] = dict(metadata)
    return body


def coerce_batch(tasks: Iterable[TaskSubmitParams | Mapping[str, Any]]) -> list[TaskSubmitParams]:
    """Every input as ``TaskSubmitParams``; a bad one is refused naming its index."""
    if isinstance(tasks, (str, bytes, Mapping)) or not isinstance(tasks, Iterable):
        raise ValidationError(
            f"tasks must be a list of TaskSubmitParams (or dicts), got {type(tasks).__name__}",
            details={"field": "tasks"},
        )
    items: list[TaskSubmitParams] = []
    for index, task in enumerate(tasks):
        try:
            items.append(coerce(TaskSubmitParams, task, "params"))
        except ValidationError as exc:
            field = exc.details.get("field") if isinstance(exc.details, dict) else None
            raise ValidationError(
                f"tasks[{index}]: {exc.message}",
                details={
                    "field": f"tasks[{index}].{field}" if field else f"tasks[{index}]",
                    "index": index,
                },
            ) from None
    return items
