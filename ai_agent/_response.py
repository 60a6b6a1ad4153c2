"""From an HTTP response to data or a typed error: the envelope and the error mapping."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import timedelta
from typing import Any, Generic, NoReturn, TypeVar

import httpx

from ._checks import shown
from ._errors import (
    AgentClientError,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    ConnectionError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TimeoutError,
    ValidationError,
)
from ._results import Health
from ._retry import ATTEMPTS_EXTENSION, parse_retry_after

__all__ = [
    "RAW_CAPTURE",
    "REVISION_CAPTURE",
    "RawResponse",
    "error_from_item",
    "error_from_response",
    "parse_health",
    "parse_model",
    "read_json",
    "unwrap",
]

T = TypeVar("T")

_BY_STATUS: dict[int, type[AgentClientError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: AuthorizationError,
    404: NotFoundError,
    407: ConnectionError,  # a proxy's answer: the server was not reached
    408: TimeoutError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}
_BY_CODE: dict[str, type[AgentClientError]] = {
    "VALIDATION_ERROR": ValidationError,
    "UNAUTHORIZED": AuthenticationError,
    "FORBIDDEN": AuthorizationError,
    "NOT_FOUND": NotFoundError,
    "TIMEOUT": TimeoutError,
    "CONFLICT": ConflictError,
    "RATE_LIMIT": RateLimitError,
    "SERVER_ERROR": ServerError,
    "INTERNAL_ERROR": ServerError,
}
_EXCERPT = 200  # characters of an unparseable body quoted in the error


def _error_class(status: int, code: str | None) -> type[AgentClientError]:
    if status >= 500:
        return ServerError
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return _BY_CODE.get(code or "", AgentClientError)


def _attempts(response: httpx.Response) -> int | None:
    try:
        value = response.request.extensions.get(ATTEMPTS_EXTENSION)
    except RuntimeError:  # a response built by hand has no request
        return None
    return value if isinstance(value, int) else None


def _excerpt(response: httpx.Response) -> str:
    text = response.content[: _EXCERPT * 4].decode("utf-8", "replace")
    text = " ".join(text.split())
    return text[:_EXCERPT] + ("..." if len(text) > _EXCERPT else "")


def _invalid(response: httpx.Response, operation: str, message: str, **extra: Any) -> InvalidResponseError:
    return InvalidResponseError(
        message,
        status_code=response.status_code,
        request_id=response.headers.get("x-request-id"),
        operation=operation,
        attempts=_attempts(response),
        **extra,
    )


def error_from_response(
    response: httpx.Response,
    operation: str,
    *,
    code: str | None = None,
    message: str | None = None,
    details: Any = None,
    redact: Callable[[Any], Any] = lambda value: value,
) -> AgentClientError:
    """The typed error for an error response (envelope fields when the body had them)."""
    status = response.status_code
    if message is None and status == 407:  # from a proxy between us and the server
        message = (
            "the proxy refused the request: HTTP 407 Proxy Authentication Required "
            "(check the credentials in proxy= or HTTP_PROXY/HTTPS_PROXY/ALL_PROXY)"
        )
    if message is None:
        kind = response.headers.get("content-type", "no content type")
        message = f"HTTP {status} with a body that is not an error envelope ({kind}): "
        message += repr(_excerpt(response)) if response.content else "empty body"
    cls = _error_class(status, code)
    kwargs: dict[str, Any] = {
        "code": code,
        "status_code": status,
        "details": redact(details),
        "request_id": response.headers.get("x-request-id"),
        "operation": operation,
        "attempts": _attempts(response),
    }
    if cls is RateLimitError:
        kwargs["retry_after"] = parse_retry_after(response.headers.get("retry-after"))
    return cls(redact(message), **kwargs)


# The C scanner behind ``json.loads``. ``json.loads(bytes)`` first sniffs the encoding (UTF-16
# and UTF-32 are allowed) and matches whitespace with regular expressions; a body that starts
# with "{" is UTF-8 or broken, so it can go to the scanner directly (about 1 us less per call).
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_WHITESPACE = " \t\n\r"


def loads_object(content: bytes) -> Any:
    """``json.loads(content)``: the same value or the same exception, faster for a JSON object."""
    if content[:1] == b"{":
        try:
            text = content.decode("utf-8", "surrogatepass")
            value, end = _SCAN(text, 0)
        except (UnicodeDecodeError, StopIteration, ValueError):
            pass  # json.loads raises the error people know
        else:
            if end == len(text) or not text[end:].strip(_WHITESPACE):
                return value
    return json.loads(content)


def read_json(response: httpx.Response, operation: str) -> Any:
    """The JSON body, or a typed error that quotes what came instead."""
    try:
        return loads_object(response.content)
    except RecursionError:
        raise _invalid(response, operation, "the JSON body is nested too deeply to read") from None
    except (ValueError, UnicodeDecodeError):
        pass
    if response.status_code >= 400:
        raise error_from_response(response, operation)
    raise _invalid(
        response,
        operation,
        f"expected a JSON body, got {response.headers.get('content-type', 'no content type')}: "
        + (repr(_excerpt(response)) if response.content else "empty body"),
    )


def raise_for_envelope(
    response: httpx.Response,
    body: Any,
    operation: str,
    redact: Callable[[Any], Any],
) -> NoReturn:
    """Raise the typed error that an error envelope (or an odd body) describes."""
    error = body.get("error") if isinstance(body, Mapping) else None
    if isinstance(error, Mapping):
        code = error.get("code")
        message = error.get("message")
        raise error_from_response(
            response,
            operation,
            code=code if isinstance(code, str) else None,
            message=message if isinstance(message, str) else f"{code or 'error'} (no message)",
            details=error.get("details"),
            redact=redact,
        )
    if response.status_code >= 400:
        raise error_from_response(response, operation, redact=redact)
    raise _invalid(
        response,
        operation,
        f"HTTP {response.status_code} body is not a success envelope: {_excerpt(response)!r}",
    )


def unwrap(
    response: httpx.Response,
    operation: str,
    redact: Callable[[Any], Any] = lambda value: value,
) -> Any:
    """``data`` of a success envelope; any error (status, ``success: false``, body) raised typed."""
    status = response.status_code
    if status == 200 or status == 201:  # the hot path: a JSON success envelope, no detours
        try:
            body = loads_object(response.content)
        except (ValueError, UnicodeDecodeError, RecursionError):
            body = read_json(response, operation)  # raises the typed error
        if type(body) is dict and body.get("success") is not False and "data" in body:
            return body["data"]
        raise_for_envelope(response, body, operation, redact)
    if status == 204:
        return None
    if not 200 <= status < 300:
        if status >= 400:
            body = _try_json(response)
            raise_for_envelope(response, body, operation, redact)
        raise error_from_response(response, operation, redact=redact)
    body = read_json(response, operation)
    if isinstance(body, Mapping) and body.get("success") is not False and "data" in body:
        return body["data"]
    raise_for_envelope(response, body, operation, redact)


def _try_json(response: httpx.Response) -> Any:
    try:
        return loads_object(response.content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def parse_model(
    response: httpx.Response, operation: str, data: Any, parse: Callable[[Mapping[str, Any]], T]
) -> T:
    """``parse(data)`` with the generated model; a body of the wrong shape becomes a typed error."""
    if type(data) is not dict and not isinstance(data, Mapping):
        raise _invalid(response, operation, f"expected a JSON object in 'data', got {type(data).__name__}")
    try:
        return parse(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        what = f"missing field {exc}" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        raise _invalid(
            response,
            operation,
            f"response does not match the contract ({what})",
            details={"data": data} if len(response.content) < 2000 else None,
        ) from exc


def error_from_item(
    item_error: Any, where: str, request_id: str | None, redact: Callable[[Any], Any]
) -> AgentClientError:
    """The typed error of one failed item of a batch (no HTTP status of its own: code decides)."""
    if not isinstance(item_error, Mapping):
        return InvalidResponseError(
            f"batch item failed without an error object: {shown(item_error)!r}"[:300],
            operation=where,
            request_id=request_id,
        )
    code = item_error.get("code")
    code = code if isinstance(code, str) else None
    message = item_error.get("message")
    cls = _BY_CODE.get(code or "", AgentClientError)
    return cls(
        redact(message if isinstance(message, str) else f"{code or 'error'} (no message)"),
        code=code,
        details=redact(item_error.get("details")),
        request_id=request_id,
        operation=where,
    )


def parse_health(response: httpx.Response, where: str, redact: Callable[[Any], Any]) -> Health:
    """``GET /health``'s answer: 200, or 503 with a health body (DOWN), as ``Health``."""
    from ai_agent_client.models import Health as WireHealth

    if response.status_code not in (200, 503):
        raise error_from_response(response, where, redact=redact)
    try:
        body = read_json(response, where)
    except InvalidResponseError:
        if response.status_code == 503:
            raise error_from_response(response, where) from None
        raise
    if response.status_code == 503 and not (isinstance(body, Mapping) and "status" in body):
        # Not a health body: an error envelope raises with its own code and message, anything
        # else as a body that is neither.
        raise_for_envelope(response, body, where, redact)
    wire = parse_model(response, where, body, WireHealth.from_dict)
    checks = wire.checks.additional_properties if wire.checks is not None else {}
    return Health(
        status=wire.status,
        checks=dict(checks),
        timestamp=wire.timestamp,
        uptime=wire.uptime,
        version=wire.version,
        http_status=response.status_code,
        raw=dict(body),
    )


