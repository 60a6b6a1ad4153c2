"""The few places where async and sync truly differ, written by hand as pairs.

Everything under ``_async/`` is the one hand-written source of the client; ``_sync/`` is
generated from it by renaming (``AsyncSlots`` -> ``SyncSlots``, ``async_gather_bounded`` ->
``gather_bounded``, ``await`` dropped). So each helper here comes twice, with the same methods:

    AsyncClock / SyncClock              where time comes from and how to sleep (tests fake it)
    AsyncSlots / SyncSlots              the FIFO queue for the pool's connections, with a
                                        timeout, woken by close() (no caller waits forever)
    async_gather_bounded / gather_bounded
                                        run calls concurrently, at most ``limit`` at once:
                                        tasks and a semaphore / a thread pool
    async_owner_token / owner_token     what a connection pool is bound to: the running event
                                        loop / the process (a pool is never used across either)
    async_owner_here / owner_here       whether that owner is still the one here, cheaply (no
                                        system call per request; ``fork_count`` at binding)
    async_owner_gone / owner_gone       whether that owner can no longer use the pool
    AsyncOwnerEnd / SyncOwnerEnd        run a clean-up on the event loop just before
                                        ``asyncio.run()`` closes it / nothing (a process needs none)
    async_check_callback / check_callback
                                        plain or async callables / plain callables only
    async_invoke / invoke               call a user callback (and await it, on the async side)
    async_time_limit / time_limit       a guard around a whole wait: asyncio's timeout / nothing
                                        (the sync side relies on every attempt's own timeouts,
                                        which the transport caps at the wait's deadline)
    AsyncStateLock / SyncStateLock      guards the watcher's state: nothing (one thread, and the
                                        critical sections never await) / a threading.Lock
    AsyncNotifier / SyncNotifier        "something changed": waiters sleep until it is rung
    async_linger / linger               let callers starting together register before a read
    AsyncJobs / SyncJobs                a wait's reads beyond its first, run beside it: tasks
                                        (cancelled when the wait ends) / threads (each ends with
                                        its read, which includes ids of the wait's own)
    AsyncReadDeadlines / SyncReadDeadlines, async_read_answer / read_answer
                                        the read timeout of each attempt as a whole: one timer
                                        for all the requests in flight, which cancels the task /
                                        a deadline checked between the pieces of the body (a
                                        thread cannot be interrupted)

This is the only module of the client (with ``_connection.py`` and ``_aiohttp_layer.py``) that imports
``asyncio`` or ``threading``.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import inspect
import math
import os
import threading
import time
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from ._checks import shown
from ._errors import ClientClosedError, ValidationError

__all__ = [
    "AsyncClock",
    "AsyncJobs",
    "AsyncNotifier",
    "AsyncOwnerEnd",
    "AsyncReadDeadlines",
    "AsyncSlots",
    "AsyncStateLock",
    "SyncClock",
    "SyncJobs",
    "SyncNotifier",
    "SyncOwnerEnd",
    "SyncReadDeadlines",
    "SyncSlots",
    "SyncStateLock",
    "async_check_callback",
    "async_gather_bounded",
    "async_invoke",
    "async_linger",
    "async_owner_gone",
    "async_owner_here",
    "async_owner_token",
    "async_read_answer",
    "async_time_limit",
    "check_callback",
    "fork_count",
    "gather_bounded",
    "invoke",
    "linger",
    "owner_gone",
    "owner_here",
    "owner_token",
    "read_answer",
    "time_limit",
]

T = TypeVar("T")

CLOSED_MESSAGE = "the client was closed while this call was waiting"


@dataclass(frozen=True, slots=True)
class AsyncClock:
    """Where the async client gets time and sleeps; tests pass a fake one so nothing really waits.

    Attributes:
        monotonic: Seconds from an arbitrary origin, never going back.
        sleep: Awaitable sleep in seconds.
    """

    monotonic: Callable[[], float] = field(default=time.monotonic)
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep)

    @property
    def is_real(self) -> bool:
        """Whether this is the system clock (then waits can be cut short by ``close()``)."""
        return self.sleep is asyncio.sleep


@dataclass(frozen=True, slots=True)
class SyncClock:
    """Where the sync client gets time and sleeps; tests pass a fake one so nothing really waits.

    Attributes:
        monotonic: Seconds from an arbitrary origin, never going back.
        sleep: Blocking sleep in seconds.
    """

    monotonic: Callable[[], float] = field(default=time.monotonic)
    sleep: Callable[[float], None] = field(default=time.sleep)

    @property
    def is_real(self) -> bool:
        """Whether this is the system clock (then waits can be cut short by ``close()``)."""
        return self.sleep is time.sleep


class AsyncSlots:
    """At most ``size`` requests in flight; the rest queue here, first come first served.

    Waiting requests queue in this small FIFO rather than inside httpcore's pool, whose
    bookkeeping grows with every waiter (at 100 waiters on 10 connections it cost ~6x the CPU
    per request). ``close()`` wakes every waiter with ``ClientClosedError``.
    """

    def __init__(self, size: int) -> None:
        self._free = size
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._closed = asyncio.Event()

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._closed.is_set()

    def take(self) -> bool:
        """Take a free slot if one is there and nobody is waiting (no await, no timer)."""
        if self._free > 0 and not self._waiters and not self._closed.is_set():
            self._free -= 1
            return True
        return False

    async def acquire(self, timeout: float | None, request: httpx.Request) -> None:
        """Take a slot, waiting at most ``timeout`` seconds (then ``httpx.PoolTimeout``)."""
        if self._closed.is_set():
            raise ClientClosedError(CLOSED_MESSAGE)
        if self.take():
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(timeout):
                await waiter
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self.release()  # the slot was handed over just as we gave up: pass it on
            elif not waiter.done():
                waiter.cancel()
            if isinstance(exc, TimeoutError):
                raise httpx.PoolTimeout(f"no free connection within {timeout:g} s", request=request) from None
            raise
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def release(self) -> None:
        """Give a slot back: straight to the longest waiter, if any."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1

    async def pause(self, seconds: float, clock: AsyncClock) -> None:
        """Sleep ``seconds`` on ``clock``; with the real clock, ``close()`` cuts it short."""
        if clock.is_real:
            try:
                async with asyncio.timeout(seconds):
                    await self._closed.wait()
            except TimeoutError:
                return
        else:
            await clock.sleep(seconds)
        if self._closed.is_set():
            raise ClientClosedError(CLOSED_MESSAGE)

    def close(self) -> None:
        """Refuse new requests and wake every waiting one with ``ClientClosedError``."""
        self._closed.set()
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_exception(ClientClosedError(CLOSED_MESSAGE))


