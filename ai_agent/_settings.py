"""A client's constructor arguments, checked and resolved once (shared by both clients): the
URL, the key, timeouts, retry and pool settings, default headers, and the Bearer auth."""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import os
import re
import ssl
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from ._checks import check_header_name, check_header_value, check_number, check_utf8
from ._config import PoolConfig, RetryConfig
from ._errors import ValidationError
from ._logging import logger as default_logger
from ._version import __version__

__all__ = [
    "USER_AGENT",
    "BearerAuth",
    "Settings",
    "check_instance",
    "check_verify",
    "derive_settings",
    "resolve_settings",
]

USER_AGENT = f"ai-agent-sdk-python/{__version__}"


class BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer <key>`` (for ``client.api``); its repr never shows the key."""

    def __init__(self, api_key: str) -> None:
        self._header = f"Bearer {api_key}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Set the header on the request."""
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "BearerAuth(<redacted>)"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a client needs from its arguments, checked."""

    api_url: str
    api_key: str
    timeout: float
    retry: RetryConfig
    pool: PoolConfig
    headers: dict[str, str]
    logger: logging.Logger | logging.LoggerAdapter[logging.Logger]

    def __repr__(self) -> str:
        return f"Settings(api_url={self.api_url!r}, timeout={self.timeout!r}, api_key=<redacted>)"


def resolve_settings(
    owner: str,
    api_url: Any,
    api_key: Any,
    timeout: Any,
    max_retries: Any,
    retry_config: Any,
    pool_config: Any,
    headers: Any,
    logger: Any = None,
) -> Settings:
    """Check a client's arguments; ``ValidationError`` naming the first bad one."""
    log = check_logger(logger)
    if api_key is None:
        api_key = os.environ.get("AI_AGENT_API_KEY")
    key = check_key(api_key)
    url = url_from_env(log) if api_url is None else check_url(api_url, log)
    check_number(owner, "timeout", timeout, minimum=0, exclusive=True, maximum=MAX_TIMEOUT)
    if pool_config is not None and not isinstance(pool_config, PoolConfig):
        raise ValidationError(
            f"pool_config must be a PoolConfig, got {type(pool_config).__name__}",
            details={"field": "pool_config"},
        )
    return Settings(
        api_url=url,
        api_key=key,
        timeout=float(timeout),
        retry=resolve_retry(owner, max_retries, retry_config),
        pool=pool_config or PoolConfig(),
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate",
            **check_headers(headers),
        },
        logger=log,
    )


def derive_settings(
    owner: str, base: Settings, timeout: Any, max_retries: Any, retry_config: Any, headers: Any
) -> Settings:
    """``base`` with the per-call options of ``with_options`` applied (None: keep as is)."""
    changes: dict[str, Any] = {}
    if timeout is not None:
        check_number(owner, "timeout", timeout, minimum=0, exclusive=True, maximum=MAX_TIMEOUT)
        changes["timeout"] = float(timeout)
    if retry_config is not None or max_retries is not None:
        retry = resolve_retry(owner, max_retries, retry_config)
        if retry_config is None:  # only max_retries: keep the rest of the back-off settings
            retry = dataclasses.replace(base.retry, max_retries=retry.max_retries)
        changes["retry"] = retry
    if headers is not None:
        changes["headers"] = {**base.headers, **check_headers(headers)}
    return dataclasses.replace(base, **changes)


