from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task import Task


T = TypeVar("T", bound="TaskEnvelope")


@_attrs_define
class TaskEnvelope:
    """Success envelope around a task.

    Example:
        {'success': True, 'data': {'id': 'task-1', 'name': 'Process Data', 'type': 'data-processing', 'status':
            'PENDING', 'priority': 'NORMAL', 'payload': {}, 'createdAt': '2025-11-18T10:00:00.000Z', 'updatedAt':
            '2025-11-18T10:00:00.000Z'}, 'timestamp': '2025-11-18T10:00:00.000Z'}

    """

    success: bool
    """ True on success. """
    data: Task
    """ A unit of work and its state. """
    timestamp: datetime.datetime | Unset = UNSET
    """ When the response was made (ISO-8601). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        data = self.data.to_dict()

        timestamp: str | Unset = UNSET
        if not isinstance(self.timestamp, Unset):
            timestamp = self.timestamp.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "data": data,
            }
        )
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task import Task

        d = dict(src_dict)
        success = d.pop("success")

        data = Task.from_dict(d.pop("data"))

        _timestamp = d.pop("timestamp", UNSET)
        timestamp: datetime.datetime | Unset
        if isinstance(_timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = datetime.datetime.fromisoformat(_timestamp)

        task_envelope = cls(
            success=success,
            data=data,
            timestamp=timestamp,
        )

        task_envelope.additional_properties = d
        return task_envelope

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
