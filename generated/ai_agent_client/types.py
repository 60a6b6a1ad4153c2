"""Contains some shared types for properties"""

import re
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar
from urllib.parse import quote

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus | int
    """ The status; a plain int when it is not a standard one (e.g. 520). """
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def status_of(code: int) -> HTTPStatus | int:
    """``HTTPStatus(code)``, or ``code`` itself when it is not a standard status."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


# What ``quote(text, safe="")`` leaves as it is.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+")


def path_segment(value: object) -> str:
    """``quote(str(value), safe="")``: a path parameter, percent-encoded (quote's own work is
    skipped for the usual id, which needs none)."""
    text = str(value)
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "path_segment",
    "status_of",
]
