"""``client.tasks``: submit tasks, follow them to completion, cancel and retry them."""

from __future__ import annotations

import asyncio
import builtins
import inspect
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, overload
from urllib.parse import quote

from ai_agent_client.api.tasks import (
    cancel_task,
    get_task,
    list_tasks,
    retry_task,
    submit_task,
    submit_task_batch,
)
from ai_agent_client.models import (
    Task,
    TaskBatchParams,
    TaskCancelParams,
    TaskError,
    TaskResult,
    TaskStatus,
)
from ai_agent_client.models import TaskSubmitParams as WireTaskSubmitParams
from ai_agent_client.types import UNSET, Unset

from .._core import Core, label
from .._errors import (
    AgentClientError,
    BatchSubmitError,
    InvalidResponseError,
    TimeoutError,
    ValidationError,
)
from .._params import TaskSubmitParams, check_enum, check_id, check_idempotency_key, coerce
from .._response import error_from_item, parse_model, unwrap
from .._results import Page
from ._paging import MAX_LIMIT, check_page, iterate_pages, parse_page

__all__ = ["TERMINAL_STATUSES", "TasksResource", "chunk_ids", "is_terminal"]

TERMINAL_STATUSES = frozenset({"COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"})
# The ids filter keeps each polling URL under this many bytes (proxies often cut at 4-8 KB).
MAX_URL_BYTES = 4096
_URL_OVERHEAD = 200  # path, page, limit and margin

ProgressCallback = Callable[[int, int], Any]
"""``on_progress(finished, total)``; may be a coroutine function."""


def is_terminal(task: Task) -> bool:
    """Whether the task has finished (COMPLETED, FAILED, CANCELLED or TIMED_OUT)."""
    return str(task.status) in TERMINAL_STATUSES


def _check_wait(owner: str, timeout: Any, poll_interval: Any, max_poll_interval: Any) -> None:
    from .._config import check_number

    check_number(owner, "timeout", timeout, minimum=0, exclusive=True)
    check_number(owner, "poll_interval", poll_interval, minimum=0, exclusive=True)
    check_number(owner, "max_poll_interval", max_poll_interval, minimum=0, exclusive=True)


async def _notify(callback: Callable[..., Any] | None, *args: Any) -> None:
    if callback is None:
        return
    result = callback(*args)
    if inspect.isawaitable(result):
        await result


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


