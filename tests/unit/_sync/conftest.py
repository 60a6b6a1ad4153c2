# Generated from tests/unit/_async/conftest.py by scripts/unasync.py: do not edit; run `make generate`.
"""The ``client`` fixture: a client wired to pytest-httpx, on a fake clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ai_agent import RetryConfig, SyncAgentClient

from ...helpers import BASE, KEY, SyncFakeClock


@pytest.fixture
def fake_clock() -> SyncFakeClock:
    return SyncFakeClock()


@pytest.fixture
def client(fake_clock: SyncFakeClock) -> Iterator[SyncAgentClient]:
    # jitter=0 makes back-off delays exact, so tests can assert them.
    with SyncAgentClient(
        api_url=BASE,
        api_key=KEY,
        retry_config=RetryConfig(max_retries=3, initial_delay=100, max_delay=1000, jitter=0),
        clock=fake_clock.clock,
    ) as c:
        yield c
