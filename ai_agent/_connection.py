"""The connection layer under the retrying transport, as hand-written pairs:
``make_async_transport`` (httpx or aiohttp) / ``make_sync_transport`` (httpx only), and
``async_interrupt_connections`` / ``interrupt_connections`` for ``close()``."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import socket
import ssl
import sys
import types
from typing import Any, Literal

import httpx

from ._checks import shown
from ._config import PoolConfig
from ._errors import ValidationError
from ._tls import ssl_context

__all__ = [
    "Backend",
    "async_interrupt_connections",
    "httpx_error_type",
    "interrupt_connections",
    "is_httpx_own",
    "make_async_transport",
    "make_sync_transport",
]

Backend = Literal["httpx", "aiohttp"]


def _limits(pool: PoolConfig) -> httpx.Limits:
    return httpx.Limits(
        max_connections=pool.max_connections,
        max_keepalive_connections=pool.max_connections,
        keepalive_expiry=pool.max_idle_time / 1000,
    )


@functools.cache
def _skip_missing_sniffio_lookups() -> None:
    """httpcore runs ``import sniffio`` on every async request and falls back to asyncio when
    it is missing; a failed import is not cached, so each one rescans sys.path (measured: ~0.2 ms
    of CPU per request, a quarter of the total). Recording the absence once makes the same
    ImportError instant. Nothing changes where sniffio is installed (e.g. with trio)."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]  # the documented "known missing" marker


def make_async_transport(
    backend: Any, pool: PoolConfig, verify: bool | str | ssl.SSLContext
) -> httpx.AsyncBaseTransport:
    """The async connection pool for ``backend``: ``"httpx"`` or ``"aiohttp"`` (its extra)."""
    _skip_missing_sniffio_lookups()
    if backend == "httpx":
        from ._async.httpx_layer import AsyncHttpxLayer

        return AsyncHttpxLayer(verify=ssl_context(verify), limits=_limits(pool), retries=0)
    if backend == "aiohttp":
        try:
            from ._aiohttp_layer import AiohttpLayer
        except ImportError:
            raise ValidationError(
                'backend="aiohttp" needs the aiohttp extra: pip install "ai-agent-orchestrator[aiohttp]"',
                details={"field": "backend"},
            ) from None
        return AiohttpLayer(verify=ssl_context(verify), limits=_limits(pool))
    raise ValidationError(
        f'backend must be "httpx" or "aiohttp", got {shown(backend)!r}', details={"field": "backend"}
    )


def make_sync_transport(
    backend: Any, pool: PoolConfig, verify: bool | str | ssl.SSLContext
) -> httpx.BaseTransport:
    """The sync connection pool: httpx's (aiohttp is asyncio-only)."""
    if backend == "httpx":
        from ._sync.httpx_layer import SyncHttpxLayer

        return SyncHttpxLayer(verify=ssl_context(verify), limits=_limits(pool), retries=0)
    if backend == "aiohttp":
        raise ValidationError(
            'backend="aiohttp" is asyncio-only: use it with AgentClient; SyncAgentClient runs on httpx',
            details={"field": "backend", "value": "aiohttp"},
        )
    raise ValidationError(f'backend must be "httpx", got {shown(backend)!r}', details={"field": "backend"})


_HTTPX_ERRORS: dict[type[BaseException], type[httpx.TransportError] | None] = {}


def httpx_error_type(kind: type[BaseException]) -> type[httpx.TransportError] | None:
    """The httpx exception that httpx raises for httpcore's exception ``kind`` (httpx mirrors
    httpcore's names and hierarchy), or None for an exception that is not httpcore's."""
    if kind not in _HTTPX_ERRORS:
        _HTTPX_ERRORS[kind] = None
        for cls in kind.__mro__:
            mapped = getattr(httpx, cls.__name__, None) if cls.__module__.startswith("httpcore") else None
            if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
                _HTTPX_ERRORS[kind] = mapped
                break
    return _HTTPX_ERRORS[kind]


def is_httpx_own(method: object) -> bool:
    """Whether ``method`` (of httpx's transport class) is httpx's own, not replaced by a mock
    (pytest-httpx) or wrapped by an instrumentation (OpenTelemetry's)."""
    return type(method) is types.FunctionType and method.__module__ == "httpx._transports.default"


def async_interrupt_connections(transport: httpx.AsyncBaseTransport) -> None:
    """Nothing to do: closing an asyncio connection wakes the task reading from it."""


def interrupt_connections(transport: httpx.BaseTransport) -> None:
    """Wake every thread blocked reading from the pool's sockets, before ``close()``.

    Closing a socket does not wake a thread blocked in ``recv`` on it (that thread would wait
    out its read timeout); shutting it down does. Reached through httpcore's internals, so a
    change there only loses the early wake-up, never correctness.
    """
    pool = getattr(transport, "_pool", None)
    for connection in list(getattr(pool, "connections", ())):
        stream = getattr(getattr(connection, "_connection", None), "_network_stream", None)
        sock = getattr(stream, "_sock", None)
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                # The plain socket's method: SSLSocket.shutdown would also drop its TLS state
                # under the reading thread's feet.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
