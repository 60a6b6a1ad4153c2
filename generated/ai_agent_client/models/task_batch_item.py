from __future__ import annotations

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
    from ..models.api_error import ApiError
    from ..models.task import Task


T = TypeVar("T", bound="TaskBatchItem")


@_attrs_define
class TaskBatchItem:
    """The outcome of one item of a batch; `data` on success, `error` otherwise.

    Example:
        {'success': False, 'error': {'code': 'VALIDATION_ERROR', 'message': 'name must not be empty'}}

    """

    success: bool
    """ Whether this item's task was created. """
    data: Task | None = None
    """ A unit of work and its state. """
    error: ApiError | None = None
    """ What went wrong. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "success",
            "data",
            "error",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        _data_value: Task | Unset = UNSET if self.data is None else self.data
        data: dict[str, Any] | Unset = UNSET
        if not isinstance(_data_value, Unset):
            data = _data_value.to_dict()

        _error_value: ApiError | Unset = UNSET if self.error is None else self.error
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(_error_value, Unset):
            error = _error_value.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        success = d["success"]

        _data = d.get("data")
        data = None if _data is None else Task.from_dict(_data)

        _error = d.get("error")
        error = None if _error is None else ApiError.from_dict(_error)

        task_batch_item = cls(
            success,
            data,
            error,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task_batch_item.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return task_batch_item

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
from ..models.api_error import ApiError
from ..models.task import Task
