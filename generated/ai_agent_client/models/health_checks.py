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
    from ..models.health_check import HealthCheck


T = TypeVar("T", bound="HealthChecks")


@_attrs_define
class HealthChecks:
    """Individual checks by name."""

    additional_properties: dict[str, HealthCheck] = _attrs_field(
        init=False, factory=dict
    )
    _wire_fields: ClassVar[frozenset[str]] = frozenset({})

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        health_checks = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            if prop_name in cls._wire_fields:
                continue
            additional_property = HealthCheck.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        health_checks.additional_properties = additional_properties
        return health_checks

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

    def __setitem__(self, key: str, value: HealthCheck) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        if key in self._wire_fields:
            return key in self.to_dict()
        return key in self.additional_properties


# Imported at the end, once: these modules may import this one, whose classes exist by now.
# (Inside from_dict, the imports would cost about 2.5 us per parsed object.)
from ..models.health_check import HealthCheck
