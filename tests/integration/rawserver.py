"""A tiny programmable HTTP/1.1 server on 127.0.0.1, for faults a well-behaved server cannot make:
dropped connections, hangs, truncated bodies. It counts connections so tests can check the pool."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    names: list[str] = field(default_factory=list)  # every header name, lower case, as sent

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: bytes | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False  # announce the full length, send half, close
    trickle: float = 0.0  # seconds between the pieces of the answer (sent in 8 pieces)

    def encode(self) -> bytes:
        body = self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()
        headers = {"Content-Type": "application/json", **self.headers, "Content-Length": str(len(body))}
        head = f"HTTP/1.1 {self.status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        payload = head.encode() + b"\r\n" + body
        return payload[: len(payload) - len(body) // 2] if self.truncate else payload


class Drop:
    """Close the connection without answering."""


class Hang:
    """Never answer (until the client gives up or the server stops)."""


Action = Reply | Drop | Hang
Handler = Callable[[RawRequest], Action]


class RawServer:
    """``with RawServer(handler) as server:`` -> ``server.url``; stopped on exit.

    ``async with`` serves from the test's own event loop (cheap: no thread hand-offs under
    load); ``with`` runs the server's event loop in a thread of its own, so it can serve the
    sync client, which blocks the test's thread. ``handler`` is a plain function returning a
    ``Reply``, ``Drop`` or ``Hang``.
    """

    def __init__(self, handler: Handler, *, record: bool = True) -> None:
        self.handler = handler
        self.record = record  # keep every request (off for load tests: only count them)
        self.requests: list[RawRequest] = []
        self.request_count = 0
        self.open_connections = 0
        self.max_open_connections = 0
        self.total_connections = 0
        self._got_request = threading.Event()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._serving: set[asyncio.Task[Any]] = set()
        self._thread: threading.Thread | None = None
        self._thread_loop: asyncio.AbstractEventLoop | None = None
        self._thread_stop: asyncio.Event | None = None
        self.url = ""

    def wait_for_request(self, timeout: float = 5) -> None:
        """Block until the first request has arrived (AssertionError after ``timeout``)."""
        assert self._got_request.wait(timeout), f"no request within {timeout} s"

    async def __aenter__(self) -> RawServer:
        await self._start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stop()

    def __enter__(self) -> RawServer:
        ready = threading.Event()

        async def main() -> None:
            self._thread_loop = asyncio.get_running_loop()
            self._thread_stop = asyncio.Event()
            await self._start()
            ready.set()
            await self._thread_stop.wait()
            await self._stop()

        self._thread = threading.Thread(target=asyncio.run, args=(main(),), name="raw-server", daemon=True)
        self._thread.start()
        assert ready.wait(10), "the raw server did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread_loop is not None and self._thread_stop is not None:
            self._thread_loop.call_soon_threadsafe(self._thread_stop.set)
        if self._thread is not None:
            self._thread.join(10)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def _stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        for task in list(self._serving):
            task.cancel()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._serving.add(task)
        self._writers.add(writer)
        self.open_connections += 1
        self.total_connections += 1
        self.max_open_connections = max(self.max_open_connections, self.open_connections)
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                self.request_count += 1
                if self.record:
                    self.requests.append(request)
                self._got_request.set()
                action = self.handler(request)
                if isinstance(action, Drop):
                    return
                if isinstance(action, Hang):
                    await asyncio.sleep(3600)
                    return
                assert isinstance(action, Reply)
                if action.delay:
                    await asyncio.sleep(action.delay)
                answer = action.encode()
                if action.trickle:
                    step = -(-len(answer) // 8)
                    for start in range(0, len(answer), step):
                        writer.write(answer[start : start + step])
                        await writer.drain()
                        await asyncio.sleep(action.trickle)
                else:
                    writer.write(answer)
                    await writer.drain()
                if action.truncate:
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        except asyncio.CancelledError:  # the server is stopping: end quietly
            return
        finally:
            self.open_connections -= 1
            self._writers.discard(writer)
            self._serving.discard(task)
            writer.close()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await writer.wait_closed()


async def _read_request(reader: asyncio.StreamReader) -> RawRequest | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    names = []
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
            names.append(name.strip().lower())
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return RawRequest(method, path, headers, body, names)
