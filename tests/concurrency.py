"""Concurrency for the test sources, as a hand-written pair: tasks on the async side, threads
on the sync side (``scripts/unasync.py`` renames ``AsyncX`` to ``SyncX`` and ``async_x`` to
``x``). This is what lets one async test body prove a behaviour on both clients.

    async with AsyncBackground() as background:
        call = background.start(client.tasks.get, "task-1")
        ...
        task = await call.result()
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class AsyncEvent:
    """An event a test sets and waits for (with a timeout, so a broken test fails, not hangs)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    async def wait(self, timeout: float = 10) -> None:
        await asyncio.wait_for(self._event.wait(), timeout)


class SyncEvent:
    """An event a test sets and waits for (with a timeout, so a broken test fails, not hangs)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def wait(self, timeout: float = 10) -> None:
        if not self._event.wait(timeout):
            raise TimeoutError(f"event not set within {timeout} s")


class AsyncCall(Generic[T]):
    """A call running in the background (an asyncio task)."""

    def __init__(self, task: asyncio.Task[T]) -> None:
        self._task = task

    def done(self) -> bool:
        return self._task.done()

    async def result(self, timeout: float = 10) -> T:
        return await asyncio.wait_for(asyncio.shield(self._task), timeout)


class SyncCall(Generic[T]):
    """A call running in the background (a thread)."""

    def __init__(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._result: Any = None
        self._error: BaseException | None = None
        context = contextvars.copy_context()
        self._thread = threading.Thread(target=context.run, args=(self._run, fn, args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        try:
            self._result = fn(*args)
        except BaseException as exc:
            self._error = exc

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self, timeout: float = 10) -> T:
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError(f"the background call did not finish within {timeout} s")
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[no-any-return]


class AsyncBackground:
    """Starts calls in the background; leaving the block cancels what is still running."""

    def __init__(self) -> None:
        self._tasks: list[asyncio.Task[Any]] = []

    async def __aenter__(self) -> AsyncBackground:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def start(self, fn: Callable[..., Awaitable[T]], *args: Any) -> AsyncCall[T]:
        task: asyncio.Task[T] = asyncio.ensure_future(fn(*args))  # type: ignore[arg-type]
        self._tasks.append(task)
        return AsyncCall(task)


class SyncBackground:
    """Starts calls in threads; leaving the block waits for them (briefly)."""

    def __init__(self) -> None:
        self._calls: list[SyncCall[Any]] = []

    def __enter__(self) -> SyncBackground:
        return self

    def __exit__(self, *exc: object) -> None:
        for call in self._calls:
            call._thread.join(10)

    def start(self, fn: Callable[..., T], *args: Any) -> SyncCall[T]:
        call = SyncCall(fn, args)
        self._calls.append(call)
        return call


async def async_sleep(seconds: float) -> None:
    """Really wait (only for tests that watch something happen in the background)."""
    await asyncio.sleep(seconds)


def sleep(seconds: float) -> None:
    """Really wait (only for tests that watch something happen in the background)."""
    time.sleep(seconds)


async def async_gather(
    calls: Sequence[Callable[[], Awaitable[T]]], limit: int = 100, timeout: float = 120
) -> list[T]:
    """Run the calls concurrently, at most ``limit`` at once; results in order. Raises
    ``TimeoutError`` if they are not all done within ``timeout`` (a hang is a failure)."""
    semaphore = asyncio.Semaphore(limit)

    async def one(call: Callable[[], Awaitable[T]]) -> T:
        async with semaphore:
            return await call()

    return list(await asyncio.wait_for(asyncio.gather(*(one(call) for call in calls)), timeout))


def gather(calls: Sequence[Callable[[], T]], limit: int = 100, timeout: float = 120) -> list[T]:
    """Run the calls in threads, at most ``min(limit, 32)`` at once; results in order. Raises
    ``TimeoutError`` if they are not all done within ``timeout`` (a hang is a failure)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(limit, 32, max(1, len(calls)))) as pool:
        return list(pool.map(lambda call: call(), calls, timeout=timeout))


async def async_wait_until(condition: Callable[[], bool], timeout: float = 10) -> None:
    """Poll ``condition`` until it holds (AssertionError after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"condition not met within {timeout} s"
        await asyncio.sleep(0.005)


def wait_until(condition: Callable[[], bool], timeout: float = 10) -> None:
    """Poll ``condition`` until it holds (AssertionError after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"condition not met within {timeout} s"
        time.sleep(0.005)
