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

if TYPE_CHECKING:
    from ..models.task_submit_params import TaskSubmitParams


T = TypeVar("T", bound="TaskBatchParams")


@_attrs_define
class TaskBatchParams:
    """Tasks to submit in one request.

    Example:
        {'tasks': [{'name': 'Process Data', 'type': 'data-processing', 'payload': {'data': [1]}}]}

    """

    tasks: list[TaskSubmitParams]
    """ Up to 100 tasks, each as in a single submission. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "tasks",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        tasks = []
        _tasks = d["tasks"]
        for tasks_item_data in _tasks:
            tasks_item = TaskSubmitParams.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        task_batch_params = cls(
            tasks,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task_batch_params.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return task_batch_params

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
from ..models.task_submit_params import TaskSubmitParams
