"""A client's constructor arguments, checked and resolved once (shared by both clients): the
URL, the key, timeouts, retry and pool settings, default headers, and the Bearer auth."""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import os
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import __version__
from ._config import PoolConfig, RetryConfig, check_number
from ._errors import ValidationError
from ._logging import logger as default_logger

__all__ = ["USER_AGENT", "BearerAuth", "Settings", "derive_settings", "resolve_settings"]

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
    url = check_url(api_url, log)
    check_number(owner, "timeout", timeout, minimum=0, exclusive=True)
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
        check_number(owner, "timeout", timeout, minimum=0, exclusive=True)
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


def check_url(
    api_url: Any, logger: logging.Logger | logging.LoggerAdapter[logging.Logger] = default_logger
) -> str:
    """An http(s) URL with a host and nothing after the path, without a trailing slash."""
    if not isinstance(api_url, str) or not api_url:
        raise ValidationError(
            f"api_url must be an http(s) URL string, got {api_url!r}", details={"field": "api_url"}
        )
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"api_url must start with http:// or https:// and name a host, got {api_url!r}",
            details={"field": "api_url", "value": api_url},
        )
    if parts.query or parts.fragment:
        raise ValidationError(
            f"api_url must not have a query or fragment, got {api_url!r}",
            details={"field": "api_url", "value": api_url},
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        logger.warning(
            "api_url %s uses plain http to a non-loopback host: the API key travels unencrypted",
            api_url,
        )
    return api_url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_key(api_key: Any) -> str:
    """A non-empty key that fits in a header."""
    if not isinstance(api_key, str) or not api_key.strip():
        raise ValidationError(
            "api_key must be a non-empty string (pass api_key=... or set AI_AGENT_API_KEY)",
            details={"field": "api_key"},
        )
    if any(c in api_key for c in "\r\n"):
        raise ValidationError("api_key must not contain line breaks", details={"field": "api_key"})
    return api_key


def check_headers(headers: Any) -> dict[str, str]:
    """Extra headers: a mapping of strings."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise ValidationError(
            f"headers must be a dict of strings, got {type(headers).__name__}", details={"field": "headers"}
        )
    return dict(headers)


def resolve_retry(owner: str, max_retries: Any, retry_config: Any) -> RetryConfig:
    """``max_retries`` is a shortcut for ``RetryConfig(max_retries=...)``; both given must agree."""
    if retry_config is not None and not isinstance(retry_config, RetryConfig):
        raise ValidationError(
            f"retry_config must be a RetryConfig, got {type(retry_config).__name__}",
            details={"field": "retry_config"},
        )
    if max_retries is None:
        return retry_config or RetryConfig()
    check_number(owner, "max_retries", max_retries, integer=True)
    if retry_config is None:
        return RetryConfig(max_retries=max_retries)
    if retry_config.max_retries != max_retries:
        raise ValidationError(
            f"max_retries={max_retries} contradicts retry_config.max_retries="
            f"{retry_config.max_retries}; pass only one of them",
            details={"field": "max_retries", "value": max_retries},
        )
    return retry_config
