"""Fault injection: a programmable plan of what the next matching requests get instead of a
normal answer.

    server.faults.add("status", method="POST", path="/tasks", times=2, status=503, retry_after="1")
    server.faults.add("drop_after")        # commit the change, then drop the connection
    server.faults.clear()

Kinds:
    status        answer ``status`` (e.g. 429, 503) with an error envelope and optional Retry-After
    delay         answer normally after ``delay`` seconds
    drop_before   drop the connection without doing anything
    drop_after    do the work (the change is committed), then drop the connection
    html          answer ``status`` (default 502) with an HTML error page
    truncated     do the work, announce the whole body, send half of it, drop the connection
    status_520    answer 520 with an empty body
    unknown_enum  do the work, then answer with ``status: "HIBERNATING"`` and an unknown field
    large_body    do the work, then pad the answer's ``data`` with ``size`` bytes of extra field
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["KINDS", "Fault", "FaultPlan"]

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
    used: int = field(default=0)

    def matches(self, method: str, path: str) -> bool:
        """Whether a request is one this fault is for (and it has uses left)."""
        if self.used >= self.times:
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

    def add(self, kind: str, **settings: Any) -> Fault:
        """Plan a fault (see the module docstring); returns it (``.used`` counts its hits)."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {', '.join(sorted(KINDS))}")
        fault = Fault(kind=kind, **settings)
        if fault.times < 1:
            raise ValueError("times must be >= 1")
        self._faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault that matches this request, counted as used."""
        for fault in self._faults:
            if fault.matches(method, path):
                fault.used += 1
                return fault
        return None

    def clear(self) -> None:
        """Forget every planned fault."""
        self._faults.clear()

    @property
    def pending(self) -> list[Fault]:
        """Faults with uses left."""
        return [f for f in self._faults if f.used < f.times]
