"""Task handlers for the local orchestrator (they run on the server's event loop, so they are
async on both sides; kept out of the ``_async`` test sources, which are rewritten to sync)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


def slow_handler(seconds: float, output: Any) -> Callable[[dict[str, Any]], Awaitable[Any]]:
    """A handler that takes ``seconds``, then returns ``output``."""

    async def handle(task: dict[str, Any]) -> Any:
        await asyncio.sleep(seconds)
        return output

    return handle
