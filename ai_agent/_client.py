"""``AgentClient``: wires config -> transport -> httpx client -> resources."""

from __future__ import annotations

import functools
import importlib.util
import ipaddress
import os
import ssl
import sys
import warnings
from collections.abc import Generator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import httpx

from . import __version__
from ._config import Clock, PoolConfig, RetryConfig, check_number
from ._core import Core, label
from ._errors import InvalidResponseError, ValidationError
from ._logging import configure_from_env, logger
from ._metrics import Metrics, MetricsSnapshot
from ._response import error_from_response, parse_model, read_json
from ._results import Health
from ._tls import ssl_context
from ._transport import RetryingTransport

if TYPE_CHECKING:
    from ai_agent_client import Client

    from .resources.agents import AgentsResource
    from .resources.tasks import TasksResource

__all__ = ["AgentClient"]

USER_AGENT = f"ai-agent-sdk-python/{__version__}"
Backend = Literal["httpx", "aiohttp"]


class _BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer <key>``; its repr never shows the key."""

    def __init__(self, api_key: str) -> None:
        self._header = f"Bearer {api_key}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "_BearerAuth(<redacted>)"


def _check_url(api_url: Any) -> str:
    if not isinstance(api_url, str) or not api_url:
        raise ValidationError(
            f"api_url must be an http(s) URL string, got {api_url!r}", details={"field": "api_url"}
        )
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"api_url must start with http:// or https:// and name a host, got {api_url!r}",
            details={"field": "api_url", "value": api_url},
        )
    if parts.query or parts.fragment:
        raise ValidationError(
            f"api_url must not have a query or fragment, got {api_url!r}",
            details={"field": "api_url", "value": api_url},
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        logger.warning(
            "api_url %s uses plain http to a non-loopback host: the API key travels unencrypted",
            api_url,
        )
    return api_url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_key(api_key: Any) -> str:
    if not isinstance(api_key, str) or not api_key.strip():
        raise ValidationError(
            "api_key must be a non-empty string (pass api_key=... or set AI_AGENT_API_KEY)",
            details={"field": "api_key"},
        )
    if any(c in api_key for c in "\r\n"):
        raise ValidationError("api_key must not contain line breaks", details={"field": "api_key"})
    return api_key


def _retry_config(max_retries: Any, retry_config: Any) -> RetryConfig:
    """``max_retries`` is a shortcut for ``RetryConfig(max_retries=...)``; both given must agree."""
    if retry_config is not None and not isinstance(retry_config, RetryConfig):
        raise ValidationError(
            f"retry_config must be a RetryConfig, got {type(retry_config).__name__}",
            details={"field": "retry_config"},
        )
    if max_retries is None:
        return retry_config or RetryConfig()
    check_number("AgentClient", "max_retries", max_retries, integer=True)
    if retry_config is None:
        return RetryConfig(max_retries=max_retries)
    if retry_config.max_retries != max_retries:
        raise ValidationError(
            f"max_retries={max_retries} contradicts retry_config.max_retries="
            f"{retry_config.max_retries}; pass only one of them",
            details={"field": "max_retries", "value": max_retries},
        )
    return retry_config


@functools.cache
def _skip_missing_sniffio_lookups() -> None:
    """httpcore runs ``import sniffio`` on every request and falls back to asyncio when it is
    missing; a failed import is not cached, so each one rescans sys.path (measured: ~0.2 ms of
    CPU per request, a quarter of the total). Recording the absence once makes the same
    ImportError instant. Nothing changes where sniffio is installed (e.g. with trio)."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]  # the documented "known missing" marker


def _inner_transport(
    backend: Any, pool: PoolConfig, verify: bool | str | ssl.SSLContext
) -> httpx.AsyncBaseTransport:
    limits = httpx.Limits(
        max_connections=pool.max_connections,
        max_keepalive_connections=pool.max_connections,
        keepalive_expiry=pool.max_idle_time / 1000,
    )
    context = ssl_context(verify)
    if backend == "httpx":
        return httpx.AsyncHTTPTransport(verify=context, limits=limits, retries=0)
    if backend == "aiohttp":
        try:
            from ._aiohttp import AiohttpBackend
        except ImportError:
            raise ValidationError(
                'backend="aiohttp" needs the aiohttp extra: pip install "ai-agent-orchestrator[aiohttp]"',
                details={"field": "backend"},
            ) from None
        return AiohttpBackend(verify=context, limits=limits)
    raise ValidationError(
        f'backend must be "httpx" or "aiohttp", got {backend!r}', details={"field": "backend"}
    )


