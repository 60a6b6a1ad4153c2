"""What every resource method shares: send a generated request, translate failures, unwrap."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from ._config import Clock
from ._errors import AgentClientError, ClientClosedError, ConnectionError, TimeoutError
from ._response import parse_model, unwrap
from ._transport import ATTEMPTS_EXTENSION, NO_STATUS_RETRY_EXTENSION, OPERATION_EXTENSION

__all__ = ["Core", "label"]

T = TypeVar("T")


def _protect_dot_segments(url: str) -> str:
    # quote() leaves "." and ".." as they are, and URL normalisation would then resolve them
    # ("/tasks/.." -> "/"); percent-encoded, the server still receives the literal id.
    if "/." not in url:
        return url
    return "/".join({".": "%2E", "..": "%2E%2E"}.get(part, part) for part in url.split("/"))


def label(operation: str, *subjects: object) -> str:
    """How a call is named in errors: ``tasks.get('task-9')``."""
    return f"{operation}({', '.join(repr(s) for s in subjects)})"


class Core:
    """The shared sending machinery of one client (its resources all use the same one)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_key: str,
        timeout: float,
        clock: Clock,
        max_connections: int,
    ) -> None:
        self.http = http
        self.clock = clock
        self.timeout = timeout
        self.max_connections = max_connections
        self.closed = False
        self._api_key = api_key
        self._authorization = f"Bearer {api_key}"
        self._base_url = str(http.base_url).rstrip("/")
        self._timeouts = http.timeout.as_dict()
        self._transport = http._transport  # the RetryingTransport the client was built with
        # Contract extensions: None until a server has shown whether it has them.
        self.batch_supported: bool | None = None
        self.ids_filter_supported: bool | None = None

    def redact(self, value: Any) -> Any:
        """``value`` with the API key blanked out, should a server ever echo it back."""
        key = self._api_key
        if isinstance(value, str):
            return value.replace(key, "[redacted]") if key in value else value
        if isinstance(value, Mapping):
            return {self.redact(k): self.redact(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.redact(v) for v in value]
        return value

    async def send(
        self,
        operation: str,
        where: str,
        request: dict[str, Any],
        *,
        authenticated: bool = True,
        retry_statuses: bool = True,
    ) -> httpx.Response:
        """Send the generated ``_get_kwargs`` of an endpoint; httpx failures become typed errors."""
        if self.closed:
            raise ClientClosedError(
                "the client is closed; create a new AgentClient (or use `async with`)",
                operation=where,
            )
        request["url"] = _protect_dot_segments(request["url"])
        extensions: dict[str, Any] = {OPERATION_EXTENSION: operation}
        if not retry_statuses:
            extensions[NO_STATUS_RETRY_EXTENSION] = True
        failure: AgentClientError
        outgoing = self._build(request, extensions, authenticated)
        try:
            response = await self._transport.handle_async_request(outgoing)
            response.request = outgoing
            return response
        except httpx.TimeoutException as exc:
            failure = TimeoutError(
                f"no answer within {self.timeout:g} s ({type(exc).__name__})",
                timeout=self.timeout * 1000,
                operation=where,
                attempts=_attempts(outgoing),
            )
        except httpx.TransportError as exc:
            failure = ConnectionError(
                f"{type(exc).__name__}: {self.redact(str(exc)) or 'connection failed'}",
                operation=where,
                attempts=_attempts(outgoing),
            )
        except RuntimeError:
            if not self.http.is_closed:
                raise
            failure = ClientClosedError("the client is closed", operation=where)
        # Raised outside the handler: the httpx exception is not chained, so nothing it carries
        # (URLs, server text) travels along unredacted.
        raise failure

    def _build(
        self, kwargs: dict[str, Any], extensions: dict[str, Any], authenticated: bool
    ) -> httpx.Request:
        # The facade goes straight to the client's transport (retries, metrics, pool): it needs
        # none of httpx.AsyncClient's per-request machinery (auth flows, redirects, cookies,
        # hooks), which cost about a fifth of the CPU of a request.
        headers = self.http.headers.copy()
        if authenticated:
            headers["Authorization"] = self._authorization
        headers.update(kwargs.get("headers") or {})
        extensions["timeout"] = self._timeouts
        return httpx.Request(
            kwargs["method"],
            self._base_url + kwargs["url"],
            params=kwargs.get("params"),
            json=kwargs.get("json"),
            headers=headers,
            extensions=extensions,
        )

    async def data(self, operation: str, where: str, request: dict[str, Any]) -> tuple[httpx.Response, Any]:
        """Send, and return the response with the envelope's ``data``."""
        response = await self.send(operation, where, request)
        return response, unwrap(response, where, self.redact)

    async def model(
        self,
        operation: str,
        where: str,
        request: dict[str, Any],
        parse: Callable[[Mapping[str, Any]], T],
    ) -> T:
        """Send, unwrap, and parse ``data`` with a generated model's ``from_dict``."""
        response, data = await self.data(operation, where, request)
        return parse_model(response, where, data, parse)


def _attempts(request: httpx.Request) -> int | None:
    value = request.extensions.get(ATTEMPTS_EXTENSION)
    return value if isinstance(value, int) else None
