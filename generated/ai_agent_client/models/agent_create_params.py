from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_type import AgentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="AgentCreateParams")


@_attrs_define
class AgentCreateParams:
    """What is needed to create an agent.

    Example:
        {'name': 'My Agent', 'type': 'WORKER', 'capabilities': ['data-processing']}

    """

    name: str
    """ Display name. """
    type_: AgentType
    """ The kind of agent. Servers may add values later; clients must accept unknown ones.
     """
    capabilities: list[str]
    """ Task types the agent can run. """
    metadata: Metadata | Unset = UNSET
    """ Free-form JSON object for the caller's own data; the server stores it as given. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        capabilities = self.capabilities

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "capabilities": capabilities,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata

        d = dict(src_dict)
        name = d.pop("name")

        type_ = AgentType(d.pop("type"))

        capabilities = cast(list[str], d.pop("capabilities"))

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        agent_create_params = cls(
            name=name,
            type_=type_,
            capabilities=capabilities,
            metadata=metadata,
        )

        agent_create_params.additional_properties = d
        return agent_create_params

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
    def type(self) -> AgentType:
        """Alias of ``type_`` under the field's wire name."""
        return self.type_