def check_logger(logger: Any) -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The logger to use: the given one, or the ``ai_agent`` logger."""
    if logger is None:
        return default_logger
    if not isinstance(logger, (logging.Logger, logging.LoggerAdapter)):
        raise ValidationError(
            f"logger must be a logging.Logger, got {type(logger).__name__}", details={"field": "logger"}
        )
    return logger


MAX_TIMEOUT = 24 * 3600  # seconds per attempt: a day; longer overflows some platforms' timers
_LABEL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$")
# Set by the SDK itself (or meaning something else than a header of every request).
_RESERVED_HEADERS = frozenset(
    {"authorization", "idempotency-key", "host", "content-length", "transfer-encoding"}
)


def _bad_url(problem: str, api_url: str) -> ValidationError:
    return ValidationError(
        f"api_url {problem}, got {_without_credentials(api_url)!r}",
        details={"field": "api_url", "value": _without_credentials(api_url)},
    )


def _without_credentials(api_url: str) -> str:
    """The URL as it may be shown: a ``user:password@`` part blanked out."""
    return re.sub(r"(?<=//)[^/?#]*@", "***@", api_url)[:300]


DEFAULT_API_URL = "http://localhost:3000"


def url_from_env(logger: logging.Logger | logging.LoggerAdapter[logging.Logger] = default_logger) -> str:
    """``AI_AGENT_API_URL``, checked (an error names the variable), or the default URL."""
    value = os.environ.get("AI_AGENT_API_URL")
    if not value:
        return DEFAULT_API_URL
    try:
        return check_url(value, logger)
    except ValidationError as error:
        raise ValidationError(f"AI_AGENT_API_URL: {error.message}", details={"field": "api_url"}) from None


def check_url(
    api_url: Any, logger: logging.Logger | logging.LoggerAdapter[logging.Logger] = default_logger
) -> str:
    """An http(s) URL with a valid host and port, no credentials, nothing after the path;
    returned without a trailing slash."""
    if not isinstance(api_url, str) or not api_url:
        raise ValidationError(
            f"api_url must be an http(s) URL string, got {type(api_url).__name__}",
            details={"field": "api_url"},
        )
    try:
        parts = urlsplit(api_url)
        port = parts.port
    except ValueError as exc:
        raise _bad_url(f"is not a valid URL ({exc})", api_url) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _bad_url("must start with http:// or https:// and name a host", api_url)
    if "@" in parts.netloc:
        # Refused rather than redacted: the orchestrator authenticates with api_key, and a
        # password in a URL travels into logs, reprs and error messages far too easily.
        raise _bad_url(
            "must not contain credentials (user:password@); the key goes in api_key (or AI_AGENT_API_KEY)",
            api_url,
        )
    host = parts.hostname or ""
    if not _valid_host(host):
        raise _bad_url(f"has an invalid host {host!r}", api_url)
    if port == 0:
        raise _bad_url("has port 0", api_url)
    if parts.query or parts.fragment or api_url.endswith(("?", "#")):
        raise _bad_url("must not have a query or fragment", api_url)
    if any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F for char in parts.path):
        raise _bad_url("has whitespace or a control character in its path", api_url)
    check_utf8("", "api_url", api_url)
    if parts.scheme == "http" and not _is_loopback(host):
        logger.warning(
            "api_url %s uses plain http to a non-loopback host: the API key travels unencrypted",
            api_url,
        )
    return api_url.rstrip("/")


def _valid_host(host: str) -> bool:
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return len(ascii_host) <= 253 and all(_LABEL.match(label) for label in labels)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_key(api_key: Any) -> str:
    """A non-empty key that can go in the ``Authorization`` header: visible ASCII, no spaces.
    The key is never quoted back, not even in this error."""
    if not isinstance(api_key, str) or not api_key.strip():
        raise ValidationError(
            "api_key must be a non-empty string (pass api_key=... or set AI_AGENT_API_KEY)",
            details={"field": "api_key"},
        )
    for index, char in enumerate(api_key):
        if not "!" <= char <= "~":
            what = {"\r": "a carriage return", "\n": "a line feed", " ": "a space", "\t": "a tab"}.get(
                char, "not visible ASCII"
            )
            raise ValidationError(
                f"api_key must be visible ASCII without spaces; character {index} of {len(api_key)} "
                f"is {what} (a key pasted with a line break or from a rich-text document?)",
                details={"field": "api_key"},
            )
    return api_key


def check_headers(headers: Any) -> dict[str, str]:
    """Extra headers: header names mapped to header values (values never quoted in errors:
    they may be secrets)."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise ValidationError(
            f"headers must be a dict of strings, got {type(headers).__name__}", details={"field": "headers"}
        )
    checked: dict[str, str] = {}
    for name, value in headers.items():
        check_header_name("", name)
        if name.lower() in _RESERVED_HEADERS:
            raise ValidationError(
                f"headers must not set {name}: the SDK sets it (the key goes in api_key, "
                "idempotency keys per call)",
                details={"field": "headers"},
            )
        try:
            check_header_value("", f"headers[{name!r}]", value)
        except ValidationError as error:
            raise ValidationError(error.message, details={"field": "headers"}) from None
        checked[name] = value
    return checked


def check_verify(verify: Any) -> None:
    """TLS verification: True/False, a CA bundle path, or an ``ssl.SSLContext``."""
    if not isinstance(verify, (bool, str, ssl.SSLContext)):
        raise ValidationError(
            f"verify must be True, False, a CA bundle path or an ssl.SSLContext, got {type(verify).__name__}",
            details={"field": "verify"},
        )
    if isinstance(verify, str):
        check_utf8("", "verify", verify)
        if not os.path.exists(verify):
            raise ValidationError(f"verify: no CA bundle at {verify!r}", details={"field": "verify"})


def check_instance(name: str, value: Any, kind: type | tuple[type, ...], what: str) -> None:
    """``None`` or an instance of ``kind``."""
    if value is not None and not isinstance(value, kind):
        raise ValidationError(f"{name} must be {what}, got {type(value).__name__}", details={"field": name})


def resolve_retry(owner: str, max_retries: Any, retry_config: Any) -> RetryConfig:
    """``max_retries`` is a shortcut for ``RetryConfig(max_retries=...)``; both given must agree."""
    if retry_config is not None and not isinstance(retry_config, RetryConfig):
        raise ValidationError(
            f"retry_config must be a RetryConfig, got {type(retry_config).__name__}",
            details={"field": "retry_config"},
        )
    if max_retries is None:
        return retry_config or RetryConfig()
    check_number(owner, "max_retries", max_retries, integer=True, maximum=100)
    if retry_config is None:
        return RetryConfig(max_retries=max_retries)
    if retry_config.max_retries != max_retries:
        raise ValidationError(
            f"max_retries={max_retries} contradicts retry_config.max_retries="
            f"{retry_config.max_retries}; pass only one of them",
            details={"field": "max_retries", "value": max_retries},
        )
    return retry_config
