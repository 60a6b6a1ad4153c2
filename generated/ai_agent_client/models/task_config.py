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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.retry_policy import RetryPolicy


T = TypeVar("T", bound="TaskConfig")


@_attrs_define
class TaskConfig:
    """Execution settings of a task.

    Example:
        {'timeout': 60000}

    """

    timeout: int | None = None
    """ How long the task may run before it is TIMED_OUT, ms. """
    retry_policy: RetryPolicy | None = None
    """ How the orchestrator retries a failing task (delays in milliseconds). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_fields: ClassVar[frozenset[str]] = frozenset(
        {
            "timeout",
            "retryPolicy",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        _timeout_value: int | Unset = UNSET if self.timeout is None else self.timeout
        timeout = _timeout_value

        _retry_policy_value: RetryPolicy | Unset = (
            UNSET if self.retry_policy is None else self.retry_policy
        )
        retry_policy: dict[str, Any] | Unset = UNSET
        if not isinstance(_retry_policy_value, Unset):
            retry_policy = _retry_policy_value.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if retry_policy is not UNSET:
            field_dict["retryPolicy"] = retry_policy

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        timeout = d.get("timeout")

        _retry_policy = d.get("retryPolicy")
        retry_policy = (
            None if _retry_policy is None else RetryPolicy.from_dict(_retry_policy)
        )

        task_config = cls(
            timeout,
            retry_policy,
        )

        known = cls._wire_fields
        if not known.issuperset(d):  # else the empty dict attrs made for it stays
            task_config.additional_properties = {
                k: v for k, v in d.items() if k not in known
            }
        return task_config

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
from ..models.retry_policy import RetryPolicy
