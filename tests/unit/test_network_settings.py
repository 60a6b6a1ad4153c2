"""The network arguments, checked at construction on both clients: proxy choice by httpx's
rules (argument, mapping, environment, NO_PROXY, trust_env), client certificates, HTTP/2,
and AI_AGENT_API_URL. The real-component tests (tests/integration/*/test_network_real.py)
show the choices at work through pproxy, trustme certificates and hypercorn."""

from __future__ import annotations

import importlib.util
import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme

from ai_agent import AgentClient, SyncAgentClient, ValidationError
from ai_agent._connection import resolve_network

from ..helpers import KEY

CLIENTS = [AgentClient, SyncAgentClient]
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*PROXY_VARIABLES, "AI_AGENT_API_URL", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def chosen(api_url: str = "http://127.0.0.1:3000", **options: Any) -> str | None:
    network = resolve_network(api_url, verify=True, **options)
    return None if network.proxy is None else str(network.proxy.url)


def make(cls: Any, **options: Any) -> Any:
    return cls(api_key=KEY, **options)


def close(client: Any) -> None:
    if isinstance(client, SyncAgentClient):
        client.close()
    else:
        client._open = False  # never used: nothing to close on a loop


# -- proxies -----------------------------------------------------------------------------------


def test_a_proxy_url_applies_to_every_request() -> None:
    assert chosen(proxy="http://proxy.example:3128") == "http://proxy.example:3128"
    assert chosen(proxy=httpx.URL("http://proxy.example:3128")) == "http://proxy.example:3128"
    assert chosen(proxy=httpx.Proxy("https://proxy.example:3129")) == "https://proxy.example:3129"


def test_a_mapping_is_matched_as_httpx_mounts_are() -> None:
    mapping = {"all://": "http://general:1", "http://127.0.0.1": "http://special:2", "all://*.lan": None}
    assert chosen(proxy=mapping) == "http://special:2"
    assert chosen("https://127.0.0.1:8443", proxy=mapping) == "http://general:1"
    assert chosen("https://api.office.lan", proxy=mapping) is None  # None: go direct
    assert chosen(proxy={"https://": "http://tls-only:3"}) is None


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"])
def test_environment_proxies_are_honoured(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "http://envproxy:8080")
    assert chosen() == "http://envproxy:8080"
    assert chosen(trust_env=False) is None
    assert chosen(proxy="http://explicit:1") == "http://explicit:1"  # the argument wins, as in httpx


def test_https_proxy_applies_to_https_urls_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://tlsproxy:8080")
    assert chosen("https://api.example") == "http://tlsproxy:8080"
    assert chosen("http://api.example") is None