# Set by ``with_raw_response`` around one call: the core appends each final response to it.
RAW_CAPTURE: ContextVar[list[tuple[httpx.Response, float]] | None] = ContextVar("ai_agent_raw", default=None)
# Set around a wait's first plain read: the core appends the X-Revision of each task answer.
REVISION_CAPTURE: ContextVar[list[int] | None] = ContextVar("ai_agent_revisions", default=None)


class RawResponse(Generic[T]):
    """What ``client.with_raw_response.<resource>.<method>(...)`` returns: the HTTP response of
    the call, and ``parse()`` for what the plain call returns.

    Attributes:
        http_response: The final ``httpx.Response`` (body read), after any retries.
        elapsed: Time the whole call took, retries and back-off included.
    """

    __slots__ = ("_parsed", "elapsed", "http_response")

    def __init__(self, http_response: httpx.Response, elapsed: timedelta, parsed: T) -> None:
        self.http_response = http_response
        self.elapsed = elapsed
        self._parsed = parsed

    @property
    def status_code(self) -> int:
        """The HTTP status of the final attempt."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's ``X-Request-Id``, if it sent one."""
        value: str | None = self.http_response.headers.get("x-request-id")
        return value

    @property
    def attempts(self) -> int:
        """HTTP attempts made (1 when nothing was retried)."""
        value = self.http_response.request.extensions.get(ATTEMPTS_EXTENSION)
        return value if isinstance(value, int) else 1

    @property
    def content(self) -> bytes:
        """The raw body."""
        return self.http_response.content

    def json(self) -> Any:
        """The body parsed as JSON (the whole envelope)."""
        return loads_object(self.http_response.content)

    def parse(self) -> T:
        """What the plain call returns (a ``Task``, a ``Page``, ...)."""
        return self._parsed

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] attempts={self.attempts} request_id={self.request_id!r}>"
