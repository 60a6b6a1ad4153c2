from enum import StrEnum
from typing import Any, cast


class AgentStatus(StrEnum):
    """An agent's lifecycle status. Servers may add values later; clients must accept unknown ones.

    Forward compatible: a value the server adds later parses to a pseudo-member whose
    ``value`` (and ``str()``) is the raw string, instead of raising ``ValueError``.
    """

    BUSY = "BUSY"
    DEGRADED = "DEGRADED"
    ERROR = "ERROR"
    IDLE = "IDLE"
    INITIALIZING = "INITIALIZING"
    OFFLINE = "OFFLINE"
    PAUSED = "PAUSED"
    READY = "READY"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _parse(cls, value: Any) -> "AgentStatus":
        """``cls(value)``: a known value found directly (Enum's own call costs several times
        more, on every parsed response)."""
        try:
            return _MEMBERS[value]
        except (
            KeyError,
            TypeError,
        ):  # a value added later (or not text at all): Enum decides
            return cls(value)

    @classmethod
    def _missing_(cls, value: object) -> "AgentStatus | None":
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member


# The members by value, for _parse: reaching an attribute of an Enum class costs more than this.
_MEMBERS = cast("dict[object, AgentStatus]", AgentStatus._value2member_map_)
