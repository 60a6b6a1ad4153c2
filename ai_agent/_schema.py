"""What the generated surface is made of, and the checks it runs: ``Field`` (one parameter or
property with the schema's limits), ``Shape`` (a params class: its fields and wire names) and
``Operation`` (one row of the operation table).

``ai_agent/_surface/`` holds the generated values (from ``openapi.yaml``, by ``make generate``);
this module holds only behaviour, so that no limit, enum list or field name is written twice.
A failed check is a ``ValidationError`` naming the field; nothing is sent.

Rules the SDK adds to the schema: text with ``minLength`` >= 1 must not be blank; integers
must fit in 64 bits (32 with ``format: int32``); JSON values follow ``_checks.check_json``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from ._checks import check_header_value, check_json, check_number, check_utf8, shown
from ._errors import ValidationError
from ._limits import limits_text

__all__ = [
    "NOT_GIVEN",
    "Field",
    "Operation",
    "Shape",
    "body_missing",
    "check_idempotency_key",
    "coerce",
    "params_given",
]

INT64 = 2**63 - 1
INT32 = 2**31 - 1
MAX_IDEMPOTENCY_KEY = 200  # the contract allows 255; the SDK appends ":batchN" or ":N" for batches

Check = Callable[[str, Any], Any]


class _NotGiven:
    """The default of a keyword argument that was not passed (``None`` can be a real value)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


def _fail(owner: str, name: str, problem: str, value: Any) -> ValidationError:
    where = f"{owner}.{name}" if owner else name
    return ValidationError(f"{where} {problem}", details={"field": name, "value": shown(value)})


@dataclass(frozen=True, slots=True, eq=False)
class Field:
    """One parameter or property, with what the schema says of it.

    ``kind``: string, integer, number, boolean, array, object (a free-form JSON object), any
    (any JSON value) or params (a nested params class, ``params``).
    """

    name: str
    wire: str
    kind: str
    required: bool = False
    description: str = ""
    enum: tuple[str, ...] | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    format: str | None = None
    items: Field | None = None
    params: type[Any] | None = None
    default: Any = None
    compiled: Check | None = dataclass_field(default=None, init=False, repr=False)

    def check(self, owner: str, value: Any) -> Any:
        """``value`` in its wire form, if the schema allows it (else ``ValidationError``)."""
        return _checker(self)(owner, value)

    def limits(self) -> str:
        """The schema's limits in words, for docstrings and ``--help`` (``_limits``)."""
        return limits_text(_limits_of(self), _limits_of(self.items) if self.items is not None else None)


def _limits_of(field: Field) -> dict[str, Any]:
    return {name: getattr(field, name) for name in _LIMITS}


_LIMITS = (
    "enum",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "min_items",
    "max_items",
    "pattern",
    "format",
)


def _checker(field: Field) -> Check:
    """The field's check, built once and kept on the field (closures: no per-call interpretation)."""
    check = field.compiled
    if check is None:
        check = _build(field)
        object.__setattr__(field, "compiled", check)
    return check


def _build(field: Field) -> Check:
    builders: dict[str, Callable[[Field], Check]] = {
        "string": _string,
        "integer": _number,
        "number": _number,
        "boolean": _boolean,
        "array": _array,
        "object": _object,
        "any": _any,
        "params": _nested,
    }
    return builders[field.kind](field)


