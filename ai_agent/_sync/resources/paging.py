# Generated from ai_agent/_async/resources/paging.py by scripts/unasync.py: do not edit; run `make generate`.
"""Walking every page of a list, first to last."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from ..._paging import next_page_number
from ..._results import Page

__all__ = ["iterate_pages"]

T = TypeVar("T")


def iterate_pages(fetch: Callable[[int], Page[T]], where: str) -> Iterator[Page[T]]:
    """Every page from the first, until the server says there are no more."""
    number: int | None = 1
    while number is not None:
        page = fetch(number)
        yield page
        number = next_page_number(page, number, where)
