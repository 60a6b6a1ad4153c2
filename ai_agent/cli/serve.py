"""``ai-agent serve``: the local orchestrator (the ``server`` extra)."""

from __future__ import annotations

import errno
import signal
import socket
import sys
import threading

import typer

from ._app import USAGE, app


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="A loopback address to listen on."),
    port: int = typer.Option(3000, "--port", min=0, max=65535, help="0: pick a free one."),
    api_key: str = typer.Option("dev-key", "--api-key", help="The key clients must send."),
    task_delay: float = typer.Option(0.5, "--task-delay", help="Seconds a task takes to run (>= 0)."),
    no_idempotency: bool = typer.Option(False, "--no-idempotency", help="Ignore Idempotency-Key."),
    no_long_poll: bool = typer.Option(
        False, "--no-long-poll", help="No blocking reads: no X-Revision, `wait` ignored."
    ),
    certfile: str | None = typer.Option(None, "--certfile", help="Serve HTTPS with this PEM certificate."),
    keyfile: str | None = typer.Option(None, "--keyfile", help="The certificate's PEM private key."),
    client_ca: str | None = typer.Option(
        None, "--client-ca", help="Require client certificates signed by this PEM CA (mutual TLS)."
    ),
    http2: bool = typer.Option(
        False, "--http2", help="Serve with hypercorn: HTTP/2 to clients that offer it (over TLS by ALPN)."
    ),
) -> None:
    """Run the local orchestrator (the reference server) until Ctrl-C."""
    if task_delay < 0:
        print(f"ai-agent serve: --task-delay must be >= 0, got {task_delay:g}", file=sys.stderr)
        raise typer.Exit(USAGE)
    try:
        from ..testing.runner import LocalOrchestrator
    except ImportError as exc:
        print(f'ai-agent serve needs the server extra: pip install "ai-agent-orchestrator[server]" ({exc})',
              file=sys.stderr)  # fmt: skip
        raise typer.Exit(USAGE) from None
    extensions = {"idempotency", "batch", "ids_filter"} if no_long_poll else None
    try:
        server = LocalOrchestrator(
            api_key=api_key,
            host=host,
            port=port,
            task_delay=task_delay,
            idempotency=not no_idempotency,
            extensions=extensions,
            certfile=certfile,
            keyfile=keyfile,
            client_ca=client_ca,
            http2=http2,
        )
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        server.start()
    except ValueError as exc:
        print(f"ai-agent serve: {exc}", file=sys.stderr)
        raise typer.Exit(USAGE) from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: the server failed to start (a bad PEM file)
        if isinstance(exc, RuntimeError):
            message = str(exc)
        elif exc.errno == errno.EADDRINUSE:
            message = f"port {port} on {host} is already in use (try --port 0 for a free one)"
        elif isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
            message = f"cannot listen on {host!r}: {exc.strerror or exc}"
        else:
            message = f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        print(f"ai-agent serve: {message}", file=sys.stderr)
        raise typer.Exit(USAGE) from None
    try:
        print(f"Local orchestrator listening on {server.url} (API key: {api_key})", flush=True)
        stop.wait()
        print("Local orchestrator stopping", flush=True)
    finally:
        server.stop()
