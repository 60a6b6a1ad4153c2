"""Wire helpers of the local orchestrator: timestamps as JavaScript writes them, envelopes, ids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

__all__ = ["ApiError", "error_body", "iso_now", "new_id", "success_body"]


def iso_now() -> str:
    """The current time as JavaScript's ``toISOString()`` writes it: ``2025-11-18T10:00:00.000Z``."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def new_id(prefix: str) -> str:
    """An opaque id such as ``task-3f2a...``."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def success_body(data: Any) -> dict[str, Any]:
    """The success envelope."""
    return {"success": True, "data": data, "timestamp": iso_now()}


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The error envelope."""
    return {
        "success": False,
        "error": {"code": code, "message": message, "details": details},
        "timestamp": iso_now(),
    }


class ApiError(Exception):
    """Raised inside the server to answer with an error envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}
