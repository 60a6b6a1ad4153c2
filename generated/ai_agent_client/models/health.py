from __future__ import annotations

import datetime
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

from ..models.health_status import HealthStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.health_checks import HealthChecks


T = TypeVar("T", bound="Health")


@_attrs_define
class Health:
    """The service's health (not enveloped).

    Example:
        {'status': 'UP', 'timestamp': '2025-11-18T10:00:00.000Z', 'uptime': 12.5, 'version': '1.0.0', 'checks':
            {'store': {'status': 'UP', 'responseTime': 0.1}}}

    """

    status: HealthStatus
    """ Overall or per-check health. Servers may add values later. """
    timestamp: datetime.datetime
    """ When the health was measured (ISO-8601). """
    uptime: float | None = None
    """ Seconds since the service started. """
    version: str | None = None
    """ The service's version. """
    checks: HealthChecks | None = None
    """ Individual checks by name. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "status",
            "timestamp",
            "uptime",
            "version",
            "checks",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        timestamp = self.timestamp.isoformat()

        _uptime_value: float | Unset = UNSET if self.uptime is None else self.uptime
        uptime = _uptime_value

        _version_value: str | Unset = UNSET if self.version is None else self.version
        version = _version_value

        _checks_value: HealthChecks | Unset = (
            UNSET if self.checks is None else self.checks
        )
        checks: dict[str, Any] | Unset = UNSET
        if not isinstance(_checks_value, Unset):
            checks = _checks_value.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "timestamp": timestamp,
            }
        )
        if uptime is not UNSET:
            field_dict["uptime"] = uptime
        if version is not UNSET:
            field_dict["version"] = version
        if checks is not UNSET:
            field_dict["checks"] = checks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        status = HealthStatus._parse(d["status"])

        timestamp = datetime.datetime.fromisoformat(d["timestamp"])

        uptime = d.get("uptime")

        version = d.get("version")

        _checks = d.get("checks")
        checks = None if _checks is None else HealthChecks.from_dict(_checks)

        health = cls(
            status,
            timestamp,
            uptime,
            version,
            checks,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            health.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return health

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
from ..models.health_checks import HealthChecks
