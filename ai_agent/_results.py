"""Result types the facade adds around the generated models: a page, and the health report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

if TYPE_CHECKING:
    from ai_agent_client.models import HealthCheck, HealthStatus

__all__ = ["Health", "Page"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: the items and where the page stands. Iterating yields the items.

    Attributes:
        items: The items on this page.
        page: This page's number, from 1.
        limit: Items per page.
        total: Items in the whole list.
        pages: Pages in the whole list.
    """

    items: list[T]
    page: int
    limit: int
    total: int
    pages: int

    @property
    def data(self) -> list[T]:
        """The items, under the wire name."""
        return self.items

    @property
    def has_next(self) -> bool:
        """Whether a later page exists."""
        return self.page < self.pages

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def pagination(self) -> dict[str, int]:
        """``{"page", "limit", "total", "pages"}``, as the wire's ``pagination`` object."""
        return {"page": self.page, "limit": self.limit, "total": self.total, "pages": self.pages}

    @overload
    def __getitem__(self, key: int) -> T: ...
    @overload
    def __getitem__(self, key: slice) -> list[T]: ...
    @overload
    def __getitem__(self, key: Literal["data"]) -> list[T]: ...
    @overload
    def __getitem__(self, key: Literal["pagination"]) -> dict[str, int]: ...

    def __getitem__(self, key: int | slice | str) -> T | list[T] | dict[str, int]:
        """An item by position; or, as the first SDK's dicts answered, ``page["data"]`` (the
        items) and ``page["pagination"]`` (page, limit, total, pages)."""
        if key == "data":
            return self.items
        if key == "pagination":
            return self.pagination
        if isinstance(key, str):
            raise KeyError(key)
        return self.items[key]


@dataclass(frozen=True, slots=True)
class Health:
    """The service's health as ``GET /health`` reports it (also when it answers 503).

    Attributes:
        status: ``UP``, ``DOWN`` or ``DEGRADED`` (a value added later by the server stays readable).
        checks: Each individual check by name, with its own ``status``.
        timestamp: When the server measured it.
        uptime: Seconds since the server started, if reported.
        version: The server's version, if reported.
        http_status: 200, or 503 when the server is DOWN.
        raw: The body as received, including fields this SDK does not know.
    """

    status: HealthStatus
    checks: dict[str, HealthCheck]
    timestamp: datetime
    uptime: float | None
    version: str | None
    http_status: int
    raw: dict[str, Any] = field(repr=False)

    @property
    def is_up(self) -> bool:
        """True when the status is UP."""
        return str(self.status) == "UP"
