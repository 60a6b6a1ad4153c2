from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_status import HealthStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="HealthCheck")


@_attrs_define
class HealthCheck:
    """The result of one health check.

    Example:
        {'status': 'UP', 'responseTime': 0.2}

    """

    status: HealthStatus
    """ Overall or per-check health. Servers may add values later. """
    response_time: float | None = None
    """ How long the check took, ms. """
    details: Any | None = None
    """ Check-specific information (any JSON). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "status",
            "responseTime",
            "details",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        _response_time_value: float | Unset = (
            UNSET if self.response_time is None else self.response_time
        )
        response_time = _response_time_value

        _details_value: Any | Unset = UNSET if self.details is None else self.details
        details = _details_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if response_time is not UNSET:
            field_dict["responseTime"] = response_time
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        status = HealthStatus._parse(d["status"])

        response_time = d.get("responseTime")

        details = d.get("details")

        health_check = cls(
            status,
            response_time,
            details,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            health_check.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return health_check

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
