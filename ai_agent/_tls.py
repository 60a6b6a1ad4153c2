"""One default TLS context per process: building one costs ~50 ms, reusing it costs nothing."""

from __future__ import annotations

import functools
import os
import ssl

import httpx

from ._errors import ValidationError

__all__ = ["ssl_context"]


@functools.cache
def _shared(verify: bool) -> ssl.SSLContext:
    return httpx.create_ssl_context(verify=verify)


def ssl_context(verify: bool | str | ssl.SSLContext) -> ssl.SSLContext:
    """The context for ``verify``: shared for True/False, built for a CA bundle path, as given otherwise."""
    if isinstance(verify, ssl.SSLContext):
        return verify
    if isinstance(verify, bool):
        return _shared(verify)
    # A CA bundle file or a directory of certificates (httpx deprecates passing the path).
    try:
        if os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    except (ssl.SSLError, OSError, ValueError) as exc:
        raise ValidationError(
            f"verify: cannot load CA certificates from {verify!r} ({type(exc).__name__}: {exc})",
            details={"field": "verify"},
        ) from None
