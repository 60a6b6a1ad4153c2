"""The lean request and response (``ai_agent/_messages.py``): sent from their parts, they must
put on the wire exactly what httpx would, and once anything looks at them they must be exactly
the objects httpx would have built."""

from __future__ import annotations

import json
from typing import Any

import httpcore
import httpx
import pytest
from ai_agent_client.api.tasks import get_task, list_tasks, submit_task
from ai_agent_client.models import TaskStatus, TaskSubmitParams

from ai_agent._connection import httpx_error_type, is_httpx_own
from ai_agent._errors import ValidationError
from ai_agent._messages import (
    HeaderSet,
    LeanRequest,
    LeanResponse,
    header_of,
    is_encoded,
    lean_header_items,
    lean_header_raw,
    lean_parts,
    lean_url,
    parse_origin,
    set_header_once,
)
from ai_agent._request import build_request, encode_json, protect_dot_segments
from ai_agent._response import loads_object

HEADERS = {
    "User-Agent": "ai-agent-sdk-python/test",
    "Accept": "application/json",
    "Authorization": "Bearer k",
}
BASES = ["http://127.0.0.1:8080", "http://LOCALHOST:80", "https://[::1]:8443/api", "http://host/a%20b"]
CALLS: list[dict[str, Any]] = [
    get_task._get_kwargs("task-1"),
    get_task._get_kwargs("a b/c..%é"),
    get_task._get_kwargs(".."),
    get_task._get_kwargs("t", wait=20, after=7),
    list_tasks._get_kwargs(page=2, limit=5, status=TaskStatus.IN_PROGRESS, agent_id="x y&z=1"),
    submit_task._get_kwargs(
        body=TaskSubmitParams.from_dict({"name": "n é", "type": "t", "payload": {"k": [1]}})
    ),
    {"method": "post", "url": "/tasks/t/cancel"},
]


def reference(base: str, kwargs: dict[str, Any]) -> httpx.Request:
    """What the SDK built before lean requests: httpx's own request."""
    headers = dict(HEADERS)
    content = None
    if "json" in kwargs:
        content = encode_json(kwargs["json"], "w")
        headers["Content-Type"] = "application/json"
    return httpx.Request(
        kwargs["method"],
        base + protect_dot_segments(kwargs["url"]),
        params=kwargs.get("params") or None,
        content=content,
        headers=headers,
    )


def lean(base: str, kwargs: dict[str, Any], extensions: dict[str, Any] | None = None) -> httpx.Request:
    return build_request(base, parse_origin(base), kwargs, HeaderSet(HEADERS), extensions or {}, "w")


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("kwargs", CALLS, ids=lambda k: f"{k['method']} {k['url']}")
def test_sent_from_parts_exactly_as_httpx_would_send_it(base: str, kwargs: dict[str, Any]) -> None:
    expected = reference(base, kwargs)
    request = lean(base, kwargs)
    parts = lean_parts(request)
    assert isinstance(request, LeanRequest)
    assert parts is not None
    # What the httpcore path sends ...
    assert parts.origin.prefix + parts.target.encode("ascii") == expected.url.raw_path
    assert (parts.origin.scheme, parts.origin.host, parts.origin.port) == (
        expected.url.raw_scheme,
        expected.url.raw_host,
        expected.url.port,
    )
    assert lean_header_raw(request.method, parts) == expected.headers.raw
    # ... what the aiohttp path sends ...
    assert lean_url(parts) == str(expected.url)
    assert httpx.Headers(lean_header_items(parts)) == httpx.Headers(
        [(k, v) for k, v in expected.headers.items() if k not in ("host", "content-length")]
    )
    assert request.method == expected.method
    assert request.content == expected.content


@pytest.mark.parametrize("kwargs", CALLS, ids=lambda k: f"{k['method']} {k['url']}")
def test_read_it_becomes_the_request_httpx_builds(kwargs: dict[str, Any]) -> None:
    extensions: dict[str, Any] = {"timeout": {"read": 1.0}}
    expected = reference(BASES[0], kwargs)
    request = lean(BASES[0], kwargs, extensions)
    assert request.url == expected.url  # the first read builds it
    assert lean_parts(request) is None  # from now on it is sent as httpx sends it
    assert request.headers.raw == expected.headers.raw
    assert request.content == expected.content
    assert request.extensions is extensions  # the transport writes attempts and timeouts into it
    assert repr(request) == repr(expected)


def test_a_hook_that_edits_headers_is_what_gets_sent() -> None:
    request = lean(BASES[0], get_task._get_kwargs("t"))
    request.headers["X-Caller"] = "billing"
    assert lean_parts(request) is None
    assert request.headers["X-Caller"] == "billing"


