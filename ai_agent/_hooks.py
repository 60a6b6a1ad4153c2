"""Event hooks, named as httpx names them: ``event_hooks={"request": [...], "response": [...],
"retry": [...]}``. They run in the transport, on every attempt, so calls through ``client.api``
get them too.

    request(request)                         before each attempt; may add headers
    response(response)                       after each attempt, body already read
    retry(request, attempt, delay, reason)   before each back-off (delay in seconds, reason
                                             e.g. "HTTP 503" or "ConnectError")

On ``AgentClient`` a hook may be a coroutine function (it is awaited); on ``SyncAgentClient``
it must be a plain function. An exception raised by a hook ends the call with that exception:
it is not retried, and not translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from ._checks import shown
from ._errors import ValidationError

__all__ = [
    "HOOK_ERROR_EXTENSION",
    "EventHooks",
    "RequestHook",
    "ResponseHook",
    "RetryHook",
    "check_event_hooks",
]

RequestHook = Callable[[httpx.Request], Any]
"""``hook(request)``: called before each attempt (may set headers)."""
ResponseHook = Callable[[httpx.Response], Any]
"""``hook(response)``: called after each attempt, with the body read."""
RetryHook = Callable[[httpx.Request, int, float, str], Any]
"""``hook(request, attempt, delay_seconds, reason)``: called before each back-off."""

# Written on the request when a hook raised: the core then lets that exception through as it is.
HOOK_ERROR_EXTENSION = "ai_agent.hook_error"

_KINDS = ("request", "response", "retry")


@dataclass(frozen=True, slots=True)
class EventHooks:
    """The hooks of one client, by event."""

    request: tuple[RequestHook, ...] = ()
    response: tuple[ResponseHook, ...] = ()
    retry: tuple[RetryHook, ...] = ()


def check_event_hooks(owner: str, value: Any, check_callback: Callable[[str, str, Any], None]) -> EventHooks:
    """``event_hooks`` as given to a client, checked (``check_callback`` is the side's rule:
    the sync client refuses coroutine functions)."""
    if value is None:
        return EventHooks()
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"event_hooks must be a dict such as {{'request': [...]}}, got {type(value).__name__}",
            details={"field": "event_hooks"},
        )
    hooks: dict[str, tuple[Any, ...]] = {}
    for kind, callbacks in value.items():
        if kind not in _KINDS:
            raise ValidationError(
                f"event_hooks has no event {shown(kind)!r}; the events are {', '.join(_KINDS)}",
                details={"field": "event_hooks"},
            )
        if callable(callbacks) or not isinstance(callbacks, Sequence) or isinstance(callbacks, str):
            raise ValidationError(
                f"event_hooks[{kind!r}] must be a list of callables", details={"field": "event_hooks"}
            )
        for index, callback in enumerate(callbacks):
            check_callback(owner, f"event_hooks[{kind!r}][{index}]", callback)
            if callback is None:
                raise ValidationError(
                    f"event_hooks[{kind!r}][{index}] is None", details={"field": "event_hooks"}
                )
        hooks[kind] = tuple(callbacks)
    return EventHooks(**hooks)
