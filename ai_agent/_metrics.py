"""Request metrics in constant memory: counters and a log-scale latency histogram.

Each operation keeps a fixed array of buckets, so a million requests cost what ten do.
Percentiles are read from the buckets (within ~2.5 % of the true value).
"""

from __future__ import annotations

import math
import threading
from array import array
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field

__all__ = ["Metrics", "MetricsSnapshot", "OperationMetrics"]

_BASE_MS = 0.01  # the smallest latency told apart
_GROWTH = 1.05  # each bucket is 5 % wider than the one before
_BUCKETS = 400  # 0.01 ms .. ~3,000 s
# Bucket i holds latencies in (_BASE_MS * _GROWTH ** (i - 1), _BASE_MS * _GROWTH ** i]; the last
# one everything above. Found by bisection: a third of the cost of computing the logarithm.
_UPPER_BOUNDS = [_BASE_MS * _GROWTH**index for index in range(_BUCKETS - 1)]
_MAX_OPERATIONS = 64  # beyond this many distinct names, the rest are counted as "other"
_FOLD_EVERY = 256  # queued outcomes folded at once (the queue stays this small)


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

    def merge(self, other: _Series, *, timed: bool = True) -> None:
        """Add ``other``'s figures (its latencies only if ``timed``)."""
        self.succeeded += other.succeeded
        self.failed += other.failed
        self.retries += other.retries
        if timed:
            self.timed += other.timed
            self.latency_sum += other.latency_sum
            self.buckets = array("q", map(int.__add__, self.buckets, other.buckets))

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
    client records from many threads at once, and every count must stay exact.

    Recording only queues the outcome (a deque append, atomic without a lock); outcomes are
    folded into the histograms in batches, and before every read. Folding a batch at once
    costs a fraction of folding each outcome between two requests, when the CPU's caches are
    full of the network code.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[tuple[str, float, bool, int, bool]] = deque()
        # One series per operation, and one per operation for its blocking reads (held);
        # totals are summed when a snapshot is taken.
        self._operations: dict[str, _Series] = {}
        self._held: dict[str, _Series] = {}
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
        queue = self._queue
        queue.append((operation, latency_ms, ok, retries, held))
        if error is not None:
            with self._lock:
                self._last_error = f"{operation}: {error}"
        if len(queue) >= _FOLD_EVERY:
            with self._lock:
                self._fold()

    def _fold(self) -> None:
        """Move the queued outcomes into their series (the lock is held)."""
        popleft = self._queue.popleft
        operations, held_reads = self._operations, self._held
        for _ in range(len(self._queue)):  # what is queued now; later outcomes wait their turn
            operation, latency_ms, ok, retries, held = popleft()
            series = (held_reads if held else operations).get(operation)
            if series is None:
                series = self._new_series(operation, held)
            if ok:
                series.succeeded += 1
            else:
                series.failed += 1
            series.retries += retries
            series.timed += 1
            series.latency_sum += latency_ms
            series.buckets[bisect_left(_UPPER_BOUNDS, latency_ms)] += 1

    def _new_series(self, operation: str, held: bool) -> _Series:
        """The series of an operation seen for the first time ("other" past the limit)."""
        operations, held_reads = self._operations, self._held
        known = operations.keys() | held_reads.keys()
        if operation not in known and len(known) >= _MAX_OPERATIONS:
            operation = "other"
        return (held_reads if held else operations).setdefault(operation, _Series())

    def mark_failed(self, operation: str, error: str) -> None:
        """Count an already recorded success of ``operation`` as a failure (a 2xx whose body
        said ``success: false``)."""
        with self._lock:
            self._fold()
            for table in (self._operations, self._held):
                series = table.get(operation) or table.get("other")
                if series is not None and series.succeeded > 0:
                    series.succeeded -= 1
                    series.failed += 1
                    break
            self._last_error = f"{operation}: {error}"

    def snapshot(self) -> MetricsSnapshot:
        """Freeze the current figures."""
        with self._lock:
            self._fold()
            total = _Series()
            by_operation: dict[str, _Series] = {}
            for name in sorted(self._operations.keys() | self._held.keys()):
                combined = by_operation[name] = _Series()
                for table, timed_in_total in ((self._operations, True), (self._held, False)):
                    series = table.get(name)
                    if series is not None:
                        combined.merge(series)
                        total.merge(series, timed=timed_in_total)
            frozen = total.snapshot()
            return MetricsSnapshot(
                **{name: getattr(frozen, name) for name in OperationMetrics.__slots__},
                last_error=self._last_error,
                by_operation={name: series.snapshot() for name, series in by_operation.items()},
            )

    def reset(self) -> None:
        """Forget everything recorded so far."""
        with self._lock:
            self._queue.clear()
            self._operations = {}
            self._held = {}
            self._last_error = None
