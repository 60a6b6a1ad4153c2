from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_priority import TaskPriority
from ..models.task_status import TaskStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata
    from ..models.task_config import TaskConfig
    from ..models.task_error import TaskError
    from ..models.task_result import TaskResult


T = TypeVar("T", bound="Task")


@_attrs_define
class Task:
    """A unit of work and its state.

    Example:
        {'id': 'task-1', 'name': 'Process Data', 'type': 'data-processing', 'status': 'PENDING', 'priority': 'NORMAL',
            'payload': {'data': [1, 2, 3]}, 'createdAt': '2025-11-18T10:00:00.000Z', 'updatedAt':
            '2025-11-18T10:00:00.000Z'}

    """

    id: str
    """ The task's id (opaque string). """
    name: str
    """ Display name. """
    type_: str
    """ Free-form task type, matched against agent capabilities. """
    status: TaskStatus
    """ A task's lifecycle status; COMPLETED, FAILED, CANCELLED and TIMED_OUT are terminal. Servers may add values
    later; clients must accept unknown ones.
     """
    priority: TaskPriority
    """ How urgently a task should run; NORMAL when not given. Servers may add values later; clients must accept
    unknown ones.
     """
    payload: Any
    """ The task's input (any JSON). """
    created_at: datetime.datetime
    """ When the task was submitted (ISO-8601). """
    updated_at: datetime.datetime
    """ When the task last changed (ISO-8601). """
    description: str | None = None
    """ Longer description. """
    result: None | TaskResult = None
    """ The outcome, once the task has finished. """
    error: None | TaskError = None
    """ Why the task failed, if it did. """
    assigned_agent_id: None | str = None
    """ The agent running or having run the task. """
    metadata: Metadata | None = None
    """ Free-form JSON object for the caller's own data; the server stores it as given. """
    config: TaskConfig | None = None
    """ Execution settings of a task. """
    revision: int | None = None
    """ Extension (blocking reads): the server-wide revision of the task's latest change. A server-wide counter
    increased on every change of any task, so a change always has a revision larger than every earlier one.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "name",
            "type",
            "status",
            "priority",
            "payload",
            "createdAt",
            "updatedAt",
            "description",
            "result",
            "error",
            "assignedAgentId",
            "metadata",
            "config",
            "revision",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        status = self.status.value

        priority = self.priority.value

        payload = self.payload

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        _description_value: str | Unset = (
            UNSET if self.description is None else self.description
        )
        description = _description_value

        _result_value: None | TaskResult | Unset = (
            UNSET if self.result is None else self.result
        )
        result: dict[str, Any] | None | Unset
        if isinstance(_result_value, Unset):
            result = UNSET
        elif isinstance(_result_value, TaskResult):
            result = _result_value.to_dict()
        else:
            result = _result_value

        _error_value: None | TaskError | Unset = (
            UNSET if self.error is None else self.error
        )
        error: dict[str, Any] | None | Unset
        if isinstance(_error_value, Unset):
            error = UNSET
        elif isinstance(_error_value, TaskError):
            error = _error_value.to_dict()
        else:
            error = _error_value

        _assigned_agent_id_value: None | str | Unset = (
            UNSET if self.assigned_agent_id is None else self.assigned_agent_id
        )
        assigned_agent_id: None | str | Unset
        if isinstance(_assigned_agent_id_value, Unset):
            assigned_agent_id = UNSET
        else:
            assigned_agent_id = _assigned_agent_id_value

        _metadata_value: Metadata | Unset = (
            UNSET if self.metadata is None else self.metadata
        )
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(_metadata_value, Unset):
            metadata = _metadata_value.to_dict()

        _config_value: TaskConfig | Unset = (
            UNSET if self.config is None else self.config
        )
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(_config_value, Unset):
            config = _config_value.to_dict()

        _revision_value: int | Unset = UNSET if self.revision is None else self.revision
        revision = _revision_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "status": status,
                "priority": priority,
                "payload": payload,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if result is not UNSET:
            field_dict["result"] = result
        if error is not UNSET:
            field_dict["error"] = error
        if assigned_agent_id is not UNSET:
            field_dict["assignedAgentId"] = assigned_agent_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if config is not UNSET:
            field_dict["config"] = config
        if revision is not UNSET:
            field_dict["revision"] = revision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        id = d["id"]

        name = d["name"]

        type_ = d["type"]

        status = TaskStatus._parse(d["status"])

        priority = TaskPriority._parse(d["priority"])

        payload = d["payload"]

        created_at = datetime.datetime.fromisoformat(d["createdAt"])

        updated_at = datetime.datetime.fromisoformat(d["updatedAt"])

        description = d.get("description")

        _result_data: object = d.get("result")
        result: None | TaskResult
        while True:
            if _result_data is None:
                result = _result_data
                break
            try:
                if not isinstance(_result_data, dict):
                    raise TypeError()
                result_type_0 = TaskResult.from_dict(_result_data)

                result = result_type_0
                break
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            result = cast("None | TaskResult", _result_data)
            break

        _error_data: object = d.get("error")
        error: None | TaskError
        while True:
            if _error_data is None:
                error = _error_data
                break
            try:
                if not isinstance(_error_data, dict):
                    raise TypeError()
                error_type_0 = TaskError.from_dict(_error_data)

                error = error_type_0
                break
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            error = cast("None | TaskError", _error_data)
            break

        _assigned_agent_id_data: object = d.get("assignedAgentId")
        assigned_agent_id: None | str
        while True:
            if _assigned_agent_id_data is None:
                assigned_agent_id = _assigned_agent_id_data
                break
            assigned_agent_id = cast("None | str", _assigned_agent_id_data)
            break

        _metadata = d.get("metadata")
        metadata = None if _metadata is None else Metadata.from_dict(_metadata)

        _config = d.get("config")
        config = None if _config is None else TaskConfig.from_dict(_config)

        revision = d.get("revision")

        task = cls(
            id,
            name,
            type_,
            status,
            priority,
            payload,
            created_at,
            updated_at,
            description,
            result,
            error,
            assigned_agent_id,
            metadata,
            config,
            revision,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task.additional_properties = {k: v for k, v in d.items() if k not in known}
        return task

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """A field by its wire name, in its JSON form (``model["createdAt"]``), as the first SDKs'
        dicts answered; fields this version does not know are there too. Raises ``KeyError``
        for a field the server left out."""
        if key in self._wire_fields:
            return self.to_dict()[key]
        return self.additional_properties[key]

    def get(self, key: str, default: Any = None) -> Any:
        """``model[key]``, or ``default`` when the field is absent."""
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        if key in self._wire_fields:
            return key in self.to_dict()
        return key in self.additional_properties

    @property
    def type(self) -> str:
        """Alias of ``type_`` under the field's wire name."""
        return self.type_


# Imported at the end, once: these modules may import this one, whose classes exist by now.
# (Inside from_dict, the imports would cost about 2.5 us per parsed object.)
from ..models.metadata import Metadata
from ..models.task_config import TaskConfig
from ..models.task_error import TaskError
from ..models.task_result import TaskResult
