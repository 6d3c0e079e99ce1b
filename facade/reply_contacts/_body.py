"""Request bodies from what users pass: a filter builder, a generated request model or an
API-shaped mapping."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

__all__ = ["SupportsRequestBody", "as_body"]


class SupportsRequestBody(Protocol):
    """Anything that can produce a request body: filter builders implement this."""

    def to_body(self) -> dict[str, Any]: ...


def as_body(value: SupportsRequestBody | Mapping[str, Any] | Any | None) -> dict[str, Any]:
    """A JSON body from a filter builder, a generated model or a mapping."""
    if value is None:
        return {}
    if hasattr(value, "to_body"):
        return dict(value.to_body())
    if hasattr(value, "to_dict"):
        return dict(value.to_dict())
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"cannot use a {type(value).__name__} as a request body")
