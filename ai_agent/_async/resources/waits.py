"""Waiting for tasks to finish: ``wait_for_completion`` and ``wait_for_all``.

Every request of a wait carries the wait's deadline, so no attempt, back-off or pause runs past
it; when it passes, the wait raises its own ``TimeoutError`` with the last statuses seen.
"""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from ai_agent_client.api.tasks import list_tasks
from ai_agent_client.models import Task

from ..._errors import TimeoutError
from ..._paging import MAX_LIMIT, parse_page
from ..._params import check_id
from ..._request import label
from ..._synchronization import async_check_callback, async_gather_bounded, async_invoke, async_time_limit
from ..._waiting import check_task_ids, check_wait, chunk_ids, is_terminal, wait_timeout

if TYPE_CHECKING:
    from .tasks import AsyncTasksResource

__all__ = ["wait_for_all", "wait_for_completion"]

T = TypeVar("T")

# How close to the deadline a timed-out request counts as the wait running out (clock jitter).
_DEADLINE_SLACK = 0.001


async def wait_for_completion(
    tasks: AsyncTasksResource,
    task_id: str,
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    on_status: Callable[[Task], Any] | None,
) -> Task:
    """See ``AsyncTasksResource.wait_for_completion``."""
    check_id("task_id", task_id)
    check_wait("wait_for_completion", timeout, poll_interval, max_poll_interval)
    async_check_callback("wait_for_completion", "on_status", on_status)
    core = tasks._core
    clock = core.clock
    deadline = clock.monotonic() + timeout
    where = label("tasks.wait_for_completion", task_id)
    interval = poll_interval
    last_status: str | None = None
    while True:
        task = await _bounded(
            partial(tasks._fetch, task_id, where, deadline), tasks, deadline, timeout, where, last_status
        )
        if str(task.status) != last_status:
            last_status = str(task.status)
            await async_invoke(on_status, task)
        if is_terminal(task):
            return task
        await _pause(tasks, interval, deadline, timeout, where, last_status)
        interval = min(interval * 1.5, max_poll_interval)


async def wait_for_all(
    tasks: AsyncTasksResource,
    task_ids: Iterable[str],
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    on_progress: Callable[[int, int], Any] | None,
) -> builtins.list[Task]:
    """See ``AsyncTasksResource.wait_for_all``."""
    ids = check_task_ids(task_ids)
    check_wait("wait_for_all", timeout, poll_interval, max_poll_interval)
    async_check_callback("wait_for_all", "on_progress", on_progress)
    unique = list(dict.fromkeys(ids))
    where = label("tasks.wait_for_all", f"{len(unique)} tasks")
    clock = tasks._core.clock
    deadline = clock.monotonic() + timeout
    finished: dict[str, Task] = {}
    last_status: dict[str, str] = {}
    interval = poll_interval
    while True:
        pending = [task_id for task_id in unique if task_id not in finished]
        pending_status = {t: last_status.get(t, "UNKNOWN") for t in pending}
        seen = await _bounded(
            partial(_poll, tasks, pending, where, deadline), tasks, deadline, timeout, where, pending_status
        )
        before = len(finished)
        for task in seen:
            last_status[task.id] = str(task.status)
            if is_terminal(task):
                finished[task.id] = task
        if len(finished) != before:
            await async_invoke(on_progress, len(finished), len(unique))
        if len(finished) == len(unique):
            return [finished[task_id] for task_id in ids]
        pending_status = {t: last_status.get(t, "UNKNOWN") for t in unique if t not in finished}
        await _pause(tasks, interval, deadline, timeout, where, pending_status)
        interval = min(interval * 1.5, max_poll_interval)


async def _poll(
    tasks: AsyncTasksResource, task_ids: builtins.list[str], where: str, deadline: float
) -> builtins.list[Task]:
    """The current state of ``task_ids``: by the ids filter when the server has it."""
    core = tasks._core
    if core.features.ids_filter is False:
        return await _get_each(tasks, task_ids, where, deadline)
    filterable = [t for t in task_ids if "," not in t]  # a comma would split the id
    chunks = chunk_ids(filterable)
    answers = await async_gather_bounded(
        core.max_connections, [partial(_list_by_ids, tasks, chunk, where, deadline) for chunk in chunks]
    )
    if any(answer is None for answer in answers):
        core.features.ids_filter = False
        return await _get_each(tasks, task_ids, where, deadline)
    if chunks:
        core.features.ids_filter = True
    seen = [task for answer in answers for task in answer or []]
    # Ids the filtered list did not return (or could not carry) are asked for one by one:
    # a task that really does not exist then raises NotFoundError.
    returned = {task.id for task in seen}
    missing = [t for t in task_ids if t not in returned]
    if missing:
        seen.extend(await _get_each(tasks, missing, where, deadline))
    return seen


async def _list_by_ids(
    tasks: AsyncTasksResource, chunk: builtins.list[str], where: str, deadline: float
) -> builtins.list[Task] | None:
    """One filtered list request; ``None`` when the server ignored the filter."""
    request = list_tasks._get_kwargs(page=1, limit=MAX_LIMIT, ids=",".join(chunk))
    response, data = await tasks._core.data("tasks.list", where, request, deadline=deadline)
    page = parse_page(response, where, data, Task.from_dict)
    wanted = set(chunk)
    if any(task.id not in wanted for task in page.items):
        return None  # the server does not know the ids filter
    return page.items


async def _get_each(
    tasks: AsyncTasksResource, task_ids: builtins.list[str], where: str, deadline: float
) -> builtins.list[Task]:
    """Per-task gets, never more in flight than the pool has connections."""
    return await async_gather_bounded(
        tasks._core.max_connections, [partial(tasks._fetch, t, where, deadline) for t in task_ids]
    )


async def _bounded(
    work: Callable[[], Awaitable[T]],
    tasks: AsyncTasksResource,
    deadline: float,
    timeout: float,
    where: str,
    last: Any,
) -> T:
    """Run ``work`` (whose requests carry ``deadline``); past the deadline, the wait's error."""
    clock = tasks._core.clock
    remaining = deadline - clock.monotonic()
    if remaining <= 0:
        raise wait_timeout(timeout, where, last)
    try:
        async with async_time_limit(remaining):
            return await work()
    except builtins.TimeoutError as exc:
        if isinstance(exc, TimeoutError) and clock.monotonic() < deadline - _DEADLINE_SLACK:
            raise  # a request's own timeout, well before the wait's: already typed
        raise wait_timeout(timeout, where, last) from None


async def _pause(
    tasks: AsyncTasksResource, interval: float, deadline: float, timeout: float, where: str, last: Any
) -> None:
    clock = tasks._core.clock
    remaining = deadline - clock.monotonic()
    if remaining <= 0:
        raise wait_timeout(timeout, where, last)
    await tasks._core.transport.pool.pause(min(interval, remaining), clock)