class TasksResource:
    """Tasks: ``client.tasks``."""

    def __init__(self, core: Core) -> None:
        self._core = core

    # -- single tasks ------------------------------------------------------------------

    async def submit(
        self,
        params: TaskSubmitParams | Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
    ) -> Task:
        """Submit a task (``POST /tasks``); it starts PENDING.

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own to
        make the whole call repeatable, e.g. across process restarts).
        """
        body = WireTaskSubmitParams.from_dict(coerce(TaskSubmitParams, params, "params").to_wire())
        key = check_idempotency_key(idempotency_key)
        request = submit_task._get_kwargs(body=body, idempotency_key=key or UNSET)
        return await self._core.model("tasks.submit", label("tasks.submit"), request, Task.from_dict)

    async def get(self, task_id: str) -> Task:
        """One task by id (``GET /tasks/{taskId}``)."""
        check_id("task_id", task_id)
        where = label("tasks.get", task_id)
        return await self._core.model("tasks.get", where, get_task._get_kwargs(task_id), Task.from_dict)

    async def get_status(self, task_id: str) -> TaskStatus:
        """The task's current status."""
        return (await self.get(task_id)).status

    async def get_result(self, task_id: str) -> TaskResult | None:
        """The task's result, or ``None`` while it has none."""
        result = (await self.get(task_id)).result
        return None if isinstance(result, Unset) else result

    async def get_error(self, task_id: str) -> TaskError | None:
        """Why the task failed, or ``None`` if it has not."""
        error = (await self.get(task_id)).error
        return None if isinstance(error, Unset) else error

    async def list(
        self,
        page: int = 1,
        limit: int = 10,
        status: TaskStatus | str | None = None,
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
        response, data = await self._core.data("tasks.list", where, request)
        return parse_page(response, where, data, Task.from_dict)

    async def pages(
        self,
        *,
        limit: int = MAX_LIMIT,
        status: TaskStatus | str | None = None,
        agent_id: str | None = None,
    ) -> AsyncIterator[Page[Task]]:
        """Every page of tasks, first to last."""

        async def fetch(number: int) -> Page[Task]:
            return await self.list(page=number, limit=limit, status=status, agent_id=agent_id)

        async for page in iterate_pages(fetch, label("tasks.pages")):
            yield page

    async def iterate(
        self,
        *,
        limit: int = MAX_LIMIT,
        status: TaskStatus | str | None = None,
        agent_id: str | None = None,
    ) -> AsyncIterator[Task]:
        """Every task, page by page (``limit`` per request)."""
        async for page in self.pages(limit=limit, status=status, agent_id=agent_id):
            for task in page.items:
                yield task

    async def cancel(self, task_id: str, reason: str | None = None) -> Task:
        """Cancel a task (``POST /tasks/{taskId}/cancel``); ``ConflictError`` if it already finished."""
        check_id("task_id", task_id)
        if reason is not None and not isinstance(reason, str):
            raise ValidationError(f"reason must be a string, got {reason!r}", details={"field": "reason"})
        body = TaskCancelParams(reason=reason) if reason is not None else UNSET
        where = label("tasks.cancel", task_id)
        request = cancel_task._get_kwargs(task_id, body=body)
        return await self._core.model("tasks.cancel", where, request, Task.from_dict)

    async def retry(self, task_id: str) -> Task:
        """Run a FAILED, CANCELLED or TIMED_OUT task again; ``ConflictError`` in any other status."""
        check_id("task_id", task_id)
        where = label("tasks.retry", task_id)
        return await self._core.model("tasks.retry", where, retry_task._get_kwargs(task_id), Task.from_dict)

    # -- waiting -----------------------------------------------------------------------

    async def wait_for_completion(
        self,
        task_id: str,
        timeout: float = 60,
        *,
        poll_interval: float = 0.5,
        max_poll_interval: float = 5.0,
        on_status: Callable[[Task], Any] | None = None,
    ) -> Task:
        """Poll until the task is COMPLETED, FAILED, CANCELLED or TIMED_OUT, and return it.

        ``timeout`` (seconds) bounds the whole wait, requests included; when it runs out,
        ``TimeoutError`` is raised with ``.last_status``. Polls start every ``poll_interval``
        seconds and back off (x1.5) to ``max_poll_interval``. A failed task is returned, not
        raised: look at ``task.status`` and ``task.error``. ``on_status(task)`` is called (and
        awaited if it is a coroutine function) whenever the status changes.
        """
        check_id("task_id", task_id)
        _check_wait("wait_for_completion", timeout, poll_interval, max_poll_interval)
        clock = self._core.clock
        deadline = clock.monotonic() + timeout
        where = label("tasks.wait_for_completion", task_id)
        interval = poll_interval
        last_status: str | None = None
        while True:
            remaining = deadline - clock.monotonic()
            task: Task = await self._bounded(self.get(task_id), remaining, timeout, where, last_status)
            if str(task.status) != last_status:
                last_status = str(task.status)
                await _notify(on_status, task)
            if is_terminal(task):
                return task
            await self._pause(interval, deadline, timeout, where, last_status)
            interval = min(interval * 1.5, max_poll_interval)

    async def wait_for_all(
        self,
        task_ids: Iterable[str],
        timeout: float = 60,
        *,
        poll_interval: float = 0.5,
        max_poll_interval: float = 5.0,
        on_progress: ProgressCallback | None = None,
    ) -> builtins.list[Task]:
        """Poll until every task has finished; return them in the order of ``task_ids``.

        Each poll round asks for the unfinished tasks in chunks of up to 100 ids per request
        (``GET /tasks?ids=...``), so 1,000 tasks cost 10 requests a round rather than 1,000. A
        server without that filter is detected and polled task by task, with no more requests
        in flight than the pool has connections. ``on_progress(finished, total)`` is called
        whenever more tasks have finished. ``timeout`` bounds the whole wait; ``TimeoutError``
        then carries ``.last_status``, a dict of the unfinished tasks' last statuses.
        """
        if isinstance(task_ids, str):
            raise ValidationError(
                "task_ids must be a list of ids, not a single string",
                details={"field": "task_ids"},
            )
        ids = [check_id(f"task_ids[{i}]", task_id) for i, task_id in enumerate(task_ids)]
        _check_wait("wait_for_all", timeout, poll_interval, max_poll_interval)
        unique = list(dict.fromkeys(ids))
        where = label("tasks.wait_for_all", f"{len(unique)} tasks")
        clock = self._core.clock
        deadline = clock.monotonic() + timeout
        finished: dict[str, Task] = {}
        last_status: dict[str, str] = {}
        interval = poll_interval
        while True:
            pending = [task_id for task_id in unique if task_id not in finished]
            pending_status = {t: last_status.get(t, "UNKNOWN") for t in pending}
            remaining = deadline - clock.monotonic()
            seen = await self._bounded(self._poll(pending), remaining, timeout, where, pending_status)
            before = len(finished)
            for task in seen:
                last_status[task.id] = str(task.status)
                if is_terminal(task):
                    finished[task.id] = task
            if len(finished) != before:
                await _notify(on_progress, len(finished), len(unique))
            if len(finished) == len(unique):
                return [finished[task_id] for task_id in ids]
            pending_status = {t: last_status.get(t, "UNKNOWN") for t in unique if t not in finished}
            await self._pause(interval, deadline, timeout, where, pending_status)
            interval = min(interval * 1.5, max_poll_interval)

    async def _poll(self, task_ids: builtins.list[str]) -> builtins.list[Task]:
        """The current state of ``task_ids``: by the ids filter when the server has it."""
        if self._core.ids_filter_supported is False:
            return await self._get_each(task_ids)
        filterable = [t for t in task_ids if "," not in t]  # a comma would split the id
        seen: builtins.list[Task] = []
        chunks = chunk_ids(filterable)
        limiter = asyncio.Semaphore(self._core.max_connections)

        async def fetch(chunk: builtins.list[str]) -> builtins.list[Task] | None:
            async with limiter:
                return await self._list_by_ids(chunk)

        answers = await asyncio.gather(*(fetch(chunk) for chunk in chunks))
        if any(answer is None for answer in answers):
            self._core.ids_filter_supported = False
            return await self._get_each(task_ids)
        if chunks:
            self._core.ids_filter_supported = True
        for answer in answers:
            seen.extend(answer or [])
        # Ids the filtered list did not return (or could not carry) are asked for one by one:
        # a task that really does not exist then raises NotFoundError.
        returned = {task.id for task in seen}
        missing = [t for t in task_ids if t not in returned]
        if missing:
            seen.extend(await self._get_each(missing))
        return seen

    async def _list_by_ids(self, chunk: builtins.list[str]) -> builtins.list[Task] | None:
        """One filtered list request; ``None`` when the server ignored the filter."""
        request = list_tasks._get_kwargs(page=1, limit=MAX_LIMIT, ids=",".join(chunk))
        where = label("tasks.wait_for_all")
        response, data = await self._core.data("tasks.list", where, request)
        page = parse_page(response, where, data, Task.from_dict)
        wanted = set(chunk)
        if any(task.id not in wanted for task in page.items):
            return None  # the server does not know the ids filter
        return page.items

    async def _get_each(self, task_ids: builtins.list[str]) -> builtins.list[Task]:
        """Per-task gets, never more in flight than the pool has connections."""
        limiter = asyncio.Semaphore(self._core.max_connections)

        async def one(task_id: str) -> Task:
            async with limiter:
                return await self.get(task_id)

        return list(await asyncio.gather(*(one(t) for t in task_ids)))

    async def _bounded(
        self, work: Awaitable[Any], remaining: float, timeout: float, where: str, last: Any
    ) -> Any:
        """Await ``work`` within the wait's deadline; past it, the wait's ``TimeoutError``."""
        if remaining <= 0:
            if inspect.iscoroutine(work):
                work.close()
            raise self._timeout(timeout, where, last)
        try:
            async with asyncio.timeout(remaining):
                return await work
        except TimeoutError:
            raise  # a request's own timeout: already typed
        except builtins.TimeoutError:
            raise self._timeout(timeout, where, last) from None

    async def _pause(self, interval: float, deadline: float, timeout: float, where: str, last: Any) -> None:
        remaining = deadline - self._core.clock.monotonic()
        if remaining <= 0:
            raise self._timeout(timeout, where, last)
        await self._core.clock.sleep(min(interval, remaining))

    @staticmethod
    def _timeout(timeout: float, where: str, last: Any) -> TimeoutError:
        if isinstance(last, dict):
            shown = ", ".join(f"{k}={v}" for k, v in list(last.items())[:10])
            more = f" and {len(last) - 10} more" if len(last) > 10 else ""
            message = f"{len(last)} tasks not finished after {timeout:g} s: {shown}{more}"
        else:
            message = f"task not finished after {timeout:g} s (last status: {last or 'unknown'})"
        return TimeoutError(message, timeout=timeout * 1000, last_status=last, operation=where)

    # -- batches -----------------------------------------------------------------------

    @overload
    async def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | Mapping[str, Any]],
        *,
        idempotency_key: str | None = ...,
        return_exceptions: Literal[False] = ...,
    ) -> builtins.list[Task]: ...

    @overload
    async def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | Mapping[str, Any]],
        *,
        idempotency_key: str | None = ...,
        return_exceptions: Literal[True],
    ) -> builtins.list[Task | AgentClientError]: ...

    async def submit_batch(
        self,
        tasks: Iterable[TaskSubmitParams | Mapping[str, Any]],
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
        items = _coerce_batch(tasks)
        base_key = check_idempotency_key(idempotency_key) or str(uuid.uuid4())
        if not items:
            return []
        results: builtins.list[Task | AgentClientError] | None = None
        if self._core.batch_supported is not False:
            results = await self._submit_chunks(items, base_key)
        if results is None:
            results = await self._submit_each(items, base_key)
        failures = [r for r in results if isinstance(r, AgentClientError)]
        if failures and not return_exceptions:
            raise BatchSubmitError(
                f"{len(failures)} of {len(items)} tasks failed; first: {failures[0]}",
                results,
                operation=label("tasks.submit_batch", f"{len(items)} tasks"),
            )
        return results

    async def _submit_chunks(
        self, items: builtins.list[TaskSubmitParams], base_key: str
    ) -> builtins.list[Task | AgentClientError] | None:
        """Batch endpoint; ``None`` when the server does not have it."""
        chunks = [items[i : i + MAX_LIMIT] for i in range(0, len(items), MAX_LIMIT)]
        first = await self._submit_chunk(chunks[0], f"{base_key}:batch0")
        if first is None:
            self._core.batch_supported = False
            return None
        self._core.batch_supported = True
        limiter = asyncio.Semaphore(self._core.max_connections)

        async def send(
            index: int, chunk: builtins.list[TaskSubmitParams]
        ) -> builtins.list[Task | AgentClientError]:
            async with limiter:
                outcome = await self._submit_chunk(chunk, f"{base_key}:batch{index}")
            if outcome is None:  # the endpoint vanished mid-call: report, do not guess
                error = InvalidResponseError(
                    "the batch endpoint answered 404/405 after accepting earlier chunks",
                    operation=label("tasks.submit_batch"),
                )
                return [error] * len(chunk)
            return outcome

        rest = await asyncio.gather(*(send(i, c) for i, c in enumerate(chunks[1:], start=1)))
        return [result for chunk in [first, *rest] for result in chunk]

    async def _submit_chunk(
        self, chunk: builtins.list[TaskSubmitParams], key: str
    ) -> builtins.list[Task | AgentClientError] | None:
        body = TaskBatchParams.from_dict({"tasks": [item.to_wire() for item in chunk]})
        request = submit_task_batch._get_kwargs(body=body, idempotency_key=key)
        where = label("tasks.submit_batch", f"{len(chunk)} tasks")
        try:
            response = await self._core.send("tasks.submit_batch", where, request)
        except AgentClientError as exc:  # the whole chunk failed to arrive: each item says so
            return [exc] * len(chunk)
        if response.status_code in (404, 405) and self._core.batch_supported is None:
            return None
        try:
            data = unwrap(response, where, self._core.redact)
        except AgentClientError as exc:
            return [exc] * len(chunk)
        request_id = response.headers.get("x-request-id")

        def build(value: Mapping[str, Any]) -> builtins.list[Task | AgentClientError]:
            entries = value["results"]
            if not isinstance(entries, list) or len(entries) != len(chunk):
                raise ValueError(f"expected {len(chunk)} results, got {entries!r}"[:300])
            outcome: builtins.list[Task | AgentClientError] = []
            for index, entry in enumerate(entries):
                item_where = label("tasks.submit_batch", f"item {index}")
                if entry.get("success") is True and isinstance(entry.get("data"), Mapping):
                    outcome.append(Task.from_dict(entry["data"]))
                else:
                    outcome.append(
                        error_from_item(entry.get("error"), item_where, request_id, self._core.redact)
                    )
            return outcome

        try:
            return parse_model(response, where, data, build)
        except AgentClientError as exc:
            return [exc] * len(chunk)

    async def _submit_each(
        self, items: builtins.list[TaskSubmitParams], base_key: str
    ) -> builtins.list[Task | AgentClientError]:
        limiter = asyncio.Semaphore(self._core.max_connections)

        async def one(index: int, item: TaskSubmitParams) -> Task | AgentClientError:
            async with limiter:
                try:
                    return await self.submit(item, idempotency_key=f"{base_key}:{index}")
                except AgentClientError as exc:
                    return exc

        return list(await asyncio.gather(*(one(i, item) for i, item in enumerate(items))))


def _coerce_batch(tasks: Iterable[TaskSubmitParams | Mapping[str, Any]]) -> list[TaskSubmitParams]:
    if isinstance(tasks, (str, bytes, Mapping)):
        raise ValidationError(
            "tasks must be a list of TaskSubmitParams (or dicts)", details={"field": "tasks"}
        )
    items: list[TaskSubmitParams] = []
    for index, task in enumerate(tasks):
        try:
            items.append(coerce(TaskSubmitParams, task, "params"))
        except ValidationError as exc:
            field = exc.details.get("field") if isinstance(exc.details, dict) else None
            raise ValidationError(
                f"tasks[{index}]: {exc.message}",
                details={
                    "field": f"tasks[{index}].{field}" if field else f"tasks[{index}]",
                    "index": index,
                },
            ) from None
    return items
