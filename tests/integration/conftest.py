"""Integration tests run over real loopback HTTP: the async client on both connection backends,
the sync client on httpx (aiohttp is asyncio-only)."""

from __future__ import annotations

import pytest

KEY = "sk-integration-key-0987654321"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``backend``: the connection layer under the SDK's retries and metrics."""
    if "backend" in metafunc.fixturenames:
        sync = "_sync" in metafunc.definition.path.parts
        metafunc.parametrize("backend", ["httpx"] if sync else ["httpx", "aiohttp"])
