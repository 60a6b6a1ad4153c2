"""``AsyncAgentClient`` (exported as ``AgentClient``): wires settings -> pool -> retrying
transport -> core -> resources."""

from __future__ import annotations

import ssl
import warnings
from collections.abc import Mapping
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from .._backends import Backend, make_async_transport
from .._config import PoolConfig, RetryConfig
from .._logging import configure_from_env
from .._metrics import Metrics, MetricsSnapshot
from .._request import ServerFeatures, label
from .._response import parse_health
from .._results import Health
from .._settings import BearerAuth, resolve_settings
from .._synchronization import AsyncClock
from .core import AsyncCore
from .pool import AsyncPool
from .transport import AsyncRetryingTransport

if TYPE_CHECKING:
    from ai_agent_client import Client

    from .resources.agents import AsyncAgentsResource
    from .resources.tasks import AsyncTasksResource

__all__ = ["AsyncAgentClient"]


class AsyncAgentClient:
    """Client of the AI Agent Orchestrator (one connection pool; share it across your code).

    Use it in a ``async with`` block, or call ``close()`` when done.

    Args:
        api_url: The orchestrator's base URL (http or https).
        api_key: The API key, sent as ``Authorization: Bearer``; defaults to ``AI_AGENT_API_KEY``.
        timeout: Seconds one HTTP attempt may take (connect, write, read, wait for the pool).
        max_retries: Shortcut for ``RetryConfig(max_retries=...)``; if both are given they
            must agree.
        retry_config: Back-off settings (ms), see ``RetryConfig``.
        pool_config: Connection pool settings, see ``PoolConfig``.
        backend: ``"httpx"`` (default) or, on the async client only, ``"aiohttp"`` (the
            ``aiohttp`` extra: a faster connection layer under the same retries, metrics,
            limits and TLS settings).
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
        clock: AsyncClock | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._open = False  # until fully built: a failed constructor leaves nothing to warn about
        configure_from_env()
        settings = resolve_settings(
            type(self).__name__, api_url, api_key, timeout, max_retries, retry_config, pool_config, headers
        )
        if transport is None:
            make_inner = partial(make_async_transport, backend, settings.pool, verify)
            pool = AsyncPool(
                make_inner,
                make_inner(),
                max_connections=settings.pool.max_connections,
                pool_timeout=settings.timeout,
            )
        else:
            pool = AsyncPool(
                None, transport, max_connections=settings.pool.max_connections, pool_timeout=settings.timeout
            )
        self._settings = settings
        self._metrics = Metrics()
        clock = clock or AsyncClock()
        self._core = AsyncCore(
            AsyncRetryingTransport(pool, settings.retry, self._metrics, clock),
            base_url=settings.api_url,
            headers=settings.headers,
            api_key=settings.api_key,
            timeout=settings.timeout,
            clock=clock,
            max_connections=settings.pool.max_connections,
            features=ServerFeatures(),
        )
        self._agents: AsyncAgentsResource | None = None
        self._tasks: AsyncTasksResource | None = None
        self._http: httpx.AsyncClient | None = None
        self._api: Client | None = None
        self._open = True

    # -- settings -----------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The base URL requests go to."""
        return self._settings.api_url

    @property
    def timeout(self) -> float:
        """Seconds one HTTP attempt may take."""
        return self._settings.timeout

    @property
    def retry_config(self) -> RetryConfig:
        """How failed requests are retried."""
        return self._settings.retry

    @property
    def pool_config(self) -> PoolConfig:
        """The connection pool's settings."""
        return self._settings.pool

    @property
    def is_closed(self) -> bool:
        """Whether ``close()`` was called."""
        return self._core.closed

    # -- resources (imported on first use: `import ai_agent` stays cheap) ------------------

    @property
    def agents(self) -> AsyncAgentsResource:
        """Agent operations: create, list, get, update, delete, status, capabilities."""
        if self._agents is None:
            from .resources.agents import AsyncAgentsResource

            self._agents = AsyncAgentsResource(self._core)
        return self._agents

    @property
    def tasks(self) -> AsyncTasksResource:
        """Task operations: submit, get, list, wait, cancel, retry, batches."""
        if self._tasks is None:
            from .resources.tasks import AsyncTasksResource

            self._tasks = AsyncTasksResource(self._core)
        return self._tasks

    @property
    def api(self) -> Client:
        """The generated low-level client, sharing this client's pool, auth, retries and metrics.

        For the generated endpoints' ``*_detailed`` functions when you need the raw response.
        """
        if self._api is None:
            from ai_agent_client import Client

            settings = self._settings
            self._http = httpx.AsyncClient(
                base_url=settings.api_url,
                auth=BearerAuth(settings.api_key),
                headers=settings.headers,
                timeout=httpx.Timeout(settings.timeout),
                transport=self._core.transport,
                follow_redirects=False,
            )
            self._api = Client(base_url=settings.api_url).set_async_httpx_client(self._http)
        return self._api

    # -- health and metrics -------------------------------------------------------------

    async def health(self) -> Health:
        """The service's health (``GET /health``, no auth). A 503 with a health body is
        returned as ``status == "DOWN"``, not raised."""
        from ai_agent_client.api.health import get_health

        where = label("health")
        response = await self._core.send(
            "health", where, get_health._get_kwargs(), authenticated=False, retry_statuses=False
        )
        return parse_health(response, where, self._core.redact)

    def get_metrics(self) -> MetricsSnapshot:
        """Request counts, rates (%), latencies (ms) and retries, in total and per operation."""
        return self._metrics.snapshot()

    def reset_metrics(self) -> None:
        """Start the metrics from zero."""
        self._metrics.reset()

    # -- lifecycle ----------------------------------------------------------------------

    async def close(self) -> None:
        """Close the connection pool; calls still waiting get ``ClientClosedError``. Safe to
        call more than once."""
        if not self._open:
            return
        self._open = False
        await self._core.transport.aclose()

    async def __aenter__(self) -> AsyncAgentClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        settings = self.__dict__.get("_settings")
        state = "closed" if "_core" not in self.__dict__ or self._core.closed else "open"
        return f"<{type(self).__name__} {settings.api_url if settings else '?'} ({state})>"

    def __del__(self) -> None:
        # Only a warning: closing may need an event loop that is gone by now.
        if self.__dict__.get("_open") and not self._core.closed:
            warnings.warn(
                f"{self!r} was never closed; use it in a `with` block or call close()",
                ResourceWarning,
                stacklevel=1,
                source=self,
            )