def test_anything_unusual_is_built_by_httpx_itself() -> None:
    origin = parse_origin(BASES[0])
    clash = build_request(
        BASES[0],
        origin,
        {**get_task._get_kwargs("t"), "headers": {"accept": "text/plain"}},
        HeaderSet(HEADERS),
        {},
        "w",
    )
    raw_path = build_request(BASES[0], origin, {"method": "get", "url": "/a b"}, HeaderSet({}), {}, "w")
    for request in (clash, raw_path):
        assert type(request) is httpx.Request
    assert clash.headers.get_list("accept") == ["application/json", "text/plain"]
    assert raw_path.url.raw_path == b"/a%20b"
    # A header httpx cannot encode: httpx refuses it, as it always did (the core turns that
    # into a ValidationError before anything is sent).
    assert HeaderSet({"X-Name": "é"}).encoded is None
    with pytest.raises(UnicodeEncodeError):
        build_request(BASES[0], origin, get_task._get_kwargs("t"), HeaderSet({"X-Name": "é"}), {}, "w")


@pytest.mark.parametrize("read_first", [False, True])
def test_set_header_once(read_first: bool) -> None:
    request = lean(
        BASES[0],
        submit_task._get_kwargs(body=TaskSubmitParams.from_dict({"name": "n", "type": "t", "payload": {}})),
    )
    if read_first:
        assert request.url
    set_header_once(request, "Idempotency-Key", lambda: "one")
    set_header_once(request, "idempotency-key", lambda: "two")
    assert request.headers.get_list("idempotency-key") == ["one"]


RAW = [
    (b"Content-Type", b"application/json"),
    (b"X-Request-Id", b"req-1"),
    (b"Set-Cookie", b"a=1"),
    (b"Set-Cookie", b"b=2"),
]
BODY = b'{"success": true, "data": {"x": "\xc3\xa9"}}'


def test_a_lean_response_is_the_response_httpx_builds() -> None:
    request = httpx.Request("GET", "http://h/x")
    extensions = {"http_version": b"HTTP/1.1", "reason_phrase": b"OK"}
    expected = httpx.Response(
        200, headers=RAW, stream=httpx.ByteStream(BODY), request=request, extensions=extensions
    )
    expected.read()
    response = LeanResponse(200, RAW, BODY, request, extensions)
    assert header_of(response, "x-request-id") == "req-1"
    assert header_of(response, "x-missing") is None
    assert response.content == BODY
    assert response.status_code == 200
    assert response.lean is not None  # status and body alone build nothing
    assert response.headers.raw == expected.headers.raw
    assert response.lean is None
    for name in (
        "status_code",
        "content",
        "text",
        "encoding",
        "is_closed",
        "is_stream_consumed",
        "http_version",
        "reason_phrase",
        "extensions",
        "history",
        "next_request",
    ):
        assert getattr(response, name) == getattr(expected, name), name
    assert response.json() == expected.json()
    assert response.request is request
    assert repr(response) == repr(expected)
    assert header_of(response, "set-cookie") == expected.headers["set-cookie"] == "a=1, b=2"
    with pytest.raises(RuntimeError):  # as httpx: a response that no client timed has no elapsed
        _ = response.elapsed


def test_header_reads_through_the_connection_layers_own_view_match_httpx() -> None:
    # aiohttp's CIMultiDictProxy of the same headers, as the aiohttp backend passes it.
    multidict = pytest.importorskip("multidict")
    raw = [*RAW, (b"X-Latin", "caf\u00e9".encode("latin-1")), (b"X-Utf8", "caf\u00e9".encode())]
    view = multidict.CIMultiDictProxy(
        multidict.CIMultiDict((k.decode(), v.decode("utf-8", "surrogateescape")) for k, v in raw)
    )
    expected = httpx.Response(200, headers=raw)
    for name in ("x-request-id", "set-cookie", "x-latin", "x-utf8", "x-missing", "content-type"):
        for lookup in (view, None):  # aiohttp's view, or the raw list alone (httpcore)
            response = LeanResponse(200, raw, BODY, httpx.Request("GET", "http://h/x"), {}, lookup)
            assert header_of(response, name) == expected.headers.get(name), name
            assert response.lean is not None, name  # nothing built to answer


def test_a_response_header_changed_by_a_hook_is_what_the_sdk_reads() -> None:
    response = LeanResponse(200, RAW, BODY, httpx.Request("GET", "http://h/x"), {})
    response.headers["X-Request-Id"] = "from-hook"
    assert header_of(response, "x-request-id") == "from-hook"


