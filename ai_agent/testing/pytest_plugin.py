"""pytest plugin of the local orchestrator, registered automatically with the package.

In your own test suite (with ``pip install "ai-agent-orchestrator[server]"``)::

    async def test_pipeline(local_orchestrator):
        async with AgentClient(api_url=local_orchestrator.url,
                               api_key=local_orchestrator.api_key) as client:
            ...

The fixture starts a fresh orchestrator on a free loopback port for each test, stops it
afterwards, and fails the test if the server answered anything that breaks openapi.yaml.
``local_orchestrator.faults`` injects faults, ``.requests`` lists what it received.
This module imports nothing heavy: it is loaded in every pytest run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .runner import LocalOrchestrator

__all__ = ["local_orchestrator"]


@pytest.fixture
def local_orchestrator() -> Iterator[LocalOrchestrator]:
    """A running local orchestrator (``.url``, ``.api_key``, ``.faults``, ``.requests``)."""
    try:
        from .runner import LocalOrchestrator
    except ImportError as exc:  # pragma: no cover - depends on the environment
        pytest.fail(
            f'local_orchestrator needs the server extra: pip install "ai-agent-orchestrator[server]" ({exc})'
        )
    server = LocalOrchestrator(api_key="test-key-local", task_delay=0.02)
    with server:
        yield server
    if server.violations:
        pytest.fail("the local orchestrator broke openapi.yaml:\n" + "\n".join(server.violations))
