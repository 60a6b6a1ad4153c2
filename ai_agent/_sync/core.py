# Generated from ai_agent/_async/core.py by scripts/unasync.py: do not edit; run `make generate`.
"""What every resource method shares: send a generated endpoint's request through the
retrying transport, turn failures into typed errors, unwrap the envelope, parse the model."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from .._errors import AgentClientError, ClientClosedError
from .._hooks import HOOK_ERROR_EXTENSION
from .._messages import (
    Answer,
    HeaderSet,
    LeanRequest,
    RequestParts,
    answered,
    header_of,
    parse_origin,
    set_part_header_once,
)
from .._request import (
    Redactor,
    ServerFeatures,
    build_request,
    new_idempotency_key,
    request_failure,
    request_parts,
    transport_failure,
)
from .._response import RAW_CAPTURE, REVISION_CAPTURE, parse_model, unwrap
from .._retry import (
    ATTEMPTS_EXTENSION,
    DEADLINE_EXTENSION,
    HOLD_EXTENSION,
    NO_STATUS_RETRY_EXTENSION,
    OPERATION_EXTENSION,
    RETRYABLE_STATUSES,
)
from .._synchronization import SyncClock
from .._tracing import Tracing
from .transport import SyncRetryingTransport

__all__ = ["SyncCore"]

T = TypeVar("T")

CLOSED = "the client is closed; create a new client (or use it in a `with` block)"
# Answers that show whether the server has blocking reads (X-Revision), as the contract says.
_TASK_READS = frozenset({"tasks.get", "tasks.list", "tasks.watch"})


class SyncCore:
    """The sending machinery of one client; its resources all use the same one.

    Args:
        transport: The retrying transport (the pool behind it may be shared with copies).
        base_url: The orchestrator's URL, without a trailing slash.
        headers: Headers of every request (User-Agent, Accept, the user's own).
        api_key: The key, sent as ``Authorization: Bearer``.
        timeout: Seconds one attempt may take.
        clock: Where time comes from.
        max_connections: The pool size (bounds the helpers' concurrency).
        features: What the server has shown it supports (shared with copies).
        long_poll_hold: Seconds a blocking read may be held; None to always poll.
        tracing: OpenTelemetry spans and metrics (shared with the transport).
    """

    def __init__(
        self,
        transport: SyncRetryingTransport,
        *,
        base_url: str,
        headers: Mapping[str, str],
        api_key: str,
        timeout: float,
        clock: SyncClock,
        max_connections: int,
        features: ServerFeatures,
        long_poll_hold: float | None = 20.0,
        tracing: Tracing | None = None,
    ) -> None:
        self.transport = transport
        self.tracing = tracing or Tracing(False, base_url)
        self.long_poll_hold = long_poll_hold  # None: never use blocking reads
        self.base_url = base_url
        self.clock = clock
        self.timeout = timeout
        self.max_connections = max_connections
        self.features = features
        self.redact = Redactor(api_key)
        self._headers = HeaderSet(headers)
        self._auth_headers = HeaderSet({**headers, "Authorization": f"Bearer {api_key}"})
        self._origin = parse_origin(base_url)
        self._timeouts = httpx.Timeout(timeout).as_dict()

    @property
    def closed(self) -> bool:
        """Whether the client's pool was closed."""
        return self.transport.pool.closed

    def send(
        self,
        operation: str,
        where: str,
        kwargs: dict[str, Any],
        *,
        authenticated: bool = True,
        retry_statuses: bool = True,
        deadline: float | None = None,
        hold: float | None = None,
        attributes: Mapping[str, Any] | None = None,
    ) -> httpx.Response:
        """Send a generated endpoint's ``_get_kwargs``; any failure becomes a typed error.

        ``deadline`` (on ``clock.monotonic()``) bounds every attempt and back-off of the call.
        ``hold``: a blocking read, which the server may hold that many seconds (so the read
        timeout is the hold plus the client's timeout). ``attributes``: of the call's span (the
        task or agent id).
        """
        with self.tracing.call(operation, attributes):
            return self._call(operation, where, kwargs, authenticated, retry_statuses, deadline, hold)

    def data(
        self,
        operation: str,
        where: str,
        kwargs: dict[str, Any],
        *,
        deadline: float | None = None,
        hold: float | None = None,
        attributes: Mapping[str, Any] | None = None,
    ) -> tuple[httpx.Response, Any]:
        """Send, and return the response with the envelope's ``data``."""
        with self.tracing.call(operation, attributes):
            response = self._call(operation, where, kwargs, True, True, deadline, hold)
            return response, self._unwrap(operation, where, response)

    def model(
        self,
        operation: str,
        where: str,
        kwargs: dict[str, Any],
        parse: Callable[[Mapping[str, Any]], T],
        *,
        deadline: float | None = None,
        attributes: Mapping[str, Any] | None = None,
    ) -> T:
        """Send, unwrap, and parse ``data`` with a generated model's ``from_dict``."""
        with self.tracing.call(operation, attributes):
            response = self._call(operation, where, kwargs, True, True, deadline, None)
            return parse_model(response, where, self._unwrap(operation, where, response), parse)

    def _call(
        self,
        operation: str,
        where: str,
        kwargs: dict[str, Any],
        authenticated: bool,
        retry_statuses: bool,
        deadline: float | None,
        hold: float | None,
    ) -> httpx.Response:
        """The call, with its first attempt made straight through the SDK's own connection
        layer when it can be; otherwise (and for what that attempt leaves open: a retryable
        answer, a failure) through ``_request`` and ``_send``.

        Under load, work done between a call's start and its request reaching the socket costs
        about twice its own CPU (measured on aiohttp at concurrency 50), and so does every
        object kept alive until the answer (each one makes the garbage collector run sooner).
        So the first attempt goes out from the request's parts alone, past the request object
        and the transport, pool and backend layers, in this one coroutine. It is taken when
        the transport is ``bare()`` (no hooks, no tracing), with no deadline or hold, and a
        slot is free at once.
        """
        transport = self.transport
        parts: RequestParts | None = None
        if deadline is None and hold is None and transport.bare():
            try:
                parts = request_parts(
                    self._origin, kwargs, self._auth_headers if authenticated else self._headers, where
                )
            except Exception:
                parts = None  # the general path raises it as the call's typed error
        if parts is not None:
            pool = transport.pool
            exchange = pool.claim()
            if exchange is None and pool.bind():  # the client's first call here
                exchange = pool.claim()
            if exchange is not None:
                if parts.method == "POST":
                    set_part_header_once(parts, "Idempotency-Key", new_idempotency_key)
                started = self.clock.monotonic()
                answer: Answer | None = None
                failure: Exception | None = None
                try:
                    attempt = exchange(parts, self._timeouts)
                    if attempt is not None:  # None: the layer declined (httpx is patched), nothing sent
                        answer = attempt
                except Exception as exc:
                    failure = exc
                finally:
                    pool.release()
                if answer is not None or failure is not None:
                    sent = LeanRequest(parts, self._extensions(operation, retry_statuses, None, None))
                    if answer is None:  # the transport decides on a retry, and counts the failure
                        return self._send(sent, where, failure, started)
                    response = answered(answer, sent)
                    if response.status_code in RETRYABLE_STATUSES:  # the same
                        return self._send(sent, where, response, started)
                    sent.extensions[ATTEMPTS_EXTENSION] = 1
                    transport.finished(sent, operation, started, response, 1)
                    self._seen(operation, response, started)
                    return response
        request = self._request(operation, where, kwargs, authenticated, retry_statuses, deadline, hold)
        return self._send(request, where)

    def _extensions(
        self, operation: str, retry_statuses: bool, deadline: float | None, hold: float | None
    ) -> dict[str, Any]:
        extensions: dict[str, Any] = {OPERATION_EXTENSION: operation, "timeout": self._timeouts}
        if not retry_statuses:
            extensions[NO_STATUS_RETRY_EXTENSION] = True
        if deadline is not None:
            extensions[DEADLINE_EXTENSION] = deadline
        if hold is not None:
            extensions[HOLD_EXTENSION] = hold
            extensions["timeout"] = {**self._timeouts, "read": self.timeout + hold}
        return extensions

    def _request(
        self,
        operation: str,
        where: str,
        kwargs: dict[str, Any],
        authenticated: bool,
        retry_statuses: bool,
        deadline: float | None,
        hold: float | None,
    ) -> httpx.Request:
        """The request for a generated endpoint's ``_get_kwargs`` (built, not sent: one coroutine
        fewer on every call)."""
        if self.closed:
            raise ClientClosedError(CLOSED, operation=where)
        extensions = self._extensions(operation, retry_statuses, deadline, hold)
        headers = self._auth_headers if authenticated else self._headers
        # The facade goes straight to the transport (retries, metrics, pool): it needs none of
        # httpx.Client's per-request machinery (auth flows, redirects, cookies), which
        # cost about a fifth of the CPU of a request.
        try:
            return build_request(self.base_url, self._origin, kwargs, headers, extensions, where)
        except AgentClientError:
            raise
        except Exception as exc:  # e.g. an URL httpx refuses: nothing was sent
            failure = request_failure(exc, where)
        raise failure

    def _send(
        self,
        request: httpx.Request,
        where: str,
        made: httpx.Response | Exception | None = None,
        started: float | None = None,
    ) -> httpx.Response:
        """Send through the transport (``made``, ``started``: a first attempt ``_call`` made itself)."""
        failure: AgentClientError
        extensions = request.extensions
        if started is None:
            started = self.clock.monotonic()
        try:
            response = self.transport.handle_request(request, made, started)
            response.request = request
            self._seen(extensions[OPERATION_EXTENSION], response, started)
            return response
        except Exception as exc:
            if extensions.get(HOOK_ERROR_EXTENSION) is exc:
                raise  # a hook's own exception ends the call as it is
            failure = transport_failure(exc, request, where, self.timeout, self.redact)
            if self.closed and not isinstance(failure, ClientClosedError):
                failure = ClientClosedError("the client was closed during this call", operation=where)
        # Raised outside the handler: the httpx exception is not chained, so nothing it carries
        # (URLs, server text) travels along unredacted.
        raise failure

    def _seen(self, operation: str, response: httpx.Response, started: float) -> None:
        """What the answer shows beyond the call: blocking reads (X-Revision), raw capture."""
        if operation in _TASK_READS and response.status_code == 200:
            revision = header_of(response, "x-revision")
            self.features.long_poll = revision is not None
            revisions = REVISION_CAPTURE.get()
            if revisions is not None and revision is not None and revision.isdigit():
                revisions.append(int(revision))
        capture = RAW_CAPTURE.get()
        if capture is not None:
            capture.append((response, self.clock.monotonic() - started))

    def _unwrap(self, operation: str, where: str, response: httpx.Response) -> Any:
        try:
            return unwrap(response, where, self.redact)
        except AgentClientError as error:
            if response.status_code < 400:  # a 2xx saying success: false is a failed request too
                self.transport.metrics.mark_failed(
                    operation, f"{error.code} in a {response.status_code} body"
                )
            raise
