from __future__ import annotations

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
    metadata: Metadata | None = None
    """ Free-form JSON object for the caller's own data; the server stores it as given. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "name",
            "type",
            "capabilities",
            "metadata",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        capabilities = self.capabilities

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
                "capabilities": capabilities,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        name = d["name"]

        type_ = AgentType._parse(d["type"])

        capabilities = cast(list[str], d["capabilities"])

        _metadata = d.get("metadata")
        metadata = None if _metadata is None else Metadata.from_dict(_metadata)

        agent_create_params = cls(
            name,
            type_,
            capabilities,
            metadata,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            agent_create_params.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return agent_create_params

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
    def type(self) -> AgentType:
        """Alias of ``type_`` under the field's wire name."""
        return self.type_


# Imported at the end, once: these modules may import this one, whose classes exist by now.
# (Inside from_dict, the imports would cost about 2.5 us per parsed object.)
from ..models.metadata import Metadata
