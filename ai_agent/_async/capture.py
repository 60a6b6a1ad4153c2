"""``raw()``: a one-request method that returns its final HTTP response with its result (the
methods of ``client.with_raw_response``)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import ParamSpec, TypeVar

import httpx

from .._response import RAW_CAPTURE, RawResponse

__all__ = ["raw"]

P = ParamSpec("P")
T = TypeVar("T")


def raw(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    """``method``, returning its final HTTP response along with its result."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        captured: list[tuple[httpx.Response, float]] = []
        token = RAW_CAPTURE.set(captured)
        try:
            result = await method(*args, **kwargs)
        finally:
            RAW_CAPTURE.reset(token)
        response, elapsed = captured[-1]
        return RawResponse(response, timedelta(seconds=elapsed), result)

    return call
