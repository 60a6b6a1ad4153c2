"""The one seam for cross-cutting behaviour: every request of the SDK, generated endpoints
included, passes through ``RetryingTransport`` on its way to the connection pool.

It adds the ``Idempotency-Key`` to POSTs (once per logical request, so every retry carries
the same key and a server that supports it never creates a resource twice), retries with
exponential back-off and ``Retry-After``, and feeds the metrics.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
import uuid
from datetime import UTC

import httpx

from ._config import Clock, RetryConfig
from ._metrics import Metrics

__all__ = [
    "ATTEMPTS_EXTENSION",
    "NO_STATUS_RETRY_EXTENSION",
    "OPERATION_EXTENSION",
    "RETRYABLE_STATUSES",
    "RetryingTransport",
    "parse_retry_after",
]

logger = logging.getLogger("ai_agent")

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Request extensions: how the facade talks to the transport, and the transport back.
OPERATION_EXTENSION = "ai_agent.operation"  # name for metrics and logs, e.g. "tasks.get"
NO_STATUS_RETRY_EXTENSION = "ai_agent.no_status_retry"  # e.g. /health: a 503 is an answer
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
        seconds = when.timestamp() - reference
        return max(0.0, seconds)
    if seconds != seconds or seconds < 0:  # NaN or negative: ignore the header
        return None
    return seconds


def _default_operation(request: httpx.Request) -> str:
    # Generated endpoints called directly: group by method and first path segment, so that
    # ids never become metric names.
    segment = request.url.path.strip("/").split("/", 1)[0]
    return f"{request.method} /{segment}"


class RetryingTransport(httpx.AsyncBaseTransport):
    """Retries, idempotency keys and metrics around an inner transport (the pool)."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        retry: RetryConfig,
        metrics: Metrics,
        clock: Clock | None = None,
        random_fraction: random.Random | None = None,
        *,
        max_concurrency: int | None = None,
        pool_timeout: float | None = None,
    ) -> None:
        self._inner = inner
        # Requests beyond the pool's size wait here, in a FIFO queue, rather than inside
        # httpcore's pool, whose bookkeeping grows with every waiting request (at 100 waiters
        # on 10 connections it cost ~6x the CPU per request).
        self._slots = asyncio.Semaphore(max_concurrency) if max_concurrency else None
        self._pool_timeout = pool_timeout
        self._retry = retry
        self._metrics = metrics
        self._clock = clock or Clock()
        self._random = random_fraction or random.Random()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, retrying what is safe to retry; return the final response."""
        operation = request.extensions.get(OPERATION_EXTENSION) or _default_operation(request)
        if request.method == "POST" and "idempotency-key" not in request.headers:
            request.headers["Idempotency-Key"] = str(uuid.uuid4())
        # A streamed body could only be sent once; buffer it so every attempt sends it whole.
        if not isinstance(request.stream, httpx.ByteStream):
            await request.aread()
        retry_statuses = (
            frozenset() if request.extensions.get(NO_STATUS_RETRY_EXTENSION) else RETRYABLE_STATUSES
        )
        clock = self._clock
        started = clock.monotonic()
        attempt = 0
        while True:
            attempt += 1
            request.extensions[ATTEMPTS_EXTENSION] = attempt
            try:
                response = await self._send_once(request)
            except httpx.TransportError as exc:
                if attempt > self._retry.max_retries:
                    # The type only: an exception's text may echo anything, the key included.
                    self._finish(operation, started, False, attempt, type(exc).__name__)
                    raise
                delay = self._retry.backoff(attempt, self._random.random())
                logger.info(
                    "%s %s: %s on attempt %d, retrying in %.3fs",
                    request.method,
                    operation,
                    type(exc).__name__,
                    attempt,
                    delay,
                )
                await clock.sleep(delay)
                continue

            status = response.status_code
            if status in retry_statuses and attempt <= self._retry.max_retries:
                wait = self._delay_for(response, attempt)
                if wait is not None:
                    logger.info(
                        "%s %s: HTTP %d on attempt %d, retrying in %.3fs (request id %s)",
                        request.method,
                        operation,
                        status,
                        attempt,
                        wait,
                        response.headers.get("x-request-id"),
                    )
                    await clock.sleep(wait)
                    continue
            ok = status < 400
            self._finish(operation, started, ok, attempt, None if ok else f"HTTP {status}")
            if logger.isEnabledFor(logging.DEBUG):  # the hot path: skip the header lookup
                logger.debug(
                    "%s %s -> %d (attempt %d, request id %s)",
                    request.method,
                    operation,
                    status,
                    attempt,
                    response.headers.get("x-request-id"),
                )
            return response

    async def _send_once(self, request: httpx.Request) -> httpx.Response:
        if self._slots is None:
            return await self._exchange(request)
        try:
            if self._slots.locked():  # a queue: wait, but no longer than the pool timeout
                async with asyncio.timeout(self._pool_timeout):
                    await self._slots.acquire()
            else:  # a free slot is taken at once; no timer to arm and cancel
                await self._slots.acquire()
        except TimeoutError:
            raise httpx.PoolTimeout(
                f"no free connection within {self._pool_timeout:g} s", request=request
            ) from None
        try:
            return await self._exchange(request)
        finally:
            self._slots.release()

    async def _exchange(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        # Read the body here, so that a connection lost mid-body is retried like any other
        # transport failure, and the connection is back in the pool before the slot is freed.
        try:
            await response.aread()
        except BaseException:
            await response.aclose()
            raise
        return response

    def _delay_for(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or None when the server asks too much."""
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if retry_after is None:
            return self._retry.backoff(attempt, self._random.random())
        if retry_after * 1000 > self._retry.max_retry_after:
            return None
        return retry_after

    def _finish(self, operation: str, started: float, ok: bool, attempts: int, error: str | None) -> None:
        latency_ms = (self._clock.monotonic() - started) * 1000
        self._metrics.record(operation, latency_ms, ok, attempts - 1, error)

    async def aclose(self) -> None:
        """Close the inner transport and its connections."""
        await self._inner.aclose()
