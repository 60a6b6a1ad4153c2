"""The optional aiohttp connection layer (``backend="aiohttp"``, the ``aiohttp`` extra).

httpx-aiohttp maps aiohttp's errors coarsely: a server that drops the connection surfaces as
``ConnectTimeout``. This adapter maps them as httpx's own transport would, so retries, error
types and metrics behave the same on both backends.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import httpx
import multidict
import yarl
from httpx_aiohttp import AiohttpTransport

from ._messages import HeaderSet, LeanResponse, lean_header_items, lean_parts, lean_url

__all__ = ["AiohttpBackend"]

_HTTP_1_1 = {"http_version": b"HTTP/1.1"}


def _as_httpx(exc: BaseException) -> httpx.TransportError | None:
    cause = exc.__cause__ if isinstance(exc, httpx.TransportError) else exc
    message = str(cause or exc)
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(cause, aiohttp.ServerTimeoutError):
        return httpx.ReadTimeout(message)
    if isinstance(cause, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(cause, (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError)):
        return httpx.RemoteProtocolError(message)
    if isinstance(cause, aiohttp.ClientConnectionError):
        return httpx.ReadError(message)
    return exc if isinstance(exc, httpx.TransportError) else None


class AiohttpBackend(AiohttpTransport):
    """``httpx_aiohttp.AiohttpTransport`` with httpx-equivalent error mapping, and no retries of
    its own: the SDK's retry layer is the only one, so attempts and metrics stay exact."""

    _timeouts: dict[tuple[Any, Any, Any], aiohttp.ClientTimeout]
    _headers: dict[HeaderSet, multidict.CIMultiDict[str]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._timeouts = {}
        self._headers = {}

    def get_client(self) -> aiohttp.ClientSession:
        """The session, with aiohttp's silent resend of idempotent requests switched off."""
        session = super().get_client()
        if hasattr(session, "_retry_connection"):  # aiohttp >= 3.9 resends once on a dropped keep-alive
            session._retry_connection = False
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send through aiohttp; failures raised as the httpx errors httpx itself would raise."""
        if not isinstance(self.client, aiohttp.ClientSession):
            self.client = self.get_client()
        parts = lean_parts(request)
        if parts is not None:  # sent from its parts: nothing has read or changed them
            # encoded=True: the path is already encoded; letting yarl re-normalise it would
            # turn an id of ".." (sent as %2E%2E) back into a dot segment.
            url = yarl.URL(lean_url(parts), encoded=True)
            headers: Any = lean_header_items(parts) if parts.extra else self._multidict(parts.headers)
        else:
            url = yarl.URL(str(request.url), encoded=True)
            headers = request.headers
        try:
            content = request.content  # the SDK's retry layer always buffers bodies
            async with self.client.request(
                method=request.method,
                url=url,
                headers=headers,
                data=content or None,
                allow_redirects=False,
                auto_decompress=False,
                compress=False,
                timeout=self._timeout(request.extensions.get("timeout")),
            ) as response:
                # Read here: the SDK reads every body at once anyway, and this spares two
                # layers of async iteration per chunk (and maps a failure mid-body like one
                # before it). The connection goes back to aiohttp's pool on leaving the block.
                body = await response.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise (_as_httpx(exc) or httpx.ReadTimeout(str(exc))) from exc
        except (ValueError, TypeError, UnicodeError) as exc:
            # aiohttp refusing to write our request (a header it will not send, say): a fault
            # of the request, never worth a retry, as httpx reports it.
            raise httpx.LocalProtocolError(f"{type(exc).__name__}: {exc}") from exc
        return LeanResponse(response.status, response.raw_headers, body, request, _HTTP_1_1, response.headers)

    def _multidict(self, headers: HeaderSet) -> multidict.CIMultiDict[str]:
        """A client's header set as aiohttp's own type, which aiohttp then need not convert."""
        cached = self._headers.get(headers)
        if cached is None:
            if len(self._headers) >= 64:  # one or two per client (and its copies): never grows
                self._headers.clear()
            cached = self._headers[headers] = multidict.CIMultiDict(headers.items)
        return cached

    def _timeout(self, timeouts: Any) -> aiohttp.ClientTimeout:
        """aiohttp's timeout object for httpx's timeout dict (the usual few are reused)."""
        limits = timeouts if isinstance(timeouts, dict) else {}
        key = (limits.get("connect"), limits.get("read"), limits.get("pool"))
        cached = self._timeouts.get(key)
        if cached is None:
            if len(self._timeouts) >= 64:  # deadlines make one-off values: never grow unbounded
                self._timeouts.clear()
            cached = self._timeouts[key] = aiohttp.ClientTimeout(
                sock_connect=key[0], sock_read=key[1], connect=key[2]
            )
        return cached
