"""Integration tests run over real loopback HTTP, on both connection backends."""

from __future__ import annotations

import pytest

KEY = "sk-integration-key-0987654321"


@pytest.fixture(params=["httpx", "aiohttp"])
def backend(request: pytest.FixtureRequest) -> str:
    """The connection layer under the SDK's retries and metrics; every test runs on both."""
    return str(request.param)
