# Generated from ai_agent/_async/pool.py by scripts/unasync.py: do not edit; run `make generate`.
"""The client's connection pool: the inner transport (httpx, or aiohttp on the async side)
behind a FIFO queue of slots, bound to the event loop (async) or process (sync) that uses it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from .._connection import interrupt_connections
from .._errors import ClientClosedError
from .._messages import Answer, answered
from .._retry import HOLD_EXTENSION
from .._synchronization import (
    SyncClock,
    SyncOwnerEnd,
    SyncSlots,
    fork_count,
    owner_gone,
    owner_here,
    owner_token,
)

__all__ = ["SyncPool"]


class SyncPool:
    """Connections shared by a client and its ``with_options`` copies.

    Args:
        make_inner: Builds the inner transport; called again when the pool must be rebuilt
            (its event loop is gone, or the process forked). None for a transport the user
            gave, which is used as it is.
        inner: The inner transport to start with.
        max_connections: Requests in flight at once; the rest wait in the slot queue.
        pool_timeout: Seconds a request may wait for a free slot.
        first_alone: Let the first request go alone until it is answered, and only then the
            rest (HTTP/2: until TLS has agreed on h2, httpcore cannot know that one connection
            will carry every request, and a burst of first calls opened one connection each).
    """

    def __init__(
        self,
        make_inner: Callable[[], httpx.BaseTransport] | None,
        inner: httpx.BaseTransport,
        *,
        max_connections: int,
        pool_timeout: float,
        first_alone: bool = False,
    ) -> None:
        self._make_inner = make_inner
        self._inner = inner
        self._exchange = _exchange_of(inner, make_inner)
        self._size = max_connections
        self._first_alone = first_alone
        self._opening = first_alone  # the first answer is still to come: one slot until then
        self._slots = SyncSlots(1 if first_alone else max_connections)
        self._pool_timeout = pool_timeout
        self._owner: object = None
        self._owner_forks = 0  # fork_count() when the pool was bound
        self._owner_end = SyncOwnerEnd()
        self._released = False  # the connections were closed when their owner ended
        # The client's watcher (``_async/watcher.py``), made on first use; it belongs with the
        # connections: a new event loop (or process) starts a new one.
        self.watcher: Any = None

    @property
    def inner(self) -> httpx.BaseTransport:
        """The transport under the slot queue (httpx's pool, aiohttp, or the user's)."""
        return self._inner

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._slots.closed

    def send(self, request: httpx.Request) -> httpx.Response:
        """One attempt: wait for a slot, send, read the whole body, free the slot."""
        if not owner_here(self._owner, self._owner_forks):
            owner = owner_token()
            if owner != self._owner:
                self._rebind(owner)
        slots = self._slots
        if not slots.take():  # a free slot, taken at once (the common case), or wait in line
            slots.acquire(self._pool_timeout, request)
        if self._opening and HOLD_EXTENSION in request.extensions:
            self._opened(slots)  # a blocking read may be held long: nobody waits behind it
        try:
            # The SDK's own connection layers hand back the attempt itself: awaited here, the
            # answer comes with its body read, and one frame fewer is alive per request.
            attempt = self._exchange(request) if self._exchange is not None else None
            if attempt is not None:
                answer = answered(attempt, request)
                if self._opening:
                    self._opened(slots)
                return answer
            response = self._inner.handle_request(request)
            # Read the body here, so that a connection lost mid-body is retried like any other
            # transport failure, and the connection is back in the pool before the slot is freed.
            try:
                response.read()
            except BaseException:
                response.close()
                raise
            return response
        finally:
            slots.release()

    def _opened(self, slots: SyncSlots) -> None:
        """The first answer came: the connection is up, every other slot opens."""
        self._opening = False
        for _ in range(self._size - 1):
            slots.release()

    def pause(self, seconds: float, clock: SyncClock) -> None:
        """Back-off between attempts; ``close()`` cuts it short with ``ClientClosedError``."""
        self._slots.pause(seconds, clock)

    def _rebind(self, owner: object) -> None:
        if self._owner is not None:
            if not self._released and not owner_gone(self._owner):
                raise ClientClosedError(
                    "this client's connections belong to another event loop that is still running; "
                    "create one client per event loop (or per thread)"
                )
            # The old connections were closed as their event loop ended, or died with it (or
            # belong to the parent process): either way, start afresh.
            if self._make_inner is not None:
                self._inner = self._make_inner()
                self._exchange = _exchange_of(self._inner, self._make_inner)
            self._opening = self._first_alone
            self._slots = SyncSlots(1 if self._opening else self._size)
            self.watcher = None
        self._owner = owner
        self._owner_forks = fork_count()
        self._released = False
        self._owner_end.arm(self._release)

    def _release(self) -> None:
        """The owner is ending (``asyncio.run()`` is finishing): close the connections now,
        while their event loop still runs."""
        if self._owner is None or self._slots.closed or self._make_inner is None:
            return
        self._released = True
        self._inner.close()

    def close(self) -> None:
        """Close the connections; waiting requests get ``ClientClosedError``. Safe to repeat."""
        if self._slots.closed:
            return
        self._slots.close()
        owner = self._owner
        if owner is None or owner == owner_token() or not owner_gone(owner):
            interrupt_connections(self._inner)
            self._inner.close()


def _exchange_of(
    inner: httpx.BaseTransport, make_inner: Callable[[], Any] | None
) -> Callable[[httpx.Request], Answer | None] | None:
    """The ``exchange`` of the SDK's own connection layers; None for a transport the user gave."""
    return getattr(inner, "exchange", None) if make_inner is not None else None
