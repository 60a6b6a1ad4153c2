"""OpenTelemetry, when the application uses it (the ``otel`` extra: ``opentelemetry-api`` only).

Nothing is imported until a client makes its first request, and nothing is done unless the
application has configured a tracer (or meter) provider: until then each request pays one
check. Once configured, both clients emit, with no code change:

    <operation>                 INTERNAL span per public call (``tasks.submit``,
                                ``tasks.wait_for_all``, ...), covering every attempt and back-off
    GET / POST / ...            CLIENT span per HTTP attempt under it (also for ``client.api``),
                                with the HTTP client conventions' attributes
    waits                       one span for the whole wait; each poll or blocking read and each
                                status change is an event on it, not a child span
    traceparent / tracestate    injected into every attempt
    http.client.request.duration         histogram per attempt (s)
    ai_agent.client.operation.duration   histogram per public call (s)
    ai_agent.client.retries              counter of retries, by operation and reason

Metric attributes are low-cardinality (never an id); no span, attribute, event or metric
carries the API key (headers are never recorded). Any failure of OpenTelemetry itself is
swallowed: tracing never breaks a call.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

import httpx

from ._logging import logger

__all__ = ["Attempt", "Detached", "Tracing"]

SCOPE = "ai_agent"
_NOTHING = contextlib.nullcontext()  # the whole of a call's tracing while nothing is configured
_api: Any = None  # the OpenTelemetry API modules once loaded; False when not installed

# The span of the wait in progress, if any: its attempts become events on it.
WAIT_SPAN: ContextVar[Any] = ContextVar("ai_agent_wait_span", default=None)
# Set while a public call's span is open, so that its requests do not open another.
IN_CALL: ContextVar[bool] = ContextVar("ai_agent_in_call", default=False)


class _Api:
    def __init__(self) -> None:
        from opentelemetry import context, metrics, propagate, trace

        self.context = context
        self.metrics = metrics
        self.propagate = propagate
        self.trace = trace
        # Instrumentations of httpx and aiohttp skip a request while this is set: our attempt
        # span is the CLIENT span, there must not be a second one.
        self.suppress_http = getattr(context, "_SUPPRESS_HTTP_INSTRUMENTATION_KEY", None)
        # OpenTelemetry's getters look the environment up on every call until a provider is
        # set (about 1 us each, four times a request). Their globals say the same for free;
        # where a provider comes from the environment, or the globals moved, ask the getters.
        self._globals = not any(
            name in os.environ for name in ("OTEL_PYTHON_TRACER_PROVIDER", "OTEL_PYTHON_METER_PROVIDER")
        ) and all(hasattr(module, name) for module, name in _globals(trace, metrics))
        self._metrics_internal = sys.modules.get("opentelemetry.metrics._internal")

    def configured(self) -> bool:
        """Whether the application has set a global tracer or meter provider."""
        if self._globals:
            return (
                self.trace._TRACER_PROVIDER is not None or self._metrics_internal._METER_PROVIDER is not None  # type: ignore[union-attr]
            )
        return self.tracer_provider() is not None or self.meter_provider() is not None

    def tracer_provider(self) -> Any:
        """The global tracer provider, or None while it is the unconfigured proxy."""
        if self._globals:
            provider = self.trace._TRACER_PROVIDER
            if provider is None:
                return None
        else:
            provider = self.trace.get_tracer_provider()
        return None if isinstance(provider, self.trace.ProxyTracerProvider) else provider

    def meter_provider(self) -> Any:
        """The global meter provider, or None while it is unconfigured."""
        if self._globals:
            provider = self._metrics_internal._METER_PROVIDER  # type: ignore[union-attr]
            if provider is None:
                return None
        else:
            provider = self.metrics.get_meter_provider()
        return provider


def _globals(trace: Any, metrics: Any) -> list[tuple[Any, str]]:
    internal = sys.modules.get("opentelemetry.metrics._internal")
    return [(trace, "_TRACER_PROVIDER"), (internal, "_METER_PROVIDER")]


def _load() -> _Api | None:
    global _api
    if _api is None:
        try:
            _api = _Api()
        except ImportError:
            _api = False
    return _api or None


def _quietly(action: str) -> contextlib.AbstractContextManager[None]:
    """Run a tracing step; if OpenTelemetry fails, log it and carry on with the call."""
    return _Quiet(action)


class _Quiet:
    def __init__(self, action: str) -> None:
        self._action = action

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        if exc is not None and isinstance(exc, Exception):
            logger.debug("OpenTelemetry failed to %s: %s", self._action, type(exc).__name__)
            return True
        return False


class Tracing:
    """A client's tracing and metrics: a no-op until the application configures OpenTelemetry.

    Args:
        enabled: ``tracing=`` of the client (False: emit nothing, for users who prefer their
            own httpx instrumentation).
        base_url: The orchestrator's URL (for ``server.address`` and ``server.port``).
        tracer_provider: A provider to use instead of the global one.
        meter_provider: A provider to use instead of the global one.
    """

    def __init__(
        self, enabled: bool, base_url: str, tracer_provider: Any = None, meter_provider: Any = None
    ) -> None:
        self.enabled = enabled
        parts = urlsplit(base_url)
        self.address = parts.hostname or ""
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self._tracer_provider = tracer_provider
        self._meter_provider = meter_provider
        self._tracer: Any = None
        self._tracer_source: Any = None
        self._instruments: dict[str, Any] | None = None
        self._instruments_source: Any = None

    # -- what is switched on -----------------------------------------------------------------

    def live(self) -> bool:
        """Whether a call may emit anything: the one cheap check each request makes while
        OpenTelemetry is not configured."""
        if not self.enabled:
            return False
        if self._tracer_provider is not None or self._meter_provider is not None:
            return True
        api = _api or _load()  # the module global first: this runs on every request
        return api is not None and api.configured()

    def tracer(self) -> Any:
        """The tracer, or None when no tracer provider is configured (then spans are skipped)."""
        if not self.enabled:
            return None
        api = _load()
        if api is None:
            return None
        provider = self._tracer_provider or api.tracer_provider()
        if provider is None or isinstance(provider, api.trace.ProxyTracerProvider):
            return None  # the application has not configured OpenTelemetry
        if provider is not self._tracer_source:
            from ._version import __version__

            self._tracer = provider.get_tracer(SCOPE, __version__)
            self._tracer_source = provider
        return self._tracer

    def instruments(self) -> dict[str, Any] | None:
        """The metric instruments, or None when no meter provider is configured."""
        if not self.enabled:
            return None
        api = _load()
        if api is None:
            return None
        provider = self._meter_provider or api.meter_provider()
        if provider is None or type(provider).__name__ in ("_ProxyMeterProvider", "NoOpMeterProvider"):
            return None
        if provider is not self._instruments_source:
            from ._version import __version__

            meter = provider.get_meter(SCOPE, __version__)
            self._instruments = {
                "attempt": meter.create_histogram(
                    "http.client.request.duration", unit="s", description="Duration of HTTP client requests."
                ),
                "operation": meter.create_histogram(
                    "ai_agent.client.operation.duration",
                    unit="s",
                    description="Duration of AI Agent Orchestrator SDK calls, retries and back-off included.",
                ),
                "retries": meter.create_counter(
                    "ai_agent.client.retries",
                    unit="{retry}",
                    description="Retries made by the AI Agent Orchestrator SDK.",
                ),
            }
            self._instruments_source = provider
        return self._instruments

    # -- spans -------------------------------------------------------------------------------

    def call(
        self, operation: str, attributes: Mapping[str, Any] | None = None, *, wait: bool = False
    ) -> contextlib.AbstractContextManager[Any]:
        """The INTERNAL span of one public call (``wait``: the span of a wait, which takes its
        polls and reads as events); nothing when already inside one, or when switched off."""
        if not self.live():
            return _NOTHING
        tracer = self.tracer()
        instruments = self.instruments()
        if (tracer is None and instruments is None) or IN_CALL.get():
            return _NOTHING
        return self._call(tracer, instruments, operation, attributes, wait)

    @contextlib.contextmanager
    def _call(
        self, tracer: Any, instruments: Any, operation: str, attributes: Mapping[str, Any] | None, wait: bool
    ) -> Iterator[Any]:
        span: Any = None
        started = time.perf_counter()
        error: str | None = None
        token = IN_CALL.set(True)
        wait_token = None
        try:
            if tracer is not None:
                with _quietly("start a span"):
                    api = _load()
                    assert api is not None
                    span = tracer.start_span(
                        operation,
                        kind=api.trace.SpanKind.INTERNAL,
                        attributes={
                            "ai_agent.operation": operation,
                            "server.address": self.address,
                            "server.port": self.port,
                            **(attributes or {}),
                        },
                    )
            with _activated(span):
                if wait and span is not None:
                    wait_token = WAIT_SPAN.set(span)
                yield span
        except BaseException as exc:
            error = type(exc).__name__
            raise
        finally:
            if wait_token is not None:
                WAIT_SPAN.reset(wait_token)
            IN_CALL.reset(token)
            with _quietly("end a span"):
                if span is not None:
                    if error is not None:
                        _fail(span, error)
                    span.end()
            with _quietly("record a metric"):
                if instruments is not None:
                    attributes = {"ai_agent.operation": operation}
                    if error is not None:
                        attributes["error.type"] = error
                    instruments["operation"].record(time.perf_counter() - started, attributes)

    def detached(self, operation: str, attributes: Mapping[str, Any] | None = None) -> Detached:
        """A call's span that is not made current (for an iterator, which runs in its consumer's
        context between items); end it with ``.end(error_type or None)``."""
        return Detached(self, operation, attributes)

    def attempt(self, request: httpx.Request, attempt: int, held: bool) -> Attempt | None:
        """Start tracing one HTTP attempt (None when nothing is switched on)."""
        if not self.live():
            return None
        tracer = self.tracer()
        instruments = self.instruments()
        if tracer is None and instruments is None:
            return None
        return Attempt(self, tracer, instruments, request, attempt, held)

    def retried(self, operation: str, reason: str) -> None:
        """Count one retry."""
        instruments = self.instruments()
        if instruments is None:
            return
        with _quietly("record a metric"):
            instruments["retries"].add(1, {"ai_agent.operation": operation, "error.type": reason})

    def event(self, name: str, attributes: Mapping[str, Any]) -> None:
        """An event on the wait in progress (a status change, say)."""
        span = WAIT_SPAN.get()
        if span is not None:
            with _quietly("add an event"):
                span.add_event(name, dict(attributes))


class Detached:
    """A span started now and ended by hand, never made current."""

    def __init__(self, tracing: Tracing, operation: str, attributes: Mapping[str, Any] | None) -> None:
        self._span: Any = None
        self._ended = False
        tracer = tracing.tracer()
        api = _load()
        if tracer is None or api is None:
            return
        with _quietly("start a span"):
            self._span = tracer.start_span(
                operation,
                kind=api.trace.SpanKind.INTERNAL,
                attributes={
                    "ai_agent.operation": operation,
                    "server.address": tracing.address,
                    "server.port": tracing.port,
                    **(attributes or {}),
                },
            )

    def event(self, name: str, attributes: Mapping[str, Any]) -> None:
        """An event on the span."""
        if self._span is not None:
            with _quietly("add an event"):
                self._span.add_event(name, dict(attributes))

    def end(self, error: str | None) -> None:
        """End the span (once), as failed when ``error`` names an error type."""
        if self._span is None or self._ended:
            return
        self._ended = True
        with _quietly("end a span"):
            if error is not None:
                _fail(self._span, error)
            self._span.end()


class Attempt:
    """One HTTP attempt being traced: a CLIENT span (or, inside a wait, an event on the wait's
    span), ``traceparent`` injected, other HTTP instrumentations suppressed meanwhile."""

    def __init__(
        self,
        tracing: Tracing,
        tracer: Any,
        instruments: Any,
        request: httpx.Request,
        attempt: int,
        held: bool,
    ) -> None:
        self._tracing = tracing
        self._instruments = instruments
        self._request = request
        self._attempt = attempt
        self._held = held
        self._started = time.perf_counter()
        self._span: Any = None
        self._wait_span = WAIT_SPAN.get()
        self._token: Any = None
        api = _load()
        assert api is not None
        with _quietly("start an attempt span"):
            context = api.context.get_current()
            if tracer is not None and self._wait_span is None:
                attributes: dict[str, Any] = {
                    "http.request.method": request.method,
                    "url.full": str(request.url),
                    "server.address": tracing.address,
                    "server.port": tracing.port,
                }
                if attempt > 1:
                    attributes["http.request.resend_count"] = attempt - 1
                self._span = tracer.start_span(
                    request.method, kind=api.trace.SpanKind.CLIENT, attributes=attributes, context=context
                )
                context = api.trace.set_span_in_context(self._span, context)
            for name in ("traceparent", "tracestate"):
                request.headers.pop(name, None)  # a retry carries this attempt's, not the last one's
            api.propagate.inject(request.headers, context=context)
            if api.suppress_http is not None:
                self._token = api.context.attach(api.context.set_value(api.suppress_http, True, context))

    def done(self, response: httpx.Response) -> None:
        """The attempt got an answer."""
        status = response.status_code
        self._end(status, str(status) if status >= 400 else None, response.headers.get("x-request-id"))

    def failed(self, exc: BaseException) -> None:
        """The attempt got no answer."""
        self._end(None, type(exc).__name__, None)

    def _end(self, status: int | None, error: str | None, request_id: str | None) -> None:
        api = _load()
        with _quietly("end an attempt span"):
            if self._token is not None and api is not None:
                api.context.detach(self._token)
                self._token = None
            span = self._span
            if span is not None:
                if status is not None:
                    span.set_attribute("http.response.status_code", status)
                if request_id:
                    span.set_attribute("http.response.header.x-request-id", [request_id])
                if error is not None:
                    _fail(span, error)
                span.end()
            elif self._wait_span is not None:
                attributes: dict[str, Any] = {"http.request.method": self._request.method}
                if status is not None:
                    attributes["http.response.status_code"] = status
                if error is not None:
                    attributes["error.type"] = error
                if self._attempt > 1:
                    attributes["http.request.resend_count"] = self._attempt - 1
                self._wait_span.add_event("blocking read" if self._held else "poll", attributes)
        with _quietly("record a metric"):
            if self._instruments is not None:
                attributes = {
                    "http.request.method": self._request.method,
                    "server.address": self._tracing.address,
                    "server.port": self._tracing.port,
                }
                if status is not None:
                    attributes["http.response.status_code"] = status
                if error is not None:
                    attributes["error.type"] = error
                self._instruments["attempt"].record(time.perf_counter() - self._started, attributes)


@contextlib.contextmanager
def _activated(span: Any) -> Iterator[None]:
    """``span`` as the current span inside the block (if there is one)."""
    api = _load()
    if span is None or api is None:
        yield
        return
    token = None
    with _quietly("activate a span"):
        token = api.context.attach(api.trace.set_span_in_context(span))
    try:
        yield
    finally:
        if token is not None:
            with _quietly("deactivate a span"):
                api.context.detach(token)


def _fail(span: Any, error: str) -> None:
    api = _load()
    if api is None:
        return
    span.set_attribute("error.type", error)
    span.set_status(api.trace.Status(api.trace.StatusCode.ERROR, error))
