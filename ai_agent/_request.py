"""The I/O-free half of sending a call: naming it, building its ``httpx.Request``, keeping the
key out of what comes back, and turning an httpx failure into the SDK's typed error. Both
clients' cores use it."""

from __future__ import annotations

import errno
import json
import os
import re
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any, TypeVar, cast

import httpx

from ._errors import (
    AgentClientError,
    ClientClosedError,
    ConnectionError,
    InvalidResponseError,
    TimeoutError,
    TLSError,
    ValidationError,
)
from ._messages import HeaderSet, LeanRequest, Origin, RequestParts
from ._retry import ATTEMPTS_EXTENSION
from ._tls import tls_failure

__all__ = [
    "Redactor",
    "ServerFeatures",
    "build_request",
    "encode_json",
    "label",
    "label_count",
    "label_tasks",
    "new_idempotency_key",
    "protect_dot_segments",
    "request_failure",
    "request_parts",
    "transport_failure",
]

# A key shorter than this is only redacted as a whole token: blanking every "k" of a text
# would corrupt it (and a key that short is a test key, not a secret worth that price).
_MIN_SUBSTRING_KEY = 8


@dataclass
class ServerFeatures:
    """What the server has shown it supports among the contract's extensions (None: not yet
    known). Shared by a client and its ``with_options`` copies."""

    batch: bool | None = None
    ids_filter: bool | None = None
    long_poll: bool | None = None  # blocking reads: shown by an X-Revision header


def label(operation: str, *subjects: object) -> str:
    """How a call is named in errors: ``tasks.get('task-9')``."""
    if len(subjects) == 1:  # the usual case, on every call: no generator
        return f"{operation}({subjects[0]!r})"
    return f"{operation}({', '.join(map(repr, subjects))})"


def label_tasks(operation: str, task_ids: Sequence[str]) -> str:
    """How a call on many tasks is named: ``tasks.watch('task-9')`` for one, else
    ``tasks.watch(3 tasks)``."""
    if len(task_ids) == 1:
        return label(operation, task_ids[0])
    return label_count(operation, len(task_ids))


def label_count(operation: str, count: int) -> str:
    """How a call on ``count`` tasks is named: ``tasks.submit_batch(3 tasks)``."""
    return f"{operation}({count} task{'' if count == 1 else 's'})"


def protect_dot_segments(url: str) -> str:
    """``/tasks/..`` as ``/tasks/%2E%2E``.

    quote() leaves "." and ".." as they are, and URL normalisation would then resolve them
    ("/tasks/.." -> "/"); percent-encoded, the server still receives the literal id.
    """
    if "/." not in url:
        return url
    return "/".join({".": "%2E", "..": "%2E%2E"}.get(part, part) for part in url.split("/"))


class Redactor:
    """Blanks the API key out of anything a server sends back (should one ever echo it)."""

    __slots__ = ("_key", "_pattern")

    def __init__(self, api_key: str) -> None:
        self._key = api_key
        self._pattern = (
            None
            if len(api_key) >= _MIN_SUBSTRING_KEY
            else re.compile(r"(?<![\w.~+/=-])" + re.escape(api_key) + r"(?![\w.~+/=-])")
        )

    def __call__(self, value: Any) -> Any:
        """``value`` (text, or JSON made of dicts and lists) with the key replaced by ``[redacted]``."""
        if isinstance(value, str):
            if self._key not in value:
                return value
            if self._pattern is None:
                return value.replace(self._key, "[redacted]")
            return self._pattern.sub("[redacted]", value)
        if isinstance(value, Mapping):
            return {self(k): self(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self(v) for v in value]
        return value

    def __repr__(self) -> str:
        return "Redactor(<redacted>)"


M = TypeVar("M")


class _WireBody:
    """A body already checked and in its wire form, standing in for a generated model."""

    __slots__ = ("_wire",)

    def __init__(self, wire: dict[str, Any]) -> None:
        self._wire = wire

    def to_dict(self) -> dict[str, Any]:
        return self._wire


def wire_model(model: type[M], wire: dict[str, Any]) -> M:
    """``wire`` (from a params type's ``to_wire()``) as the body a generated endpoint's
    ``_get_kwargs`` takes as ``model``; it only calls ``to_dict()`` on it. Parsing the dict into
    the generated model just to serialise it again cost about 2.5 us per submitted task."""
    return cast(M, _WireBody(wire))


def new_idempotency_key() -> str:
    """A random UUID4 string (``str(uuid.uuid4())`` builds a UUID object first: twice the CPU)."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _as_json(value: Any) -> Any:
    """What the encoder does with a value it does not know: a Mapping that is not a dict (the
    params types accept any Mapping as a JSON object) becomes one; anything else is refused."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# One encoder for every body: json.dumps() with these options builds a new one each call.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_as_json)
# The same encoder's C core, made once: JSONEncoder.encode() makes a new one on every call,
# half the cost of encoding a small body. Without a markers dict it keeps no state between
# calls (safe from any thread); a body that contains itself ends in RecursionError instead.
_ENCODE: Callable[[Any, int], Sequence[str]] | None = (
    None
    if c_make_encoder is None
    else c_make_encoder(None, _as_json, encode_basestring, None, ":", ",", False, False, False)
)


def encode_json(body: Any, where: str) -> bytes:
    """The JSON body as UTF-8 bytes, compact, as httpx would send it; odd values become
    ``ValidationError`` (the params types refuse them earlier, with the field's name)."""
    try:
        if _ENCODE is not None:
            return "".join(_ENCODE(body, 0)).encode("utf-8")
        return _JSON.encode(body).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError, RecursionError) as exc:
        raise ValidationError(
            f"{where}: the request body cannot be sent as JSON ({type(exc).__name__}: {str(exc)[:120]})",
            details={"field": "body"},
            operation=where,
        ) from None