class _Ticket:
    """One thread's place in the queue of ``SyncSlots``."""

    __slots__ = ("event", "granted")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.granted = False


class SyncSlots:
    """At most ``size`` requests in flight; the rest queue here, first come first served.

    Thread-safe: one client is shared by many threads. A freed slot is handed straight to the
    longest-waiting thread, and only that thread is woken (waking every waiter on each release
    cost 3x the CPU per request at 32 threads on 8 connections). ``close()`` wakes every waiter
    with ``ClientClosedError``.
    """

    def __init__(self, size: int) -> None:
        self._free = size
        self._queue: deque[_Ticket] = deque()
        self._lock = threading.Lock()
        self._closed = threading.Event()

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._closed.is_set()

    def take(self) -> bool:
        """Take a free slot if one is there and nobody is waiting (without queueing)."""
        with self._lock:
            if self._free > 0 and not self._queue and not self._closed.is_set():
                self._free -= 1
                return True
        return False

    def acquire(self, timeout: float | None, request: httpx.Request) -> None:
        """Take a slot, waiting at most ``timeout`` seconds (then ``httpx.PoolTimeout``)."""
        with self._lock:
            if self._closed.is_set():
                raise ClientClosedError(CLOSED_MESSAGE)
            if self._free > 0 and not self._queue:
                self._free -= 1
                return
            ticket = _Ticket()
            self._queue.append(ticket)
        ticket.event.wait(timeout)
        with self._lock:
            if ticket.granted:  # also when the slot came just as the timeout ran out
                return
            if ticket in self._queue:
                self._queue.remove(ticket)
        if self._closed.is_set():
            raise ClientClosedError(CLOSED_MESSAGE)
        raise httpx.PoolTimeout(f"no free connection within {timeout:g} s", request=request)

    def release(self) -> None:
        """Give a slot back: straight to the longest waiter, if any."""
        with self._lock:
            if self._queue:
                ticket = self._queue.popleft()
                ticket.granted = True
                ticket.event.set()
            else:
                self._free += 1

    def pause(self, seconds: float, clock: SyncClock) -> None:
        """Sleep ``seconds`` on ``clock``; with the real clock, ``close()`` cuts it short."""
        if clock.is_real:
            self._closed.wait(seconds)
        else:
            clock.sleep(seconds)
        if self._closed.is_set():
            raise ClientClosedError(CLOSED_MESSAGE)

    def close(self) -> None:
        """Refuse new requests and wake every waiting one with ``ClientClosedError``."""
        with self._lock:
            self._closed.set()
            waiting, self._queue = list(self._queue), deque()
        for ticket in waiting:
            ticket.event.set()