def test_httpcore_errors_become_the_httpx_errors_httpx_raises() -> None:
    assert httpx_error_type(httpcore.ConnectTimeout) is httpx.ConnectTimeout
    assert httpx_error_type(httpcore.ReadError) is httpx.ReadError
    assert httpx_error_type(httpcore.RemoteProtocolError) is httpx.RemoteProtocolError
    assert httpx_error_type(httpcore.PoolTimeout) is httpx.PoolTimeout
    assert httpx_error_type(ValueError) is None


def test_a_patched_httpx_transport_is_noticed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert is_httpx_own(httpx.AsyncHTTPTransport.handle_async_request)
    assert is_httpx_own(httpx.HTTPTransport.handle_request)

    async def mocked(self: Any, request: httpx.Request) -> httpx.Response:
        raise AssertionError

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", mocked)
    assert not is_httpx_own(httpx.AsyncHTTPTransport.handle_async_request)


@pytest.mark.parametrize(
    "body",
    [
        b'{"success": true, "data": {"x": 1}}',
        b'{"a": 1}  \n\t\r',
        b'{"a": 1} x',
        b'{"a": 1}{"b": 2}',
        b"{",
        b"{}",
        b'{"a": "\xff"}',
        b'{"a": NaN, "b": -Infinity}',
        b'{"a": "\\ud800"}',
        b'{"a": 1}\x00',
        b'{"a": [1, 2',
        '{"\u00e9": "\u2603"}'.encode(),
        '{"a": 1}'.encode("utf-16"),
        '{"a": 1}'.encode("utf-16-le"),
        b'\xef\xbb\xbf{"a": 1}',
        b' {"a": 1}',
        b"[1, 2]",
        b"",
        b"{" * 100_000,
    ],
)
def test_loads_object_is_json_loads(body: bytes) -> None:
    """The fast JSON read gives json.loads's value, or raises json.loads's exception."""

    def outcome(loads: Any) -> tuple[str, Any]:
        try:
            return "value", loads(body)
        except Exception as exc:
            return type(exc).__name__, str(exc)

    assert outcome(loads_object) == outcome(json.loads)


@pytest.mark.parametrize(
    ("headers", "encoded"),
    [
        ([], False),
        ([(b"content-type", b"application/json")], False),
        ([(b"Content-Encoding", b"gzip")], True),
        ([(b"content-encoding", b" Identity ")], False),
        ([(b"CONTENT-ENCODING", b"br")], True),
        ([(b"content-encodings", b"gzip")], False),
    ],
)
def test_is_encoded(headers: list[tuple[bytes, bytes]], encoded: bool) -> None:
    assert is_encoded(headers) is encoded


BODIES: list[Any] = [
    {"name": "n é\u2028", "payload": {"k": [1, 2.5, -0.0, 1e308, None, True, False, 'x"\\\n']}},
    {"1": {"nested": [[{}], []]}, "unicode": "\U0001f600"},
    [1, "two", {"three": 3}],
    "text",
    12,
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_bodies_are_encoded_as_json_dumps_with_the_same_options(body: Any) -> None:
    """The encoder made once (its C core reused) writes what json.dumps writes."""
    expected = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    assert encode_json(body, "w") == expected.encode("utf-8")


@pytest.mark.parametrize(
    "body",
    [
        {"a": float("nan")},
        {"a": float("inf")},
        {"a": {1, 2}},
        {"a": object()},
        {"a": "\ud83d"},  # a lone surrogate: not UTF-8
        "contains itself",
    ],
)
def test_bodies_json_cannot_carry_are_refused_before_sending(body: Any) -> None:
    if body == "contains itself":
        body = []
        body.append(body)
    with pytest.raises(ValidationError) as caught:
        encode_json(body, "tasks.submit")
    assert caught.value.details == {"field": "body"}
    assert "cannot be sent as JSON" in caught.value.message


def test_equal_headers_share_one_header_set_that_goes_with_its_last_holder() -> None:
    """One ``HeaderSet`` per distinct headers while something holds it; the table does not keep
    it (nor the key in its ``Authorization``) alive after that."""
    import gc

    from ai_agent._messages import _HEADER_SETS

    headers = {"Authorization": "Bearer sk-only-here-0000", "Accept": "application/json"}
    first = HeaderSet.of(headers)
    assert HeaderSet.of(dict(headers)) is first
    assert HeaderSet.of({**headers, "X-Other": "1"}) is not first
    key = tuple(headers.items())
    assert key in _HEADER_SETS
    del first
    gc.collect()
    assert key not in _HEADER_SETS
