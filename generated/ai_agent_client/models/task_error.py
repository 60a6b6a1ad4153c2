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

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskError")


@_attrs_define
class TaskError:
    """Why a task failed.

    Example:
        {'code': 'HANDLER_ERROR', 'message': 'upstream unavailable', 'retryable': True, 'timestamp':
            '2025-11-18T10:00:02.000Z'}

    """

    code: str
    """ Machine-readable error code. """
    message: str
    """ Human-readable explanation. """
    details: Any | None = None
    """ Extra information (any JSON). """
    timestamp: datetime.datetime | None = None
    """ When the error happened (ISO-8601). """
    retryable: bool | None = None
    """ Whether running the task again may succeed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "code",
            "message",
            "details",
            "timestamp",
            "retryable",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        _details_value: Any | Unset = UNSET if self.details is None else self.details
        details = _details_value

        _timestamp_value: datetime.datetime | Unset = (
            UNSET if self.timestamp is None else self.timestamp
        )
        timestamp: str | Unset = UNSET
        if not isinstance(_timestamp_value, Unset):
            timestamp = _timestamp_value.isoformat()

        _retryable_value: bool | Unset = (
            UNSET if self.retryable is None else self.retryable
        )
        retryable = _retryable_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if retryable is not UNSET:
            field_dict["retryable"] = retryable

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        code = d["code"]

        message = d["message"]

        details = d.get("details")

        _timestamp = d.get("timestamp")
        timestamp = (
            None if _timestamp is None else datetime.datetime.fromisoformat(_timestamp)
        )

        retryable = d.get("retryable")

        task_error = cls(
            code,
            message,
            details,
            timestamp,
            retryable,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task_error.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return task_error

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
