"""A tiny programmable HTTP/1.1 server on 127.0.0.1, for faults a well-behaved server cannot make:
dropped connections, hangs, truncated bodies. It counts connections so tests can check the pool."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: bytes | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False  # announce the full length, send half, close

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
Handler = Callable[[RawRequest], Action | Awaitable[Action]]


class RawServer:
    """``async with RawServer(handler) as server:`` -> ``server.url``; stopped on exit."""

    def __init__(self, handler: Handler, *, record: bool = True) -> None:
        self.handler = handler
        self.record = record  # keep every request (off for load tests: only count them)
        self.requests: list[RawRequest] = []
        self.request_count = 0
        self.open_connections = 0
        self.max_open_connections = 0
        self.total_connections = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.url = ""

    async def __aenter__(self) -> RawServer:
        self.got_request = asyncio.Event()
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
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
                self.got_request.set()
                if self.record:
                    self.requests.append(request)
                action = self.handler(request)
                if asyncio.iscoroutine(action) or isinstance(action, Awaitable):
                    action = await action
                if isinstance(action, Drop):
                    return
                if isinstance(action, Hang):
                    await asyncio.sleep(3600)
                    return
                assert isinstance(action, Reply)
                if action.delay:
                    await asyncio.sleep(action.delay)
                writer.write(action.encode())
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
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return RawRequest(method, path, headers, body)
