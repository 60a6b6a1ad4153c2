"""Client settings as small validated value types. Durations follow the seed README: ms."""

from __future__ import annotations

from dataclasses import dataclass

from ._checks import check_number
from ._errors import ValidationError

__all__ = ["PoolConfig", "RetryConfig", "RetryPresets"]

MAX_DELAY_MS = 3_600_000  # an hour: longer than any sane back-off, short enough for every timer
MAX_RETRIES = 100


@dataclass(frozen=True, slots=True)
class RetryConfig:
    """How failed requests are retried.

    Retried: connection errors, timeouts, and HTTP 408, 429, 500, 502, 503, 504. Never retried:
    any other status. The n-th retry waits ``initial_delay * backoff_multiplier**(n-1)`` ms,
    capped at ``max_delay``, with up to ``jitter`` of it taken off at random so that many
    clients do not retry in step. A ``Retry-After`` header wins over the computed delay, up to
    ``max_retry_after`` ms; a server asking for longer is not waited for (the error says so).

    Attributes:
        max_retries: Retries after the first attempt (0 disables retrying).
        initial_delay: Delay before the first retry, ms.
        max_delay: Upper bound of one computed delay, ms.
        backoff_multiplier: Growth factor of the delay, >= 1.
        jitter: Fraction (0..1) of each computed delay that may be removed at random.
        max_retry_after: Longest ``Retry-After`` the client will honour, ms.
    """

    max_retries: int = 3
    initial_delay: float = 100
    max_delay: float = 10_000
    backoff_multiplier: float = 2.0
    jitter: float = 0.5
    max_retry_after: float = 60_000

    def __post_init__(self) -> None:
        check_number("RetryConfig", "max_retries", self.max_retries, integer=True, maximum=MAX_RETRIES)
        check_number("RetryConfig", "initial_delay", self.initial_delay, maximum=MAX_DELAY_MS)
        check_number("RetryConfig", "max_delay", self.max_delay, maximum=MAX_DELAY_MS)
        check_number("RetryConfig", "backoff_multiplier", self.backoff_multiplier, minimum=1, maximum=100)
        check_number("RetryConfig", "jitter", self.jitter)
        check_number("RetryConfig", "max_retry_after", self.max_retry_after, maximum=24 * MAX_DELAY_MS)
        if self.jitter > 1:
            raise ValidationError(
                f"RetryConfig.jitter must be between 0 and 1, got {self.jitter!r}",
                details={"field": "jitter", "value": self.jitter},
            )
        if self.max_delay < self.initial_delay:
            raise ValidationError(
                "RetryConfig.max_delay must be >= initial_delay "
                f"(got max_delay={self.max_delay!r}, initial_delay={self.initial_delay!r})",
                details={"field": "max_delay", "value": self.max_delay},
            )

    def backoff(self, retry_number: int, random_fraction: float) -> float:
        """Delay in seconds before retry number ``retry_number`` (1-based)."""
        exponent = min(retry_number - 1, 64)  # keeps the power finite for huge retry counts
        delay_ms = min(self.max_delay, self.initial_delay * self.backoff_multiplier**exponent)
        return delay_ms * (1 - self.jitter * random_fraction) / 1000


class RetryPresets:
    """Ready-made retry settings, as the orchestrator's SDK family names them.

    ``AgentClient(retry_config=RetryPresets.CONSERVATIVE)``. Each is an immutable ``RetryConfig``.

    Attributes:
        AGGRESSIVE: 5 retries, 50 ms initial delay, 5,000 ms cap, x2.
        MODERATE: 3 retries, 100 ms initial delay, 10,000 ms cap, x2 (the default).
        CONSERVATIVE: 1 retry, 500 ms initial delay, 5,000 ms cap, x2.
        NONE: no retries at all.
    """

    AGGRESSIVE = RetryConfig(max_retries=5, initial_delay=50, max_delay=5_000, backoff_multiplier=2.0)
    MODERATE = RetryConfig(max_retries=3, initial_delay=100, max_delay=10_000, backoff_multiplier=2.0)
    CONSERVATIVE = RetryConfig(max_retries=1, initial_delay=500, max_delay=5_000, backoff_multiplier=2.0)
    NONE = RetryConfig(max_retries=0)

    def __init__(self) -> None:
        raise TypeError("RetryPresets is a namespace of RetryConfig values; use RetryPresets.MODERATE etc.")


@dataclass(frozen=True, slots=True)
class PoolConfig:
    """The client's connection pool (one per client).

    Attributes:
        max_connections: Most connections open at once; further requests wait for a free one.
        max_idle_time: How long an idle keep-alive connection is kept before it is closed, ms.
    """

    max_connections: int = 10
    max_idle_time: float = 60_000

    def __post_init__(self) -> None:
        check_number(
            "PoolConfig", "max_connections", self.max_connections, integer=True, minimum=1, maximum=10_000
        )
        check_number("PoolConfig", "max_idle_time", self.max_idle_time, maximum=24 * MAX_DELAY_MS)
