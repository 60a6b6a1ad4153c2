from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RetryPolicy")


@_attrs_define
class RetryPolicy:
    """How the orchestrator retries a failing task (delays in milliseconds).

    Example:
        {'maxRetries': 3, 'initialDelay': 1000, 'maxDelay': 30000, 'backoffMultiplier': 2}

    """

    max_retries: int | None = None
    """ Retries after the first attempt. """
    initial_delay: int | None = None
    """ Delay before the first retry, ms. """
    max_delay: int | None = None
    """ Upper bound of a delay, ms. """
    backoff_multiplier: float | None = None
    """ Factor by which each delay grows. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "maxRetries",
            "initialDelay",
            "maxDelay",
            "backoffMultiplier",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        _max_retries_value: int | Unset = (
            UNSET if self.max_retries is None else self.max_retries
        )
        max_retries = _max_retries_value

        _initial_delay_value: int | Unset = (
            UNSET if self.initial_delay is None else self.initial_delay
        )
        initial_delay = _initial_delay_value

        _max_delay_value: int | Unset = (
            UNSET if self.max_delay is None else self.max_delay
        )
        max_delay = _max_delay_value

        _backoff_multiplier_value: float | Unset = (
            UNSET if self.backoff_multiplier is None else self.backoff_multiplier
        )
        backoff_multiplier = _backoff_multiplier_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_retries is not UNSET:
            field_dict["maxRetries"] = max_retries
        if initial_delay is not UNSET:
            field_dict["initialDelay"] = initial_delay
        if max_delay is not UNSET:
            field_dict["maxDelay"] = max_delay
        if backoff_multiplier is not UNSET:
            field_dict["backoffMultiplier"] = backoff_multiplier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        max_retries = d.get("maxRetries")

        initial_delay = d.get("initialDelay")

        max_delay = d.get("maxDelay")

        backoff_multiplier = d.get("backoffMultiplier")

        retry_policy = cls(
            max_retries,
            initial_delay,
            max_delay,
            backoff_multiplier,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            retry_policy.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return retry_policy

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