def _string(field: Field) -> Check:
    name, low, high = field.name, field.min_length, field.max_length
    allowed = frozenset(field.enum) if field.enum is not None else None
    pattern = re.compile(field.pattern) if field.pattern is not None else None
    shape_check = _FORMATS.get(field.format or "")
    non_blank = low is not None and low >= 1

    def check(owner: str, value: Any) -> Any:
        if allowed is not None:
            text = value.value if isinstance(value, Enum) else value
            if not isinstance(text, str) or text not in allowed:
                raise _fail(
                    owner, name, f"must be one of {', '.join(sorted(allowed))}; got {shown(value)!r}", value
                )
            return str(text)
        if shape_check is not None and isinstance(value, (datetime, date)):
            return shape_check(owner, name, value)
        if (  # the usual case, checked without detours
            type(value) is str
            and value.isascii()
            and (low is None or len(value) >= low)
            and (high is None or len(value) <= high)
            and pattern is None
            and not (non_blank and value.isspace())
        ):
            return value if shape_check is None else shape_check(owner, name, value)
        if not isinstance(value, str):
            kind = "a non-empty string" if non_blank else "a string"
            raise _fail(owner, name, f"must be {kind}, got {shown(value)!r}", value)
        if non_blank and not value.strip():
            raise _fail(owner, name, f"must be a non-empty string, got {shown(value)!r}", value)
        if low is not None and len(value) < low:
            raise _fail(owner, name, f"must be at least {low} characters, got {len(value)}", value)
        if high is not None and len(value) > high:
            raise _fail(owner, name, f"must be at most {high} characters, got {len(value)}", value)
        check_utf8(owner, name, value)
        if pattern is not None and pattern.search(value) is None:
            raise _fail(owner, name, f"must match {pattern.pattern!r}, got {shown(value)!r}", value)
        return str(value) if shape_check is None else shape_check(owner, name, str(value))

    return check


def _iso(kind: type[date], what: str) -> Callable[[str, str, Any], str]:
    """The check of an ISO-8601 ``format`` (date-time or date): the Python value itself (a
    ``datetime``; a ``date`` that is not one), or text that ``kind.fromisoformat`` reads."""

    def check(owner: str, name: str, value: Any) -> str:
        if isinstance(value, kind) and (kind is datetime or not isinstance(value, datetime)):
            return str(value.isoformat())
        try:
            kind.fromisoformat(value)
        except (TypeError, ValueError):
            raise _fail(owner, name, f"must be an ISO-8601 {what}, got {shown(value)!r}", value) from None
        return str(value)

    return check


def _uuid(owner: str, name: str, value: Any) -> str:
    import uuid

    try:
        uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        raise _fail(owner, name, f"must be a UUID, got {shown(value)!r}", value) from None
    return str(value)


def _email(owner: str, name: str, value: Any) -> str:
    local, at, domain = str(value).rpartition("@")
    if not (at and local and "." in domain and " " not in value):
        raise _fail(owner, name, f"must be an email address, got {shown(value)!r}", value)
    return str(value)


_FORMATS: dict[str, Callable[[str, str, Any], str]] = {
    "date-time": _iso(datetime, "date-time"),
    "date": _iso(date, "date"),
    "uuid": _uuid,
    "email": _email,
}


def _number(field: Field) -> Check:
    name, integer = field.name, field.kind == "integer"
    low = field.minimum if field.minimum is not None else field.exclusive_minimum
    high = field.maximum if field.maximum is not None else field.exclusive_maximum
    if integer:
        bound = INT32 if field.format == "int32" else INT64
        low = -bound - 1 if low is None else low
        high = bound if high is None else high
    exclusive_low = field.minimum is None and field.exclusive_minimum is not None
    exclusive_high = field.maximum is None and field.exclusive_maximum is not None
    kinds: tuple[type, ...] = (int,) if integer else (int, float)

    def within(value: Any) -> bool:
        above = low is None or value > low or (value == low and not exclusive_low)
        below = high is None or value < high or (value == high and not exclusive_high)
        return above and below and (integer or math.isfinite(value))

    def check(owner: str, value: Any) -> Any:
        if type(value) in kinds and within(value):
            return value
        check_number(
            owner,
            name,
            value,
            minimum=low if low is not None else -math.inf,
            maximum=high,
            integer=integer,
            exclusive=exclusive_low,
        )
        if exclusive_high and value == high:
            raise _fail(owner, name, f"must be below {high:g}, got {shown(value)!r}", value)
        return value

    return check


def _boolean(field: Field) -> Check:
    name = field.name

    def check(owner: str, value: Any) -> Any:
        if value is True or value is False:
            return value
        raise _fail(owner, name, f"must be true or false, got {shown(value)!r}", value)

    return check


