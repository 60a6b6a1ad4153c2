"""The connection layer under the request path, and what it is built from.

``resolve_network`` turns a client's network arguments (verify, cert, proxy, trust_env,
http2) into ``Network``: decided once per client, checked at construction. The proxy is
chosen for the client's API URL by httpx's own rules (``proxy=``, or HTTP_PROXY, HTTPS_PROXY,
ALL_PROXY and NO_PROXY when ``trust_env``), so every backend goes the same way.
``make_async_transport`` (httpx or aiohttp) / ``make_sync_transport`` (httpx only) build the
layer from it, and ``async_interrupt_connections`` / ``interrupt_connections`` wake readers
on ``close()``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import re
import socket
import ssl
import sys
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import httpx
from httpx._utils import URLPattern, get_environment_proxies  # httpx's own proxy rules (pinned <0.29)

from ._checks import shown
from ._config import PoolConfig
from ._errors import ValidationError
from ._tls import check_cert, ssl_context

__all__ = [
    "Backend",
    "Network",
    "ProxyTypes",
    "async_interrupt_connections",
    "check_own_transport",
    "httpx_error_type",
    "interrupt_connections",
    "is_httpx_own",
    "make_async_transport",
    "make_sync_transport",
    "resolve_network",
]

Backend = Literal["httpx", "aiohttp"]
# A proxy URL ("http://user:pass@proxy:3128"), or an ``httpx.Proxy``; a mapping of URL patterns
# ("https://", "all://*.internal") to proxies, None meaning "go direct", as httpx's mounts.
ProxyTypes = str | httpx.URL | httpx.Proxy | Mapping[str, "str | httpx.URL | httpx.Proxy | None"]
_PROXY_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Network:
    """How a client's connections are made; ``with_options`` copies share it with the pool."""

    ssl_context: ssl.SSLContext
    proxy: httpx.Proxy | None = None  # the one for the client's API URL; None: direct
    http2: bool = False


def resolve_network(
    api_url: str,
    *,
    verify: Any,
    cert: Any = None,
    proxy: Any = None,
    trust_env: Any = True,
    http2: Any = False,
) -> Network:
    """Check the network arguments and decide them for ``api_url``; ``ValidationError``
    naming the first bad one."""
    for name, value in (("trust_env", trust_env), ("http2", http2)):
        if not isinstance(value, bool):
            raise ValidationError(
                f"{name} must be True or False, got {type(value).__name__}", details={"field": name}
            )
    check_cert(cert, verify)
    if http2 and importlib.util.find_spec("h2") is None:
        raise ValidationError(
            'http2=True needs the http2 extra: pip install "ai-agent-orchestrator[http2]"',
            details={"field": "http2"},
        )
    return Network(ssl_context(verify, cert, trust_env), _proxy_for(api_url, proxy, trust_env), http2)


def _proxy_for(api_url: str, proxy: Any, trust_env: bool) -> httpx.Proxy | None:
    """The proxy httpx would use for ``api_url``: ``proxy`` when given (environment ignored,
    as httpx does), else the environment's when ``trust_env``."""
    if proxy is None:
        table: Mapping[str, Any] = get_environment_proxies() if trust_env else {}
        source = "the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY)"
    elif isinstance(proxy, Mapping):
        table, source = proxy, "proxy"
    else:
        table, source = {"all://": proxy}, "proxy"
    patterns = []
    for key in table:
        if not isinstance(key, str):
            raise ValidationError(
                f'proxy keys must be URL patterns such as "https://" or "all://*.internal", '
                f"got {type(key).__name__}",
                details={"field": "proxy"},
            )
        try:
            patterns.append(URLPattern(key))
        except ValueError as exc:
            raise ValidationError(f"proxy: {exc}", details={"field": "proxy"}) from None
    url = httpx.URL(api_url)
    for pattern in sorted(patterns):  # most specific first, as httpx orders its mounts
        if pattern.matches(url):
            return _as_proxy(table[pattern.pattern], source)
    return None


def _as_proxy(value: Any, source: str) -> httpx.Proxy | None:
    if value is None:
        return None
    if isinstance(value, str | httpx.URL):
        try:
            value = httpx.Proxy(value)
        except (ValueError, httpx.InvalidURL) as exc:
            # Not the URL itself: it may carry a password.
            raise ValidationError(
                f"{source}: not a usable proxy URL ({type(exc).__name__}: {_without_userinfo(str(exc))})",
                details={"field": "proxy"},
            ) from None
    if not isinstance(value, httpx.Proxy):
        raise ValidationError(
            f"proxy must be a URL, an httpx.Proxy or a mapping of URL patterns to them, "
            f"got {type(value).__name__}",
            details={"field": "proxy"},
        )
    if value.url.scheme not in _PROXY_SCHEMES:
        raise ValidationError(
            f"{source}: proxy scheme {value.url.scheme!r} is not supported; use http:// or https://",
            details={"field": "proxy"},
        )
    return value


def _without_userinfo(text: str) -> str:
    """``text`` with anything that looks like ``user:password@`` in a URL cut out."""
    return re.sub(r"//[^/@\s]*@", "//[redacted]@", text)


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


def _httpx_options(pool: PoolConfig, network: Network) -> dict[str, Any]:
    """httpx's transport options for the SDK's httpx layer (no retries: the SDK's are the only)."""
    return {
        "verify": network.ssl_context,
        "limits": _limits(pool),
        "retries": 0,
        "http2": network.http2,
        "proxy": network.proxy,
    }


def make_async_transport(
    httpx_layer: type[httpx.AsyncHTTPTransport], backend: Any, pool: PoolConfig, network: Network
) -> httpx.AsyncBaseTransport:
    """The async connection layer for ``backend``: ``"httpx"`` (``httpx_layer``, the client's
    own, passed in so that this shared module imports neither twin) or ``"aiohttp"`` (its extra)."""
    _skip_missing_sniffio_lookups()
    if backend == "httpx":
        return httpx_layer(**_httpx_options(pool, network))
    if backend == "aiohttp":
        if network.http2:
            raise ValidationError(
                'http2=True is not available on backend="aiohttp" (aiohttp speaks HTTP/1.1 only); '
                'use backend="httpx"',
                details={"field": "http2"},
            )
        try:
            from ._aiohttp_layer import AiohttpLayer
        except ImportError:
            raise ValidationError(
                'backend="aiohttp" needs the aiohttp extra: pip install "ai-agent-orchestrator[aiohttp]"',
                details={"field": "backend"},
            ) from None
        return AiohttpLayer(verify=network.ssl_context, limits=_limits(pool), proxy=network.proxy)
    raise ValidationError(
        f'backend must be "httpx" or "aiohttp", got {shown(backend)!r}', details={"field": "backend"}
    )


def check_own_transport(*, proxy: Any, cert: Any, verify: Any, http2: bool, backend: Any) -> None:
    """``transport=`` replaces the connection layer that these settings configure: refuse them
    beside it rather than drop them unsaid."""
    given = [f"{name}=" for name, value in (("proxy", proxy), ("cert", cert)) if value is not None]
    if verify is not True:
        given.append("verify=")
    if http2:
        given.append("http2=True")
    if backend != "httpx":
        given.append(f"backend={shown(backend)!r}")
    if given:
        raise ValidationError(
            f"{', '.join(given)}: these configure the SDK's own connections, which transport= replaces; "
            "leave them out (proxies, certificates and HTTP/2 are set on the transport you pass)",
            details={"field": "transport"},
        )


def make_sync_transport(
    httpx_layer: type[httpx.HTTPTransport], backend: Any, pool: PoolConfig, network: Network
) -> httpx.BaseTransport:
    """The sync connection layer: ``httpx_layer`` (aiohttp is asyncio-only)."""
    if backend == "httpx":
        return httpx_layer(**_httpx_options(pool, network))
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