async def async_gather_bounded(limit: int, calls: Sequence[Callable[[], Awaitable[T]]]) -> list[T]:
    """Run ``calls`` concurrently, at most ``limit`` at once; results in order."""
    if not calls:
        return []
    if len(calls) == 1:
        return [await calls[0]()]
    semaphore = asyncio.Semaphore(limit)

    async def run(call: Callable[[], Awaitable[T]]) -> T:
        async with semaphore:
            return await call()

    return list(await asyncio.gather(*(run(call) for call in calls)))


def gather_bounded(limit: int, calls: Sequence[Callable[[], T]]) -> list[T]:
    """Run ``calls`` concurrently in threads, at most ``limit`` at once; results in order.

    Each call runs in a copy of the caller's context, so context variables (e.g. the current
    tracing span) carry over as they do for asyncio tasks.
    """
    if not calls:
        return []
    if len(calls) == 1:
        return [calls[0]()]
    with ThreadPoolExecutor(max_workers=min(limit, len(calls)), thread_name_prefix="ai-agent") as pool:
        futures = [pool.submit(contextvars.copy_context().run, call) for call in calls]
        return [future.result() for future in futures]


class _Watch:
    """One attempt's read deadline: ``with`` it around the attempt (``AsyncReadDeadlines.watching``).

    Entering starts watching the current task (nothing to watch outside a task); leaving ends it,
    and a cancellation its deadline caused leaves as ``httpx.ReadTimeout``, taken back from the
    task exactly as ``asyncio.timeout`` does (a caller's own cancellation stays one).
    """

    __slots__ = ("cancelling", "deadline", "deadlines", "ended", "expired", "seconds", "task")

    def __init__(self, deadlines: AsyncReadDeadlines, seconds: float) -> None:
        self.deadlines = deadlines
        self.seconds = seconds
        self.task: asyncio.Task[Any] | None = None
        self.deadline = math.inf
        self.cancelling = 0
        self.expired = False
        self.ended = False

    def __enter__(self) -> object:
        deadlines = self.deadlines
        loop = deadlines._loop
        # current_task() with the loop given: without it, Python 3.11 finds the running loop
        # with a getpid() system call. A backend only ever serves one loop at a time (its pool
        # is bound to one), so a task of the loop it served last is the current one.
        task = asyncio.current_task(loop) if loop is not None else None
        if task is None:
            task = asyncio.current_task()
            if task is None:
                self.ended = True
                return self
            loop = deadlines._serve(task.get_loop())
        assert loop is not None
        self.task = task
        self.deadline = deadline = loop.time() + self.seconds
        self.cancelling = task.cancelling()  # cancellations already requested (as asyncio.timeout)
        deadlines._watches.add(self)
        if deadline < deadlines._when:
            deadlines._arm(loop, deadline)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: Any) -> None:
        if not self.ended:
            self.ended = True
            self.deadlines._watches.discard(self)
            task = self.task
            if self.expired and task is not None and task.uncancel() > self.cancelling:
                self.expired = False  # cancelled by someone else too: their cancellation stands
        if self.expired and kind is asyncio.CancelledError:
            raise httpx.ReadTimeout(
                f"no complete answer within the read timeout ({self.seconds} s)"
            ) from None


class AsyncReadDeadlines:
    """The read deadlines of the requests in flight on one event loop, kept by a single timer:
    each bounds a whole attempt (connecting, sending, the answer's headers and body).

    Starting and ending a watch is a set insertion and removal; the timer is re-armed only when
    it fires (at the earliest deadline, when most of the requests it was set for are long done)
    or when a new deadline comes before it. A request past its deadline has its task cancelled.
    """

    def __init__(self) -> None:
        self._watches: set[_Watch] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._when = math.inf

    def watching(self, seconds: float | None) -> AbstractContextManager[object]:
        """``with deadlines.watching(seconds):`` the current task is cancelled at the deadline,
        and that cancellation leaves the block as ``httpx.ReadTimeout``. None: no deadline."""
        return _NO_DEADLINE if seconds is None else _Watch(self, seconds)

    def _serve(self, loop: asyncio.AbstractEventLoop) -> asyncio.AbstractEventLoop:
        """Serve ``loop`` from now on (a backend serves one loop; start afresh if that changes)."""
        if loop is not self._loop:
            self._watches.clear()
            self._loop, self._timer, self._when = loop, None, math.inf
        return loop

    def _arm(self, loop: asyncio.AbstractEventLoop, when: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._when = when
        self._timer = loop.call_at(when, self._fire)

    def _fire(self) -> None:
        loop = self._loop
        assert loop is not None
        self._timer, self._when = None, math.inf
        now = loop.time()
        nearest = math.inf
        for watch in list(self._watches):
            if watch.deadline <= now:
                self._watches.discard(watch)
                watch.expired = True
                if watch.task is not None:
                    watch.task.cancel()
            elif watch.deadline < nearest:
                nearest = watch.deadline
        if nearest < math.inf:
            self._arm(loop, nearest)


class SyncReadDeadlines:
    """The sync side cannot interrupt a thread: each read stays bounded by httpx's per-read
    timeout, and ``read_answer`` checks the attempt's deadline between the pieces of the body."""

    def watching(self, seconds: float | None) -> AbstractContextManager[object]:
        """``with deadlines.watching(seconds) as deadline:`` the attempt's deadline, on
        ``time.monotonic()``, for ``read_answer`` (None: no deadline)."""
        return _NO_DEADLINE if seconds is None else contextlib.nullcontext(time.monotonic() + seconds)


_NO_DEADLINE = contextlib.nullcontext()


async def async_read_answer(answer: Any, deadline: object) -> bytes:
    """The whole body of httpcore's ``answer`` (the async side's deadline cancels the read)."""
    body: bytes = await answer.aread()
    return body


def read_answer(answer: Any, deadline: object) -> bytes:
    """The whole body of httpcore's ``answer``; ``httpx.ReadTimeout`` once ``deadline`` (from
    ``SyncReadDeadlines.watching``) has passed between two of its pieces."""
    if not isinstance(deadline, float):
        body: bytes = answer.read()
        return body
    pieces = []
    for piece in answer.iter_stream():
        pieces.append(piece)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("no complete answer within the read timeout")
    return b"".join(pieces)


# What a connection pool is bound to (aliases, not wrappers: no extra call). Async: the running
# event loop. Sync: the process (sockets must not cross a fork).
async_owner_token: Callable[[], object] = asyncio.get_running_loop
owner_token: Callable[[], object] = os.getpid

# Forks between the interpreter's start and this process (the child of a fork counts one more):
# a pool bound before a fork is never taken as bound in the child.
_forks = 0
_NO_THREAD = object()


def _count_fork() -> None:
    global _forks
    _forks += 1


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_count_fork)


