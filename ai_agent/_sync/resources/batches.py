# Generated from ai_agent/_async/resources/batches.py by scripts/unasync.py: do not edit; run `make generate`.
"""``tasks.submit_batch``: many tasks, in chunks of 100 through ``POST /tasks/batch``, or by
single submits on a server without that endpoint."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from ai_agent_client.api.tasks import submit_task_batch
from ai_agent_client.models import Task
from ai_agent_client.models import TaskBatchParams as WireTaskBatchParams

from ..._checks import shown
from ..._errors import AgentClientError, BatchSubmitError, InvalidResponseError, ValidationError
from ..._request import label, label_count, new_idempotency_key, wire_model
from ..._response import error_from_item, parse_model, unwrap
from ..._schema import check_idempotency_key, coerce, shape_of
from ..._surface.params import TaskBatchParams, TaskSubmitParams
from ..._synchronization import gather_bounded

if TYPE_CHECKING:
    from .tasks import SyncTasksResource

__all__ = ["submit_batch"]

# The most tasks one POST /tasks/batch may carry (maxItems in openapi.yaml).
_BATCH_SIZE = next(f.max_items or 100 for f in shape_of(TaskBatchParams).fields if f.wire == "tasks")

Outcome = Task | AgentClientError


def submit_batch(
    tasks: SyncTasksResource,
    items: Iterable[TaskSubmitParams | Mapping[str, Any]],
    idempotency_key: str | None,
    return_exceptions: bool,
) -> builtins.list[Task] | builtins.list[Outcome]:
    """See ``SyncTasksResource.submit_batch``."""
    params = _checked(items)
    base_key = check_idempotency_key(idempotency_key) or new_idempotency_key()
    if not params:
        return []
    with tasks._core.tracing.call("tasks.submit_batch", {"ai_agent.task.count": len(params)}):
        return _submit_batch(tasks, params, base_key, return_exceptions)


def _submit_batch(
    tasks: SyncTasksResource, params: builtins.list[TaskSubmitParams], base_key: str, return_exceptions: bool
) -> builtins.list[Task] | builtins.list[Outcome]:
    core = tasks._core
    results: builtins.list[Outcome] | None = None
    if core.features.batch is not False:
        results = _submit_chunks(tasks, params, base_key)
    if results is None:
        results = _submit_each(tasks, params, base_key)
    failures = [r for r in results if isinstance(r, AgentClientError)]
    if failures and not return_exceptions:
        raise BatchSubmitError(
            f"{len(failures)} of {len(params)} tasks failed; first: {failures[0]}",
            results,
            operation=label_count("tasks.submit_batch", len(params)),
        )
    return results


def _submit_chunks(
    tasks: SyncTasksResource, items: builtins.list[TaskSubmitParams], base_key: str
) -> builtins.list[Outcome] | None:
    """Batch endpoint; ``None`` when the server does not have it."""
    core = tasks._core
    size = _BATCH_SIZE
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    first = _submit_chunk(tasks, chunks[0], f"{base_key}:batch0")
    if first is None:
        core.features.batch = False
        return None
    core.features.batch = True
    rest = gather_bounded(
        core.max_connections,
        [
            partial(_submit_later_chunk, tasks, chunk, f"{base_key}:batch{i}")
            for i, chunk in enumerate(chunks[1:], 1)
        ],
    )
    return [result for chunk in [first, *rest] for result in chunk]


def _submit_later_chunk(
    tasks: SyncTasksResource, chunk: builtins.list[TaskSubmitParams], key: str
) -> builtins.list[Outcome]:
    outcome = _submit_chunk(tasks, chunk, key)
    if outcome is None:  # the endpoint vanished mid-call: report, do not guess
        error = InvalidResponseError(
            "the batch endpoint answered 404/405 after accepting earlier chunks",
            operation=label("tasks.submit_batch"),
        )
        return [error] * len(chunk)
    return outcome


def _submit_chunk(
    tasks: SyncTasksResource, chunk: builtins.list[TaskSubmitParams], key: str
) -> builtins.list[Outcome] | None:
    core = tasks._core
    body = wire_model(WireTaskBatchParams, {"tasks": [item.to_wire() for item in chunk]})
    request = submit_task_batch._get_kwargs(body=body, idempotency_key=key)
    where = label_count("tasks.submit_batch", len(chunk))
    try:
        response = core.send("tasks.submit_batch", where, request)
    except AgentClientError as exc:  # the whole chunk failed to arrive: each item says so
        return [exc] * len(chunk)
    if response.status_code in (404, 405) and core.features.batch is None:
        return None
    try:
        data = unwrap(response, where, core.redact)
    except AgentClientError as exc:
        return [exc] * len(chunk)
    request_id = response.headers.get("x-request-id")

    def build(value: Mapping[str, Any]) -> builtins.list[Outcome]:
        entries = value["results"]
        if not isinstance(entries, list) or len(entries) != len(chunk):
            raise ValueError(f"expected {len(chunk)} results, got {shown(entries)!r}"[:300])
        outcome: builtins.list[Outcome] = []
        for index, entry in enumerate(entries):
            item_where = label("tasks.submit_batch", f"item {index}")
            if entry.get("success") is True and isinstance(entry.get("data"), Mapping):
                outcome.append(Task.from_dict(entry["data"]))
            else:
                outcome.append(error_from_item(entry.get("error"), item_where, request_id, core.redact))
        return outcome

    try:
        return parse_model(response, where, data, build)
    except AgentClientError as exc:
        return [exc] * len(chunk)


def _submit_each(
    tasks: SyncTasksResource, items: builtins.list[TaskSubmitParams], base_key: str
) -> builtins.list[Outcome]:
    return gather_bounded(
        tasks._core.max_connections,
        [partial(_submit_one, tasks, item, f"{base_key}:{index}") for index, item in enumerate(items)],
    )


def _submit_one(tasks: SyncTasksResource, item: TaskSubmitParams, key: str) -> Outcome:
    try:
        return tasks.submit(item, idempotency_key=key)
    except AgentClientError as exc:
        return exc


def _checked(tasks: Iterable[TaskSubmitParams | Mapping[str, Any]]) -> builtins.list[TaskSubmitParams]:
    """Every input as ``TaskSubmitParams``; a bad one is refused naming its index."""
    if isinstance(tasks, (str, bytes, Mapping)) or not isinstance(tasks, Iterable):
        raise ValidationError(
            f"tasks must be a list of TaskSubmitParams (or dicts), got {type(tasks).__name__}",
            details={"field": "tasks"},
        )
    items: builtins.list[TaskSubmitParams] = []
    for index, task in enumerate(tasks):
        try:
            items.append(coerce(TaskSubmitParams, task, "params"))
        except ValidationError as exc:
            field = exc.details.get("field") if isinstance(exc.details, dict) else None
            raise ValidationError(
                f"tasks[{index}]: {exc.message}",
                details={"field": f"tasks[{index}].{field}" if field else f"tasks[{index}]", "index": index},
            ) from None
    return items
