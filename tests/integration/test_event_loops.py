"""AgentClient across event loops: used from a second asyncio.run() after the loop that made its
connections is gone, it works (the pool is rebuilt); shared with a loop that is still running
elsewhere, it says what to do instead of failing deep inside httpx."""

from __future__ import annotations

import asyncio
import gc
import threading
from typing import Any

import pytest

from ai_agent import AgentClient, ClientClosedError
from ai_agent.testing import LocalOrchestrator


def test_a_second_asyncio_run_works(local_orchestrator: LocalOrchestrator, backend: str) -> None:
    client = AgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend)

    async def use() -> str:
        return str((await client.agents.list()).total)

    assert asyncio.run(use()) == "0"
    # The first loop closed the connections as it ended (nothing left to warn about: the suite
    # turns ResourceWarning into an error), and the second loop gets a fresh pool.
    assert asyncio.run(use()) == "0"
    gc.collect()
    asyncio.run(client.close())


def test_a_closed_client_stays_closed_in_a_second_asyncio_run(
    local_orchestrator: LocalOrchestrator, backend: str
) -> None:
    client = AgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key, backend=backend)

    async def use_and_close() -> None:
        await client.agents.list()
        await client.close()

    async def use() -> None:
        await client.agents.list()

    asyncio.run(use_and_close())
    sent = len(local_orchestrator.requests)
    with pytest.raises(ClientClosedError):
        asyncio.run(use())
    assert len(local_orchestrator.requests) == sent  # nothing went out on a new pool


def test_a_loop_still_running_elsewhere_gets_a_clear_error(local_orchestrator: LocalOrchestrator) -> None:
    client = AgentClient(api_url=local_orchestrator.url, api_key=local_orchestrator.api_key)
    first_used = threading.Event()
    release = threading.Event()
    outcome: list[Any] = []

    def other_thread() -> None:
        async def hold_loop() -> None:
            await client.agents.list()
            first_used.set()
            await asyncio.get_running_loop().run_in_executor(None, release.wait, 10)

        asyncio.run(hold_loop())

    thread = threading.Thread(target=other_thread)
    thread.start()
    assert first_used.wait(10)
    try:

        async def use_here() -> None:
            await client.agents.list()

        with pytest.raises(ClientClosedError) as info:
            asyncio.run(use_here())
        outcome.append(info.value)
    finally:
        release.set()
        thread.join(10)
    assert "one client per event loop" in str(outcome[0])
    asyncio.run(client.close())
