from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Self,
    TypeVar,
)

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
    timestamp: datetime.datetime | None = None
    """ When the response was made (ISO-8601). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "success",
            "data",
            "timestamp",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        data = self.data.to_dict()

        _timestamp_value: datetime.datetime | Unset = (
            UNSET if self.timestamp is None else self.timestamp
        )
        timestamp: str | Unset = UNSET
        if not isinstance(_timestamp_value, Unset):
            timestamp = _timestamp_value.isoformat()

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
        d = src_dict
        success = d["success"]

        data = Task.from_dict(d["data"])

        _timestamp = d.get("timestamp")
        timestamp = (
            None if _timestamp is None else datetime.datetime.fromisoformat(_timestamp)
        )

        task_envelope = cls(
            success,
            data,
            timestamp,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task_envelope.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return task_envelope

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


# Imported at the end, once: these modules may import this one, whose classes exist by now.
# (Inside from_dict, the imports would cost about 2.5 us per parsed object.)
from ..models.task import Task
