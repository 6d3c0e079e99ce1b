"""Typed results of the API's non-atomic bulk calls.

Bulk endpoints answer `{ "<id>": {"error": ..., "errorDetails": ...} }` for the ids they could not
process and `{}` when all succeeded. The error is a camelCase slug on contact endpoints
("notFound") and a numeric code on list and account endpoints (8 = ContactNotProcessed); both are
kept as sent, with a readable name for the numeric ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ReplyError

# Numeric per-item codes documented for list and account endpoints.
NUMERIC_ITEM_ERRORS = {
    1: "NotFound",
    3: "InvalidInput",
    7: "AccountNotProcessed",
    8: "ContactNotProcessed",
}


def error_name(code: str | int | None) -> str | None:
    """A per-item error as people read it: numeric codes get their documented name."""
    if isinstance(code, int):
        return NUMERIC_ITEM_ERRORS.get(code, str(code))
    return code


@dataclass(frozen=True)
class ItemFailure:
    """Why one id of a bulk call was not processed."""

    id: int
    error: str | int
    details: str | None = None

    @property
    def reason(self) -> str:
        name = error_name(self.error) or ""
        return f"{name}: {self.details}" if self.details else name


class BulkFailedError(ReplyError):
    """Raised by `BulkResult.raise_for_failures()`; lists every failed id, not only the first."""

    def __init__(self, operation: str, failures: list[ItemFailure]) -> None:
        self.operation = operation
        self.failures = failures
        shown = "; ".join(f"{f.id}: {f.reason}" for f in failures[:20])
        more = f" (+{len(failures) - 20} more)" if len(failures) > 20 else ""
        super().__init__(f"{operation}: {len(failures)} item(s) failed: {shown}{more}")


@dataclass(frozen=True)
class BulkResult:
    """Outcome of a bulk call: which requested ids succeeded and why each other one failed."""

    operation: str
    requested: tuple[int, ...]
    failures: tuple[ItemFailure, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def failed_ids(self) -> list[int]:
        return [f.id for f in self.failures]

    @property
    def succeeded_ids(self) -> list[int]:
        failed = set(self.failed_ids)
        return [i for i in self.requested if i not in failed]

    def raise_for_failures(self) -> BulkResult:
        if self.failures:
            raise BulkFailedError(self.operation, list(self.failures))
        return self

    def merge(self, other: BulkResult) -> BulkResult:
        return BulkResult(
            self.operation, self.requested + other.requested, self.failures + other.failures
        )


def _as_int(key: str) -> int:
    try:
        return int(key)
    except ValueError:
        return -1


def bulk_result(operation: str, requested: Iterable[int], parsed: Any) -> BulkResult:
    """Build a BulkResult from the generated per-id map model (or a plain mapping)."""
    raw: Mapping[str, Any]
    if parsed is None:
        raw = {}
    elif hasattr(parsed, "additional_properties"):
        raw = parsed.additional_properties
    else:
        raw = parsed
    failures = []
    for key, entry in raw.items():
        value = entry.to_dict() if hasattr(entry, "to_dict") else entry
        error = value.get("error", "unknown") if isinstance(value, Mapping) else value
        details = value.get("errorDetails") if isinstance(value, Mapping) else None
        failures.append(ItemFailure(_as_int(key), error, details))
    failures.sort(key=lambda f: f.id)
    return BulkResult(operation, tuple(requested), tuple(failures))
