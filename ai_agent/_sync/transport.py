# Generated from ai_agent/_async/transport.py by scripts/unasync.py: do not edit; run `make generate`.
"""The one seam for cross-cutting behaviour: every request of the SDK, generated endpoints
included, passes through ``SyncRetryingTransport`` on its way to the connection pool.

It adds the ``Idempotency-Key`` to POSTs (once per logical request, so every retry carries
the same key and a server that supports it never creates a resource twice), retries with
exponential back-off and ``Retry-After``, keeps every attempt inside the caller's deadline,
runs the event hooks, and feeds the metrics.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from typing import Any

import httpx

from .._config import RetryConfig
from .._hooks import HOOK_ERROR_EXTENSION, EventHooks
from .._messages import header_of, set_header_once
from .._metrics import Metrics
from .._request import new_idempotency_key
from .._retry import (
    ATTEMPTS_EXTENSION,
    DEADLINE_EXTENSION,
    HOLD_EXTENSION,
    NO_STATUS_RETRY_EXTENSION,
    OPERATION_EXTENSION,
    RETRYABLE_STATUSES,
    default_operation,
    hold_was_cut,
    is_retryable_failure,
    status_delay,
)
from .._synchronization import SyncClock, invoke
from .._tracing import Tracing
from .pool import SyncPool

__all__ = ["SyncRetryingTransport"]


class _HookFailed(Exception):
    """Carries a hook's exception past the retry logic (it must end the call as it is)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