def _array(field: Field) -> Check:
    name, low, high = field.name, field.min_items, field.max_items
    item = _checker(field.items) if field.items is not None else None

    def check(owner: str, value: Any) -> Any:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
            raise _fail(owner, name, f"must be a list, got {shown(value)!r}", value)
        if low is not None and len(value) < low:
            raise _fail(owner, name, f"must hold at least {low} items, got {len(value)}", value)
        if high is not None and len(value) > high:
            raise _fail(owner, name, f"must hold at most {high} items, got {len(value)}", value)
        if item is None:
            check_json(owner, name, value)
            return list(value)
        result = []
        for index, element in enumerate(value):
            try:
                result.append(item(owner, element))
            except ValidationError as exc:
                problem = exc.message.split(" ", 1)[1] if " " in exc.message else exc.message
                raise _fail(owner, name, f"item {index} {problem}", value) from None
        return result

    return check


def _object(field: Field) -> Check:
    name = field.name

    def check(owner: str, value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise _fail(owner, name, f"must be a JSON object (dict), got {shown(value)!r}", value)
        check_json(owner, name, value)
        return dict(value)

    return check


def _any(field: Field) -> Check:
    name = field.name

    def check(owner: str, value: Any) -> Any:
        check_json(owner, name, value)
        return value

    return check


def _nested(field: Field) -> Check:
    name, cls = field.name, field.params
    assert cls is not None

    def check(owner: str, value: Any) -> Any:
        if isinstance(value, cls):
            return value.to_wire()
        if isinstance(value, Mapping):
            return shape_of(cls).wire(value, name)
        raise _fail(owner, name, f"must be a {cls.__name__} or a dict, got {shown(value)!r}", value)

    return check


_SHAPES: dict[type[Any], Shape] = {}


def shape_of(cls: type[Any]) -> Shape:
    """The shape of a generated params class."""
    return _SHAPES[cls]


class Shape:
    """A params class: its fields (in order), the names a dict may use for them (Python or
    wire), and the checks that turn its values into the wire form."""

    __slots__ = ("_by_key", "additional", "cls", "fields", "name", "required")

    def __init__(self, cls: type[Any], fields_: Sequence[Field], *, additional: bool = False) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.fields = tuple(fields_)
        self.additional = additional
        self.required = tuple(f.name for f in self.fields if f.required)
        self._by_key = {f.name: f for f in self.fields} | {f.wire: f for f in self.fields}
        _SHAPES[cls] = self

    def check_instance(self, instance: Any) -> None:
        """``__post_init__``: every field checked; a nested params field given as a dict
        becomes its params object."""
        for field in self.fields:
            value = getattr(instance, field.name)
            if value is None and not field.required:
                continue
            _checker(field)(self.name, value)
            if field.params is not None and isinstance(value, Mapping):
                object.__setattr__(instance, field.name, coerce(field.params, value, field.name))

    def wire_of(self, instance: Any) -> dict[str, Any]:
        """The wire form of a built (so already checked) params object: the given fields only."""
        body: dict[str, Any] = {}
        for field in self.fields:
            value = getattr(instance, field.name)
            if value is not None or field.required:
                body[field.wire] = _checker(field)(self.name, value)
        return body

    def keywords(self, value: Mapping[Any, Any]) -> dict[str, Any]:
        """A dict of the fields (Python or wire names) as the params class's keywords; unknown
        keys and missing required fields refused, naming them. The values are left to the
        class's own checks."""
        keywords: dict[str, Any] = {}
        by_key = self._by_key
        for key, item in value.items():
            field = by_key.get(key) if isinstance(key, str) else None
            if field is None:
                raise self._unknown(key)
            keywords[field.name] = item
        missing = [name for name in self.required if name not in keywords]
        if missing:
            raise self._missing(missing)
        return keywords

    def _unknown(self, key: Any) -> ValidationError:
        known = ", ".join(sorted(f.name for f in self.fields))
        return ValidationError(
            f"{self.name} has no field {shown(key)!r} (fields: {known})",
            details={"field": key if isinstance(key, str) else repr(key)[:100]},
        )

    def _missing(self, missing: Sequence[str]) -> ValidationError:
        return ValidationError(
            f"{self.name}.{missing[0]} is required (missing: {', '.join(missing)})",
            details={"field": missing[0]},
        )

    def wire(self, value: Any, label: str) -> dict[str, Any]:
        """The wire form of a params object or a dict of its fields (Python or wire names), with
        the checks the params class runs, without building one."""
        if isinstance(value, self.cls):
            return self.wire_of(value)
        if not isinstance(value, Mapping):
            raise ValidationError(
                f"{label} must be a {self.name} or a dict, got {type(value).__name__}",
                details={"field": label},
            )
        body: dict[str, Any] = {}
        by_key = self._by_key
        for key, item in value.items():
            field = by_key.get(key) if isinstance(key, str) else None
            if field is None:
                if self.additional and isinstance(key, str):
                    check_json(self.name, key, item)
                    body[key] = item
                    continue
                raise self._unknown(key)
            if item is None and not field.required:
                continue  # an optional field left out
            body[field.wire] = _checker(field)(self.name, item)
        missing = [f.name for f in self.fields if f.required and f.wire not in body]
        if missing:
            raise self._missing(missing)
        return body


P = TypeVar("P")


def coerce(cls: type[P], value: Any, label: str) -> P:
    """``value`` as ``cls``: the params object itself, or one built from a dict of its fields
    (Python or wire names; unknown keys and missing required fields refused)."""
    if isinstance(value, cls):
        return value
    if not isinstance(value, Mapping):
        raise ValidationError(
            f"{label} must be a {cls.__name__} or a dict, got {type(value).__name__}",
            details={"field": label},
        )
    shape = shape_of(cls)
    try:
        return cls(**shape.keywords(value))  # the class checks the values, once
    except ValidationError:
        # The error path only: name the first problem in the dict's own order, as submit()
        # (Shape.wire) would for the same dict.
        shape.wire(value, label)
        raise


def params_given(params: Any, label: str, keywords: Mapping[str, Any]) -> Any:
    """``params``, or the keywords passed (a dict) when there is no ``params``; not both."""
    given = {name: value for name, value in keywords.items() if value is not NOT_GIVEN}
    if params is not None and given:
        raise ValidationError(
            f"pass either {label} or keyword arguments ({', '.join(given)}), not both",
            details={"field": label},
        )
    return given if params is None else params


def body_missing(operation: str, label: str, names: Sequence[str]) -> ValidationError:
    """The error of a call that needs a body and got neither ``label`` nor a keyword."""
    return ValidationError(
        f"{operation} needs {label}=... or keywords such as {names[0]}=... (fields: {', '.join(names)})",
        details={"field": label},
    )


def check_idempotency_key(value: Any) -> str | None:
    """``None`` or a usable ``Idempotency-Key``: 1-200 visible ASCII characters."""
    if value is None:
        return None
    owner, name = "idempotency", "idempotency_key"
    if not isinstance(value, str) or not value:
        raise _fail(owner, name, f"must be a non-empty string, got {shown(value)!r}", value)
    if len(value) > MAX_IDEMPOTENCY_KEY:
        raise _fail(owner, name, f"must be at most {MAX_IDEMPOTENCY_KEY} characters, got {len(value)}", value)
    return check_header_value(owner, name, value, spaces=False)


@dataclass(frozen=True, slots=True, eq=False)
class Operation:
    """One operation of ``openapi.yaml`` and where the SDK offers it.

    ``call`` is the method on both clients (``tasks.pause``); ``generated`` says whether the
    generator wrote it (else a hand-written helper owns the name); ``cli`` is the command.
    """

    id: str
    http_method: str
    path: str
    resource: str
    method: str
    summary: str
    result: str
    cli: str
    # The generated table states these only where an operation differs from the default.
    description: str = ""
    path_params: tuple[Field, ...] = ()
    query: tuple[Field, ...] = ()
    headers: tuple[Field, ...] = ()
    body: type[Any] | None = None
    body_required: bool = False
    body_name: str = "params"
    idempotency_key: bool = False
    paged: bool = False
    iterate: str = ""  # the method that walks every page of a paged operation ("" if not paged)
    generated: bool = True

    @property
    def call(self) -> str:
        """``resource.method`` (or just ``method`` for one on the client itself)."""
        return f"{self.resource}.{self.method}" if self.resource else self.method
