# Generated from ai_agent/_async/core.py by scripts/unasync.py: do not edit; run `make generate`.
"""What every resource method shares: send a generated endpoint's request through the
retrying transport, turn failures into typed errors, unwrap the envelope, parse the model."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast

import httpx

from .._errors import AgentClientError, ClientClosedError
from .._hooks import HOOK_ERROR_EXTENSION
from .._messages import (
    HeaderSet,
    header_of,
    parse_origin,
)
from .._request import (
    Redactor,
    ServerFeatures,
    build_request,
    request_failure,
    transport_failure,
)
from .._response import RAW_CAPTURE, REVISION_CAPTURE, parse_model, unwrap
from .._retry import (
    DEADLINE_EXTENSION,
    HOLD_EXTENSION,
    NO_STATUS_RETRY_EXTENSION,
    OPERATION_EXTENSION,
)
from .._synchronization import SyncClock
from .._tracing import Tracing
from .transport import SyncRetryingTransport

__all__ = ["SyncCore"]

T = TypeVar("T")

CLOSED = "the client is closed; create a new client (or manage it with `with`)"
# Answers that show whether the server has blocking reads (X-Revision), as the contract says.
_TASK_READS = frozenset({"tasks.get", "tasks.list", "tasks.watch"})
_SENT: Mapping[str, Any] = MappingProxyType({})  # a call's kwargs once its request is built


def _with_response(data: Mapping[str, Any]) -> Any:
    """``_call``'s ``parse`` for ``data()``: the response and the envelope's data, as they are."""
    return data


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
        self._headers = HeaderSet.of(headers)
        self._auth_headers = HeaderSet.of({**headers, "Authorization": f"Bearer {api_key}"})
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
        kwargs: Mapping[str, Any],
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
        return cast(
            "httpx.Response",
            self._call(
                operation, where, kwargs, None, authenticated, retry_statuses, deadline, hold, attributes
            ),
        )

    def data(
        self,
        operation: str,
        where: str,
        kwargs: Mapping[str, Any],
        *,
        deadline: float | None = None,
        hold: float | None = None,
        attributes: Mapping[str, Any] | None = None,
    ) -> tuple[httpx.Response, Any]:
        """Send, and return the response with the envelope's ``data``."""
        return cast(
            "tuple[httpx.Response, Any]",
            self._call(operation, where, kwargs, _with_response, True, True, deadline, hold, attributes),
        )

    def model(
        self,
        operation: str,
        where: str,
        kwargs: Mapping[str, Any],
        parse: Callable[[Mapping[str, Any]], T],
        *,
        deadline: float | None = None,
        attributes: Mapping[str, Any] | None = None,
    ) -> T:
        """Send, unwrap, and parse ``data`` with a generated model's ``from_dict``."""
        return cast(
            "T",
            self._call(operation, where, kwargs, parse, True, True, deadline, None, attributes),
        )

    def _call(
        self,
        operation: str,
        where: str,
        kwargs: Mapping[str, Any],
        parse: Callable[[Mapping[str, Any]], Any] | None,
        authenticated: bool,
        retry_statuses: bool,
        deadline: float | None,
        hold: float | None,
        attributes: Mapping[str, Any] | None,
    ) -> Any:
        """The call, in its span: the response (``parse`` None), the response and the envelope's
        ``data`` (``_with_response``), or ``parse(data)``.

        ``send``, ``data`` and ``model`` return this coroutine rather than it: one frame
        fewer kept alive per call until its answer.
        """
        with self.tracing.call(operation, attributes):
            attributes = None  # the span has them: not kept alive until the answer
            request = self._request(operation, where, kwargs, authenticated, retry_statuses, deadline, hold)
            kwargs = _SENT  # the request holds what is needed from here on
            started = self.clock.monotonic()
            failure: Exception | None = None
            try:
                response = self.transport.handle_request(request)
            except Exception as exc:
                failure = self._failure(exc, request, where)
            if failure is not None:
                # Raised outside the handler: the httpx exception is not chained, so nothing it
                # carries (URLs, server text) travels along unredacted.
                raise failure
            response.request = request
            self._seen(operation, response, started)
            if parse is None:
                return response
            data = self._unwrap(operation, where, response)
            return (response, data) if parse is _with_response else parse_model(response, where, data, parse)

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
        kwargs: Mapping[str, Any],
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

    def _failure(self, exc: Exception, request: httpx.Request, where: str) -> Exception:
        """The typed error for what the request path raised (a hook's own exception as it is)."""
        hook_error: object = request.extensions.get(HOOK_ERROR_EXTENSION)
        if hook_error is not exc:
            failure = transport_failure(exc, request, where, self.timeout, self.redact)
            if self.closed and not isinstance(failure, ClientClosedError):
                failure = ClientClosedError("the client was closed during this call", operation=where)
            return failure
        return exc  # a hook's own exception ends the call as it is

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