class SyncRetryingTransport(httpx.BaseTransport):
    """Retries, idempotency keys, deadlines and metrics around the connection pool."""

    def __init__(
        self,
        pool: SyncPool,
        retry: RetryConfig,
        metrics: Metrics,
        clock: SyncClock,
        *,
        hooks: EventHooks | None = None,
        logger: logging.Logger | logging.LoggerAdapter[logging.Logger],
        tracing: Tracing | None = None,
        random_fraction: random.Random | None = None,
    ) -> None:
        self.pool = pool
        self.tracing = tracing
        self.retry = retry
        self.metrics = metrics
        self.hooks = hooks or EventHooks()
        self.logger = logger
        self._clock = clock
        self._random = random_fraction or random.Random()

    def bare(self) -> bool:
        """Whether an attempt needs nothing around it: no request or response hooks, and no
        tracing. The facade may then make a call's first attempt itself, straight through the
        connection layer (``SyncPool.claim``), and hand its outcome here only if it is not final."""
        hooks = self.hooks
        return not (hooks.request or hooks.response or (self.tracing is not None and self.tracing.live()))

    def handle_request(
        self,
        request: httpx.Request,
        first: httpx.Response | Exception | None = None,
        started: float | None = None,
    ) -> httpx.Response:
        """Send ``request``, retrying what is safe to retry; return the final response.

        ``first``: the outcome of a first attempt the facade made itself, while ``bare()`` (its
        response, or the exception it raised), with ``started`` the time it began; the retries
        and the metrics go on from there.
        """
        extensions = request.extensions
        operation = extensions.get(OPERATION_EXTENSION) or default_operation(request)
        if request.method == "POST":
            set_header_once(request, "Idempotency-Key", new_idempotency_key)
        # A streamed body could only be sent once; buffer it so every attempt sends it whole.
        if not isinstance(request.stream, httpx.ByteStream):
            request.read()
        retry_statuses = frozenset() if extensions.get(NO_STATUS_RETRY_EXTENSION) else RETRYABLE_STATUSES
        deadline = extensions.get(DEADLINE_EXTENSION)
        held = extensions.get(HOLD_EXTENSION) is not None  # a blocking read
        timeouts = extensions.get("timeout")
        clock = self._clock
        retry = self.retry
        hooks, logger, tracing = self.hooks, self.logger, self.tracing
        if started is None:
            started = clock.monotonic()
        attempt = 0
        try:
            while True:
                attempt += 1
                extensions[ATTEMPTS_EXTENSION] = attempt
                made, first = first, None  # an attempt the facade already made (see bare())
                traced = None
                sent = started
                if made is None:
                    if deadline is not None:
                        extensions["timeout"] = self._within(deadline, timeouts, request)
                    for request_hook in hooks.request:
                        _call_hook(request_hook, request)
                    traced = tracing.attempt(request, attempt, held) if tracing is not None else None
                    sent = clock.monotonic()
                try:
                    if made is None:
                        response = self.pool.send(request)
                    elif isinstance(made, Exception):
                        raise made
                    else:
                        response = made
                except BaseException as exc:
                    if traced is not None:
                        traced.failed(exc)
                    if not isinstance(exc, httpx.TransportError):
                        raise
                    if held and hold_was_cut(exc, clock.monotonic() - sent):
                        attempt -= 1  # a proxy's idle timeout, not a failure: re-issue at once
                        continue
                    delay = retry.backoff(attempt, self._random.random())
                    if (
                        attempt > retry.max_retries
                        or not is_retryable_failure(exc)
                        or not self._fits(deadline, delay)
                    ):
                        raise
                    reason = type(exc).__name__
                    logger.info(
                        "%s %s: %s on attempt %d, retrying in %.3fs",
                        request.method,
                        operation,
                        reason,
                        attempt,
                        delay,
                    )
                    for retry_hook in hooks.retry:
                        _call_hook(retry_hook, request, attempt, delay, reason)
                    if tracing is not None:
                        tracing.retried(operation, reason)
                    self.pool.pause(delay, clock)
                    continue
                if traced is not None:
                    traced.done(response)
                for response_hook in hooks.response:
                    _call_hook(response_hook, response)

                status = response.status_code
                if held and hold_was_cut(response, clock.monotonic() - sent):
                    attempt -= 1
                    continue
                if status in retry_statuses and attempt <= retry.max_retries:
                    wait = status_delay(response, attempt, retry, self._random.random())
                    if wait is not None and self._fits(deadline, wait):
                        logger.info(
                            "%s %s: HTTP %d on attempt %d, retrying in %.3fs (request id %s)",
                            request.method,
                            operation,
                            status,
                            attempt,
                            wait,
                            header_of(response, "x-request-id"),
                        )
                        for retry_hook in hooks.retry:
                            _call_hook(retry_hook, request, attempt, wait, f"HTTP {status}")
                        if tracing is not None:
                            tracing.retried(operation, str(status))
                        self.pool.pause(wait, clock)
                        continue
                self.finished(request, operation, started, response, attempt, held)
                return response
        except _HookFailed as failed:
            self._finish(
                operation, started, False, attempt, f"hook raised {type(failed.error).__name__}", held
            )
            extensions[HOOK_ERROR_EXTENSION] = failed.error
            raise failed.error from None
        except Exception as exc:
            # The type only: an exception's text may echo anything, the key included.
            self._finish(operation, started, False, attempt, type(exc).__name__, held)
            raise

    def finished(
        self,
        request: httpx.Request,
        operation: str,
        started: float,
        response: httpx.Response,
        attempts: int,
        held: bool = False,
    ) -> None:
        """Count a call's final answer in the metrics (and log it at DEBUG)."""
        status = response.status_code
        ok = status < 400
        self._finish(operation, started, ok, attempts, None if ok else f"HTTP {status}", held)
        if self.logger.isEnabledFor(logging.DEBUG):  # the hot path: skip the header lookup
            self.logger.debug(
                "%s %s -> %d (attempt %d, request id %s)",
                request.method,
                operation,
                status,
                attempts,
                header_of(response, "x-request-id"),
            )

    def _within(self, deadline: float, timeouts: object, request: httpx.Request) -> dict[str, float | None]:
        """This attempt's timeouts, none longer than what is left before ``deadline``."""
        remaining = deadline - self._clock.monotonic()
        if remaining <= 0:
            raise httpx.ReadTimeout("the caller's deadline passed before this attempt", request=request)
        limits = timeouts if isinstance(timeouts, dict) else {}
        return {
            phase: remaining if limit is None else min(limit, remaining)
            for phase, limit in ((phase, limits.get(phase)) for phase in ("connect", "read", "write", "pool"))
        }

    def _fits(self, deadline: float | None, delay: float) -> bool:
        """Whether waiting ``delay`` seconds still leaves time before ``deadline``."""
        return deadline is None or self._clock.monotonic() + delay < deadline

    def _finish(
        self, operation: str, started: float, ok: bool, attempts: int, error: str | None, held: bool = False
    ) -> None:
        latency_ms = (self._clock.monotonic() - started) * 1000
        self.metrics.record(operation, latency_ms, ok, max(attempts - 1, 0), error, held=held)

    def close(self) -> None:
        """Close the connection pool."""
        self.pool.close()


def _call_hook(hook: Callable[..., Any], *args: Any) -> None:
    try:
        invoke(hook, *args)
    except Exception as exc:
        raise _HookFailed(exc) from None