_JSON_HEADERS = {"Content-Type": "application/json"}
# A path the generated endpoints build (quote()d ids, literal segments): httpx would leave it
# exactly as it is, so it can be sent without httpx parsing it again.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/_.~%-]*")


def _plain_header(name: str, value: str, headers: HeaderSet) -> bool:
    return name.isascii() and value.isascii() and name.lower() not in headers.names


def request_parts(
    origin: Origin | None, kwargs: Mapping[str, Any], headers: HeaderSet, where: str
) -> RequestParts | None:
    """The parts of a lean request for a generated endpoint's ``_get_kwargs`` (method, url,
    params, json, headers) under ``origin``; None when they are not plain (they nearly always
    are), and httpx must build and validate the request itself."""
    if origin is None or headers.encoded is None:
        return None
    path = protect_dot_segments(kwargs["url"])
    if not _PLAIN_PATH.fullmatch(path):
        return None
    own = kwargs.get("headers")
    if own and not all(_plain_header(name, value, headers) for name, value in own.items()):
        return None
    extra, body = _own_headers_and_body(kwargs, where)
    params = kwargs.get("params") or None
    query = str(httpx.QueryParams(params)) if params else ""
    return RequestParts(kwargs["method"].upper(), origin, path, query, params, headers, extra, body)


def build_request(
    base_url: str,
    origin: Origin | None,
    kwargs: Mapping[str, Any],
    headers: HeaderSet,
    extensions: dict[str, Any],
    where: str,
) -> httpx.Request:
    """The request for a generated endpoint's ``_get_kwargs``: a ``LeanRequest`` from its
    ``request_parts``, else the ``httpx.Request`` httpx builds and validates itself."""
    parts = request_parts(origin, kwargs, headers, where)
    if parts is not None:
        return LeanRequest(parts, extensions)
    extra, content = _own_headers_and_body(kwargs, where)
    return httpx.Request(
        kwargs["method"].upper(),
        base_url + protect_dot_segments(kwargs["url"]),
        params=kwargs.get("params") or None,
        content=content,
        headers={**headers.items, **extra},
        extensions=extensions,
    )


def _own_headers_and_body(kwargs: Mapping[str, Any], where: str) -> tuple[dict[str, str], bytes | None]:
    """A generated endpoint's own headers (with the JSON content type when it has a body), and
    its body as JSON bytes."""
    own = kwargs.get("headers")
    extra: dict[str, str] = dict(own) if own else {}
    body: bytes | None = None
    if "json" in kwargs:
        body = encode_json(kwargs["json"], where)
        extra.update(_JSON_HEADERS)
    return extra, body


