"""The ``client`` fixture: a client wired to pytest-httpx, on a fake clock."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from ai_agent import AsyncAgentClient, RetryConfig

from ...helpers import BASE, KEY, AsyncFakeClock


@pytest.fixture
def fake_clock() -> AsyncFakeClock:
    return AsyncFakeClock()


@pytest.fixture
async def client(fake_clock: AsyncFakeClock) -> AsyncIterator[AsyncAgentClient]:
    # jitter=0 makes back-off delays exact, so tests can assert them.
    async with AsyncAgentClient(
        api_url=BASE,
        api_key=KEY,
        retry_config=RetryConfig(max_retries=3, initial_delay=100, max_delay=1000, jitter=0),
        clock=fake_clock.clock,
    ) as c:
        yield c
