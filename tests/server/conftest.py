"""Server tests drive the local orchestrator with raw httpx: they check it, not the SDK."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from ai_agent.testing import LocalOrchestrator

KEY = "server-test-key"


@pytest.fixture
def server() -> Iterator[LocalOrchestrator]:
    with LocalOrchestrator(api_key=KEY, task_delay=0.01) as running:
        yield running
    assert running.violations == []


@pytest.fixture
async def http(server: LocalOrchestrator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {KEY}"}) as client:
        yield client


def agent_body(**over: Any) -> dict[str, Any]:
    return {"name": "A", "type": "WORKER", "capabilities": ["data-processing"], **over}


def task_body(**over: Any) -> dict[str, Any]:
    return {"name": "T", "type": "data-processing", "payload": {"x": 1}, **over}
