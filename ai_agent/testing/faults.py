"""Fault injection: a programmable plan of what the next matching requests get instead of a
normal answer.

    server.faults.add("status", method="POST", path="/tasks", times=2, status=503, retry_after="1")
    server.faults.add("drop_after")        # commit the change, then drop the connection
    server.faults.clear()
    server.faults.chaos(rate=1 / 3, seed=7)   # from now on, a random third of requests misbehave

Kinds:
    status        answer ``status`` (e.g. 429, 503) with an error envelope and optional Retry-After
    delay         answer normally after ``delay`` seconds
    drop_before   drop the connection without doing anything (after ``delay`` seconds, if set:
                  a proxy cutting a held request)
    drop_after    do the work (the change is committed), then drop the connection
    html          answer ``status`` (default 502) with an HTML error page
    truncated     do the work, announce the whole body, send half of it, drop the connection
    status_520    answer 520 with an empty body
    unknown_enum  do the work, then answer with ``status: "HIBERNATING"`` and an unknown field
    large_body    do the work, then pad the answer's ``data`` with ``size`` bytes of extra field
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["CHAOS", "KINDS", "Fault", "FaultPlan"]

KINDS = frozenset(
    {
        "status",
        "delay",
        "drop_before",
        "drop_after",
        "html",
        "truncated",
        "status_520",
        "unknown_enum",
        "large_body",
    }
)


# What ``chaos()`` picks from by default: every way a real network and server misbehave that a
# client must survive without losing or duplicating anything.
CHAOS: tuple[Mapping[str, Any], ...] = (
    {"kind": "drop_after"},
    {"kind": "drop_before"},
    {"kind": "status", "status": 429, "retry_after": "0"},
    {"kind": "status", "status": 500},
    {"kind": "html", "status": 502},
    {"kind": "status", "status": 503, "retry_after": "0"},
    {"kind": "delay", "delay": 0.05},
)


@dataclass
class Fault:
    """One entry of the plan; ``path`` is a prefix, or a regex when it starts with ``^``."""

    kind: str
    method: str | None = None
    path: str = "/"
    times: int = 1
    status: int = 503
    retry_after: str | None = None
    delay: float = 0.0
    size: int = 5_000_000
    query: str | None = None  # only requests whose query string contains this, e.g. "wait="
    used: int = field(default=0)

    def matches(self, method: str, path: str, query: str = "") -> bool:
        """Whether a request is one this fault is for (and it has uses left)."""
        if self.used >= self.times:
            return False
        if self.query is not None and self.query not in query:
            return False
        if self.method is not None and self.method.upper() != method:
            return False
        if self.path.startswith("^"):
            return re.search(self.path, path) is not None
        return path.startswith(self.path)

    def as_dict(self) -> dict[str, Any]:
        """JSON form, for the admin API."""
        return asdict(self)


class FaultPlan:
    """The faults waiting for requests, consumed in the order they were added."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._chaos: tuple[random.Random, float, list[Fault]] | None = None

    def add(self, kind: str, **settings: Any) -> Fault:
        """Plan a fault (see the module docstring); returns it (``.used`` counts its hits)."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {', '.join(sorted(KINDS))}")
        fault = Fault(kind=kind, **settings)
        if fault.times < 1:
            raise ValueError("times must be >= 1")
        self._faults.append(fault)
        return fault

    def chaos(
        self, rate: float, kinds: Sequence[Mapping[str, Any]] = CHAOS, *, seed: int | None = None
    ) -> None:
        """From now on, each request no planned fault takes gets, with probability ``rate``, a
        fault picked at random from ``kinds`` (default ``CHAOS``). ``seed`` makes it repeatable;
        ``clear()`` ends it."""
        if not 0 <= rate <= 1:
            raise ValueError("rate must be between 0 and 1")
        faults = []
        for settings in kinds:
            settings = dict(settings)
            kind = settings.pop("kind")
            if kind not in KINDS:
                raise ValueError(f"unknown fault kind {kind!r}")
            faults.append(Fault(kind=kind, **settings))
        self._chaos = (random.Random(seed), rate, faults)

    def take(self, method: str, path: str, query: str = "") -> Fault | None:
        """The first fault that matches this request, counted as used (else, in chaos mode,
        maybe a random one)."""
        for fault in self._faults:
            if fault.matches(method, path, query):
                fault.used += 1
                return fault
        if self._chaos is not None:
            rng, rate, faults = self._chaos
            if rng.random() < rate:
                fault = rng.choice(faults)
                fault.used += 1
                return fault
        return None

    def clear(self) -> None:
        """Forget every planned fault, and stop chaos."""
        self._faults.clear()
        self._chaos = None

    @property
    def pending(self) -> list[Fault]:
        """Faults with uses left."""
        return [f for f in self._faults if f.used < f.times]
