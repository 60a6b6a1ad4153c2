# Generated from ai_agent/_async/client.py by scripts/unasync.py: do not edit; run `make generate`.
"""``SyncAgentClient`` (exported as ``AgentClient``): wires settings -> pool -> retrying
transport -> core -> resources."""

from __future__ import annotations

import logging
import ssl
import warnings
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from .._checks import check_number
from .._config import PoolConfig, RetryConfig
from .._connection import Backend, ProxyTypes, check_own_transport, make_sync_transport, resolve_network
from .._hooks import EventHooks, check_event_hooks
from .._logging import configure_from_env
from .._metrics import Metrics, MetricsSnapshot
from .._request import ServerFeatures, label
from .._response import parse_health
from .._results import Health
from .._settings import BearerAuth, Settings, check_instance, check_verify, derive_settings, resolve_settings
from .._synchronization import SyncClock, check_callback
from .._tls import CertTypes
from .._tracing import Tracing
from .core import SyncCore
from .httpx_layer import SyncHttpxLayer
from .pool import SyncPool
from .transport import SyncRetryingTransport

if TYPE_CHECKING:
    from ai_agent_client import Client

    from .raw import SyncClientWithRawResponse
    from .resources.agents import SyncAgentsResource
    from .resources.tasks import SyncTasksResource

__all__ = ["SyncAgentClient"]


