"""Unit-test helpers: a fake clock (no real sleeping) and a client wired to pytest-httpx."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from ai_agent import AgentClient, Clock, RetryConfig

BASE = "http://127.0.0.1:3000"
KEY = "sk-unit-test-key-1234567890"
TS = "2025-11-18T10:00:00.000Z"


class FakeClock:
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
    def clock(self) -> Clock:
        return Clock(monotonic=self.monotonic, sleep=self.sleep)


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


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def client(fake_clock: FakeClock) -> AsyncIterator[AgentClient]:
    # jitter=0 makes back-off delays exact, so tests can assert them.
    async with AgentClient(
        api_url=BASE,
        api_key=KEY,
        retry_config=RetryConfig(max_retries=3, initial_delay=100, max_delay=1000, jitter=0),
        clock=fake_clock.clock,
    ) as c:
        yield c
