"""The retry policy, free of I/O: what is retried, how long to wait, and the request extensions
through which the facade and the transport talk. Both transports (async and sync) use it."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC

import httpx

from ._config import RetryConfig
from ._messages import header_of
from ._tls import tls_failure

__all__ = [
    "ATTEMPTS_EXTENSION",
    "DEADLINE_EXTENSION",
    "HOLD_EXTENSION",
    "NO_STATUS_RETRY_EXTENSION",
    "OPERATION_EXTENSION",
    "RETRYABLE_STATUSES",
    "attempt_timeouts",
    "default_operation",
    "hold_was_cut",
    "is_retryable_failure",
    "parse_retry_after",
    "status_delay",
]

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Request extensions: how the facade talks to the transport, and the transport back.
OPERATION_EXTENSION = "ai_agent.operation"  # name for metrics and logs, e.g. "tasks.get"
NO_STATUS_RETRY_EXTENSION = "ai_agent.no_status_retry"  # e.g. /health: a 503 is an answer
DEADLINE_EXTENSION = "ai_agent.deadline"  # clock.monotonic() by which a wait must be over
HOLD_EXTENSION = "ai_agent.hold"  # a blocking read: seconds the server may hold it
ATTEMPTS_EXTENSION = "ai_agent.attempts"  # written back: attempts made for this request


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        reference = now if now is not None else time.time()
        return max(0.0, when.timestamp() - reference)
    if seconds != seconds or seconds < 0:  # NaN or negative: ignore the header
        return None
    return seconds


def status_delay(response: httpx.Response, attempt: int, retry: RetryConfig, fraction: float) -> float | None:
    """Seconds to wait before retrying after ``response``, or None when the server asks for
    longer than ``retry.max_retry_after`` (then the response is final)."""
    retry_after = parse_retry_after(header_of(response, "retry-after"))
    if retry_after is None:
        return retry.backoff(attempt, fraction)
    if retry_after * 1000 > retry.max_retry_after:
        return None
    return retry_after


def default_operation(request: httpx.Request) -> str:
    """The metrics name of a request the facade did not name (a generated endpoint called
    directly): method and first path segment, so that ids never become metric names."""
    segment = request.url.path.strip("/").split("/", 1)[0]
    return f"{request.method} /{segment}"


# Failures that another attempt cannot cure: our own request is malformed, or the URL's scheme
# is not one we can speak. Everything else (timeouts, refused or dropped connections, a server
# breaking HTTP) may go away on the next attempt.
_PERMANENT_FAILURES = (httpx.LocalProtocolError, httpx.UnsupportedProtocol)


def is_retryable_failure(exc: httpx.TransportError) -> bool:
    """Whether a transport failure is worth another attempt: not when the request itself is
    at fault, nor when TLS certificates decided it (the next handshake would decide alike)."""
    if isinstance(exc, httpx.ProxyError) and str(exc).startswith("407"):
        return False  # the proxy refused our credentials (a CONNECT tunnel): they will not change
    return not isinstance(exc, _PERMANENT_FAILURES) and tls_failure(exc) is None


def attempt_timeouts(deadline: float, now: float, request: httpx.Request) -> dict[str, float | None]:
    """The request's timeouts for its next attempt, none longer than what is left before
    ``deadline`` (on the clock that gave ``now``); ReadTimeout when nothing is left."""
    remaining = deadline - now
    if remaining <= 0:
        raise httpx.ReadTimeout("the caller's deadline passed before this attempt", request=request)
    timeouts = request.extensions.get("timeout")
    limits = timeouts if isinstance(timeouts, dict) else {}
    return {
        phase: remaining if limit is None else min(limit, remaining)
        for phase, limit in ((phase, limits.get(phase)) for phase in ("connect", "read", "write", "pool"))
    }


# A held read cut by a proxy or gateway (an idle timeout): answered 408/504, or dropped.
_CUT_STATUSES = frozenset({408, 504})
_CUT_FAILURES = (httpx.ReadError, httpx.RemoteProtocolError)
MIN_CUT = 1.0  # seconds a read must have been held for its end to count as a cut, not a failure


def hold_was_cut(outcome: httpx.Response | BaseException, held: float) -> bool:
    """Whether a blocking read ended because something between us and the server cut it after
    holding it a while: then it is re-issued at once, without back-off, and is no failure."""
    if held < MIN_CUT:
        return False
    if isinstance(outcome, httpx.Response):
        return outcome.status_code in _CUT_STATUSES
    return isinstance(outcome, _CUT_FAILURES)
