# Generated from ai_agent/_async/resources/tasks.py by scripts/unasync.py: do not edit; run `make generate`.
"""``client.tasks``: submit tasks, follow them to completion, cancel and retry them.

The single-request calls live here; waiting is in ``waits.py`` and batches in ``batches.py``.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal, overload

from ai_agent_client.api.tasks import cancel_task, get_task, list_tasks, retry_task, submit_task
from ai_agent_client.models import Task, TaskCancelParams, TaskError, TaskPriority, TaskResult, TaskStatus
from ai_agent_client.models import TaskSubmitParams as WireTaskSubmitParams
from ai_agent_client.types import UNSET

from ..._errors import AgentClientError
from ..._paging import MAX_LIMIT, check_page, parse_page
from ..._params import (
    NOT_GIVEN,
    TaskConfig,
    TaskConfigDict,
    TaskPriorityName,
    TaskStatusName,
    TaskSubmitDict,
    TaskSubmitParams,
    check_enum,
    check_id,
    check_idempotency_key,
    check_optional_text,
    params_given,
    submit_wire,
)
from ..._request import label, wire_model
from ..._results import Page
from ..core import SyncCore
from ..watcher import SyncWatcher
from . import batches, waits
from .paging import iterate_pages

__all__ = ["SyncTasksResource"]

MAX_REASON = 1024  # characters of a cancellation reason

ProgressCallback = Callable[[int, int], Any]
"""``on_progress(finished, total)``; on the async client it may be a coroutine function."""


class SyncTasksResource:
    """Tasks: ``client.tasks``."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core

    # -- single tasks ------------------------------------------------------------------

    @overload
    def submit(
        self, params: TaskSubmitParams | TaskSubmitDict, *, idempotency_key: str | None = None
    ) -> Task: ...

    @overload
    def submit(
        self,
        *,
        name: str,
        type: str,
        payload: Any,
        description: str | None = None,
        priority: TaskPriority | TaskPriorityName | None = None,
        config: TaskConfig | TaskConfigDict | None = None,
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> Task: ...

    def submit(
        self,
        params: TaskSubmitParams | TaskSubmitDict | None = None,
        *,
        name: Any = NOT_GIVEN,
        type: Any = NOT_GIVEN,
        payload: Any = NOT_GIVEN,
        description: Any = NOT_GIVEN,
        priority: Any = NOT_GIVEN,
        config: Any = NOT_GIVEN,
        metadata: Any = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Task:
        """Submit a task (``POST /tasks``); it starts PENDING. The task comes as
        ``TaskSubmitParams``, a dict of its fields, or keywords:
        ``submit(name="n", type="data-processing", payload={...})``.

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own to
        make the whole call repeatable, e.g. across process restarts).
        """
        # The keywords' dict only when there are keywords to read ("a is b is ... is NOT_GIVEN"
        # holds when every one of them was left out).
        if params is None or not (
            name is type is payload is description is priority is config is metadata is NOT_GIVEN
        ):
            fields = {
                "name": name,
                "type": type,
                "payload": payload,
                "description": description,
                "priority": priority,
                "config": config,
                "metadata": metadata,
            }
            params = params_given(params, "params", fields)
            del fields  # not kept alive until the answer
        body = wire_model(WireTaskSubmitParams, submit_wire(params, "params"))
        key = check_idempotency_key(idempotency_key)
        call = self._core.model(
            "tasks.submit",
            label("tasks.submit"),
            submit_task._get_kwargs(body=body, idempotency_key=key or UNSET),
            Task.from_dict,
        )
        del params, body  # the call has what it needs: nothing more is kept alive until the answer
        return call

    def get(self, task_id: str) -> Task:
        """One task by id (``GET /tasks/{taskId}``)."""
        check_id("task_id", task_id)
        return self._fetch(task_id, label("tasks.get", task_id))

    def _fetch(self, task_id: str, where: str, deadline: float | None = None) -> Task:
        """``GET /tasks/{taskId}`` for ``get`` and the helpers (ids already checked; errors name
        ``where``). A plain function returning the call: one coroutine less kept alive per call."""
        request = get_task._get_kwargs(task_id)
        return self._core.model(
            "tasks.get", where, request, Task.from_dict, deadline=deadline, attributes=_task(task_id)
        )

    def get_status(self, task_id: str) -> TaskStatus:
        """The task's current status."""
        with self._core.tracing.call("tasks.get_status", _task(task_id)):
            return (self.get(task_id)).status

    def get_result(self, task_id: str) -> TaskResult | None:
        """The task's result, or ``None`` while it has none."""
        with self._core.tracing.call("tasks.get_result", _task(task_id)):
            return (self.get(task_id)).result

    def get_error(self, task_id: str) -> TaskError | None:
        """Why the task failed, or ``None`` if it has not."""
        with self._core.tracing.call("tasks.get_error", _task(task_id)):
            return (self.get(task_id)).error

    def list(
        self,
        page: int = 1,
        limit: int = 10,
        status: TaskStatus | TaskStatusName | None = None,
        agent_id: str | None = None,
    ) -> Page[Task]:
        """One page of tasks (``GET /tasks``), optionally filtered by status and agent."""
        check_page("tasks.list", page, limit)
        if agent_id is not None:
            check_id("agent_id", agent_id)
        request = list_tasks._get_kwargs(
            page=page,
            limit=limit,
            status=(
                TaskStatus(check_enum("tasks.list", "status", status, "TaskStatus"))
                if status is not None
                else UNSET
            ),
            agent_id=agent_id if agent_id is not None else UNSET,
        )
        where = label("tasks.list")
        response, data = self._core.data("tasks.list", where, request)
        return parse_page(response, where, data, Task.from_dict)

    def pages(
        self,
        *,
        limit: int = MAX_LIMIT,
        status: TaskStatus | TaskStatusName | None = None,
        agent_id: str | None = None,
    ) -> Iterator[Page[Task]]:
        """Every page of tasks, first to last."""

        def fetch(number: int) -> Page[Task]:
            return self.list(page=number, limit=limit, status=status, agent_id=agent_id)

        for page in iterate_pages(fetch, label("tasks.pages")):
            yield page

    def iterate(
        self,
        *,
        limit: int = MAX_LIMIT,
        status: TaskStatus | TaskStatusName | None = None,
        agent_id: str | None = None,
    ) -> Iterator[Task]:
        """Every task, page by page (``limit`` per request)."""
        for page in self.pages(limit=limit, status=status, agent_id=agent_id):
            for task in page.items:
                yield task

    def cancel(self, task_id: str, reason: str | None = None) -> Task:
        """Cancel a task (``POST /tasks/{taskId}/cancel``); ``ConflictError`` if it already finished."""
        check_id("task_id", task_id)
        check_optional_text("tasks.cancel", "reason", reason, limit=MAX_REASON)
        body = TaskCancelParams(reason=reason) if reason is not None else UNSET
        where = label("tasks.cancel", task_id)
        request = cancel_task._get_kwargs(task_id, body=body)
        return self._core.model("tasks.cancel", where, request, Task.from_dict, attributes=_task(task_id))

    def retry(self, task_id: str) -> Task:
        """Run a FAILED, CANCELLED or TIMED_OUT task again; ``ConflictError`` in any other status."""
        check_id("task_id", task_id)
        where = label("tasks.retry", task_id)
        request = retry_task._get_kwargs(task_id)
        return self._core.model("tasks.retry", where, request, Task.from_dict, attributes=_task(task_id))

    # -- waiting (waits.py) ------------------------------------------------------------

    def wait_for_completion(
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
        return waits.wait_for_completion(self, task_id, timeout, poll_interval, max_poll_interval, on_status)

    def wait_for_all(
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
        return waits.wait_for_all(self, task_ids, timeout, poll_interval, max_poll_interval, on_progress)

    def watch(self, task_ids: Iterable[str], timeout: float | None = None) -> Iterator[Task]:
        """Follow tasks as they change: yields each task's current state first, then the task
        again at every status change, and ends when all of them have finished.

        ``for task in client.tasks.watch(ids): print(task.id, task.status)``. On a server
        with blocking reads each change arrives as the server makes it (the client's watcher
        holds one read per 100 ids); otherwise it polls. ``timeout`` (seconds) bounds the
        whole watch: ``TimeoutError`` with ``.last_status`` when it runs out; ``None`` waits
        until every task has finished.
        """
        for task in waits.watch(self, task_ids, timeout):
            yield task

    def _watcher(self) -> SyncWatcher:
        """The client's watcher (one per pool, so ``with_options`` copies share it)."""
        pool = self._core.transport.pool
        if pool.watcher is None:
            pool.watcher = SyncWatcher(self._core, self._core.long_poll_hold or 20.0)
        watcher: SyncWatcher = pool.watcher
        return watcher

    # -- batches (batches.py) ----------------------------------------------------------

    @overload
    def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | TaskSubmitDict],
        *,
        idempotency_key: str | None = ...,
        return_exceptions: Literal[False] = ...,
    ) -> builtins.list[Task]: ...

    @overload
    def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | TaskSubmitDict],
        *,
        idempotency_key: str | None = ...,
        return_exceptions: Literal[True],
    ) -> builtins.list[Task | AgentClientError]: ...

    def submit_batch(
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
        return batches.submit_batch(self, tasks, idempotency_key, return_exceptions)


def _task(task_id: str) -> dict[str, str]:
    """The span attribute that names the task of a call."""
    return {"ai_agent.task.id": task_id}