@pytest.mark.parametrize(
    ("no_proxy", "api_url", "proxied"),
    [
        ("127.0.0.1", "http://127.0.0.1:3000", False),
        ("localhost,.internal", "http://api.internal:80", False),
        ("*", "http://anything.example", False),
        ("other.example", "http://api.example", True),
    ],
)
def test_no_proxy_is_honoured(
    monkeypatch: pytest.MonkeyPatch, no_proxy: str, api_url: str, proxied: bool
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://envproxy:8080")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    assert (chosen(api_url) is not None) is proxied


@pytest.mark.parametrize(
    ("proxy", "words"),
    [
        ("ftp://proxy:21", "scheme"),
        ("socks5://proxy:1080", "scheme"),
        ("not a url at all", "proxy"),
        (42, "proxy must be a URL"),
        ({"http": "http://p:1"}, "proxy"),  # a plain scheme, not a pattern
        ({1: "http://p:1"}, "URL patterns"),
    ],
)
@pytest.mark.parametrize("cls", CLIENTS)
def test_a_bad_proxy_is_refused_at_construction(cls: Any, proxy: Any, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        make(cls, proxy=proxy)
    assert info.value.details == {"field": "proxy"}
    assert words in str(info.value)


@pytest.mark.parametrize("cls", CLIENTS)
def test_proxy_credentials_never_appear_in_errors_or_reprs(cls: Any) -> None:
    with pytest.raises(ValidationError) as info:
        make(cls, proxy="ftp://user:hunter2pass@proxy:21")
    assert "hunter2pass" not in str(info.value)
    client = make(cls, proxy="http://user:hunter2pass@proxy:3128")
    try:
        assert "hunter2pass" not in repr(client)
        assert "hunter2pass" not in repr(client._core.transport.pool.inner.__dict__.get("_proxy"))
    finally:
        close(client)


def test_trust_env_and_http2_must_be_booleans() -> None:
    for name in ("trust_env", "http2"):
        with pytest.raises(ValidationError) as info:
            resolve_network("http://x", verify=True, **{name: "yes"})
        assert info.value.details == {"field": name}


# -- TLS ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client_pem(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("pem") / "client.pem"
    trustme.CA().issue_cert("client@example.test").private_key_and_cert_chain_pem.write_to_path(str(path))
    return str(path)


def test_a_client_certificate_gets_a_context_of_its_own(client_pem: str) -> None:
    shared = resolve_network("https://x", verify=True).ssl_context
    assert resolve_network("https://y", verify=True).ssl_context is shared  # built once per process
    mine = resolve_network("https://x", verify=True, cert=client_pem).ssl_context
    assert mine is not shared
    assert resolve_network("https://x", verify=True, cert=(client_pem, client_pem)).ssl_context is not shared


@pytest.mark.parametrize(
    ("cert", "words"),
    [
        ("/no/such/file.pem", "no file"),
        (("a", "b", "c", "d"), "cert must be"),
        (42, "cert must be"),
    ],
)
@pytest.mark.parametrize("cls", CLIENTS)
def test_a_bad_cert_is_refused_at_construction(cls: Any, cert: Any, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        make(cls, cert=cert)
    assert info.value.details == {"field": "cert"}
    assert words in str(info.value)


def test_a_file_that_is_not_a_certificate_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    with pytest.raises(ValidationError, match="cannot load the client certificate"):
        resolve_network("https://x", verify=True, cert=str(junk))


def test_cert_beside_an_ssl_context_is_refused(client_pem: str) -> None:
    with pytest.raises(ValidationError, match="load_cert_chain"):
        resolve_network("https://x", verify=ssl.create_default_context(), cert=client_pem)


# -- HTTP/2 ------------------------------------------------------------------------------------


def test_http2_on_aiohttp_is_refused_at_construction() -> None:
    with pytest.raises(ValidationError, match=r"aiohttp speaks HTTP/1\.1 only") as info:
        AgentClient(api_key=KEY, backend="aiohttp", http2=True)
    assert info.value.details == {"field": "http2"}


@pytest.mark.parametrize("cls", CLIENTS)
def test_http2_without_h2_names_the_extra(cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "h2" else real(name, *a)
    )
    with pytest.raises(ValidationError, match=r"ai-agent-orchestrator\[http2\]"):
        make(cls, http2=True)


@pytest.mark.parametrize("cls", CLIENTS)
def test_http2_reaches_the_connection_layer(cls: Any) -> None:
    client = make(cls, http2=True)
    try:
        pool = client._core.transport.pool.inner._pool
        assert pool._http2 is True
    finally:
        close(client)


@pytest.mark.parametrize("cls", CLIENTS)
@pytest.mark.parametrize(
    "option",
    [
        {"proxy": "http://p:1"},
        {"http2": True},
        {"verify": False},
        {"backend": "aiohttp"},
        {"backend": "nope"},
    ],
)
def test_network_options_beside_a_transport_of_ones_own_are_refused(cls: Any, option: dict[str, Any]) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))  # serves both kinds
    with pytest.raises(ValidationError, match="which transport= replaces") as info:
        make(cls, transport=transport, **option)
    assert f"{next(iter(option))}=" in str(info.value)  # names what to leave out
    assert info.value.details == {"field": "transport"}


# -- the API URL from the environment ----------------------------------------------------------


@pytest.mark.parametrize("cls", CLIENTS)
def test_api_url_comes_from_the_environment(cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client = make(cls)
    assert client.api_url == "http://localhost:3000"
    close(client)
    monkeypatch.setenv("AI_AGENT_API_URL", "https://orchestrator.example/")
    client = make(cls)
    assert client.api_url == "https://orchestrator.example"
    close(client)
    client = make(cls, api_url="http://127.0.0.1:9")  # the argument wins
    assert client.api_url == "http://127.0.0.1:9"
    close(client)


@pytest.mark.parametrize("cls", CLIENTS)
def test_a_bad_api_url_in_the_environment_names_the_variable(
    cls: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AI_AGENT_API_URL", "ftp://nope")
    with pytest.raises(ValidationError, match="AI_AGENT_API_URL") as info:
        make(cls)
    assert info.value.details == {"field": "api_url"}
