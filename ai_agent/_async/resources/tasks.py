"""``client.tasks``: the generated methods (``surface/tasks.py``), and the helpers that follow
tasks to completion (``waits.py``) and submit many (``batches.py``)."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import Any, Literal, overload

from ai_agent_client.api.tasks import get_task
from ai_agent_client.models import Task, TaskError, TaskResult, TaskStatus

from ..._errors import AgentClientError
from ..._surface.params import TaskSubmitDict, TaskSubmitParams
from ..surface.tasks import AsyncTasksOperations
from ..watcher import AsyncWatcher
from . import batches, waits

__all__ = ["AsyncTasksResource"]

ProgressCallback = Callable[[int, int], Any]
"""``on_progress(finished, total)``; on the async client it may be a coroutine function."""


class AsyncTasksResource(AsyncTasksOperations):
    """Tasks: ``client.tasks``."""

    # -- single tasks: the generated methods (surface/tasks.py), and reads derived from get --

    def _fetch(self, task_id: str, where: str, deadline: float | None = None) -> Awaitable[Task]:
        """``GET /tasks/{taskId}`` for the helpers (ids already checked; errors name ``where``).
        A plain function returning the call: one coroutine less kept alive per call."""
        request = get_task._get_kwargs(task_id)
        return self._core.model(
            "tasks.get", where, request, Task.from_dict, deadline=deadline, attributes=_task(task_id)
        )

    async def get_status(self, task_id: str) -> TaskStatus:
        """The task's current status."""
        with self._core.tracing.call("tasks.get_status", _task(task_id)):
            return (await self.get(task_id)).status

    async def get_result(self, task_id: str) -> TaskResult | None:
        """The task's result, or ``None`` while it has none."""
        with self._core.tracing.call("tasks.get_result", _task(task_id)):
            return (await self.get(task_id)).result

    async def get_error(self, task_id: str) -> TaskError | None:
        """Why the task failed, or ``None`` if it has not."""
        with self._core.tracing.call("tasks.get_error", _task(task_id)):
            return (await self.get(task_id)).error

    # -- waiting (waits.py) ------------------------------------------------------------

    async def wait_for_completion(
        self,
        task_id: str,
        timeout: float = 60,
        *,
        poll_interval: float = 0.5,
        max_poll_interval: float = 5.0,
        on_status: Callable[[Task], Any] | None = None,
    ) -> Task:
        """Wait until the task is COMPLETED, FAILED, CANCELLED or TIMED_OUT, and return it.

        ``timeout`` (seconds) bounds the whole wait, requests included; when it runs out,
        ``TimeoutError`` is raised with ``.last_status``. Polls start every ``poll_interval``
        seconds and back off (x1.5) to ``max_poll_interval``. A failed task is returned, not
        raised: look at ``task.status`` and ``task.error``. ``on_status(task)`` is called
        whenever the status changes (on the async client it may be a coroutine function).
        """
        return await waits.wait_for_completion(
            self, task_id, timeout, poll_interval, max_poll_interval, on_status
        )

    async def wait_for_all(
        self,
        task_ids: Iterable[str],
        timeout: float = 60,
        *,
        poll_interval: float = 0.5,
        max_poll_interval: float = 5.0,
        on_progress: ProgressCallback | None = None,
    ) -> builtins.list[Task]:
        """Wait until every task has finished; return them in the order of ``task_ids``.

        Each poll round asks for the unfinished tasks in chunks of up to 100 ids per request
        (``GET /tasks?ids=...``), so 1,000 tasks cost 10 requests a round rather than 1,000. A
        server without that filter is detected and polled task by task, with no more requests
        in flight than the pool has connections. ``on_progress(finished, total)`` is called
        whenever more tasks have finished. ``timeout`` bounds the whole wait; ``TimeoutError``
        then carries ``.last_status``, a dict of the unfinished tasks' last statuses.
        """
        return await waits.wait_for_all(
            self, task_ids, timeout, poll_interval, max_poll_interval, on_progress
        )

    async def watch(self, task_ids: Iterable[str], timeout: float | None = None) -> AsyncIterator[Task]:
        """Follow tasks as they change: yields each task's current state first, then the task
        again at every status change, and ends when all of them have finished.

        ``async for task in client.tasks.watch(ids): print(task.id, task.status)``. On a server
        with blocking reads each change arrives as the server makes it (the client's watcher
        holds one read per 100 ids); otherwise it polls. ``timeout`` (seconds) bounds the
        whole watch: ``TimeoutError`` with ``.last_status`` when it runs out; ``None`` waits
        until every task has finished.
        """
        async for task in waits.watch(self, task_ids, timeout):
            yield task

    def _watcher(self) -> AsyncWatcher:
        """The client's watcher (one per pool, so ``with_options`` copies share it)."""
        pool = self._core.transport.pool
        if pool.watcher is None:
            pool.watcher = AsyncWatcher(self._core, self._core.long_poll_hold or 20.0)
        watcher: AsyncWatcher = pool.watcher
        return watcher

    # -- batches (batches.py) ----------------------------------------------------------

    @overload
    async def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | TaskSubmitDict],
        *,
        idempotency_key: str | None = ...,
        return_exceptions: Literal[False] = ...,
    ) -> builtins.list[Task]: ...

    @overload
    async def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | TaskSubmitDict],
        *,
        idempotency_key: str | None = ...,
        return_exceptions: Literal[True],
    ) -> builtins.list[Task | AgentClientError]: ...

    async def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | TaskSubmitDict],
        *,
        idempotency_key: str | None = None,
        return_exceptions: bool = False,
    ) -> builtins.list[Task] | builtins.list[Task | AgentClientError]:
        """Submit many tasks; the results come back in input order.

        Uses ``POST /tasks/batch`` in chunks of 100 (each chunk retried safely under its own
        idempotency key); a server without it (404/405) gets concurrent single submits,
        bounded by the pool size. Every input is validated before anything is sent.

        If some items fail, ``BatchSubmitError`` is raised with ``.results`` holding every
        outcome (created tasks are not lost); with ``return_exceptions=True`` the errors are
        returned in place instead.
        """
        return await batches.submit_batch(self, tasks, idempotency_key, return_exceptions)


def _task(task_id: str) -> dict[str, str]:
    """The span attribute that names the task of a call."""
    return {"ai_agent.task.id": task_id}
