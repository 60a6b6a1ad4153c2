"""A field's limits in words, one wording for the params classes' docstrings (written by
``make generate``) and the command line's ``--help``.

It imports nothing of the package: the generator (``scripts/generate_surface.py``) loads this
file by its path, because the package's ``__init__`` imports the files the generator writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["limits_text"]


def limits_text(schema: Mapping[str, Any], items: Mapping[str, Any] | None = None) -> str:
    """``schema``'s limits in words, e.g. ``"1-200 characters"``, ``"one of LOW, HIGH"`` or
    ``"at least 1; each at most 50 characters"``; ``""`` when it has none.

    ``schema`` holds the limits by their ``Field`` names (``min_length``, ``maximum``,
    ``enum``, ...; ``None`` or absent: no limit); ``items``, an array's item schema likewise.
    """
    parts = []
    if schema.get("enum") is not None:
        parts.append("one of " + ", ".join(schema["enum"]))
    parts.append(_range(schema.get("min_length"), schema.get("max_length"), "characters"))
    parts.append(_range(schema.get("min_items"), schema.get("max_items"), "items"))
    parts.append(_range(schema.get("minimum"), schema.get("maximum"), ""))
    if schema.get("exclusive_minimum") is not None:
        parts.append(f"more than {schema['exclusive_minimum']:g}")
    if schema.get("exclusive_maximum") is not None:
        parts.append(f"less than {schema['exclusive_maximum']:g}")
    if schema.get("pattern") is not None:
        parts.append(f"matching {schema['pattern']}")
    if schema.get("format") is not None:
        parts.append(schema["format"])
    each = limits_text(items) if items is not None else ""
    if each:
        parts.append(f"each {each}")
    return "; ".join(part for part in parts if part)


def _range(low: float | None, high: float | None, unit: str) -> str:
    if low is None and high is None:
        return ""
    if unit == "characters" and low == 1 and high is None:
        return "non-empty"
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{low:g}-{high:g}{unit}"
    if low is not None:
        return f"at least {low:g}{unit}"
    return f"at most {high:g}{unit}"
