"""``ai-agent serve`` without the ``cli`` extra (argparse only): run the local orchestrator.
With the extra, ``ai_agent/cli/serve.py`` serves the same options."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ai-agent`` console script."""
    parser = argparse.ArgumentParser(prog="ai-agent", description="AI Agent Orchestrator SDK tools")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the local orchestrator (reference server)")
    serve.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    serve.add_argument("--port", type=int, default=3000, help="port (0: pick a free one)")
    serve.add_argument("--api-key", default="dev-key", help="the key clients must send")
    serve.add_argument("--task-delay", type=float, default=0.5, help="seconds a task takes to run")
    serve.add_argument("--no-idempotency", action="store_true", help="ignore Idempotency-Key")
    serve.add_argument(
        "--no-long-poll", action="store_true", help="no blocking reads: no X-Revision, `wait` ignored"
    )
    serve.add_argument("--certfile", help="serve HTTPS with this PEM certificate")
    serve.add_argument("--keyfile", help="the certificate's PEM private key")
    serve.add_argument("--client-ca", help="require client certificates signed by this PEM CA")
    serve.add_argument("--http2", action="store_true", help="serve with hypercorn: HTTP/2 over TLS")
    args = parser.parse_args(argv)
    if args.task_delay < 0:
        print(f"ai-agent serve: --task-delay must be >= 0, got {args.task_delay:g}", file=sys.stderr)
        return 2

    try:
        from .runner import LocalOrchestrator
    except ImportError as exc:  # pragma: no cover - depends on the environment
        print(f'ai-agent serve needs the server extra: pip install "ai-agent-orchestrator[server]" ({exc})')
        return 2
    try:
        server = LocalOrchestrator(
            api_key=args.api_key,
            host=args.host,
            port=args.port,
            task_delay=args.task_delay,
            idempotency=not args.no_idempotency,
            extensions=None if not args.no_long_poll else {"idempotency", "batch", "ids_filter"},
            certfile=args.certfile,
            keyfile=args.keyfile,
            client_ca=args.client_ca,
            http2=args.http2,
        )
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        server.start()
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"ai-agent serve: {exc}", file=sys.stderr)
        return 2
    with server:
        print(f"Local orchestrator listening on {server.url} (API key: {args.api_key})", flush=True)
        stop.wait()
        print("Local orchestrator stopping", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
