# Generated from ai_agent/_async/resources/waits.py by scripts/unasync.py: do not edit; run `make generate`.
"""Waiting for tasks: ``wait_for_completion``, ``wait_for_all`` and ``watch``.

All three read the same stream of task states (``_changes``): from the client's watcher, whose
blocking reads hear about a change as the server makes it, when the server has that extension
(``X-Revision``); otherwise by polling with back-off, as before the extension existed. Every
request of a wait carries the wait's deadline, so no attempt, back-off or pause runs past it;
when it passes, the wait raises its own ``TimeoutError`` with the last statuses seen.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Generator, Iterable
from contextlib import closing
from functools import partial
from typing import TYPE_CHECKING, Any

from ai_agent_client.api.tasks import list_tasks
from ai_agent_client.models import Task

from ..._checks import check_id
from ..._errors import TimeoutError
from ..._paging import MAX_LIMIT, parse_page
from ..._request import label, label_tasks
from ..._response import REVISION_CAPTURE
from ..._synchronization import check_callback, gather_bounded, invoke, time_limit
from ..._waiting import MAX_WAIT, check_task_ids, check_wait, chunk_ids, is_terminal, wait_timeout
from ..watcher import Fallback, Pace

if TYPE_CHECKING:
    from .tasks import SyncTasksResource

__all__ = ["wait_for_all", "wait_for_completion", "watch"]

# How close to the deadline a timed-out request counts as the wait running out (clock jitter).
_DEADLINE_SLACK = 0.001


def wait_for_completion(
    tasks: SyncTasksResource,
    task_id: str,
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    on_status: Callable[[Task], Any] | None,
) -> Task:
    """See ``SyncTasksResource.wait_for_completion``."""
    check_id("task_id", task_id)
    check_wait("wait_for_completion", timeout, poll_interval, max_poll_interval)
    check_callback("wait_for_completion", "on_status", on_status)
    clock = tasks._core.clock
    deadline = clock.monotonic() + timeout
    where = label("tasks.wait_for_completion", task_id)
    tracing = tasks._core.tracing
    with tracing.call("tasks.wait_for_completion", {"ai_agent.task.id": task_id}, wait=True):
        return _wait_for_completion(
            tasks, task_id, timeout, poll_interval, max_poll_interval, on_status, deadline, where
        )


def _wait_for_completion(
    tasks: SyncTasksResource,
    task_id: str,
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    on_status: Callable[[Task], Any] | None,
    deadline: float,
    where: str,
) -> Task:
    clock = tasks._core.clock
    last_status: str | None = None
    try:
        with time_limit(timeout):
            changes = _changes(
                tasks, [task_id], deadline, where, poll_interval, max_poll_interval, None, by_id=True
            )
            with closing(changes):
                for batch in changes:
                    for task in batch:
                        if str(task.status) != last_status:
                            last_status = str(task.status)
                            _status_event(tasks, task)
                            invoke(on_status, task)
                        if is_terminal(task):
                            return task
    except builtins.TimeoutError as exc:
        if isinstance(exc, TimeoutError) and clock.monotonic() < deadline - _DEADLINE_SLACK:
            raise  # a request's own timeout, well before the wait's: already typed
    raise wait_timeout(timeout, where, last_status)


def wait_for_all(
    tasks: SyncTasksResource,
    task_ids: Iterable[str],
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    on_progress: Callable[[int, int], Any] | None,
) -> builtins.list[Task]:
    """See ``SyncTasksResource.wait_for_all``."""
    ids = check_task_ids(task_ids)
    check_wait("wait_for_all", timeout, poll_interval, max_poll_interval)
    check_callback("wait_for_all", "on_progress", on_progress)
    unique = list(dict.fromkeys(ids))
    where = label_tasks("tasks.wait_for_all", unique)
    clock = tasks._core.clock
    deadline = clock.monotonic() + timeout
    with tasks._core.tracing.call("tasks.wait_for_all", {"ai_agent.task.count": len(unique)}, wait=True):
        return _wait_for_all(
            tasks, ids, unique, timeout, poll_interval, max_poll_interval, on_progress, deadline, where
        )


def _wait_for_all(
    tasks: SyncTasksResource,
    ids: builtins.list[str],
    unique: builtins.list[str],
    timeout: float,
    poll_interval: float,
    max_poll_interval: float,
    on_progress: Callable[[int, int], Any] | None,
    deadline: float,
    where: str,
) -> builtins.list[Task]:
    clock = tasks._core.clock
    finished: dict[str, Task] = {}
    last_status: dict[str, str] = {}
    pace = Pace(poll_interval, max_poll_interval)  # a batch: no need to hear of each change at once
    try:
        with time_limit(timeout):
            changes = _changes(tasks, unique, deadline, where, poll_interval, max_poll_interval, pace)
            with closing(changes):
                for batch in changes:
                    before = len(finished)
                    for task in batch:
                        if last_status.get(task.id) != str(task.status):
                            _status_event(tasks, task)
                        last_status[task.id] = str(task.status)
                        if is_terminal(task):
                            finished[task.id] = task
                    if len(finished) != before:
                        invoke(on_progress, len(finished), len(unique))
                    if len(finished) == len(unique):
                        return [finished[task_id] for task_id in ids]
    except builtins.TimeoutError as exc:
        if isinstance(exc, TimeoutError) and clock.monotonic() < deadline - _DEADLINE_SLACK:
            raise
    pending_status = {t: last_status.get(t, "UNKNOWN") for t in unique if t not in finished}
    raise wait_timeout(timeout, where, pending_status)


def watch(
    tasks: SyncTasksResource, task_ids: Iterable[str], timeout: float | None
) -> Generator[Task, None, None]:
    """See ``SyncTasksResource.watch``."""
    ids = check_task_ids(task_ids)
    if timeout is not None:
        check_wait("watch", timeout, 1, 1)
    unique = list(dict.fromkeys(ids))
    where = label_tasks("tasks.watch", unique)
    clock = tasks._core.clock
    deadline = clock.monotonic() + (MAX_WAIT if timeout is None else timeout)
    last_status: dict[str, str] = {}
    unfinished = set(unique)
    changes = _changes(tasks, unique, deadline, where, 0.5, 5.0, None)
    # Its span is not made current: a generator runs in its consumer's context between yields.
    span = tasks._core.tracing.detached("tasks.watch", {"ai_agent.task.count": len(unique)})
    with closing(changes):
        try:
            for batch in changes:
                for task in batch:
                    if last_status.get(task.id) != str(task.status):
                        last_status[task.id] = str(task.status)
                        span.event("status change", _status_attributes(task))
                        yield task
                    if is_terminal(task):
                        unfinished.discard(task.id)
                if not unfinished:
                    span.end(None)
                    return
        except TimeoutError:
            if clock.monotonic() < deadline - _DEADLINE_SLACK:
                span.end("TimeoutError")
                raise
        except BaseException as exc:
            span.end(type(exc).__name__)
            raise
    pending_status = {t: last_status.get(t, "UNKNOWN") for t in unique if t in unfinished}
    span.end("TimeoutError")
    raise wait_timeout(MAX_WAIT if timeout is None else timeout, where, pending_status)


def _status_attributes(task: Task) -> dict[str, str]:
    return {"ai_agent.task.id": task.id, "ai_agent.task.status": str(task.status)}


def _status_event(tasks: SyncTasksResource, task: Task) -> None:
    """A status change, as an event on the wait's span."""
    tasks._core.tracing.event("status change", _status_attributes(task))


