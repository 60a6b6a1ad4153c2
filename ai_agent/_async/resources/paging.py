"""Walking every page of a list, first to last."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

from ..._paging import next_page_number
from ..._results import Page

__all__ = ["iterate_pages"]

T = TypeVar("T")


async def iterate_pages(fetch: Callable[[int], Awaitable[Page[T]]], where: str) -> AsyncIterator[Page[T]]:
    """Every page from the first, until the server says there are no more."""
    number: int | None = 1
    while number is not None:
        page = await fetch(number)
        yield page
        number = next_page_number(page, number, where)
