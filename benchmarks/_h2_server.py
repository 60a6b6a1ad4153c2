"""A minimal ASGI app with the fast server's canned GET answer, served by hypercorn over TLS
(HTTP/2 by ALPN) in its own process; counts requests and the connections they came on.

    python -m benchmarks._h2_server PORT_FILE CERT_PEM
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from hypercorn.asyncio import serve
from hypercorn.config import Config

from ._fast_server import GET_TASK

PEERS: set[tuple[str, int]] = set()
COUNT = {"requests": 0, "http2": 0}


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    if scope["path"] == "/__stats":
        body = json.dumps({**COUNT, "connections": len(PEERS)}).encode()
    else:
        COUNT["requests"] += 1
        COUNT["http2"] += scope.get("http_version") == "2"
        PEERS.add(tuple(scope["client"]))
        body = GET_TASK
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def main() -> None:
    port_file, pem = Path(sys.argv[1]), sys.argv[2]
    sock = socket.create_server(("127.0.0.1", 0))
    config = Config()
    config.certfile = config.keyfile = pem
    config.bind = [f"fd://{sock.fileno()}"]
    config.accesslog = None
    # Contenders take turns: a connection idle through the others' rounds must stay up (the
    # default 5 s would cut it, and raw httpx does not retry).
    config.keep_alive_timeout = 3600
    config.keep_alive_max_requests = 10**9  # hypercorn closes a connection after 1,000 by default
    config.loglevel = "WARNING"

    sock.listen(100)
    # listening already: clients may come. Renamed into place: never read half-written.
    port_file.with_suffix(".tmp").write_text(str(sock.getsockname()[1]))
    port_file.with_suffix(".tmp").replace(port_file)

    async def run() -> None:
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await serve(app, config, shutdown_trigger=stop.wait)  # type: ignore[arg-type]

    asyncio.run(run())


if __name__ == "__main__":
    main()
