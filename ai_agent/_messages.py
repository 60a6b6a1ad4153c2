"""The facade's own request and response: ``httpx.Request`` and ``httpx.Response`` subclasses
that skip httpx's parsing until someone looks, and the parts they are made of.

Building an ``httpx.Request`` re-parses and re-validates the whole URL and rebuilds the
headers (about 20 us of CPU), and wrapping an answer in an ``httpx.Response`` costs another
10 us: together a sixth of a request on the aiohttp backend. The SDK's connection layers
(``_aiohttp_layer.py`` and ``_async/httpx_layer.py``) send a request from its ``RequestParts`` (the parsed
base URL and the encoded header set, prepared once per client, plus the path and body) with
``exchange()``, and answer with an ``Answer`` tuple. A ``LeanRequest`` carries those parts and a
``LeanResponse`` that answer.

Nothing else changes: both are real httpx objects. The first time anything reads a request's
``url`` or ``headers`` (an event hook, tracing, an error message), or any part of a response
beyond its status and body, httpx's own ``__init__`` runs on the stored parts, and from then on
the object is exactly the one httpx would have built (a request hook may edit its headers; the
backends then send what the hook left).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

import httpx

__all__ = [
    "Answer",
    "HeaderLookup",
    "HeaderSet",
    "LeanRequest",
    "LeanResponse",
    "Origin",
    "RequestParts",
    "answered",
    "header_of",
    "is_encoded",
    "lean_header_items",
    "lean_header_raw",
    "lean_parts",
    "lean_url",
    "parse_origin",
    "set_header_once",
]


class Origin:
    """A client's base URL, parsed once: scheme, host, port and path prefix as httpx has them."""

    __slots__ = ("host", "netloc", "port", "prefix", "scheme", "text")

    def __init__(self, base_url: str) -> None:
        url = httpx.URL(base_url)
        self.scheme = url.raw_scheme
        self.host = url.raw_host
        self.port = url.port
        self.netloc = url.netloc
        self.prefix = url.raw_path.rstrip(b"/")
        # What httpx prints for this base (host lower-cased, default port dropped).
        self.text = f"{url.scheme}://{self.netloc.decode('ascii')}{self.prefix.decode('ascii')}"


# Header sets by their headers, dropped with the last client that holds them (so a key does
# not outlive its clients here).
_HEADER_SETS: weakref.WeakValueDictionary[tuple[tuple[str, str], ...], HeaderSet] = (
    weakref.WeakValueDictionary()
)


def parse_origin(base_url: str) -> Origin | None:
    """``Origin(base_url)``, or None if httpx refuses the URL (then it builds, and refuses,
    every request itself)."""
    try:
        return Origin(base_url)
    except (httpx.InvalidURL, UnicodeError):
        return None


class HeaderSet:
    """Headers every request of a client carries, with their encoded form computed once."""

    __slots__ = ("__weakref__", "encoded", "items", "names")

    @classmethod
    def of(cls, headers: Mapping[str, str]) -> HeaderSet:
        """The header set of ``headers``: one object for equal headers while any client holds
        it, so that a ``with_options`` copy (made per call, say) finds what the connection
        layer keeps per header set (the aiohttp layer's sessions) instead of adding to it."""
        key = tuple(headers.items())
        found = _HEADER_SETS.get(key)
        if found is None:
            found = _HEADER_SETS[key] = cls(headers)
        return found

    def __init__(self, headers: Mapping[str, str]) -> None:
        self.items = dict(headers)
        self.names = frozenset(name.lower() for name in self.items)
        self.encoded: list[tuple[bytes, bytes]] | None
        try:
            self.encoded = [(k.encode("ascii"), v.encode("ascii")) for k, v in self.items.items()]
        except UnicodeEncodeError:  # httpx decides what to do with these: no lean requests
            self.encoded = None


