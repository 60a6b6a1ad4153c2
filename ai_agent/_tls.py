"""TLS contexts: one default per process (building one costs ~50 ms, reusing it nothing), a
fresh one per client that presents a client certificate, and the typed error for a failed
handshake."""

from __future__ import annotations

import functools
import os
import ssl
from typing import Any

import httpx

from ._errors import ValidationError

__all__ = ["CertTypes", "check_cert", "ssl_context", "tls_failure"]

# As httpx has it: a PEM file holding certificate and key, (certfile, keyfile), or
# (certfile, keyfile, password).
CertTypes = str | tuple[str, str] | tuple[str, str, str]


@functools.cache
def _shared(verify: bool, trust_env: bool, env_cas: tuple[str | None, str | None]) -> ssl.SSLContext:
    # ``env_cas``: SSL_CERT_FILE and SSL_CERT_DIR as they were, so that a change makes a new one.
    return httpx.create_ssl_context(verify=verify, trust_env=trust_env)


def _env_cas(trust_env: bool) -> tuple[str | None, str | None]:
    if not trust_env:
        return None, None
    return os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")


def _verifying(verify: bool | str, trust_env: bool) -> ssl.SSLContext:
    """A new context that verifies as ``verify`` says (for a client certificate of its own)."""
    if isinstance(verify, bool):
        return httpx.create_ssl_context(verify=verify, trust_env=trust_env)
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


def check_cert(cert: Any, verify: Any) -> None:
    """``cert`` as httpx takes it, with files that exist; not beside an ``SSLContext`` verify."""
    if cert is None:
        return
    files = (cert,) if isinstance(cert, str) else cert
    if not isinstance(files, tuple) or not 1 <= len(files) <= 3 or not all(isinstance(f, str) for f in files):
        raise ValidationError(
            "cert must be a PEM file path, (certfile, keyfile) or (certfile, keyfile, password), "
            f"got {type(cert).__name__}",
            details={"field": "cert"},
        )
    for path in files[:2]:
        if not os.path.isfile(path):
            raise ValidationError(f"cert: no file at {path!r}", details={"field": "cert"})
    if isinstance(verify, ssl.SSLContext):
        raise ValidationError(
            "cert cannot be combined with an ssl.SSLContext verify: load the client certificate "
            "into that context (context.load_cert_chain(...)) instead",
            details={"field": "cert"},
        )


def ssl_context(
    verify: bool | str | ssl.SSLContext, cert: CertTypes | None = None, trust_env: bool = True
) -> ssl.SSLContext:
    """The context for ``verify`` (shared for True/False, built for a CA bundle path, as given
    for a context), presenting ``cert`` when given (then always a context of its own).
    ``trust_env``: SSL_CERT_FILE and SSL_CERT_DIR are honoured, as httpx honours them."""
    if isinstance(verify, ssl.SSLContext):
        return verify
    if cert is None:
        if isinstance(verify, bool):
            return _shared(verify, trust_env, _env_cas(trust_env))
        return _verifying(verify, trust_env)
    context = _verifying(verify, trust_env)
    files = (cert,) if isinstance(cert, str) else cert
    certfile = files[0]
    keyfile = files[1] if len(files) > 1 else None
    password = files[2] if len(files) > 2 else None
    try:
        context.load_cert_chain(certfile, keyfile, password)
    except (ssl.SSLError, OSError, ValueError) as exc:
        # Not the exception's text: it may quote the password.
        raise ValidationError(
            f"cert: cannot load the client certificate from {certfile!r} ({type(exc).__name__})",
            details={"field": "cert"},
        ) from None
    return context


# Handshake failures that are no verdict on the certificates: the peer went away mid-handshake,
# which another attempt may cure.
_NOT_A_VERDICT = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLWantReadError, ssl.SSLWantWriteError)


def tls_failure(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error behind a transport failure, if certificates decided it: the server's was
    not trusted, or it refused ours (or asked for one we did not present). Found in the
    exception's cause and context chain, where httpx, httpcore and aiohttp leave it."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError) and not isinstance(current, _NOT_A_VERDICT):
            return current
        current = current.__cause__ or current.__context__
    return None