class SyncAgentClient:
    """Client of the AI Agent Orchestrator (one connection pool; share it across your code).

    Use it in a ``with`` block, or call ``close()`` when done.

    Args:
        api_url: The orchestrator's base URL (http or https); defaults to ``AI_AGENT_API_URL``,
            else ``http://localhost:3000``.
        api_key: The API key, sent as ``Authorization: Bearer``; defaults to ``AI_AGENT_API_KEY``.
        timeout: Seconds one HTTP attempt may take (connect, write, read, wait for the pool).
        max_retries: Shortcut for ``RetryConfig(max_retries=...)``; if both are given they
            must agree.
        retry_config: Back-off settings (ms), see ``RetryConfig``.
        pool_config: Connection pool settings, see ``PoolConfig``.
        long_poll: Wait with blocking reads when the server has them (the default); False
            always polls, as against a server without the extension.
        long_poll_hold: Seconds a blocking read may be held (1 to 30; default 20, under the
            60 s after which proxies and load balancers commonly cut idle connections).
        tracing: Emit OpenTelemetry spans and metrics when the application has configured it
            (the ``otel`` extra); False leaves that to your own instrumentation.
        tracer_provider: An OpenTelemetry tracer provider to use instead of the global one.
        meter_provider: An OpenTelemetry meter provider to use instead of the global one.
        backend: ``"httpx"`` (default) or, on the async client only, ``"aiohttp"`` (the
            ``aiohttp`` extra: a faster connection layer under the same retries, metrics,
            limits and TLS settings).
        verify: TLS verification: True (default, system CAs), a CA bundle path, or an
            ``ssl.SSLContext``. False disables verification; never do that in production.
        cert: A client certificate for mutual TLS, as httpx takes it: a PEM file with
            certificate and key, ``(certfile, keyfile)`` or ``(certfile, keyfile, password)``.
        proxy: A proxy URL (``"http://user:pass@proxy:3128"``), an ``httpx.Proxy``, or a mapping
            of URL patterns to proxies as httpx's ``mounts`` (``{"https://": url, "all://*.lan":
            None}``). When None, ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY``
            are honoured as httpx honours them (unless ``trust_env`` is False). Chosen once, for
            ``api_url``.
        trust_env: Read proxies and ``SSL_CERT_FILE``/``SSL_CERT_DIR`` from the environment
            (default True), as httpx does.
        http2: Speak HTTP/2 where the server offers it over TLS (the ``http2`` extra; httpx
            backend only): every call and blocking read shares one connection.
        headers: Extra headers sent with every request.
        event_hooks: ``{"request": [...], "response": [...], "retry": [...]}``: callables run on
            every attempt (see ``ai_agent.RequestHook`` and friends; async ones are awaited).
        logger: Where the client logs (default: the ``ai_agent`` logger); never the key.
        clock: Where time and sleeping come from; tests pass a fake one.
        transport: An httpx transport to use instead of the pool (e.g. ``httpx.MockTransport``).
    """

    def __init__(
        self,
        api_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 30,
        max_retries: int | None = None,
        retry_config: RetryConfig | None = None,
        pool_config: PoolConfig | None = None,
        *,
        long_poll: bool = True,
        long_poll_hold: float = 20.0,
        tracing: bool = True,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        backend: Backend = "httpx",
        verify: bool | str | ssl.SSLContext = True,
        cert: CertTypes | None = None,
        proxy: ProxyTypes | None = None,
        trust_env: bool = True,
        http2: bool = False,
        headers: Mapping[str, str] | None = None,
        event_hooks: Mapping[str, Sequence[Callable[..., Any]]] | None = None,
        logger: logging.Logger | logging.LoggerAdapter[logging.Logger] | None = None,
        clock: SyncClock | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._open = False  # until fully built: a failed constructor leaves nothing to warn about
        configure_from_env()
        owner = type(self).__name__
        settings = resolve_settings(
            owner, api_url, api_key, timeout, max_retries, retry_config, pool_config, headers, logger
        )
        hooks = check_event_hooks(owner, event_hooks, check_callback)
        check_verify(verify)
        network = resolve_network(
            settings.api_url, verify=verify, cert=cert, proxy=proxy, trust_env=trust_env, http2=http2
        )
        check_instance("long_poll", long_poll, bool, "True or False")
        check_instance("tracing", tracing, bool, "True or False")
        check_number(owner, "long_poll_hold", long_poll_hold, minimum=1, maximum=30)
        check_instance("clock", clock, SyncClock, "a clock (SyncClock)")
        check_instance("transport", transport, httpx.BaseTransport, "an httpx.BaseTransport")
        if transport is not None:
            check_own_transport(proxy=proxy, cert=cert, verify=verify, http2=http2, backend=backend)
        if transport is None:
            make_inner = partial(make_sync_transport, SyncHttpxLayer, backend, settings.pool, network)
            pool = SyncPool(
                make_inner,
                make_inner(),
                max_connections=settings.pool.max_connections,
                pool_timeout=settings.timeout,
                first_alone=network.http2,
            )
        else:
            pool = SyncPool(
                None, transport, max_connections=settings.pool.max_connections, pool_timeout=settings.timeout
            )
        hold = float(long_poll_hold) if long_poll else None
        otel = Tracing(tracing, settings.api_url, tracer_provider, meter_provider)
        self._wire(settings, pool, Metrics(), clock or SyncClock(), hooks, ServerFeatures(), hold, otel)
        self._owns_pool = True
        self._open = True

    def _wire(
        self,
        settings: Settings,
        pool: SyncPool,
        metrics: Metrics,
        clock: SyncClock,
        hooks: EventHooks,
        features: ServerFeatures,
        long_poll_hold: float | None,
        tracing: Tracing,
    ) -> None:
        """Everything but the pool is per client; ``with_options`` copies share the pool."""
        self._settings = settings
        self._metrics = metrics
        transport = SyncRetryingTransport(
            pool, settings.retry, metrics, clock, hooks=hooks, logger=settings.logger, tracing=tracing
        )
        self._core = SyncCore(
            transport,
            base_url=settings.api_url,
            headers=settings.headers,
            api_key=settings.api_key,
            timeout=settings.timeout,
            clock=clock,
            max_connections=settings.pool.max_connections,
            features=features,
            long_poll_hold=long_poll_hold,
            tracing=tracing,
        )
        self._agents: SyncAgentsResource | None = None
        self._tasks: SyncTasksResource | None = None
        self._http: httpx.Client | None = None
        self._api: Client | None = None
        self._raw: SyncClientWithRawResponse | None = None
        self._initialized = False

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        retry_config: RetryConfig | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> SyncAgentClient:
        """A client that differs from this one only in the given settings, and shares its
        connection pool, auth, metrics, hooks and what it knows of the server:
        ``client.with_options(max_retries=0).tasks.submit(...)``.

        ``headers`` are added to this client's. It costs no connections; closing this client
        closes it too, and closing it does nothing to this one.
        """
        settings = derive_settings(
            "with_options", self._settings, timeout, max_retries, retry_config, headers
        )
        core = self._core
        copy = type(self).__new__(type(self))
        copy._open = False
        copy._wire(
            settings,
            core.transport.pool,
            self._metrics,
            core.clock,
            core.transport.hooks,
            core.features,
            core.long_poll_hold,
            core.tracing,
        )
        copy._owns_pool = False
        return copy

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
        """Whether the client (or, for a ``with_options`` copy, its parent) was closed."""
        return self._core.closed

    @property
    def with_raw_response(self) -> SyncClientWithRawResponse:
        """The same calls, returning a ``RawResponse`` (status, headers, request id, attempts,
        elapsed, and ``.parse()`` for the usual result): ``client.with_raw_response.tasks.get(id)``."""
        if self._raw is None:
            from .raw import SyncClientWithRawResponse

            self._raw = SyncClientWithRawResponse(self)
        return self._raw

    # -- resources (imported on first use: `import ai_agent` stays cheap) ------------------

    @property
    def agents(self) -> SyncAgentsResource:
        """Agent operations: create, list, get, update, delete, status, capabilities."""
        if self._agents is None:
            from .resources.agents import SyncAgentsResource

            self._agents = SyncAgentsResource(self._core)
        return self._agents

    @property
    def tasks(self) -> SyncTasksResource:
        """Task operations: submit, get, list, wait, cancel, retry, batches."""
        if self._tasks is None:
            from .resources.tasks import SyncTasksResource

            self._tasks = SyncTasksResource(self._core)
        return self._tasks

    @property
    def api(self) -> Client:
        """The generated low-level client, sharing this client's pool, auth, retries and metrics.

        For the generated endpoints' ``*_detailed`` functions when you need the raw response.
        """
        if self._api is None:
            from ai_agent_client import Client

            settings = self._settings
            self._http = httpx.Client(
                base_url=settings.api_url,
                auth=BearerAuth(settings.api_key),
                headers=settings.headers,
                timeout=httpx.Timeout(settings.timeout),
                transport=self._core.transport,
                follow_redirects=False,
            )
            self._api = Client(base_url=settings.api_url).set_httpx_client(self._http)
        return self._api

    # -- start-up, health and metrics ---------------------------------------------------

    def initialize(self) -> SyncAgentClient:
        """Check at start-up that the URL answers and the key is accepted; returns the client.

        Optional (``with`` does not call it): for start-up hooks such as FastAPI's
        lifespan, so that a wrong URL fails with ``ConnectionError`` and a wrong key with
        ``AuthenticationError`` before the first real call. It makes at most two requests
        (``GET /health``, which needs no key, and one page of one agent), leaves a warm pooled
        connection, and does nothing when called again.
        """
        if self._initialized:
            return self
        from ai_agent_client.api.agents import list_agents
        from ai_agent_client.api.health import get_health

        where = label("initialize")
        with self._core.tracing.call("initialize"):
            self._core.send(
                "health", where, get_health._get_kwargs(), authenticated=False, retry_statuses=False
            )
            self._core.data("agents.list", where, list_agents._get_kwargs(page=1, limit=1))
        self._initialized = True
        return self

    def health(self) -> Health:
        """The service's health (``GET /health``, no auth). A 503 with a health body is
        returned as ``status == "DOWN"``, not raised."""
        from ai_agent_client.api.health import get_health

        where = label("health")
        response = self._core.send(
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

    def close(self) -> None:
        """Close the connection pool; calls still waiting get ``ClientClosedError``. Safe to
        call more than once. On a ``with_options`` copy it does nothing (the pool is its
        parent's)."""
        if not self._open:
            return
        self._open = False
        if self._owns_pool:
            self._core.transport.close()

    def __enter__(self) -> SyncAgentClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        settings = self.__dict__.get("_settings")
        state = "closed" if "_core" not in self.__dict__ or self._core.closed else "open"
        return f"<{type(self).__name__} {settings.api_url if settings else '?'} ({state})>"

    def __del__(self) -> None:
        # Only a warning: closing may need an event loop that is gone by now.
        if self.__dict__.get("_open") and self.__dict__.get("_owns_pool") and not self._core.closed:
            warnings.warn(
                f"{self!r} was never closed; manage it with `with` or call close()",
                ResourceWarning,
                stacklevel=1,
                source=self,
            )