# -- the stream of states ----------------------------------------------------------------------


def _changes(
    tasks: SyncTasksResource,
    ids: builtins.list[str],
    deadline: float,
    where: str,
    poll_interval: float,
    max_poll_interval: float,
    pace: Pace | None,
    by_id: bool = False,
) -> Generator[builtins.list[Task], None, None]:
    """Batches of the tasks' states until the deadline (the caller stops when it has enough);
    ``by_id``: plain reads use ``GET /tasks/{id}`` (one task) rather than the ids filter."""
    core = tasks._core
    # The ids filter cannot carry an id with a comma in it: such a wait simply polls.
    watchable = core.long_poll_hold is not None and not any("," in task_id for task_id in ids)
    pending = list(ids)
    probed = False
    known: builtins.list[Task] = []
    revision: int | None = None
    if watchable and core.features.long_poll is None and tasks._watcher().join_probe(deadline):
        # One plain round first (one for all the waits starting together): its answer shows
        # whether the server has blocking reads, and where it stood (X-Revision).
        revisions: builtins.list[int] = []
        token = REVISION_CAPTURE.set(revisions)
        try:
            seen = _round(tasks, pending, where, deadline, by_id)
        finally:
            REVISION_CAPTURE.reset(token)
            tasks._watcher().end_probe()
        revision = min(revisions) if revisions else None
        if seen is None:
            return
        yield seen
        probed, known = True, seen
        done = {task.id for task in seen if is_terminal(task)}
        pending = [task_id for task_id in pending if task_id not in done]
    if watchable and core.features.long_poll and core.features.ids_filter is not False and pending:
        try:
            updates = tasks._watcher().updates(pending, deadline, where, pace, known, revision)
            with closing(updates):
                for batch in updates:
                    yield batch
            return
        except Fallback:
            pass  # the server lacks blocking reads (or the ids filter) after all: poll
    for batch in _polled(tasks, pending, deadline, where, poll_interval, max_poll_interval, probed, by_id):
        yield batch


