"""``LocalOrchestrator``: the app served by uvicorn on a free loopback port, in a thread of its own."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import uvicorn

from .app import DropConnection, OrchestratorApp, RecordedRequest
from .faults import FaultPlan
from .store import Handler, Store

__all__ = ["LocalOrchestrator"]


class _HideDeliberateDrops(logging.Filter):
    """uvicorn logs every exception of the app; a dropped connection on purpose is not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "graceful shutdown" in record.getMessage():  # in-flight "delay" faults, cut short
            return False
        return not (
            record.exc_info and isinstance(record.exc_info[1], (DropConnection, asyncio.CancelledError))
        )


logging.getLogger("uvicorn.error").addFilter(_HideDeliberateDrops())


class LocalOrchestrator:
    """A running local orchestrator: ``with LocalOrchestrator() as server: server.url``.

    Serves on 127.0.0.1 (or ``host``, loopback only) and a free port unless ``port`` is given,
    from a background thread with its own event loop; ``stop()`` (or leaving the ``with``)
    shuts it down and joins the thread. Extra keyword arguments go to ``OrchestratorApp``
    (``task_delay``, ``handlers``, ``idempotency``, ``validate_responses``, ``extensions``,
    ``max_hold``).
    """

    def __init__(
        self,
        *,
        api_key: str = "test-key",
        host: str = "127.0.0.1",
        port: int = 0,
        task_delay: float = 0.05,
        handlers: dict[str, Handler] | None = None,
        idempotency: bool = True,
        validate_responses: bool = True,
        extensions: Iterable[str] | None = None,
        max_hold: float = 30.0,
    ) -> None:
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("the local orchestrator only listens on loopback addresses")
        self.app = OrchestratorApp(
            api_key=api_key,
            task_delay=task_delay,
            handlers=handlers,
            idempotency=idempotency,
            validate_responses=validate_responses,
            extensions=extensions,
            max_hold=max_hold,
        )
        self.api_key = api_key
        self._host = host
        self._port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.url = ""

    @property
    def faults(self) -> FaultPlan:
        """The fault plan (see ``ai_agent.testing.faults``)."""
        return self.app.faults

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far (admin calls excluded)."""
        return self.app.requests

    @property
    def state(self) -> Store:
        """The in-memory agents and tasks."""
        return self.app.store

    @property
    def violations(self) -> list[str]:
        """Answers that broke openapi.yaml (each also answered 500); empty when all is well."""
        return self.app.violations

    def start(self) -> LocalOrchestrator:
        """Start serving; returns once the port accepts connections."""
        if self._thread is not None:
            return self
        family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
        # proto=IPPROTO_TCP: asyncio only sets TCP_NODELAY on accepted sockets of that proto;
        # without it uvicorn's two writes per response meet delayed ACKs (~40 ms per request).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        port = sock.getsockname()[1]
        host = f"[{self._host}]" if family == socket.AF_INET6 else self._host
        self.url = f"http://{host}:{port}"
        # In-flight requests (a "delay" fault) get a second, not their whole delay, on shutdown.
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        ready = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            async def main() -> None:
                assert self._server is not None
                self._loop = asyncio.get_running_loop()
                task = asyncio.create_task(self._server.serve(sockets=[sock]))
                # uvicorn offers a flag, not an event, for "listening".
                while not self._server.started and not task.done():  # noqa: ASYNC110
                    await asyncio.sleep(0.005)
                ready.set()
                await task

            try:
                asyncio.run(main())
            except BaseException as exc:  # surfaced by start() below
                failure.append(exc)
            finally:
                sock.close()
                ready.set()

        self._thread = threading.Thread(target=serve, name=f"local-orchestrator-{port}", daemon=True)
        self._thread.start()
        ready.wait(timeout=15)
        if failure or not self._server.started:
            self.stop()
            raise RuntimeError(f"the local orchestrator did not start: {failure[:1]}")
        return self

    def stop(self) -> None:
        """Shut down and wait for the thread; safe to call twice. Held blocking reads are
        answered first (uvicorn would otherwise wait for them before shutting down)."""
        if self._server is not None and self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop ended in the meantime
                self._loop.call_soon_threadsafe(self.app.release_holds)
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
        self._thread = None
        self._server = None

    def __enter__(self) -> LocalOrchestrator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    async def __aenter__(self) -> LocalOrchestrator:
        return self.start()

    async def __aexit__(self, *exc_info: Any) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.stop)
