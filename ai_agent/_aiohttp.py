"""The optional aiohttp connection layer (``backend="aiohttp"``, the ``aiohttp`` extra).

httpx-aiohttp maps aiohttp's errors coarsely: a server that drops the connection surfaces as
``ConnectTimeout``. This adapter maps them as httpx's own transport would, so retries, error
types and metrics behave the same on both backends.
"""

from __future__ import annotations

import aiohttp
import httpx
import yarl
from httpx_aiohttp import AiohttpTransport

__all__ = ["AiohttpBackend"]


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
        timeout = request.extensions.get("timeout", {})
        try:
            content = request.content  # the SDK's retry layer always buffers bodies
            async with self.client.request(
                method=request.method,
                # encoded=True: httpx has already encoded the URL; letting yarl re-normalise it
                # would turn an id of ".." (sent as %2E%2E) back into a dot segment.
                url=yarl.URL(str(request.url), encoded=True),
                headers=request.headers,
                data=content or None,
                allow_redirects=False,
                auto_decompress=False,
                compress=False,
                timeout=aiohttp.ClientTimeout(
                    sock_connect=timeout.get("connect"),
                    sock_read=timeout.get("read"),
                    connect=timeout.get("pool"),
                ),
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
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=httpx.ByteStream(body),
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )
