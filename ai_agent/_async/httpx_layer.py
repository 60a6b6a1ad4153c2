"""The default connection layer: httpx's transport (httpcore's pool, built by httpx with its
proxy, TLS and HTTP/2 settings), sending the facade's own requests straight to httpcore.

``httpx.AsyncHTTPTransport`` turns every ``httpx.Request`` into an ``httpcore.Request`` (reading
the parsed URL and headers), streams the answer through two wrappers, and builds an
``httpx.Response``. A ``LeanRequest`` nobody has looked at goes to httpcore straight from its
parts instead (``exchange()``, awaited by the pool); the answer comes back whole. Every other
request (the generated client's, or one a hook or tracing has read) takes httpx's own path,
and so does every request while httpx's transport is patched (by a mock library or an
instrumentation).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import httpcore
import httpx

from .._connection import httpx_error_type, is_httpx_own
from .._messages import Answer, RequestParts, answered, is_encoded, lean_header_raw, lean_parts
from .._synchronization import AsyncReadDeadlines, async_read_answer

__all__ = ["AsyncHttpxLayer"]


class AsyncHttpxLayer(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport``, sending the SDK's lean requests without re-parsing them.

    httpx's read timeout bounds each read; a server that trickles its answer a piece at a time
    could hold a request for ever. The read deadlines of ``_synchronization.py`` also bound the
    attempt as a whole: on the async client by cancelling it, as on aiohttp; on the sync client
    (a thread cannot be interrupted) by a check between the pieces of the body.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadlines = AsyncReadDeadlines()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request``; failures raised as the httpx errors httpx itself raises."""
        attempt = self.exchange(request)
        if attempt is None:
            return await super().handle_async_request(request)
        return answered(await attempt, request)

    def exchange(self, request: httpx.Request) -> Awaitable[Answer] | None:
        """The attempt that sends a lean request straight to httpcore (the pool awaits it, one
        frame fewer than ``handle_async_request``); None, with nothing sent, for a request
        someone has read or changed, or while httpx's transport is patched (pytest-httpx mocks
        it, OpenTelemetry's httpx instrumentation wraps it): they must see the request."""
        parts = lean_parts(request)
        if parts is None or not is_httpx_own(httpx.AsyncHTTPTransport.handle_async_request):
            return None
        return self._exchange(parts, request.content, request.extensions)

    async def _exchange(self, parts: RequestParts, body: bytes | None, extensions: dict[str, Any]) -> Answer:
        origin = parts.origin
        outgoing = httpcore.Request(
            method=parts.method,
            url=httpcore.URL(
                scheme=origin.scheme,
                host=origin.host,
                port=origin.port,
                target=origin.prefix + parts.target.encode("ascii"),
            ),
            headers=lean_header_raw(parts.method, parts),
            content=body,
            extensions=extensions,
        )
        timeouts = extensions.get("timeout")
        with self._deadlines.watching(
            timeouts.get("read") if isinstance(timeouts, dict) else None
        ) as deadline:
            try:
                answer = await self._pool.handle_async_request(outgoing)
                try:
                    content = await async_read_answer(answer, deadline)
                finally:
                    await answer.aclose()
            except Exception as exc:
                mapped = httpx_error_type(type(exc))
                if mapped is None:
                    raise
                raise mapped(str(exc)) from exc
        if is_encoded(answer.headers):  # compressed: decoded by httpx's own decoders
            content = httpx.Response(answer.status, headers=answer.headers, content=content).read()
        return answer.status, answer.headers, content, answer.extensions, None