def fork_count() -> int:
    """The forks so far (see ``async_owner_here``): record it when a pool is bound."""
    return _forks


def async_owner_here(token: object, forks: int) -> bool:
    """Whether the event loop ``token``, bound when ``fork_count()`` was ``forks``, runs this
    code: ``async_owner_token() == token``, checked on every request without its cost. On
    Python 3.11 every ``get_running_loop()`` makes a getpid() system call (about 1 us a request
    under load). A thread runs one event loop at a time, so the owner runs this code when it runs
    in this thread; a loop that does not show its thread (uvloop) is asked the usual way.
    """
    thread = getattr(token, "_thread_id", _NO_THREAD)
    if thread is _NO_THREAD:
        return asyncio.get_running_loop() is token
    return thread == threading.get_ident() and forks == _forks


def owner_here(token: object, forks: int) -> bool:
    """Whether the process ``token``, bound when ``fork_count()`` was ``forks``, is this one
    (``owner_token() == token`` without a getpid() system call per request)."""
    return token is not None and forks == _forks


def async_owner_gone(token: object) -> bool:
    """Whether the event loop ``token`` can no longer run the pool's connections (closed, or
    stopped while another loop runs now)."""
    assert isinstance(token, asyncio.AbstractEventLoop)
    return token.is_closed() or not token.is_running()


def owner_gone(token: object) -> bool:
    """Whether the process ``token`` is not this one (the pool was inherited through a fork)."""
    return token != os.getpid()


def async_check_callback(owner: str, name: str, callback: Any) -> None:
    """``None``, or a callable (a plain function, or a coroutine function to be awaited)."""
    if callback is not None and not callable(callback):
        raise ValidationError(
            f"{owner}.{name} must be callable, got {type(callback).__name__}", details={"field": name}
        )


def check_callback(owner: str, name: str, callback: Any) -> None:
    """``None``, or a plain callable: the sync client has no event loop to await a coroutine."""
    async_check_callback(owner, name, callback)
    if inspect.iscoroutinefunction(callback) or inspect.iscoroutinefunction(
        getattr(callback, "__call__", None)  # noqa: B004 - a callable object's async __call__
    ):
        raise ValidationError(
            f"{owner}.{name} must be a plain function for SyncAgentClient, got a coroutine function "
            "(use AgentClient for async callbacks)",
            details={"field": name},
        )


async def async_invoke(callback: Callable[..., Any] | None, *args: Any) -> None:
    """Call ``callback(*args)``, awaiting the result if it is awaitable."""
    if callback is None:
        return
    result = callback(*args)
    if inspect.isawaitable(result):
        await result


def invoke(callback: Callable[..., Any] | None, *args: Any) -> None:
    """Call ``callback(*args)``; a callback that returns an awaitable is a mistake here."""
    if callback is None:
        return
    result = callback(*args)
    if inspect.isawaitable(result):
        if inspect.iscoroutine(result):
            result.close()  # no "never awaited" warning on top of the error
        raise ValidationError(
            f"callback {shown(callback)!r} returned an awaitable; "
            "SyncAgentClient callbacks must be plain functions",
            details={"field": "callback"},
        )


def async_time_limit(seconds: float) -> AbstractAsyncContextManager[object]:
    """Cancel the block after ``seconds`` (raising ``builtins.TimeoutError``)."""
    return asyncio.timeout(seconds)


def time_limit(seconds: float) -> AbstractContextManager[object]:
    """Nothing: a thread cannot be interrupted, so sync waits rely on capped attempt timeouts."""
    return contextlib.nullcontext()


async def _until_loop_ends(cleanup: Callable[[], Awaitable[None]]) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:
        await cleanup()


class AsyncOwnerEnd:
    """Runs a clean-up on the running event loop just before ``asyncio.run()`` closes it.

    ``asyncio.run()`` finalizes every live async generator on its loop before closing it
    (``loop.shutdown_asyncgens()``); a generator parked at its ``yield`` is such a hook. So the
    pool's connections are closed on the loop that owns them, and a later ``asyncio.run()``
    starts a fresh pool, with nothing left to warn about.
    """

    def __init__(self) -> None:
        self._guard: AsyncGenerator[None, None] | None = None

    async def arm(self, cleanup: Callable[[], Awaitable[None]]) -> None:
        """Call ``cleanup`` when the current event loop shuts down its async generators."""
        guard = _until_loop_ends(cleanup)
        await guard.__anext__()
        self._guard = guard


class SyncOwnerEnd:
    """Nothing to arm: a process that ends takes its sockets with it."""

    def arm(self, cleanup: Callable[[], None]) -> None:
        """Do nothing."""


class AsyncStateLock:
    """``with lock:`` around state shared by tasks: nothing to do on one event loop, as long as
    the block never awaits (so no other task can run inside it)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


class SyncStateLock:
    """``with lock:`` around state shared by threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


class AsyncNotifier:
    """Wakes every waiting task when rung; ``generation`` tells a waiter whether it missed one."""

    def __init__(self) -> None:
        self.generation = 0
        self._event = asyncio.Event()

    def notify_all(self) -> None:
        """Ring: every task in ``wait()`` wakes up."""
        self.generation += 1
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait(self, generation: int, timeout: float) -> None:
        """Sleep until rung after ``generation``, or ``timeout`` seconds."""
        if generation != self.generation or timeout <= 0:
            return
        try:
            async with asyncio.timeout(timeout):
                await self._event.wait()
        except TimeoutError:
            return


class SyncNotifier:
    """Wakes every waiting thread when rung; ``generation`` tells a waiter whether it missed one."""

    def __init__(self) -> None:
        self.generation = 0
        self._condition = threading.Condition(threading.Lock())

    def notify_all(self) -> None:
        """Ring: every thread in ``wait()`` wakes up."""
        with self._condition:
            self.generation += 1
            self._condition.notify_all()

    def wait(self, generation: int, timeout: float) -> None:
        """Sleep until rung after ``generation``, or ``timeout`` seconds."""
        with self._condition:
            if generation == self.generation and timeout > 0:
                self._condition.wait(timeout)


async def async_linger() -> None:
    """Let the other tasks started at the same moment run up to their first wait."""
    await asyncio.sleep(0)


def linger() -> None:
    """Give threads started at about the same moment (a thread pool spins up one thread every
    few dozen microseconds) two milliseconds to register."""
    time.sleep(0.002)


class AsyncJobs:
    """Reads a wait runs beside itself, as tasks; ``cancel_all()`` when the wait ends."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def running(self) -> int:
        """How many are still running."""
        return len(self._tasks)

    def start(self, job: Callable[[], Awaitable[None]]) -> None:
        """Run ``job()`` in the background."""
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(job())  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def cancel_all(self) -> None:
        """Stop them (their connections are given back at once) and wait until they have."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class SyncJobs:
    """Reads a wait runs beside itself, as threads. A thread cannot be stopped: each ends
    with its read, which holds ids of its wait (so it ends when they change, or its hold does)."""

    def __init__(self) -> None:
        self._threads: set[threading.Thread] = set()

    @property
    def running(self) -> int:
        """How many are still running."""
        self._threads = {thread for thread in self._threads if thread.is_alive()}
        return len(self._threads)

    def start(self, job: Callable[[], None]) -> None:
        """Run ``job()`` in a thread of its own (in a copy of the caller's context)."""
        thread = threading.Thread(
            target=contextvars.copy_context().run, args=(job,), name="ai-agent-watch", daemon=True
        )
        self._threads.add(thread)
        thread.start()

    def cancel_all(self) -> None:
        """Nothing to do (see the class docstring)."""
