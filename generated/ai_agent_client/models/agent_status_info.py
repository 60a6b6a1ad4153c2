from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_status import AgentStatus

T = TypeVar("T", bound="AgentStatusInfo")


@_attrs_define
class AgentStatusInfo:
    """An agent's current status.

    Example:
        {'status': 'READY'}

    """

    status: AgentStatus
    """ An agent's lifecycle status. Servers may add values later; clients must accept unknown ones.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "status",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        status = AgentStatus._parse(d["status"])

        agent_status_info = cls(
            status,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            agent_status_info.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return agent_status_info

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