class RequestParts:
    """What a lean request is made of: enough to send it without httpx, and for httpx to build
    it when someone looks.

    Args:
        method: The HTTP method, upper case.
        origin: The client's parsed base URL.
        path: The encoded path under the base (``/tasks/task-1``).
        query: The encoded query string ('' for none), as httpx would write ``params``.
        params: The query parameters (for httpx, if it must build the request).
        headers: The client's header set.
        extra: This request's own headers (content type, idempotency key).
        body: The body, or None.
    """

    __slots__ = ("body", "extra", "headers", "method", "origin", "params", "path", "target")

    def __init__(
        self,
        method: str,
        origin: Origin,
        path: str,
        query: str,
        params: Mapping[str, Any] | None,
        headers: HeaderSet,
        extra: dict[str, str],
        body: bytes | None,
    ) -> None:
        self.method = method
        self.origin = origin
        self.path = path
        self.target = path + "?" + query if query else path
        self.params = params
        self.headers = headers
        self.extra = extra
        self.body = body


_NO_BODY = httpx.ByteStream(b"")  # immutable: every bodiless lean request shares it


class LeanRequest(httpx.Request):
    """An ``httpx.Request`` that runs httpx's ``__init__`` only when its URL or headers are read.

    Args:
        parts: What it is made of.
        extensions: The request extensions (the same dict object is kept throughout).
    """

    def __init__(self, parts: RequestParts, extensions: dict[str, Any]) -> None:
        # httpx.Request.__init__ is deliberately deferred to _materialize(). Few attributes:
        # each one set here is paid on every request.
        self.method = parts.method
        self.extensions = extensions
        body = parts.body
        if body is None:
            self.stream = _NO_BODY
            self._content = b""
        else:
            self.stream = httpx.ByteStream(body)
            self._content = body
        self.lean: RequestParts | None = parts  # None once httpx has built the real thing

    def __repr__(self) -> str:
        return f"<Request({self.method!r}, {str(self.url)!r})>"  # as httpx prints its own

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not set yet: ``url`` and ``headers`` before httpx built them.
        if name in ("url", "headers") and self.__dict__.get("lean") is not None:
            self._materialize()
            return getattr(self, name)
        raise AttributeError(name)

    def _materialize(self) -> None:
        parts = self.lean
        assert parts is not None
        self.lean = None
        extensions = self.extensions
        headers = dict(parts.headers.items)
        headers.update(parts.extra)
        httpx.Request.__init__(
            self,
            self.method,
            parts.origin.text + parts.path,
            params=parts.params or None,
            content=parts.body,
            headers=headers,
            extensions=extensions,
        )
        self.extensions = extensions  # httpx copies the dict; the transport holds this one


def lean_url(parts: RequestParts) -> str:
    """The full URL, encoded, as httpx would print it."""
    return parts.origin.text + parts.target


def lean_header_items(parts: RequestParts) -> dict[str, str]:
    """The headers to send (without Host and Content-Length: the connection layer adds them)."""
    if not parts.extra:
        return parts.headers.items
    return {**parts.headers.items, **parts.extra}


def lean_header_raw(method: str, parts: RequestParts) -> list[tuple[bytes, bytes]]:
    """Every header to send, encoded, in the order httpx would send them."""
    raw = [(b"Host", parts.origin.netloc)]
    if parts.body is None and method in ("POST", "PUT", "PATCH"):
        raw.append((b"Content-Length", b"0"))
    encoded = parts.headers.encoded
    assert encoded is not None  # a header set that cannot be encoded makes no lean requests
    raw.extend(encoded)
    for name, value in parts.extra.items():
        raw.append((name.encode("ascii"), value.encode("ascii")))
    if parts.body is not None:
        raw.append((b"Content-Length", str(len(parts.body)).encode("ascii")))
    return raw


def lean_parts(request: httpx.Request) -> RequestParts | None:
    """The parts of ``request`` if the connection layer may send it from them (nobody has read
    its URL or headers, so nobody can have changed them); otherwise None: send it as httpx
    would."""
    if type(request) is LeanRequest:
        return request.lean
    return None


def set_header_once(request: httpx.Request, name: str, value: Callable[[], str]) -> None:
    """Set ``name`` to ``value()`` unless the request already has it (in any case of letters)."""
    parts = lean_parts(request)
    if parts is None:
        if name not in request.headers:
            request.headers[name] = value()
        return
    lowered = name.lower()
    if lowered in parts.headers.names:
        return
    for key in parts.extra:  # a loop, not all(<generator>): this runs on every POST
        if key.lower() == lowered:
            return
    parts.extra[name] = value()