class AgentClient:
    """Async client of the AI Agent Orchestrator.

    Use it as ``async with AgentClient(api_url=..., api_key=...) as client:`` (or call
    ``await client.close()``); one client holds one connection pool, so share it across tasks.

    Args:
        api_url: The orchestrator's base URL (http or https).
        api_key: The API key, sent as ``Authorization: Bearer``; defaults to ``AI_AGENT_API_KEY``.
        timeout: Seconds one HTTP attempt may take (connect, write, read, wait for the pool).
        max_retries: Shortcut for ``RetryConfig(max_retries=...)``; if both are given they
            must agree.
        retry_config: Back-off settings (ms), see ``RetryConfig``.
        pool_config: Connection pool settings, see ``PoolConfig``.
        backend: ``"httpx"`` (default) or ``"aiohttp"`` (the ``aiohttp`` extra: a faster
            connection layer under the same retries, metrics, limits and TLS settings).
        verify: TLS verification: True (default, system CAs), a CA bundle path, or an
            ``ssl.SSLContext``. False disables verification; never do that in production.
        headers: Extra headers sent with every request.
        clock: Where time and sleeping come from; tests pass a fake one.
        transport: An httpx transport to use instead of the pool (e.g. ``httpx.MockTransport``).
    """

    def __init__(
        self,
        api_url: str = "http://localhost:3000",
        api_key: str | None = None,
        timeout: float = 30,
        max_retries: int | None = None,
        retry_config: RetryConfig | None = None,
        pool_config: PoolConfig | None = None,
        *,
        backend: Backend = "httpx",
        verify: bool | str | ssl.SSLContext = True,
        headers: Mapping[str, str] | None = None,
        clock: Clock | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._closed = True  # until fully built: a failed constructor leaves nothing to warn about
        configure_from_env()
        _skip_missing_sniffio_lookups()
        if api_key is None:
            api_key = os.environ.get("AI_AGENT_API_KEY")
        key = _check_key(api_key)
        self._api_url = _check_url(api_url)
        check_number("AgentClient", "timeout", timeout, minimum=0, exclusive=True)
        retry = _retry_config(max_retries, retry_config)
        if pool_config is not None and not isinstance(pool_config, PoolConfig):
            raise ValidationError(
                f"pool_config must be a PoolConfig, got {type(pool_config).__name__}",
                details={"field": "pool_config"},
            )
        pool = pool_config or PoolConfig()
        inner = transport or _inner_transport(backend, pool, verify)
        self.retry_config = retry
        self.pool_config = pool
        self.timeout = float(timeout)
        self._metrics = Metrics()
        clock = clock or Clock()
        self._http = httpx.AsyncClient(
            base_url=self._api_url,
            auth=_BearerAuth(key),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            timeout=httpx.Timeout(self.timeout),
            transport=RetryingTransport(
                inner,
                retry,
                self._metrics,
                clock,
                max_concurrency=pool.max_connections,
                pool_timeout=self.timeout,
            ),
            follow_redirects=False,
        )
        self._core = Core(
            self._http,
            api_key=key,
            timeout=self.timeout,
            clock=clock,
            max_connections=pool.max_connections,
        )
        self._agents: AgentsResource | None = None
        self._tasks: TasksResource | None = None
        self._api: Client | None = None
        self._closed = False

    # -- resources (imported on first use: `import ai_agent` stays cheap) ------------------

    @property
    def agents(self) -> AgentsResource:
        """Agent operations: create, list, get, update, delete, status, capabilities."""
        if self._agents is None:
            from .resources.agents import AgentsResource

            self._agents = AgentsResource(self._core)
        return self._agents

    @property
    def tasks(self) -> TasksResource:
        """Task operations: submit, get, list, wait, cancel, retry, batches."""
        if self._tasks is None:
            from .resources.tasks import TasksResource

            self._tasks = TasksResource(self._core)
        return self._tasks

    @property
    def api(self) -> Client:
        """The generated low-level client, sharing this client's pool, auth, retries and metrics.

        For endpoints' ``asyncio_detailed`` functions when you need the raw response.
        """
        if self._api is None:
            from ai_agent_client import Client

            self._api = Client(base_url=self._api_url).set_async_httpx_client(self._http)
        return self._api

    @property
    def api_url(self) -> str:
        """The base URL requests go to."""
        return self._api_url

    @property
    def is_closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._closed

    # -- health and metrics -------------------------------------------------------------

    async def health(self) -> Health:
        """The service's health (``GET /health``, no auth). A 503 with a health body is
        returned as ``status == "DOWN"``, not raised."""
        from ai_agent_client.api.health import get_health
        from ai_agent_client.models import Health as WireHealth
        from ai_agent_client.models import HealthChecks

        where = label("health")
        response = await self._core.send(
            "health", where, get_health._get_kwargs(), authenticated=False, retry_statuses=False
        )
        if response.status_code not in (200, 503):
            raise error_from_response(response, where, redact=self._core.redact)
        try:
            body = read_json(response, where)
        except InvalidResponseError:
            if response.status_code == 503:
                raise error_from_response(response, where) from None
            raise
        if response.status_code == 503 and not (isinstance(body, Mapping) and "status" in body):
            raise error_from_response(response, where, redact=self._core.redact)
        wire = parse_model(response, where, body, WireHealth.from_dict)
        checks = wire.checks.additional_properties if isinstance(wire.checks, HealthChecks) else {}
        return Health(
            status=wire.status,
            checks=dict(checks),
            timestamp=wire.timestamp,
            uptime=wire.uptime if isinstance(wire.uptime, (int, float)) else None,
            version=wire.version if isinstance(wire.version, str) else None,
            http_status=response.status_code,
            raw=dict(body),
        )

    def get_metrics(self) -> MetricsSnapshot:
        """Request counts, rates (%), latencies (ms) and retries, in total and per operation."""
        return self._metrics.snapshot()

    def reset_metrics(self) -> None:
        """Start the metrics from zero."""
        self._metrics.reset()

    # -- lifecycle ----------------------------------------------------------------------

    async def close(self) -> None:
        """Close the connection pool. Safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._core.closed = True
        await self._http.aclose()

    async def __aenter__(self) -> AgentClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return f"<AgentClient {self.__dict__.get('_api_url', '?')} ({state})>"

    def __del__(self) -> None:
        # Only a warning: closing needs the event loop, which may be gone by now.
        if not self.__dict__.get("_closed", True):
            warnings.warn(
                f"{self!r} was never closed; use `async with AgentClient(...)` or `await client.close()`",
                ResourceWarning,
                stacklevel=1,
                source=self,
            )
