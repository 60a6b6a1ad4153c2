"""The I/O-free parts of waiting on tasks, shared by both clients: what counts as finished,
how ids are chunked into list requests, argument checks and the wait's timeout error."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ._checks import check_id, check_number
from ._errors import TimeoutError, ValidationError
from ._paging import MAX_LIMIT
from ._surface.params import TERMINAL_VALUES

if TYPE_CHECKING:
    from ai_agent_client.models import Task

__all__ = [
    "MAX_URL_BYTES",
    "TERMINAL_STATUSES",
    "check_task_ids",
    "check_wait",
    "chunk_ids",
    "is_terminal",
    "wait_timeout",
]

TERMINAL_STATUSES = TERMINAL_VALUES["TaskStatus"]  # x-sdk-terminal in openapi.yaml
# The ids filter keeps each list URL under this many bytes (proxies often cut at 4-8 KB).
MAX_URL_BYTES = 4096
_URL_OVERHEAD = 200  # path, page, limit, wait, after and margin


def is_terminal(task: Task) -> bool:
    """Whether the task has finished (a status openapi.yaml marks terminal)."""
    return str(task.status) in TERMINAL_STATUSES


MAX_WAIT = 30 * 24 * 3600  # seconds: a month is longer than any wait, and every timer can hold it
MAX_POLL_INTERVAL = 3600


def check_wait(owner: str, timeout: Any, poll_interval: Any, max_poll_interval: Any) -> None:
    """The wait's numbers must be finite, positive and within reason (seconds)."""
    check_number(owner, "timeout", timeout, minimum=0, exclusive=True, maximum=MAX_WAIT)
    check_number(owner, "poll_interval", poll_interval, minimum=0, exclusive=True, maximum=MAX_POLL_INTERVAL)
    check_number(
        owner, "max_poll_interval", max_poll_interval, minimum=0, exclusive=True, maximum=MAX_POLL_INTERVAL
    )


def check_task_ids(task_ids: Iterable[str]) -> list[str]:
    """A list of valid ids (a lone string is refused: it would be read letter by letter)."""
    if isinstance(task_ids, (str, bytes)) or not isinstance(task_ids, Iterable):
        raise ValidationError(
            "task_ids must be a list of ids, not a single string",
            details={"field": "task_ids"},
        )
    return [check_id(f"task_ids[{i}]", task_id) for i, task_id in enumerate(task_ids)]


def chunk_ids(ids: Sequence[str], budget: int = MAX_URL_BYTES - _URL_OVERHEAD) -> list[list[str]]:
    """Split ids into groups of at most 100 whose encoded ``ids=`` value fits ``budget`` bytes."""
    chunks: list[list[str]] = []
    current: list[str] = []
    used = 0
    for task_id in ids:
        size = len(quote(task_id, safe="")) + 3  # the separator, encoded at worst as %2C
        if current and (len(current) >= MAX_LIMIT or used + size > budget):
            chunks.append(current)
            current, used = [], 0
        current.append(task_id)
        used += size
    if current:
        chunks.append(current)
    return chunks


def wait_timeout(timeout: float, where: str, last: Any) -> TimeoutError:
    """The error of a wait that ran out of time; ``last`` is the last status (or a dict of them)."""
    if isinstance(last, dict) and len(last) == 1:
        ((task_id, status),) = last.items()
        message = f"task {task_id} not finished after {timeout:g} s (last status: {status or 'unknown'})"
    elif isinstance(last, dict):
        shown = ", ".join(f"{k}={v}" for k, v in list(last.items())[:10])
        more = f" and {len(last) - 10} more" if len(last) > 10 else ""
        message = f"{len(last)} tasks not finished after {timeout:g} s: {shown}{more}"
    else:
        message = f"task not finished after {timeout:g} s (last status: {last or 'unknown'})"
    return TimeoutError(message, timeout=timeout * 1000, last_status=last, operation=where)
