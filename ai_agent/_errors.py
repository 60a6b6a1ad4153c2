"""The exception tree of the SDK.

    AgentClientError                    every error the SDK raises
     +-- ValidationError                 bad input: rejected locally, or 400/422 VALIDATION_ERROR
     +-- AuthenticationError             401 UNAUTHORIZED
     +-- AuthorizationError              403 FORBIDDEN
     +-- NotFoundError                   404 NOT_FOUND
     +-- ConflictError                   409 CONFLICT (e.g. cancelling a finished task)
     +-- RateLimitError                  429 RATE_LIMIT, with .retry_after
     +-- ServerError                     5xx, including non-standard codes such as 520
     +-- TimeoutError                    a request or a wait ran out of time (also builtins.TimeoutError)
     +-- ConnectionError                 the server could not be reached or dropped the connection
     |    +-- TLSError                    a TLS handshake failed on certificates (never retried)
     +-- InvalidResponseError            a response the contract does not allow (not JSON, wrong shape)
     +-- ClientClosedError               a call on a client that was closed
     +-- BatchSubmitError                some items of a batch failed; .results keeps every outcome

Only this module's names are raised to users: a KeyError or ValueError from the generated
client, or an httpx exception, is always translated first.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ai_agent_client.models import Task

__all__ = [
    "AgentClientError",
    "AuthenticationError",
    "AuthorizationError",
    "BatchSubmitError",
    "ClientClosedError",
    "ConflictError",
    "ConnectionError",
    "InvalidResponseError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "TLSError",
    "TimeoutError",
    "ValidationError",
]


class AgentClientError(Exception):
    """Base class of every error the SDK raises.

    Attributes:
        message: What went wrong, as the server (or the SDK) said it.
        code: Machine-readable code, e.g. ``NOT_FOUND`` (the server's ``error.code`` when it sent one).
        status_code: The HTTP status, or ``None`` when no response was received.
        details: Extra information from the server's error body (any JSON), or from the SDK.
        request_id: The server's ``X-Request-Id``, when it sent one: quote it to support.
        operation: The SDK call that failed, e.g. ``tasks.get('task-9')``.
        attempts: How many HTTP attempts were made (retries included), when known.
    """

    default_code = "CLIENT_ERROR"

    def __init__(
        self,
        message: str,
        code: str | None = None,
        status_code: int | None = None,
        details: Any = None,
        request_id: str | None = None,
        *,
        operation: str | None = None,
        attempts: int | None = None,
    ) -> None:
        Exception.__init__(self, message)
        self.message = message
        self.code = code or self.default_code
        self.status_code = status_code
        self.details = details
        self.request_id = request_id
        self.operation = operation
        self.attempts = attempts

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.operation:
            text = f"{self.operation}: {text}"
        extras = []
        if self.status_code is not None:
            extras.append(f"HTTP {self.status_code}")
        if self.attempts is not None and self.attempts > 1:
            extras.append(f"after {self.attempts} attempts")
        if self.request_id:
            extras.append(f"request id {self.request_id}")
        return f"{text} ({', '.join(extras)})" if extras else text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    # OSError-derived subclasses would otherwise pickle through OSError's (errno, strerror) protocol.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls: type[AgentClientError], state: dict[str, Any]) -> AgentClientError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message", ""))
    error.__dict__.update(state)
    return error


class ValidationError(AgentClientError):
    """Bad input: rejected before sending (``details`` names the field) or by the server (400/422)."""

    default_code = "VALIDATION_ERROR"


class AuthenticationError(AgentClientError):
    """The API key is missing or wrong (401)."""

    default_code = "UNAUTHORIZED"


class AuthorizationError(AgentClientError):
    """The API key may not do this (403)."""

    default_code = "FORBIDDEN"


class NotFoundError(AgentClientError):
    """The agent or task does not exist (404)."""

    default_code = "NOT_FOUND"


class ConflictError(AgentClientError):
    """The request conflicts with the resource's state (409), e.g. cancelling a finished task."""

    default_code = "CONFLICT"


class RateLimitError(AgentClientError):
    """Too many requests (429) after all retries.

    Attributes:
        retry_after: Seconds the server asked to wait (from ``Retry-After``), or ``None``.
    """

    default_code = "RATE_LIMIT"

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class ServerError(AgentClientError):
    """The server failed (5xx, including non-standard codes such as 520)."""

    default_code = "SERVER_ERROR"


class TimeoutError(AgentClientError, builtins.TimeoutError):
    """A request, or a wait such as ``wait_for_completion``, ran out of time.

    Also an instance of ``builtins.TimeoutError``, so ``except TimeoutError`` works either way.

    Attributes:
        timeout: The limit that ran out, in milliseconds.
        last_status: For waits, the last status seen (or a dict of them for ``wait_for_all``).
    """

    default_code = "TIMEOUT"

    def __init__(
        self,
        *args: Any,
        timeout: float | None = None,
        last_status: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.timeout = timeout
        self.last_status = last_status


class ConnectionError(AgentClientError, builtins.ConnectionError):
    """The server could not be reached, or dropped the connection, after all retries."""

    default_code = "CONNECTION_ERROR"


class TLSError(ConnectionError):
    """A TLS handshake failed on certificates: the server's is not trusted (see ``verify=``),
    or the server refused the client's (see ``cert=``). Not retried: another attempt would
    meet the same certificates."""

    default_code = "TLS_ERROR"


class InvalidResponseError(AgentClientError):
    """The server answered something the contract does not allow (not JSON, wrong shape)."""

    default_code = "INVALID_RESPONSE"


class ClientClosedError(AgentClientError):
    """The client was closed; create a new one (or use ``async with``)."""

    default_code = "CLIENT_CLOSED"


class BatchSubmitError(AgentClientError):
    """Some tasks of ``submit_batch`` failed. Nothing is lost: ``results`` holds every outcome.

    Attributes:
        results: One entry per input, in input order: the created ``Task`` or the error.
    """

    default_code = "BATCH_PARTIAL_FAILURE"

    def __init__(self, message: str, results: list[Task | AgentClientError], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.results = results

    @property
    def succeeded(self) -> list[Task]:
        """The tasks that were created, in input order."""
        return [r for r in self.results if not isinstance(r, AgentClientError)]

    @property
    def failed(self) -> list[tuple[int, AgentClientError]]:
        """``(input index, error)`` for each item that failed."""
        return [(i, r) for i, r in enumerate(self.results) if isinstance(r, AgentClientError)]
