"""``LocalOrchestrator``: the app served on a free loopback port, in a thread of its own: by
uvicorn, or by hypercorn for HTTP/2; over plain HTTP, or TLS (optionally requiring client
certificates)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import ssl
import threading
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import uvicorn

from .app import DropConnection, OrchestratorApp, RecordedRequest
from .contract import Contract
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
    ``max_hold``, ``contract``: the compiled spec to serve, ``Contract(spec_dict)``, by default
    the package's openapi.yaml).

    TLS: ``certfile`` and ``keyfile`` (PEM) serve https; ``client_ca`` (PEM) then requires
    every client to present a certificate signed by it. ``http2``: serve with hypercorn
    (``pip install hypercorn``), which speaks HTTP/2 to clients that offer it (over TLS by
    ALPN) and HTTP/1.1 to the rest.
    """

    _server: uvicorn.Server | _Hypercorn | None

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
        contract: Contract | None = None,
        certfile: str | None = None,
        keyfile: str | None = None,
        client_ca: str | None = None,
        http2: bool = False,
    ) -> None:
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("the local orchestrator only listens on loopback addresses")
        if (certfile is None) != (keyfile is None) or (client_ca is not None and certfile is None):
            raise ValueError("TLS needs both certfile and keyfile (and client_ca needs them too)")
        self._tls = (certfile, keyfile, client_ca)
        self._http2 = http2
        self.app = OrchestratorApp(
            api_key=api_key,
            task_delay=task_delay,
            handlers=handlers,
            idempotency=idempotency,
            validate_responses=validate_responses,
            extensions=extensions,
            max_hold=max_hold,
            contract=contract,
        )
        self.api_key = api_key
        self._host = host
        self._port = port
        self._server = None
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
        self.url = f"{'https' if self._tls[0] else 'http'}://{host}:{port}"
        self._server = _Hypercorn(self.app, self._tls) if self._http2 else _uvicorn(self.app, self._tls)
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
            if isinstance(self._server, _Uvicorn) and self._loop is not None and not self._loop.is_closed():
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._server.wake)
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


def _uvicorn(app: OrchestratorApp, tls: tuple[str | None, str | None, str | None]) -> _Uvicorn:
    certfile, keyfile, client_ca = tls
    # In-flight requests (a "delay" fault) get a quarter second (_Uvicorn.shutdown), not their
    # whole delay: held reads are answered first, and a test pays every shutdown.
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=1,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        ssl_ca_certs=client_ca,
        ssl_cert_reqs=ssl.CERT_REQUIRED if client_ca else ssl.CERT_NONE,
    )
    return _Uvicorn(config)


class _Uvicorn(uvicorn.Server):
    """uvicorn that stops as soon as it is told: its own main loop looks at ``should_exit``
    every 0.1 s, which every stop (every test with a server) waited out."""

    _woken: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._woken = asyncio.Event()
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), 0.1)
            should_exit = await self.on_tick(counter)

    def wake(self) -> None:
        """Look at ``should_exit`` now (call on the server's loop)."""
        if self._woken is not None:
            self._woken.set()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown, polling every 5 ms where it sleeps 0.1 s at least once."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        try:
            async with asyncio.timeout(_GRACE):
                # uvicorn keeps plain sets of connections and tasks: nothing to await but a poll.
                while (self.server_state.connections or self.server_state.tasks) and not self.force_exit:  # noqa: ASYNC110
                    await asyncio.sleep(0.005)
                for server in self.servers:
                    await server.wait_closed()
        except TimeoutError:
            for task in self.server_state.tasks:
                task.cancel(msg="the local orchestrator is shutting down")
        if not self.force_exit:
            await self.lifespan.shutdown()


_GRACE = 0.25  # seconds an in-flight request gets when the local orchestrator stops


class _Hypercorn:
    """hypercorn behind the two things ``LocalOrchestrator`` uses of ``uvicorn.Server``:
    ``serve(sockets=...)`` with a ``started`` flag, and ``should_exit``."""

    def __init__(self, app: OrchestratorApp, tls: tuple[str | None, str | None, str | None]) -> None:
        try:
            from hypercorn.config import Config
        except ImportError:
            raise ValueError("http2=True serves with hypercorn: pip install hypercorn") from None
        certfile, keyfile, client_ca = tls
        self.config = Config()
        self.config.certfile, self.config.keyfile, self.config.ca_certs = certfile, keyfile, client_ca
        if client_ca:
            self.config.verify_mode = ssl.CERT_REQUIRED
        self.config.graceful_timeout = 1
        # hypercorn closes a connection after 1,000 requests by default; uvicorn never does.
        self.config.keep_alive_max_requests = 10**9
        self.config.loglevel = "WARNING"
        self.config.accesslog = None
        self.app = app
        self.started = False
        self._exit: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._should_exit = False

    @property
    def should_exit(self) -> bool:
        """Set to stop serving (from any thread)."""
        return self._should_exit

    @should_exit.setter
    def should_exit(self, value: bool) -> None:
        self._should_exit = value
        exit_event, loop = self._exit, self._loop
        if value and exit_event is not None and loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(exit_event.set)

    async def serve(self, sockets: list[socket.socket]) -> None:
        """Serve on ``sockets`` until ``should_exit``."""
        from hypercorn.asyncio import serve

        self._loop = asyncio.get_running_loop()
        self._exit = asyncio.Event()
        if self._should_exit:
            return
        for sock in sockets:
            sock.listen(100)  # listening before ``started`` says so
        # A duplicate of each descriptor: hypercorn closes its socket, the caller closes its own.
        self.config.bind = [f"fd://{os.dup(sock.fileno())}" for sock in sockets]
        self.started = True
        await serve(self.app, self.config, shutdown_trigger=self._exit.wait)  # type: ignore[arg-type]
