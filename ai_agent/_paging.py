"""Pagination shared by both clients: bounds checks and page parsing (the walk over all pages is
in the generated ``pages()`` methods)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from ._errors import InvalidResponseError
from ._response import parse_model
from ._results import Page
from ._surface.operations import BY_ID

__all__ = ["MAX_LIMIT", "next_page_number", "parse_page"]

T = TypeVar("T")

# The most items a list request may ask for: openapi.yaml's maximum of `limit` on GET /tasks.
MAX_LIMIT = int(next(f.maximum or 100 for f in BY_ID["listTasks"].query if f.wire == "limit"))


def parse_page(
    response: httpx.Response, where: str, data: Any, parse: Callable[[Mapping[str, Any]], T]
) -> Page[T]:
    """A list envelope's ``data`` ({data: [...], pagination: {...}}) as a ``Page``."""

    def build(value: Mapping[str, Any]) -> Page[T]:
        items = value["data"]
        pagination = value["pagination"]
        if not isinstance(items, list) or not isinstance(pagination, Mapping):
            raise TypeError("'data' must be a list and 'pagination' an object")
        numbers = [pagination[k] for k in ("page", "limit", "total", "pages")]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            raise TypeError(f"pagination must hold integers, got {dict(pagination)!r}")
        return Page([parse(item) for item in items], *numbers)

    return parse_model(response, where, data, build)


def next_page_number(page: Page[Any], asked: int, where: str) -> int | None:
    """The page to fetch after ``page`` (the answer to page ``asked``), or None at the end."""
    if not page.items or page.page >= page.pages:
        return None
    if page.page != asked:
        raise InvalidResponseError(
            f"asked for page {asked}, the server answered page {page.page}",
            operation=where,
        )
    return asked + 1
