"""The optional aiohttp connection layer (``backend="aiohttp"``, the ``aiohttp`` extra).

httpx-aiohttp maps aiohttp's errors coarsely: a server that drops the connection surfaces as
``ConnectTimeout``. This adapter maps them as httpx's own transport would, so retries, error
types and metrics behave the same on both backends.

Read timeouts are kept by ``AsyncReadDeadlines`` (``_synchronization.py``, as on the httpx
backend): one timer for every request in flight, instead of aiohttp's ``sock_read``, which
re-arms a timer of the event loop on every chunk (three timer-heap operations per request,
about a tenth of aiohttp's CPU per request at concurrency 50). The deadline bounds the whole of
one attempt, from connecting (a new connection still has its own connect timeout) to the last
byte of the body: a server that trickles a body byte by byte cannot hold a request past it.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable
from typing import Any

import aiohttp
import httpx
import multidict
import yarl
from aiohttp import http_exceptions
from httpx_aiohttp import AiohttpTransport

from ._messages import Answer, HeaderSet, RequestParts, answered, lean_header_items, lean_parts, lean_url
from ._synchronization import AsyncReadDeadlines

__all__ = ["AiohttpLayer", "as_httpx"]

_HTTP_1_1 = {"http_version": b"HTTP/1.1"}


def _undecodable(exc: BaseException | None) -> bool:
    """Whether aiohttp failed on the body's Content-Encoding (corrupt, or one it cannot decode)."""
    while exc is not None:
        if isinstance(exc, http_exceptions.ContentEncodingError):
            return True
        if isinstance(exc, http_exceptions.HttpProcessingError) and "content-encoding" in str(exc).lower():
            return True
        exc = exc.__cause__
    return False


# aiohttp >= 3.14.4 names an upload cut short; before, it is one of the connection errors above.
_UPLOAD_ABORTED: tuple[type[BaseException], ...] = tuple(
    kind for kind in (getattr(aiohttp, "UploadAbortedError", None),) if isinstance(kind, type)
)


def as_httpx(exc: aiohttp.ClientError | TimeoutError) -> httpx.RequestError:
    """The httpx error httpx's own transport would raise for what aiohttp raised."""
    message = str(exc)
    if _undecodable(exc):  # as httpx reports a body it cannot decode: the answer's fault, no retry
        return httpx.DecodingError(message)
    if isinstance(exc, aiohttp.ClientHttpProxyError):  # the proxy refused the CONNECT tunnel
        return httpx.ProxyError(f"{exc.status} {exc.message}")
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(message)
    if isinstance(exc, (aiohttp.ServerTimeoutError, TimeoutError)):
        return httpx.ReadTimeout(message)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return httpx.ConnectError(message)
    if isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError)):
        return httpx.RemoteProtocolError(message)
    if isinstance(exc, aiohttp.ClientConnectionError):
        return httpx.ReadError(message)
    if isinstance(exc, aiohttp.ClientResponseError):  # an answer aiohttp could not parse
        return httpx.RemoteProtocolError(message)
    if isinstance(exc, (aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError)):
        return httpx.UnsupportedProtocol(message)  # the request's fault: never worth a retry
    if isinstance(exc, _UPLOAD_ABORTED):
        return httpx.WriteError(message)
    # Any other failure of aiohttp's: a transport failure, without claiming to know which.
    return httpx.TransportError(f"{type(exc).__name__}: {message}")


# Header sets that get a session of their own (a client's, and its header-less one for
# /health); requests with any other set name their headers per request on the main session.
_MAX_SESSIONS = 4


def _without_resend(session: aiohttp.ClientSession) -> aiohttp.ClientSession:
    """``session`` with aiohttp's silent resend of idempotent requests switched off."""
    # aiohttp (from 3.10) resends a GET, PUT or DELETE once when its connection drops; 3.11, the
    # floor, added this switch. tests/integration: test_a_dropped_request_is_never_resent_unseen.
    if hasattr(session, "_retry_connection"):
        session._retry_connection = False
    return session


