from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    TypeVar,
)

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
    description: str | None = None
    """ Longer description. """
    priority: TaskPriority | None = None
    """ How urgently a task should run; NORMAL when not given. Servers may add values later; clients must accept
    unknown ones.
     """
    config: TaskConfig | None = None
    """ Execution settings of a task. """
    metadata: Metadata | None = None
    """ Free-form JSON object for the caller's own data; the server stores it as given. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "type",
            "payload",
            "description",
            "priority",
            "config",
            "metadata",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_

        payload = self.payload

        _description_value: str | Unset = (
            UNSET if self.description is None else self.description
        )
        description = _description_value

        _priority_value: TaskPriority | Unset = (
            UNSET if self.priority is None else self.priority
        )
        priority: str | Unset = UNSET
        if not isinstance(_priority_value, Unset):
            priority = _priority_value.value

        _config_value: TaskConfig | Unset = (
            UNSET if self.config is None else self.config
        )
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(_config_value, Unset):
            config = _config_value.to_dict()

        _metadata_value: Metadata | Unset = (
            UNSET if self.metadata is None else self.metadata
        )
        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(_metadata_value, Unset):
            metadata = _metadata_value.to_dict()

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
        d = src_dict
        name = d["name"]

        type_ = d["type"]

        payload = d["payload"]

        description = d.get("description")

        _priority = d.get("priority")
        priority = None if _priority is None else TaskPriority._parse(_priority)

        _config = d.get("config")
        config = None if _config is None else TaskConfig.from_dict(_config)

        _metadata = d.get("metadata")
        metadata = None if _metadata is None else Metadata.from_dict(_metadata)

        task_submit_params = cls(
            name,
            type_,
            payload,
            description,
            priority,
            config,
            metadata,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task_submit_params.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return task_submit_params

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
