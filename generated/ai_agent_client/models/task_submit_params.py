from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_priority import TaskPriority
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata
    from ..models.task_config import TaskConfig


T = TypeVar("T", bound="TaskSubmitParams")


@_attrs_define
class TaskSubmitParams:
    """What is needed to submit a task.

    Example:
        {'name': 'Process Data', 'type': 'data-processing', 'payload': {'data': [1, 2, 3]}}

    """

    name: str
    """ Display name. """
    type_: str
    """ Task type, matched against agent capabilities. """
    payload: Any
    """ The task's input (any JSON). """
    description: str | Unset = UNSET
    """ Longer description. """
    priority: TaskPriority | Unset = UNSET
    """ How urgently a task should run; NORMAL when not given. Servers may add values later; clients must accept
    unknown ones.
     """
    config: TaskConfig | Unset = UNSET
    """ Execution settings of a task. """
    metadata: Metadata | Unset = UNSET
    """ Free-form JSON object for the caller's own data; the server stores it as given. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        payload = self.payload

        description = self.description

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "payload": payload,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if priority is not UNSET:
            field_dict["priority"] = priority
        if config is not UNSET:
            field_dict["config"] = config
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata
        from ..models.task_config import TaskConfig

        d = dict(src_dict)
        name = d.pop("name")

        type_ = d.pop("type")

        payload = d.pop("payload")

        description = d.pop("description", UNSET)

        _priority = d.pop("priority", UNSET)
        priority: TaskPriority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = TaskPriority(_priority)

        _config = d.pop("config", UNSET)
        config: TaskConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = TaskConfig.from_dict(_config)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        task_submit_params = cls(
            name=name,
            type_=type_,
            payload=payload,
            description=description,
            priority=priority,
            config=config,
            metadata=metadata,
        )

        task_submit_params.additional_properties = d
        return task_submit_params

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

    @property
    def type(self) -> str:
        """Alias of ``type_`` under the field's wire name."""
        return self.type_
