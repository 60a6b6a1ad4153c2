"""Integration tests run over real loopback HTTP: the async client on both connection backends,
the sync client on httpx (aiohttp is asyncio-only)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

KEY = "sk-integration-key-0987654321"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``backend``: the connection layer under the SDK's retries and metrics."""
    if "backend" in metafunc.fixturenames:
        sync = "_sync" in metafunc.definition.path.parts
        metafunc.parametrize("backend", ["httpx"] if sync else ["httpx", "aiohttp"])


@dataclass
class ServedOrchestrator:
    """``ai-agent serve`` running in a process of its own (so a load test's client threads do
    not share the interpreter lock with the server)."""

    url: str
    api_key: str

    def admin(self, path: str) -> Any:
        response = httpx.get(f"{self.url}/__admin{path}", headers={"Authorization": f"Bearer {self.api_key}"})
        response.raise_for_status()
        return response.json()["data"]


@pytest.fixture
def served_orchestrator() -> Iterator[ServedOrchestrator]:
    key = "served-key"
    command = [sys.executable, "-m", "ai_agent.testing.cli", "serve", "--port", "0", "--api-key", key]
    process = subprocess.Popen([*command, "--task-delay", "0.02"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "listening on" in line, line
        yield ServedOrchestrator(url=line.split("listening on ", 1)[1].split()[0], api_key=key)
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()
