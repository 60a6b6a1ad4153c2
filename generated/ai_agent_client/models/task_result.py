from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    Any,
    ClassVar,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_result_status import TaskResultStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskResult")


@_attrs_define
class TaskResult:
    """The outcome of a finished task.

    Example:
        {'taskId': 'task-1', 'status': 'SUCCESS', 'output': {'rows': 3}, 'completedAt': '2025-11-18T10:00:02.000Z'}

    """

    task_id: str
    """ The task this result belongs to. """
    status: TaskResultStatus
    """ How a finished task's work turned out. Servers may add values later; clients must accept unknown ones.
     """
    output: Any | None = None
    """ Whatever the task produced (any JSON). """
    completed_at: datetime.datetime | None = None
    """ When the task finished (ISO-8601). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "taskId",
            "status",
            "output",
            "completedAt",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        status = self.status.value

        _output_value: Any | Unset = UNSET if self.output is None else self.output
        output = _output_value

        _completed_at_value: datetime.datetime | Unset = (
            UNSET if self.completed_at is None else self.completed_at
        )
        completed_at: str | Unset = UNSET
        if not isinstance(_completed_at_value, Unset):
            completed_at = _completed_at_value.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "taskId": task_id,
                "status": status,
            }
        )
        if output is not UNSET:
            field_dict["output"] = output
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        task_id = d["taskId"]

        status = TaskResultStatus._parse(d["status"])

        output = d.get("output")

        _completed_at = d.get("completedAt")
        completed_at = (
            None
            if _completed_at is None
            else datetime.datetime.fromisoformat(_completed_at)
        )

        task_result = cls(
            task_id,
            status,
            output,
            completed_at,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task_result.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return task_result

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
