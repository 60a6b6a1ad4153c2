"""Every value a user passes is checked where it enters, with these rules and limits (the same
for both clients); a failure is a ``ValidationError`` naming the field, and nothing is sent.

    text          a str that UTF-8 can encode (no lone surrogates, as ``surrogateescape``
                  decoding leaves them)
    ids           1 to MAX_ID_BYTES bytes of such text (sent percent-encoded)
    header values visible ASCII, spaces and tabs (no CR, LF, NUL or other control characters)
    header names  the characters HTTP allows in a token
    JSON values   dicts with str keys, lists and tuples, str, bool, None, int, finite float,
                  nested at most MAX_JSON_DEPTH deep (a cycle counts as too deep)
    numbers       real int/float (bool refused), finite, within the range of the field
    URLs          http(s), a valid host, no credentials, no query or fragment
"""

from __future__ import annotations

import math
import reprlib
import string
from collections.abc import Mapping
from typing import Any

from ._errors import ValidationError

__all__ = [
    "INT32_MAX",
    "MAX_ID_BYTES",
    "MAX_JSON_DEPTH",
    "check_header_name",
    "check_header_value",
    "check_id",
    "check_json",
    "check_number",
    "check_utf8",
    "shown",
]

MAX_ID_BYTES = 1024  # a path with the id stays well under the 4-8 KB proxies accept
MAX_JSON_DEPTH = 100
INT32_MAX = 2**31 - 1

_repr = reprlib.Repr()
_repr.maxlevel = 3
_repr.maxstring = 80
_repr.maxother = 80
_TOKEN = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~")


def shown(value: Any) -> Any:
    """``value`` as it may appear in an error: scalars as they are (long text cut), anything
    else as a short repr that survives deep nesting and cycles."""
    if value is None or isinstance(value, (bool, int, float)):
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
            return f"<int of {value.bit_length()} bits>"  # str() of a huge int is slow or refused
        return value
    if isinstance(value, str):
        return value if len(value) <= 100 else value[:100] + "..."
    try:
        return _repr.repr(value)
    except Exception:  # an object whose __repr__ fails: its type will do
        return f"<{type(value).__name__}>"


def _invalid(owner: str, name: str, problem: str, value: Any) -> ValidationError:
    field = f"{owner}.{name}" if owner else name
    return ValidationError(f"{field} {problem}", details={"field": name, "value": shown(value)})


def _utf8_problem(value: str) -> str | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (
            f"character {exc.start} is a lone surrogate ({value[exc.start]!r}), which no UTF-8 "
            "request can carry (text decoded with errors='surrogateescape'?)"
        )
    return None


def check_utf8(owner: str, name: str, value: str) -> str:
    """``value`` if UTF-8 can encode it (text decoded with ``surrogateescape`` may not)."""
    problem = _utf8_problem(value)
    if problem is not None:
        raise _invalid(owner, name, f"must be valid text: {problem}", value)
    return value


def check_id(name: str, value: Any) -> str:
    """An agent or task id: non-empty text of at most ``MAX_ID_BYTES`` bytes (opaque; sent
    percent-encoded, so any character is fine)."""
    if type(value) is str and value.isascii() and 0 < len(value) <= MAX_ID_BYTES:
        return value  # the usual id: nothing more to check (ASCII holds no lone surrogate)
    if not isinstance(value, str) or not value:
        raise _invalid("", name, f"must be a non-empty string, got {shown(value)!r}", value)
    check_utf8("", name, value)
    size = len(value.encode("utf-8"))
    if size > MAX_ID_BYTES:
        raise _invalid("", name, f"must be at most {MAX_ID_BYTES} bytes of UTF-8, got {size}", value)
    return value


def check_header_value(owner: str, name: str, value: Any, *, spaces: bool = True) -> str:
    """Text that can go in an HTTP header: visible ASCII (and spaces and tabs, if allowed)."""
    if not isinstance(value, str):
        raise _invalid(owner, name, f"must be a string, got {type(value).__name__}", value)
    for index, char in enumerate(value):
        if not ("!" <= char <= "~" or (spaces and char in " \t")):
            what = {"\r": "a carriage return", "\n": "a line feed", "\x00": "a NUL", " ": "a space"}.get(
                char, f"{char!r}"
            )
            raise _invalid(
                owner,
                name,
                f"must be visible ASCII to go in an HTTP header; character {index} is {what}",
                value,
            )
    return value


