# Generated from ai_agent/_async/transport.py by scripts/unasync.py: do not edit; run `make generate`.
"""The one seam for cross-cutting behaviour: every request of the SDK, generated endpoints
included, passes through ``SyncRetryingTransport`` on its way to the connection pool.

It adds the ``Idempotency-Key`` to POSTs (once per logical request, so every retry carries
the same key and a server that supports it never creates a resource twice), retries with
exponential back-off and ``Retry-After``, keeps every attempt inside the caller's deadline,
and feeds the metrics.
"""

from __future__ import annotations

import logging
import random
import uuid

import httpx

from .._config import RetryConfig
from .._logging import logger
from .._metrics import Metrics
from .._retry import (
    ATTEMPTS_EXTENSION,
    DEADLINE_EXTENSION,
    NO_STATUS_RETRY_EXTENSION,
    OPERATION_EXTENSION,
    RETRYABLE_STATUSES,
    default_operation,
    is_retryable_failure,
    status_delay,
)
from .._synchronization import SyncClock
from .pool import SyncPool

__all__ = ["SyncRetryingTransport"]


class SyncRetryingTransport(httpx.BaseTransport):
    """Retries, idempotency keys, deadlines and metrics around the connection pool."""

    def __init__(
        self,
        pool: SyncPool,
        retry: RetryConfig,
        metrics: Metrics,
        clock: SyncClock,
        random_fraction: random.Random | None = None,
    ) -> None:
        self.pool = pool
        self.retry = retry
        self._metrics = metrics
        self._clock = clock
        self._random = random_fraction or random.Random()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``, retrying what is safe to retry; return the final response."""
        extensions = request.extensions
        operation = extensions.get(OPERATION_EXTENSION) or default_operation(request)
        if request.method == "POST" and "idempotency-key" not in request.headers:
            request.headers["Idempotency-Key"] = str(uuid.uuid4())
        # A streamed body could only be sent once; buffer it so every attempt sends it whole.
        if not isinstance(request.stream, httpx.ByteStream):
            request.read()
        retry_statuses = frozenset() if extensions.get(NO_STATUS_RETRY_EXTENSION) else RETRYABLE_STATUSES
        deadline = extensions.get(DEADLINE_EXTENSION)
        timeouts = extensions.get("timeout")
        clock = self._clock
        retry = self.retry
        started = clock.monotonic()
        attempt = 0
        try:
            while True:
                attempt += 1
                extensions[ATTEMPTS_EXTENSION] = attempt
                if deadline is not None:
                    extensions["timeout"] = self._within(deadline, timeouts, request)
                try:
                    response = self.pool.send(request)
                except httpx.TransportError as exc:
                    delay = retry.backoff(attempt, self._random.random())
                    if (
                        attempt > retry.max_retries
                        or not is_retryable_failure(exc)
                        or not self._fits(deadline, delay)
                    ):
                        raise
                    logger.info(
                        "%s %s: %s on attempt %d, retrying in %.3fs",
                        request.method,
                        operation,
                        type(exc).__name__,
                        attempt,
                        delay,
                    )
                    self.pool.pause(delay, clock)
                    continue

                status = response.status_code
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
                            response.headers.get("x-request-id"),
                        )
                        self.pool.pause(wait, clock)
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
        except Exception as exc:
            # The type only: an exception's text may echo anything, the key included.
            self._finish(operation, started, False, attempt, type(exc).__name__)
            raise

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

    def _finish(self, operation: str, started: float, ok: bool, attempts: int, error: str | None) -> None:
        latency_ms = (self._clock.monotonic() - started) * 1000
        self._metrics.record(operation, latency_ms, ok, attempts - 1, error)

    def close(self) -> None:
        """Close the connection pool."""
        self.pool.close()