_CONNECT_REASONS = {
    errno.ECONNREFUSED: "connection refused (is the server running, on this port?)",
    errno.ETIMEDOUT: "the connection timed out",
    errno.ENETUNREACH: "the network is unreachable",
    errno.EHOSTUNREACH: "no route to the host",
    errno.ECONNRESET: "the connection was reset while connecting",
}


def connect_failure(exc: BaseException) -> str | None:
    """Why a connection could not be made, in words, from the operating system's error found in
    the exception's chain (httpcore, anyio and aiohttp each wrap it differently: "[Errno 111]",
    "All connection attempts failed", "Connect call failed"); None when there is none."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, socket.gaierror):
            return f"the host name was not found ({current.strerror or current})"
        if isinstance(current, OSError) and current.errno in _CONNECT_REASONS:
            return _CONNECT_REASONS[current.errno]
        os_error = getattr(current, "os_error", None)  # aiohttp's ClientConnectorError keeps it here
        if isinstance(os_error, BaseException):
            todo.append(os_error)
        if isinstance(current, BaseExceptionGroup):
            todo.extend(current.exceptions)
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)
    return None


def _where(request: httpx.Request) -> str:
    url = request.url
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"{url.scheme}://{url.host}:{port}"


# Failures of our own request, found on the way out: no retry can cure them, and calling them
# a connection problem would send people looking in the wrong place.
_REQUEST_FAULTS = (httpx.LocalProtocolError, httpx.UnsupportedProtocol, httpx.InvalidURL, UnicodeError)


def request_failure(exc: BaseException, where: str) -> AgentClientError:
    """The typed error for a request that could not even be built or sent."""
    return ValidationError(
        f"the request could not be sent ({type(exc).__name__}: {str(exc)[:200]})",
        details={"field": None, "reason": type(exc).__name__},
        operation=where,
    )


def transport_failure(
    exc: BaseException, request: httpx.Request, where: str, timeout: float, redact: Redactor
) -> AgentClientError:
    """The typed error for whatever sending raised: the one place where httpx's, httpcore's,
    aiohttp's and the standard library's exceptions become the SDK's."""
    attempts = request.extensions.get(ATTEMPTS_EXTENSION)
    attempts = attempts if isinstance(attempts, int) else None
    if isinstance(exc, AgentClientError):
        if exc.operation is None:
            exc.operation = where
        return exc
    if isinstance(exc, _REQUEST_FAULTS):
        return request_failure(exc, where)
    if isinstance(exc, httpx.DecodingError):
        return InvalidResponseError(
            f"the response body could not be decoded ({redact(str(exc))[:200]})",
            operation=where,
            attempts=attempts,
        )
    if isinstance(exc, httpx.PoolTimeout):
        return TimeoutError(
            f"no free connection to {_where(request)} within {timeout:g} s (all in use)",
            timeout=timeout * 1000,
            operation=where,
            attempts=attempts,
        )
    if isinstance(exc, httpx.TimeoutException):
        return TimeoutError(
            f"no answer from {_where(request)} within {timeout:g} s ({type(exc).__name__})",
            timeout=timeout * 1000,
            operation=where,
            attempts=attempts,
        )
    tls = tls_failure(exc) if isinstance(exc, httpx.TransportError) else None
    if tls is not None:
        reason = getattr(tls, "verify_message", None) or getattr(tls, "reason", None) or type(tls).__name__
        return TLSError(
            f"TLS with {_where(request)} failed: {redact(str(reason))} "
            "(the server's certificate is checked against verify=; the server may require cert=)",
            operation=where,
            attempts=attempts,
        )
    reason = connect_failure(exc) if isinstance(exc, httpx.ConnectError) else None
    if reason is not None:  # the same words whichever library and event loop met it
        return ConnectionError(
            f"cannot reach {_where(request)}: {reason}", operation=where, attempts=attempts
        )
    if isinstance(exc, httpx.TransportError):
        text = redact(str(exc)) or "connection failed"
        return ConnectionError(
            f"cannot reach {_where(request)}: {type(exc).__name__}: {text}",
            operation=where,
            attempts=attempts,
        )
    if isinstance(exc, RuntimeError) and "closed" in str(exc).lower():
        return ClientClosedError("the client is closed", operation=where)
    return AgentClientError(
        f"unexpected {type(exc).__name__} while sending to {_where(request)}: {redact(str(exc))[:200]}",
        operation=where,
        attempts=attempts,
    )