class AiohttpLayer(AiohttpTransport):
    """``httpx_aiohttp.AiohttpTransport`` with httpx-equivalent error mapping, and no retries of
    its own: the SDK's retry layer is the only one, so attempts and metrics stay exact.

    A request sent from its parts goes through a session whose default headers are its client's
    header set: aiohttp copies a session's defaults at once, but merges headers given per request
    one by one (about 1 us a request at concurrency 50). Those sessions share the main session's
    connection pool and cookie jar, so they behave as that one session would.
    """

    _timeouts: dict[tuple[Any, Any], aiohttp.ClientTimeout]
    _headers: dict[HeaderSet, multidict.CIMultiDict[str]]
    _sessions: dict[HeaderSet, aiohttp.ClientSession]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._timeouts = {}
        self._last_timeout: tuple[object, aiohttp.ClientTimeout] = (object(), aiohttp.ClientTimeout())
        self._headers = {}
        self._sessions = {}
        self._deadlines = AsyncReadDeadlines()
        # The proxy as aiohttp takes it: its URL (httpx.Proxy keeps credentials apart from it),
        # and its headers, credentials included as Proxy-Authorization: aiohttp sends them on
        # a CONNECT tunnel (https), but drops them from a request the proxy forwards (http),
        # which then carries the credentials itself.
        proxy: httpx.Proxy | None = self.proxy
        self._proxy = None if proxy is None else yarl.URL(str(proxy.url))
        headers = {} if proxy is None else dict(proxy.headers)
        if proxy is not None and proxy.auth is not None:
            token = base64.b64encode(":".join(proxy.auth).encode("utf-8")).decode("ascii")
            headers["Proxy-Authorization"] = f"Basic {token}"
        self._proxy_headers = headers or None

    def get_client(self) -> aiohttp.ClientSession:
        """The session, with aiohttp's silent resend of idempotent requests switched off."""
        return _without_resend(super().get_client())

    def _session(self) -> aiohttp.ClientSession:
        """The main session (made on first use, inside the event loop)."""
        if not isinstance(self.client, aiohttp.ClientSession):
            self.client = self.get_client()
        return self.client

    def _session_for(self, headers: HeaderSet) -> aiohttp.ClientSession | None:
        """The session whose default headers are ``headers``; None past ``_MAX_SESSIONS``, or
        with a proxy: aiohttp merges a session's default headers into the proxy's, so the API
        key would go to the proxy (and override its credentials)."""
        if self._proxy is not None:
            return None
        session = self._sessions.get(headers)
        if session is None and len(self._sessions) < _MAX_SESSIONS:
            main = self._session()
            session = self._sessions[headers] = _without_resend(
                aiohttp.ClientSession(
                    connector=main.connector,
                    connector_owner=False,
                    cookie_jar=main.cookie_jar,
                    headers=self._multidict(headers),
                )
            )
        return session

    async def aclose(self) -> None:
        """Close the sessions, then the connection pool (the main session owns it)."""
        sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            await session.close()
        await super().aclose()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send through aiohttp; failures raised as the httpx errors httpx itself would raise."""
        return answered(await self.exchange(request), request)

    def exchange(self, request: httpx.Request) -> Awaitable[Answer]:
        """The attempt that sends ``request`` (the pool awaits it: one frame fewer than
        ``handle_async_request``)."""
        parts = lean_parts(request)
        if parts is not None:  # sent from its parts: nothing has read or changed them
            session, url, headers = self._lean_target(parts)
        else:
            session, url, headers = self._session(), yarl.URL(str(request.url), encoded=True), request.headers
        # The body as the request has it: the SDK's retry layer always buffers bodies.
        return self._exchange(
            session, request.method, url, headers, request.content, request.extensions.get("timeout")
        )

    def _lean_target(self, parts: RequestParts) -> tuple[aiohttp.ClientSession, yarl.URL, Any]:
        """The session, URL and per-request headers for a request sent from its parts."""
        # encoded=True: the path is already encoded; letting yarl re-normalise it would turn an
        # id of ".." (sent as %2E%2E) back into a dot segment.
        url = yarl.URL(lean_url(parts), encoded=True)
        session = self._session_for(parts.headers)
        if session is not None:  # the header set is the session's: only the request's own go along
            return session, url, parts.extra or None
        headers = lean_header_items(parts) if parts.extra else self._multidict(parts.headers)
        return self._session(), url, headers

    async def _exchange(
        self,
        session: aiohttp.ClientSession,
        method: str,
        url: yarl.URL,
        headers: Any,
        body: bytes | None,
        timeouts: Any,
    ) -> Answer:
        if self._proxy is not None:
            headers = self._forwarded(url, headers)
        with self._deadlines.watching(timeouts.get("read") if isinstance(timeouts, dict) else None):
            try:
                async with session.request(
                    method=method,
                    url=url,
                    headers=headers,
                    data=body or None,
                    allow_redirects=False,
                    auto_decompress=True,  # the body goes to the SDK as it is: decoded here or never
                    compress=False,
                    timeout=self._timeout(timeouts),
                    proxy=self._proxy,
                    proxy_headers=self._proxy_headers,
                ) as response:
                    # Read here: the SDK reads every body at once anyway, and this spares two
                    # layers of async iteration per chunk (and maps a failure mid-body like one
                    # before it). The connection goes back to aiohttp's pool on leaving the block.
                    content = await response.read()
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise as_httpx(exc) from exc
            except (ValueError, TypeError, UnicodeError) as exc:
                # aiohttp refusing to write our request (a header it will not send, say): a fault
                # of the request, never worth a retry, as httpx reports it.
                raise httpx.LocalProtocolError(f"{type(exc).__name__}: {exc}") from exc
        return response.status, response.raw_headers, content, _HTTP_1_1, response.headers

    def _forwarded(self, url: yarl.URL, headers: Any) -> Any:
        """The request's headers, with the proxy's own when the proxy forwards it (http)."""
        if url.scheme != "http" or not self._proxy_headers:
            return headers
        merged: multidict.CIMultiDict[str] = multidict.CIMultiDict(headers or {})
        merged.extend(self._proxy_headers)
        return merged

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
        last = self._last_timeout
        if last[0] is timeouts:  # the same dict as last time: a client's first attempts all are
            return last[1]
        limits = timeouts if isinstance(timeouts, dict) else {}
        key = (limits.get("connect"), limits.get("pool"))
        cached = self._timeouts.get(key)
        if cached is None:
            if len(self._timeouts) >= 64:  # deadlines make one-off values: never grow unbounded
                self._timeouts.clear()
            # No sock_read (ReadDeadlines keeps the read timeout) and no total: neither costs
            # a timer per request. connect only applies when a new connection is needed.
            cached = self._timeouts[key] = aiohttp.ClientTimeout(
                total=None, sock_connect=key[0], sock_read=None, connect=key[1]
            )
        self._last_timeout = (timeouts, cached)
        return cached