def _polled(
    tasks: SyncTasksResource,
    ids: builtins.list[str],
    deadline: float,
    where: str,
    poll_interval: float,
    max_poll_interval: float,
    probed: bool,
    by_id: bool,
) -> Generator[builtins.list[Task], None, None]:
    """Polling with back-off (x1.5 from ``poll_interval`` to ``max_poll_interval``); after a
    ``probed`` first round, it pauses before its own first one."""
    clock = tasks._core.clock
    pending = list(ids)
    interval = poll_interval
    if probed and pending:
        remaining = deadline - clock.monotonic()
        if remaining <= 0:
            return
        tasks._core.transport.pool.pause(min(interval, remaining), clock)
        interval = min(interval * 1.5, max_poll_interval)
    while pending:
        seen = _round(tasks, pending, where, deadline, by_id)
        if seen is None:
            return
        yield seen
        done = {task.id for task in seen if is_terminal(task)}
        pending = [task_id for task_id in pending if task_id not in done]
        remaining = deadline - clock.monotonic()
        if not pending or remaining <= 0:
            return
        tasks._core.transport.pool.pause(min(interval, remaining), clock)
        interval = min(interval * 1.5, max_poll_interval)


def _round(
    tasks: SyncTasksResource, ids: builtins.list[str], where: str, deadline: float, by_id: bool
) -> builtins.list[Task] | None:
    """One plain read of ``ids``; None when the deadline passed during it. A wait for one task
    reads it by id; a wait for many, by the ids filter (however few are left)."""
    clock = tasks._core.clock
    if clock.monotonic() >= deadline:
        return None
    try:
        if by_id:
            return [tasks._fetch(ids[0], where, deadline)]
        return _poll(tasks, ids, where, deadline)
    except TimeoutError:
        if clock.monotonic() < deadline - _DEADLINE_SLACK:
            raise  # a request's own timeout, well before the wait's
        return None


def _poll(
    tasks: SyncTasksResource, task_ids: builtins.list[str], where: str, deadline: float
) -> builtins.list[Task]:
    """The current state of ``task_ids``: by the ids filter when the server has it."""
    core = tasks._core
    if core.features.ids_filter is False:
        return _get_each(tasks, task_ids, where, deadline)
    filterable = [t for t in task_ids if "," not in t]  # a comma would split the id
    chunks = chunk_ids(filterable)
    answers = gather_bounded(
        core.max_connections, [partial(_list_by_ids, tasks, chunk, where, deadline) for chunk in chunks]
    )
    if any(answer is None for answer in answers):
        core.features.ids_filter = False
        return _get_each(tasks, task_ids, where, deadline)
    if chunks:
        core.features.ids_filter = True
    seen = [task for answer in answers for task in answer or []]
    # Ids the filtered list did not return (or could not carry) are asked for one by one:
    # a task that really does not exist then raises NotFoundError.
    returned = {task.id for task in seen}
    missing = [t for t in task_ids if t not in returned]
    if missing:
        seen.extend(_get_each(tasks, missing, where, deadline))
    return seen


def _list_by_ids(
    tasks: SyncTasksResource, chunk: builtins.list[str], where: str, deadline: float
) -> builtins.list[Task] | None:
    """One filtered list request; ``None`` when the server ignored the filter."""
    request = list_tasks._get_kwargs(page=1, limit=MAX_LIMIT, ids=",".join(chunk))
    response, data = tasks._core.data("tasks.list", where, request, deadline=deadline)
    page = parse_page(response, where, data, Task.from_dict)
    wanted = set(chunk)
    if any(task.id not in wanted for task in page.items):
        return None  # the server does not know the ids filter
    return page.items


def _get_each(
    tasks: SyncTasksResource, task_ids: builtins.list[str], where: str, deadline: float
) -> builtins.list[Task]:
    """Per-task gets, never more in flight than the pool has connections."""
    return gather_bounded(
        tasks._core.max_connections, [partial(tasks._fetch, t, where, deadline) for t in task_ids]
    )