def check_header_name(owner: str, name: Any) -> str:
    """A header name (an HTTP token)."""
    if not isinstance(name, str) or not name or any(char not in _TOKEN for char in name):
        raise _invalid(owner, "headers", f"has an invalid header name {shown(name)!r}", name)
    return name


def check_json(owner: str, name: str, value: Any) -> None:
    """Raise unless ``value`` is plain JSON that a request can carry (see the module docstring)."""
    # An explicit stack, not recursion: a 5,000-deep payload must fail as ValidationError,
    # not as RecursionError. A node's place is kept as (parent's place, key) and spelled out
    # only for the error message: every request body passes here.
    stack: list[tuple[Any, Any, int]] = [(value, None, 0)]
    while stack:
        item, place, depth = stack.pop()
        kind = type(item)
        if kind is not dict and kind is not list:  # the usual containers go straight to their walk
            if item is None or isinstance(item, (bool, int)):
                continue
            if isinstance(item, str):
                if not item.isascii():  # ASCII holds no lone surrogate
                    problem = _utf8_problem(item)
                    if problem is not None:
                        raise _invalid(
                            owner, name, f"must be valid text at {_place(name, place)}: {problem}", value
                        )
                continue
            if isinstance(item, float):
                if not math.isfinite(item):
                    raise _invalid(
                        owner,
                        name,
                        f"must be JSON: {item!r} at {_place(name, place)} is not a JSON number",
                        value,
                    )
                continue
        if depth >= MAX_JSON_DEPTH:
            raise _invalid(
                owner,
                name,
                f"is nested more than {MAX_JSON_DEPTH} levels deep (or refers to itself) "
                f"at {_place(name, place)}",
                value,
            )
        if kind is dict or (kind is not list and isinstance(item, Mapping)):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise _invalid(
                        owner,
                        name,
                        f"must be JSON: key {shown(key)!r} at {_place(name, place)} is not a string",
                        value,
                    )
                if not key.isascii():
                    problem = _utf8_problem(key)
                    if problem is not None:
                        raise _invalid(
                            owner,
                            name,
                            f"must be valid text in a key at {_place(name, place)}: {problem}",
                            value,
                        )
                if not _plain(child):
                    stack.append((child, (place, key), depth + 1))
            continue
        if kind is list or isinstance(item, (list, tuple)):
            for index, child in enumerate(item):
                if not _plain(child):
                    stack.append((child, (place, index), depth + 1))
            continue
        raise _invalid(
            owner, name, f"must be JSON: {type(item).__name__} at {_place(name, place)} is not JSON", value
        )


def _plain(value: Any) -> bool:
    """Whether ``value`` is a JSON scalar that needs no visit (most leaves of a payload)."""
    kind = type(value)
    return kind is int or value is None or kind is bool or (kind is str and value.isascii())


def _place(name: str, place: Any) -> str:
    """``payload.items[3].id`` from the (parent, key) chain ``check_json`` keeps."""
    parts: list[str] = []
    while place is not None:
        place, key = place
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return name + "".join(reversed(parts))


def check_number(
    owner: str,
    name: str,
    value: object,
    *,
    minimum: float = 0,
    maximum: float | None = None,
    integer: bool = False,
    exclusive: bool = False,
) -> None:
    """Raise ``ValidationError`` naming ``owner.name`` unless ``value`` is a finite number in range."""
    kinds: tuple[type, ...] = (int,) if integer else (int, float)
    kind = "an integer" if integer else "a finite number"
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise _invalid(owner, name, f"must be {kind}, got {shown(value)!r}", value)
    try:
        finite = math.isfinite(value)  # type: ignore[arg-type]
    except OverflowError:  # an int too large for a float
        finite = False
    if not finite:
        raise _invalid(owner, name, f"must be {kind}, got {shown(value)!r}", value)
    if value < minimum or (exclusive and value == minimum):  # type: ignore[operator]
        relation = ">" if exclusive else ">="
        raise _invalid(owner, name, f"must be {relation} {minimum:g}, got {shown(value)!r}", value)
    if maximum is not None and value > maximum:  # type: ignore[operator]
        raise _invalid(owner, name, f"must be at most {maximum:,g}, got {shown(value)!r}", value)
