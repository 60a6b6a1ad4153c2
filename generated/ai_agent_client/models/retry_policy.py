from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

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

    max_retries: int | Unset = UNSET
    """ Retries after the first attempt. """
    initial_delay: int | Unset = UNSET
    """ Delay before the first retry, ms. """
    max_delay: int | Unset = UNSET
    """ Upper bound of a delay, ms. """
    backoff_multiplier: float | Unset = UNSET
    """ Factor by which each delay grows. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_retries = self.max_retries

        initial_delay = self.initial_delay

        max_delay = self.max_delay

        backoff_multiplier = self.backoff_multiplier

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
        d = dict(src_dict)
        max_retries = d.pop("maxRetries", UNSET)

        initial_delay = d.pop("initialDelay", UNSET)

        max_delay = d.pop("maxDelay", UNSET)

        backoff_multiplier = d.pop("backoffMultiplier", UNSET)

        retry_policy = cls(
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            backoff_multiplier=backoff_multiplier,
        )

        retry_policy.additional_properties = d
        return retry_policy

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
