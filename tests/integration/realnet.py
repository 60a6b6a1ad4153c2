"""Real network components for the connection tests, each started and stopped by the test on
loopback: certificates made by trustme, and pproxy (an HTTP proxy from PyPI that forwards
plain requests and CONNECT tunnels, with optional Basic authentication)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trustme


@dataclass(frozen=True)
class Certificates:
    """PEM files: the server's certificate and key, the CA that signed it, a client
    certificate signed by the same CA, and a CA that signed neither."""

    server: str  # certificate chain and key in one file
    ca: str
    client: str  # certificate chain and key in one file
    other_ca: str


def make_certificates(directory: Path) -> Certificates:
    """Fresh certificates for 127.0.0.1 and localhost, written under ``directory``."""
    ca, other = trustme.CA(), trustme.CA()
    paths = {name: str(directory / f"{name}.pem") for name in ("server", "ca", "client", "other_ca")}
    ca.issue_cert("127.0.0.1", "localhost").private_key_and_cert_chain_pem.write_to_path(paths["server"])
    ca.issue_cert("client@example.test").private_key_and_cert_chain_pem.write_to_path(paths["client"])
    ca.cert_pem.write_to_path(paths["ca"])
    other.cert_pem.write_to_path(paths["other_ca"])
    return Certificates(**paths)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Proxy:
    """A running pproxy: ``url`` (with credentials if it requires them), and what it logged:
    one line per connection it forwarded (``http <client> -> <target>``) or refused."""

    url: str
    port: int
    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def forwarded_to(self, port: int) -> int:
        """How many connections it forwarded to ``port``."""
        return sum(1 for line in self.lines if line.endswith(f":{port}") and "->" in line)

    def refused(self) -> int:
        """How many requests it refused for want of the right credentials."""
        return sum(1 for line in self.lines if line.startswith("Unauthorized"))

    def stop(self) -> None:
        """Stop it (idempotent): afterwards nothing can go through it."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@contextlib.contextmanager
def running_proxy(auth: str | None = None) -> Iterator[Proxy]:
    """pproxy on a free loopback port; ``auth`` ("user:password") makes it require those
    credentials on every request (``--auth 0``: no remembering an address that once sent them)."""
    port = free_port()
    listen = f"http://127.0.0.1:{port}" + (f"#{auth}" if auth else "")
    process = subprocess.Popen(
        [sys.executable, "-m", "pproxy", "-l", listen, "--auth", "0", "-v"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # each line as it happens, none lost on stop
    )
    proxy = Proxy(f"http://{auth + '@' if auth else ''}127.0.0.1:{port}", port, process)
    started = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("Serving on"):
                started.set()
            proxy.lines.append(line.strip())
        started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert started.wait(15), proxy.lines
        assert process.poll() is None, proxy.lines
        deadline = time.monotonic() + 5
        while True:  # "Serving on" is printed as it starts listening; make sure it accepts
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "pproxy did not accept connections"
                time.sleep(0.02)
        yield proxy
    finally:
        proxy.stop()
        reader.join(5)
        if process.stdout is not None:
            process.stdout.close()


@dataclass
class Tunnel:
    """A minimal CONNECT-only proxy that records each CONNECT request's head (what a proxy
    learns about an https request), then relays bytes both ways."""

    url: str
    heads: list[bytes] = field(default_factory=list)


@contextlib.contextmanager
def recording_tunnel() -> Iterator[Tunnel]:
    """The tunnel on a free loopback port, in threads of its own; stopped on leaving."""
    listener = socket.create_server(("127.0.0.1", 0))
    tunnel = Tunnel(f"http://127.0.0.1:{listener.getsockname()[1]}")
    sockets: list[socket.socket] = [listener]

    def relay(source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)

    def serve_one(client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = client.recv(65536)
            if not chunk:
                client.close()
                return
            head += chunk
        tunnel.heads.append(head)
        host, port = head.split(b" ", 2)[1].decode().rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        sockets.append(upstream)
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=relay, args=(upstream, client), daemon=True).start()
        relay(client, upstream)

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                sockets.append(client)
                threading.Thread(target=serve_one, args=(client,), daemon=True).start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield tunnel
    finally:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        acceptor.join(5)


@dataclass
class IdleCutter:
    """A TCP relay in front of a server that cuts every connection on which no byte has moved
    either way for ``idle`` seconds, as load balancers and proxies do (an AWS load balancer's
    idle timeout, nginx's proxy_read_timeout)."""

    url: str
    idle: float
    cuts: int = 0


@contextlib.contextmanager
def idle_cutting_relay(target_port: int, idle: float = 3.0) -> Iterator[IdleCutter]:
    """The relay on a free loopback port, relaying to ``127.0.0.1:target_port``."""
    import select

    listener = socket.create_server(("127.0.0.1", 0))
    relay = IdleCutter(f"http://127.0.0.1:{listener.getsockname()[1]}", idle)
    stopping = threading.Event()
    threads: list[threading.Thread] = []

    def pump(client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", target_port))
        for sock in (client, upstream):  # as real proxies do: no Nagle delay on relayed bytes
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        peers = {client: upstream, upstream: client}
        last = time.monotonic()
        try:
            while not stopping.is_set():
                left = idle - (time.monotonic() - last)
                if left <= 0:
                    relay.cuts += 1
                    return
                readable, _, _ = select.select(list(peers), [], [], min(left, 0.2))
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
                    last = time.monotonic()
        except OSError:
            return
        finally:
            for sock in peers:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                thread = threading.Thread(target=pump, args=(client,), daemon=True)
                threads.append(thread)
                thread.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield relay
    finally:
        stopping.set()
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        acceptor.join(5)
        for thread in threads:
            thread.join(5)


async def sleepy_handler(task: dict[str, Any]) -> Any:
    """A local orchestrator task handler that runs ``payload["seconds"]`` seconds (server-side,
    so always a coroutine, whichever client the test drives)."""
    await asyncio.sleep(task["payload"]["seconds"])
    return task["payload"]
