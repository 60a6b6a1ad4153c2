"""A minimal keep-alive HTTP/1.1 server with canned answers, run in its own process so that
its CPU is not counted as the client's. Serves just what the benchmarks call; counts requests.

    python -m benchmarks._fast_server PORT_FILE
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

TS = "2025-11-18T10:00:00.000Z"
COUNTS: Counter[str] = Counter()


def task(task_id: str, status: str = "COMPLETED") -> dict[str, object]:
    return {
        "id": task_id,
        "name": "Process Data",
        "type": "data-processing",
        "status": status,
        "priority": "NORMAL",
        "payload": {"data": [1, 2, 3], "source": "s3://bucket/key", "options": {"deep": True}},
        "assignedAgentId": "agent-1",
        "result": {"taskId": task_id, "status": "SUCCESS", "output": {"rows": 3}, "completedAt": TS},
        "createdAt": TS,
        "updatedAt": TS,
    }


def envelope(data: object) -> bytes:
    return json.dumps({"success": True, "data": data, "timestamp": TS}).encode()


GET_TASK = envelope(task("task-1"))  # the hot path: one canned body


def answer(method: str, target: str, body: bytes) -> tuple[int, bytes]:
    url = urlsplit(target)
    path = url.path
    if path == "/__stats":
        return 200, json.dumps(COUNTS).encode()
    if path == "/__reset":
        COUNTS.clear()
        return 200, b"{}"
    key = f"{method} {path if path in ('/tasks', '/tasks/batch') else '/tasks/{id}'}"
    COUNTS[key] += 1
    if method == "GET" and path == "/tasks":
        ids = parse_qs(url.query).get("ids", [""])[0].split(",")
        items = [task(i) for i in ids if i]
        pagination = {"page": 1, "limit": 100, "total": len(items), "pages": 1}
        return 200, envelope({"data": items, "pagination": pagination})
    if method == "GET":
        task_id = unquote(path.rsplit("/", 1)[1])
        return 200, GET_TASK if task_id == "task-1" else envelope(task(task_id))
    if method == "POST" and path == "/tasks":
        return 201, envelope(task(f"task-{COUNTS[key]}", "PENDING"))
    if method == "POST" and path == "/tasks/batch":
        count = len(json.loads(body)["tasks"])
        start = COUNTS["items"]
        COUNTS["items"] += count
        results = [{"success": True, "data": task(f"task-b{start + i}", "PENDING")} for i in range(count)]
        return 200, envelope({"results": results})
    return 404, b'{"success": false, "error": {"code": "NOT_FOUND", "message": "no"}}'


class Http(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = self.buffer[:head_end].decode("latin-1").split("\r\n")
            length = 0
            for line in head[1:]:
                name, _, value = line.partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if len(self.buffer) < head_end + 4 + length:
                return
            body = self.buffer[head_end + 4 : head_end + 4 + length]
            self.buffer = self.buffer[head_end + 4 + length :]
            method, target, _ = head[0].split(" ", 2)
            status, payload = answer(method, target, body)
            self.transport.write(
                f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n".encode()
                + payload
            )


async def main(port_file: str) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Http, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    # Written then renamed, so the parent never reads a half-written port.
    await asyncio.to_thread(Path(port_file + ".tmp").write_text, str(port))
    os.replace(port_file + ".tmp", port_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {os.cpu_count() - 1})  # type: ignore[operator]
    asyncio.run(main(sys.argv[1]))
