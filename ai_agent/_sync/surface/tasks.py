# Generated from ai_agent/_async/surface/tasks.py by scripts/unasync.py: do not edit; run `make generate`.
"""``client.tasks``: a method per operation of tag ``tasks`` (helpers: hand-written on top).

Generated from openapi.yaml by scripts/generate_surface.py: do not edit; run `make generate`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, overload

from ai_agent_client.api.tasks import cancel_task as _cancel_task
from ai_agent_client.api.tasks import get_task as _get_task
from ai_agent_client.api.tasks import list_tasks as _list_tasks
from ai_agent_client.api.tasks import retry_task as _retry_task
from ai_agent_client.api.tasks import submit_task as _submit_task
from ai_agent_client.models import Task, TaskPriority, TaskStatus
from ai_agent_client.models import TaskCancelParams as WireTaskCancelParams
from ai_agent_client.models import TaskSubmitParams as WireTaskSubmitParams
from ai_agent_client.types import UNSET

from ..._checks import check_id as _check_id
from ..._paging import next_page_number as _next_page_number
from ..._paging import parse_page as _parse_page
from ..._request import label as _label
from ..._request import wire_model as _wire_model
from ..._results import Page
from ..._schema import NOT_GIVEN
from ..._schema import check_idempotency_key as _check_idempotency_key
from ..._schema import params_given as _params_given
from ..._schema import shape_of as _shape_of
from ..._surface.operations import BY_ID
from ..._surface.params import (
    TaskCancelDict,
    TaskCancelParams,
    TaskConfig,
    TaskConfigDict,
    TaskPriorityName,
    TaskStatusName,
    TaskSubmitDict,
    TaskSubmitParams,
)
from ..capture import raw

if TYPE_CHECKING:
    from ..core import SyncCore

__all__ = ["SyncTasksOperations", "SyncTasksRawOperations"]


class SyncTasksOperations:
    """``client.tasks``: Units of work submitted to the orchestrator."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core

    def list(
        self,
        *,
        page: int = 1,
        limit: int = 10,
        status: TaskStatus | TaskStatusName | None = None,
        agent_id: str | None = None,
        ids: str | None = None,
    ) -> Page[Task]:
        """List tasks (``GET /tasks``).

        Returns one page of tasks, optionally filtered by status, agent or ids.
        """
        _operation = "tasks.list"
        _request = _list_tasks._get_kwargs(
            page=_QUERY_listTasks[0].check(_operation, page) if page is not None else UNSET,
            limit=_QUERY_listTasks[1].check(_operation, limit) if limit is not None else UNSET,
            status=TaskStatus(_QUERY_listTasks[2].check(_operation, status)) if status is not None else UNSET,
            agent_id=_QUERY_listTasks[3].check(_operation, agent_id) if agent_id is not None else UNSET,
            ids=_QUERY_listTasks[4].check(_operation, ids) if ids is not None else UNSET,
        )
        _where = _label(_operation)
        _response, _data = self._core.data(_operation, _where, _request)
        return _parse_page(_response, _where, _data, Task.from_dict)

    def pages(
        self,
        *,
        limit: int = 100,
        status: TaskStatus | TaskStatusName | None = None,
        agent_id: str | None = None,
        ids: str | None = None,
    ) -> Iterator[Page[Task]]:
        """Every page of ``list``, first to last (``limit`` items per request)."""
        _number: int | None = 1
        while _number is not None:
            _page = self.list(page=_number, limit=limit, status=status, agent_id=agent_id, ids=ids)
            yield _page
            _number = _next_page_number(_page, _number, _label("tasks.pages"))

    def iterate(
        self,
        *,
        limit: int = 100,
        status: TaskStatus | TaskStatusName | None = None,
        agent_id: str | None = None,
        ids: str | None = None,
    ) -> Iterator[Task]:
        """Every item of ``list``, page by page (``limit`` per request)."""
        for _page in self.pages(limit=limit, status=status, agent_id=agent_id, ids=ids):
            for _item in _page.items:
                yield _item

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
        """Submit a task (``POST /tasks``).

        Submits a task for the orchestrator to assign and run. With an `Idempotency-Key`, a repeated
        submission returns the first response again and creates no second task.

        The body comes as ``TaskSubmitParams``, a ``TaskSubmitDict`` or keywords.

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own
        ``idempotency_key`` to make the call repeatable, e.g. across process restarts).
        """
        _operation = "tasks.submit"
        _given: Any = params
        if params is None or not (
            name is type is payload is description is priority is config is metadata is NOT_GIVEN
        ):
            _given = _params_given(
                params,
                "params",
                {
                    "name": name,
                    "type": type,
                    "payload": payload,
                    "description": description,
                    "priority": priority,
                    "config": config,
                    "metadata": metadata,
                },
            )
        _wire = _shape_of(TaskSubmitParams).wire(_given, "params")
        _body = _wire_model(WireTaskSubmitParams, _wire)
        _request = _submit_task._get_kwargs(
            body=_body, idempotency_key=_check_idempotency_key(idempotency_key) or UNSET
        )
        _where = _label(_operation)
        return self._core.model(_operation, _where, _request, Task.from_dict)

    def get(self, task_id: str) -> Task:
        """Get a task (``GET /tasks/{taskId}``).

        Returns one task, with its status, result and error. With `wait` (extension), a blocking
        read: held until the task changes after `after`, or `wait` seconds pass (the SDK's waits
        send it; its methods do not offer it).
        """
        _operation = "tasks.get"
        _check_id("task_id", task_id)
        _request = _get_task._get_kwargs(task_id)
        _where = _label(_operation, task_id)
        return self._core.model(
            _operation, _where, _request, Task.from_dict, attributes={"ai_agent.task.id": task_id}
        )

    @overload
    def cancel(
        self,
        task_id: str,
        params: TaskCancelParams | TaskCancelDict | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> Task: ...

    @overload
    def cancel(
        self, task_id: str, *, reason: str | None = None, idempotency_key: str | None = None
    ) -> Task: ...

    def cancel(
        self,
        task_id: str,
        params: TaskCancelParams | TaskCancelDict | None = None,
        *,
        reason: Any = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Task:
        """Cancel a task (``POST /tasks/{taskId}/cancel``).

        Cancels a task that has not finished; 409 when it is already terminal.

        The body comes as ``TaskCancelParams``, a ``TaskCancelDict`` or keywords (optional).

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own
        ``idempotency_key`` to make the call repeatable, e.g. across process restarts).
        """
        _operation = "tasks.cancel"
        _check_id("task_id", task_id)
        _given: Any = params
        if params is None or reason is not NOT_GIVEN:
            _given = _params_given(params, "params", {"reason": reason})
        _wire = _shape_of(TaskCancelParams).wire(_given, "params") if _given else None
        _body = _wire_model(WireTaskCancelParams, _wire) if _wire is not None else UNSET
        _request = _cancel_task._get_kwargs(
            task_id, body=_body, idempotency_key=_check_idempotency_key(idempotency_key) or UNSET
        )
        _where = _label(_operation, task_id)
        return self._core.model(
            _operation, _where, _request, Task.from_dict, attributes={"ai_agent.task.id": task_id}
        )

    def retry(self, task_id: str, *, idempotency_key: str | None = None) -> Task:
        """Retry a task (``POST /tasks/{taskId}/retry``).

        Runs a FAILED, CANCELLED or TIMED_OUT task again; 409 in any other status.

        Retried safely: every attempt carries the same ``Idempotency-Key`` (pass your own
        ``idempotency_key`` to make the call repeatable, e.g. across process restarts).
        """
        _operation = "tasks.retry"
        _check_id("task_id", task_id)
        _request = _retry_task._get_kwargs(
            task_id, idempotency_key=_check_idempotency_key(idempotency_key) or UNSET
        )
        _where = _label(_operation, task_id)
        return self._core.model(
            _operation, _where, _request, Task.from_dict, attributes={"ai_agent.task.id": task_id}
        )


class SyncTasksRawOperations:
    """``client.with_raw_response.tasks``: generated methods returning ``RawResponse``s."""

    def __init__(self, resource: SyncTasksOperations) -> None:
        self.list = raw(resource.list)
        self.submit = raw(resource.submit)
        self.get = raw(resource.get)
        self.cancel = raw(resource.cancel)
        self.retry = raw(resource.retry)


_PATH_listTasks = BY_ID["listTasks"].path_params
_QUERY_listTasks = BY_ID["listTasks"].query
_HEADERS_listTasks = BY_ID["listTasks"].headers
_PATH_submitTask = BY_ID["submitTask"].path_params
_QUERY_submitTask = BY_ID["submitTask"].query
_HEADERS_submitTask = BY_ID["submitTask"].headers
_PATH_getTask = BY_ID["getTask"].path_params
_QUERY_getTask = BY_ID["getTask"].query
_HEADERS_getTask = BY_ID["getTask"].headers
_PATH_cancelTask = BY_ID["cancelTask"].path_params
_QUERY_cancelTask = BY_ID["cancelTask"].query
_HEADERS_cancelTask = BY_ID["cancelTask"].headers
_PATH_retryTask = BY_ID["retryTask"].path_params
_QUERY_retryTask = BY_ID["retryTask"].query
_HEADERS_retryTask = BY_ID["retryTask"].headers
