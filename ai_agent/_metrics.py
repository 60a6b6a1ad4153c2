"""Request metrics in constant memory: counters and a log-scale latency histogram.

Each operation keeps a fixed array of buckets, so a million requests cost what ten do.
Percentiles are read from the buckets (within ~2.5 % of the true value).
"""

from __future__ import annotations

import math
import threading
from array import array
from dataclasses import dataclass, field

__all__ = ["Metrics", "MetricsSnapshot", "OperationMetrics"]

_BASE_MS = 0.01  # the smallest latency told apart
_GROWTH = 1.05  # each bucket is 5 % wider than the one before
_BUCKETS = 400  # 0.01 ms .. ~3,000 s
_LOG_GROWTH = math.log(_GROWTH)
_MAX_OPERATIONS = 64  # beyond this many distinct names, the rest are counted as "other"


class _Series:
    """Counters and histogram of one operation (or of all)."""

    __slots__ = ("buckets", "failed", "latency_sum", "retries", "succeeded", "timed")

    def __init__(self) -> None:
        self.succeeded = 0
        self.failed = 0
        self.retries = 0
        self.timed = 0  # requests whose latency is in latency_sum and the buckets
        self.latency_sum = 0.0
        # A typed array: 8 bytes a bucket whatever the count (a list would hold a new int
        # object per bucket once counts pass 256), so memory is truly constant.
        self.buckets = array("q", bytes(8 * _BUCKETS))

    def add(self, latency_ms: float, ok: bool, retries: int, timed: bool = True) -> None:
        if ok:
            self.succeeded += 1
        else:
            self.failed += 1
        self.retries += retries
        if not timed:
            return
        self.timed += 1
        self.latency_sum += latency_ms
        if latency_ms <= _BASE_MS:
            index = 0
        else:
            index = min(_BUCKETS - 1, int(math.log(latency_ms / _BASE_MS) / _LOG_GROWTH) + 1)
        self.buckets[index] += 1

    def percentile(self, fraction: float) -> float:
        total = self.timed
        if total == 0:
            return 0.0
        rank = max(1, math.ceil(fraction * total))
        seen = 0
        for index, count in enumerate(self.buckets):
            seen += count
            if seen >= rank:
                # The bucket's geometric middle: within half a bucket of the truth.
                return 0.0 if index == 0 else _BASE_MS * _GROWTH ** (index - 0.5)
        return _BASE_MS * _GROWTH**_BUCKETS  # pragma: no cover - counts always add up

    def snapshot(self) -> OperationMetrics:
        total = self.succeeded + self.failed
        return OperationMetrics(
            total_requests=total,
            successful_requests=self.succeeded,
            failed_requests=self.failed,
            retries=self.retries,
            success_rate=100.0 * self.succeeded / total if total else 0.0,
            error_rate=100.0 * self.failed / total if total else 0.0,
            average_latency=self.latency_sum / self.timed if self.timed else 0.0,
            p50_latency=self.percentile(0.50),
            p95_latency=self.percentile(0.95),
            p99_latency=self.percentile(0.99),
        )


@dataclass(frozen=True, slots=True)
class OperationMetrics:
    """Figures of one operation, or of all of them.

    Attributes:
        total_requests: Logical requests completed (a request and its retries count once).
        successful_requests: Those that ended with a 2xx/3xx response.
        failed_requests: Those that ended with an error status or no response.
        retries: Extra attempts made.
        success_rate: ``successful_requests`` in percent of ``total_requests``.
        error_rate: ``failed_requests`` in percent of ``total_requests``.
        average_latency: Mean time per logical request (retries and back-off included), ms.
        p50_latency: Median latency, ms.
        p95_latency: 95th percentile latency, ms.
        p99_latency: 99th percentile latency, ms.
    """

    total_requests: int
    successful_requests: int
    failed_requests: int
    retries: int
    success_rate: float
    error_rate: float
    average_latency: float
    p50_latency: float
    p95_latency: float
    p99_latency: float


@dataclass(frozen=True, slots=True)
class MetricsSnapshot(OperationMetrics):
    """What ``AgentClient.get_metrics()`` returns: totals, the last error, and per operation.

    Attributes:
        last_error: A short description of the most recent failure, or ``None``.
        by_operation: The same figures per operation name, e.g. ``"tasks.get"``.
    """

    last_error: str | None = None
    by_operation: dict[str, OperationMetrics] = field(default_factory=dict)


class Metrics:
    """Collects request outcomes; one per client, fed by its transport. Thread-safe: the sync
    client records from many threads at once, and every count must stay exact."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._total = _Series()
        self._operations: dict[str, _Series] = {}
        self._last_error: str | None = None

    def record(
        self,
        operation: str,
        latency_ms: float,
        ok: bool,
        retries: int,
        error: str | None = None,
        *,
        held: bool = False,
    ) -> None:
        """Count one finished logical request. A ``held`` one (a blocking read, whose latency is
        mostly the server holding it on purpose) counts in the totals, but its latency only in
        its own operation's figures."""
        with self._lock:
            self._total.add(latency_ms, ok, retries, timed=not held)
            series = self._operations.get(operation)
            if series is None:
                if len(self._operations) >= _MAX_OPERATIONS:
                    operation = "other"
                series = self._operations.setdefault(operation, _Series())
            series.add(latency_ms, ok, retries)
            if error is not None:
                self._last_error = f"{operation}: {error}"

    def mark_failed(self, operation: str, error: str) -> None:
        """Count an already recorded success of ``operation`` as a failure (a 2xx whose body
        said ``success: false``)."""
        with self._lock:
            for series in (self._total, self._operations.get(operation) or self._operations.get("other")):
                if series is not None and series.succeeded > 0:
                    series.succeeded -= 1
                    series.failed += 1
            self._last_error = f"{operation}: {error}"

    def snapshot(self) -> MetricsSnapshot:
        """Freeze the current figures."""
        with self._lock:
            total = self._total.snapshot()
            return MetricsSnapshot(
                **{name: getattr(total, name) for name in OperationMetrics.__slots__},
                last_error=self._last_error,
                by_operation={name: s.snapshot() for name, s in sorted(self._operations.items())},
            )

    def reset(self) -> None:
        """Forget everything recorded so far."""
        with self._lock:
            self._total = _Series()
            self._operations = {}
            self._last_error = None
