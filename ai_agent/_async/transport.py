"""The one request path: every attempt of every request the SDK sends (resource methods,
``client.api``'s generated endpoints, held reads, health) passes through
``AsyncRetryingTransport.handle_async_request`` on its way to the connection pool.

It adds the ``Idempotency-Key`` to POSTs (once per logical request, so every retry carries
the same key and a server that supports it never creates a resource twice), retries with
exponential back-off and ``Retry-After``, keeps every attempt inside the caller's deadline,
runs the event hooks, opens the tracing span of each attempt, and feeds the metrics. What a
connection is (proxy, TLS, HTTP/2) is the connection layer's business (``_connection.py``).
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
    attempt_timeouts,
    default_operation,
    hold_was_cut,
    is_retryable_failure,
    status_delay,
)
from .._synchronization import AsyncClock, async_invoke
from .._tracing import Tracing
from .pool import AsyncPool

__all__ = ["AsyncRetryingTransport"]


class _HookFailed(Exception):
    """Carries a hook's exception past the retry logic (it must end the call as it is)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


class AsyncRetryingTransport(httpx.AsyncBaseTransport):
    """Retries, idempotency keys, deadlines, hooks, tracing and metrics around the pool."""

    def __init__(
        self,
        pool: AsyncPool,
        retry: RetryConfig,
        metrics: Metrics,
        clock: AsyncClock,
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

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, retrying what is safe to retry; return the final response (its
        body read), or raise the last attempt's failure."""
        extensions = request.extensions
        operation = extensions.get(OPERATION_EXTENSION) or default_operation(request)
        if request.method == "POST":
            set_header_once(request, "Idempotency-Key", new_idempotency_key)
        # A streamed body could only be sent once; buffer it so every attempt sends it whole.
        if not isinstance(request.stream, httpx.ByteStream):
            await request.aread()
        held = HOLD_EXTENSION in extensions  # a blocking read
        hooks, tracing = self.hooks, self.tracing
        # Nothing to run around an attempt (the common case): the pool's send is awaited
        # directly, one coroutine frame fewer per request.
        plain = not (
            DEADLINE_EXTENSION in extensions
            or hooks.request
            or hooks.response
            or (tracing is not None and tracing.live())
        )
        clock = self._clock
        started = clock.monotonic()
        attempt = 0
        try:
            while True:
                attempt += 1
                extensions[ATTEMPTS_EXTENSION] = attempt
                sent = clock.monotonic() if held else 0.0  # only a held read's length matters
                outcome: httpx.Response | httpx.TransportError
                try:
                    outcome = await (
                        self.pool.send(request) if plain else self._around(request, attempt, held)
                    )
                except httpx.TransportError as exc:
                    outcome = exc
                if held and hold_was_cut(outcome, clock.monotonic() - sent):
                    attempt -= 1  # a proxy's idle timeout, not a failure: re-issue at once
                    continue
                if isinstance(outcome, httpx.Response) and outcome.status_code not in RETRYABLE_STATUSES:
                    self._finished(request, operation, started, outcome, attempt, held)
                    return outcome
                delay = self._retry_delay(outcome, attempt, extensions)
                if delay is None:
                    if isinstance(outcome, Exception):
                        raise outcome
                    self._finished(request, operation, started, outcome, attempt, held)
                    return outcome
                await self._before_retry(request, operation, attempt, delay, outcome)
                await self.pool.pause(delay, clock)
        except _HookFailed as failed:
            error = f"hook raised {type(failed.error).__name__}"
            self._record(operation, started, False, attempt, error, held)
            extensions[HOOK_ERROR_EXTENSION] = failed.error
            raise failed.error from None
        except Exception as exc:
            # The type only: an exception's text may echo anything, the key included.
            self._record(operation, started, False, attempt, type(exc).__name__, held)
            raise

    async def _around(self, request: httpx.Request, attempt: int, held: bool) -> httpx.Response:
        """An attempt with its deadline, request and response hooks, and tracing span."""
        extensions = request.extensions
        deadline = extensions.get(DEADLINE_EXTENSION)
        if deadline is not None:
            extensions["timeout"] = attempt_timeouts(deadline, self._clock.monotonic(), request)
        for request_hook in self.hooks.request:
            await _call_hook(request_hook, request)
        traced = self.tracing.attempt(request, attempt, held) if self.tracing is not None else None
        try:
            response = await self.pool.send(request)
        except BaseException as exc:
            if traced is not None:
                traced.failed(exc)
            raise
        if traced is not None:
            traced.done(response)
        if self.hooks.response:
            # As in httpx's own hooks, `response.request` works: a transport (a mock, the user's
            # own) need not have set it, and httpx's client sets it only after the transport.
            response.request = request
            for response_hook in self.hooks.response:
                await _call_hook(response_hook, response)
        return response

    def _retry_delay(
        self, outcome: httpx.Response | httpx.TransportError, attempt: int, extensions: dict[str, Any]
    ) -> float | None:
        """Seconds to wait before the next attempt, or None when ``outcome`` is final: an
        answer that is not a retryable status, a failure another attempt cannot cure, no
        retries left, or no time left before the caller's deadline."""
        retry = self.retry
        if attempt > retry.max_retries:
            return None
        if isinstance(outcome, httpx.Response):
            if NO_STATUS_RETRY_EXTENSION in extensions:  # e.g. /health: a 503 is an answer
                return None
            delay = status_delay(outcome, attempt, retry, self._random.random())
        else:
            delay = retry.backoff(attempt, self._random.random()) if is_retryable_failure(outcome) else None
        deadline = extensions.get(DEADLINE_EXTENSION)
        if delay is None or (deadline is not None and self._clock.monotonic() + delay >= deadline):
            return None
        return delay

    async def _before_retry(
        self,
        request: httpx.Request,
        operation: str,
        attempt: int,
        delay: float,
        outcome: httpx.Response | httpx.TransportError,
    ) -> None:
        """Log the retry, run the retry hooks, count it in tracing."""
        if isinstance(outcome, httpx.Response):
            reason = f"HTTP {outcome.status_code}"
            metric_reason = str(outcome.status_code)
            request_id = f" (request id {header_of(outcome, 'x-request-id')})"
        else:
            reason = metric_reason = type(outcome).__name__
            request_id = ""
        self.logger.info(
            "%s %s: %s on attempt %d, retrying in %.3fs%s",
            request.method,
            operation,
            reason,
            attempt,
            delay,
            request_id,
        )
        for retry_hook in self.hooks.retry:
            await _call_hook(retry_hook, request, attempt, delay, reason)
        if self.tracing is not None:
            self.tracing.retried(operation, metric_reason)

    def _finished(
        self,
        request: httpx.Request,
        operation: str,
        started: float,
        response: httpx.Response,
        attempts: int,
        held: bool,
    ) -> None:
        """Count a call's final answer in the metrics (and log it at DEBUG)."""
        status = response.status_code
        ok = status < 400
        self._record(operation, started, ok, attempts, None if ok else f"HTTP {status}", held)
        if self.logger.isEnabledFor(logging.DEBUG):  # the hot path: skip the header lookup
            self.logger.debug(
                "%s %s -> %d (attempt %d, request id %s)",
                request.method,
                operation,
                status,
                attempts,
                header_of(response, "x-request-id"),
            )

    def _record(
        self, operation: str, started: float, ok: bool, attempts: int, error: str | None, held: bool
    ) -> None:
        latency_ms = (self._clock.monotonic() - started) * 1000
        self.metrics.record(operation, latency_ms, ok, max(attempts - 1, 0), error, held=held)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.pool.aclose()


async def _call_hook(hook: Callable[..., Any], *args: Any) -> None:
    try:
        await async_invoke(hook, *args)
    except Exception as exc:
        raise _HookFailed(exc) from None
