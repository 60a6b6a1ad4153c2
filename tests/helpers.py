"""Shared by every test tree: wire-format builders, fake clocks, and pool introspection.

The fake clocks come as a pair (``AsyncFakeClock``/``SyncFakeClock``) because the async test
sources under ``*/_async/`` are rewritten into ``*/_sync/`` by ``scripts/unasync.py``.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from ai_agent import AsyncClock, SyncClock

BASE = "http://127.0.0.1:3000"
KEY = "sk-unit-test-key-1234567890"
TS = "2025-11-18T10:00:00.000Z"


class AsyncFakeClock:
    """Time moves only when the SDK sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)

    @property
    def clock(self) -> AsyncClock:
        return AsyncClock(monotonic=self.monotonic, sleep=self.sleep)


class SyncFakeClock:
    """Time moves only when the SDK sleeps; every sleep is recorded (thread-safe)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds

    @property
    def clock(self) -> SyncClock:
        return SyncClock(monotonic=self.monotonic, sleep=self.sleep)


def task_json(task_id: str = "task-1", status: str = "PENDING", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": task_id,
        "name": "Process Data",
        "type": "data-processing",
        "status": status,
        "priority": "NORMAL",
        "payload": {"data": [1, 2, 3]},
        "createdAt": TS,
        "updatedAt": TS,
    }
    body.update(extra)
    return body


def agent_json(agent_id: str = "agent-1", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": agent_id,
        "name": "My Agent",
        "type": "WORKER",
        "status": "READY",
        "capabilities": ["data-processing"],
        "createdAt": TS,
        "updatedAt": TS,
    }
    body.update(extra)
    return body


def ok(data: Any) -> dict[str, Any]:
    return {"success": True, "data": data, "timestamp": TS}


def fail(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {
        "success": False,
        "error": {"code": code, "message": message, "details": details},
        "timestamp": TS,
    }


def page(items: list[Any], page: int = 1, limit: int = 10, total: int | None = None) -> dict[str, Any]:
    total = len(items) if total is None else total
    pages = (total + limit - 1) // limit
    return ok({"data": items, "pagination": {"page": page, "limit": limit, "total": total, "pages": pages}})


def inner_transport(client: Any) -> Any:
    """The connection layer under the client's slots (httpx's transport, aiohttp, or a mock)."""
    return client._core.transport.pool.inner


def busy_connections(client: Any) -> int:
    """Connections currently checked out of the client's pool (either backend, either side)."""
    inner = inner_transport(client)
    pool = getattr(inner, "_pool", None)
    if pool is None:  # aiohttp backend: its connector counts acquired connections
        session = getattr(inner, "client", None)
        connector = getattr(session, "connector", None)
        return len(getattr(connector, "_acquired", ())) if connector else 0
    return sum(1 for connection in pool.connections if not connection.is_idle())


def open_connections(client: Any) -> int:
    """Connections the client's pool holds, busy or idle."""
    inner = inner_transport(client)
    pool = getattr(inner, "_pool", None)
    if pool is None:
        connector = getattr(getattr(inner, "client", None), "connector", None)
        if connector is None:
            return 0
        return len(getattr(connector, "_acquired", ())) + sum(len(v) for v in connector._conns.values())
    return len(pool.connections)