class HeaderLookup(Protocol):
    """A case-insensitive multi-valued header view, as ``multidict.CIMultiDictProxy`` has it."""

    def getall(self, key: str, default: tuple[()], /) -> list[str] | tuple[()]:
        """Every value of header ``key``, or ``default``."""
        ...


Answer = tuple[int, Iterable[tuple[bytes, bytes]], bytes, Mapping[str, Any], HeaderLookup | None]
"""What a connection layer's ``exchange`` returns: the status, the raw headers, the whole body
(decoded), the response extensions, and the layer's own header view (if it has one)."""


class LeanResponse(httpx.Response):
    """An ``httpx.Response`` holding the status, the raw headers and the whole body; httpx's
    ``__init__`` runs when anything else is first read.

    Args:
        status_code: The HTTP status.
        raw_headers: The headers as received: (name, value) byte pairs.
        content: The whole body (already read).
        request: The request it answers.
        extensions: The connection layer's response extensions (``http_version``, ...).
        lookup: The connection layer's own case-insensitive view of the same headers, if it
            has one (aiohttp's), for single-header reads without scanning the raw list.
    """

    def __init__(
        self,
        status_code: int,
        raw_headers: Iterable[tuple[bytes, bytes]],
        content: bytes,
        request: httpx.Request,
        extensions: Mapping[str, Any],
        lookup: HeaderLookup | None = None,
    ) -> None:
        # httpx.Response.__init__ is deliberately deferred to _materialize().
        self.status_code = status_code
        self._content = content
        self._request = request
        # The raw headers, extensions and lookup; None once httpx has built the real thing.
        self.lean: tuple[Iterable[tuple[bytes, bytes]], Mapping[str, Any], HeaderLookup | None] | None = (
            raw_headers,
            extensions,
            lookup,
        )

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not set yet: everything but status, body and request.
        if self.__dict__.get("lean") is not None:
            self._materialize()
            return getattr(self, name)
        raise AttributeError(name)

    def _materialize(self) -> None:
        lean = self.lean
        assert lean is not None
        self.lean = None
        content, request = self._content, self._request
        httpx.Response.__init__(
            self,
            self.status_code,
            headers=list(lean[0]),
            stream=httpx.ByteStream(content),
            request=request,
            extensions=lean[1],
        )
        # As after ``aread()``: the body is in memory, the stream consumed and closed.
        self._content = content
        self.is_stream_consumed = True
        self.is_closed = True


def answered(answer: Answer, request: httpx.Request) -> LeanResponse:
    """The response to ``request`` for a connection layer's answer."""
    status, raw_headers, body, extensions, lookup = answer
    return LeanResponse(status, raw_headers, body, request, extensions, lookup)


def is_encoded(raw_headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether a body comes with a Content-Encoding other than identity (then it must go through
    httpx's decoders: a ``LeanResponse`` holds the body as it is)."""
    for name, value in raw_headers:
        if len(name) == 16 and name.lower() == b"content-encoding":
            return value.strip().lower() != b"identity"
    return False


def header_of(response: httpx.Response, lowered: str) -> str | None:
    """Header ``lowered`` (lower case) of ``response``, without building httpx's ``Headers``
    for a lean response nobody has looked at."""
    if type(response) is LeanResponse:
        lean = response.lean
        if lean is not None:
            if lean[2] is not None:
                found = lean[2].getall(lowered, ())
                if not found:
                    return None
                if len(found) == 1 and found[0].isascii():
                    return found[0]
            wanted = lowered.encode("ascii")
            values = [raw for name, raw in lean[0] if name.lower() == wanted]
            if not values:
                return None
            if len(values) == 1 and values[0].isascii():
                return values[0].decode("ascii")
            # Repeated, or not ASCII: httpx's own joining (with commas), and its decoding, which
            # picks one encoding for all the headers of a response.
            joined: str | None = httpx.Headers(list(lean[0])).get(lowered)
            return joined
    value: str | None = response.headers.get(lowered)
    return value
