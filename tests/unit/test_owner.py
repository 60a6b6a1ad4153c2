"""The cheap check a pool makes on every request, that it is still used by the owner it was bound
to: the running event loop (async) or the process (sync). It must never say yes wrongly."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest

from ai_agent._synchronization import async_owner_here, async_owner_token, fork_count, owner_here, owner_token


def test_the_running_loop_is_here_and_no_other_is() -> None:
    other = asyncio.new_event_loop()

    async def check() -> tuple[bool, bool, bool, object]:
        loop = async_owner_token()
        return (
            async_owner_here(loop, fork_count()),
            async_owner_here(other, fork_count()),
            async_owner_here(None, fork_count()),  # a pool not bound yet
            loop,
        )

    try:
        here, elsewhere, unbound, loop = asyncio.run(check())
        assert (here, elsewhere, unbound) == (True, False, False)
        assert not async_owner_here(loop, fork_count())  # its asyncio.run() has ended
    finally:
        other.close()


def test_a_loop_running_in_another_thread_is_not_here() -> None:
    """The same check from the loop of another thread, while the owner still runs."""
    started = threading.Event()
    owner: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def hold() -> None:
        stop = asyncio.Event()
        owner.append((asyncio.get_running_loop(), stop))
        started.set()
        await stop.wait()

    thread = threading.Thread(target=asyncio.run, args=(hold(),))
    thread.start()
    try:
        assert started.wait(10)

        async def check() -> bool:
            return async_owner_here(owner[0][0], fork_count())

        assert asyncio.run(check()) is False
    finally:
        loop, stop = owner[0]
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)


def test_a_loop_that_does_not_show_its_thread_is_asked_the_usual_way() -> None:
    """uvloop keeps its thread id to itself: then the running loop is compared as it is."""

    class Opaque:
        __slots__ = ()

    async def check() -> tuple[bool, bool]:
        return async_owner_here(Opaque(), fork_count()), async_owner_here(async_owner_token(), fork_count())

    assert asyncio.run(check()) == (False, True)


def test_the_process_is_here_until_it_forks() -> None:
    assert owner_here(owner_token(), fork_count())
    assert not owner_here(None, fork_count())  # a pool not bound yet


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_after_a_fork_neither_owner_is_here() -> None:
    """A child forked while the loop runs (or after the sync pool was bound) must rebind."""

    async def fork_inside_the_loop() -> tuple[int, int]:
        loop, forks, pid = async_owner_token(), fork_count(), owner_token()
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the child: still inside the parent's running loop
            try:
                seen = f"{async_owner_here(loop, forks)} {owner_here(pid, forks)} {fork_count() - forks}"
                os.write(write, seen.encode())
            finally:
                os._exit(0)
        os.close(write)
        assert async_owner_here(loop, forks)  # the parent: unchanged
        assert owner_here(pid, forks)
        return child, read

    child, read = asyncio.run(fork_inside_the_loop())
    os.waitpid(child, 0)
    with os.fdopen(read) as answer:
        assert answer.read() == "False False 1"
