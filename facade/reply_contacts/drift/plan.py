"""Which requests the drift check sends, in what order, and how each answer is judged.

The operations are the contract's read-only ones (`Operation.read_only`: GETs, and the POST
filters and counts whose scope is a `:read` scope); nothing else is ever sent. An operation
with path parameters takes its ids from the first page of the list operation whose path is the
template up to that parameter (`/v3/contacts/{id}/lists` from `GET /v3/contacts`), so list
operations run first. A POST sends the smallest body the contract accepts: an empty object
(or array) when the request schema allows it, else the smallest of the spec's examples.

The plan is a generator: it yields `Probe`s and receives `Exchange`s, so the sync and the async
client drive the same logic (see runner.py).
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from reply_contacts.errors import (
    APIError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)

from . import spec
from .exchange import Exchange, Probe
from .validation import Mismatch, accepts_request_body, short, validate

if TYPE_CHECKING:
    from reply_contact_data_client.contract import Operation

DEFAULT_MAX_REQUESTS = 40
"""Requests a run may send unless told otherwise: well inside the API's 100 per minute."""

Outcome = Literal["ok", "drift", "not checked"]
_PARAMETER = re.compile(r"\{([^}/]+)\}")


@dataclass(frozen=True)
class OperationResult:
    """The verdict on one operation: `ok`, `drift` (with mismatches) or `not checked` (why)."""

    operation: Operation
    outcome: Outcome
    reason: str = ""
    status: int | None = None
    mismatches: tuple[Mismatch, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "operation": self.operation.name,
            "operationId": self.operation.operation_id,
            "method": self.operation.method,
            "path": self.operation.path,
            "outcome": self.outcome,
            "reason": self.reason,
            "status": self.status,
            "mismatches": [m.as_dict() for m in self.mismatches],
        }


def read_only_operations() -> list[Operation]:
    """The contract's read-only operations, in the contract's order."""
    from reply_contact_data_client.contract import OPERATIONS

    return [op for op in OPERATIONS.values() if op.read_only]


def _in_dependency_order(operations: Sequence[Operation]) -> list[Operation]:
    # A parameter's list operation has a shorter template with fewer parameters: it runs first.
    return sorted(operations, key=lambda op: len(_PARAMETER.findall(op.path)))


class DriftPlan:
    """The requests of one drift run: at most `max_requests`, one per read-only operation."""

    def __init__(
        self,
        max_requests: int = DEFAULT_MAX_REQUESTS,
        operations: Sequence[Operation] | None = None,
    ) -> None:
        if max_requests < 1:
            raise ValueError(f"max_requests must be at least 1, got {max_requests}")
        self.max_requests = max_requests
        self.operations = list(operations) if operations is not None else read_only_operations()

    @property
    def requests(self) -> int:
        """How many requests the run will send (retries after 429 or 5xx aside)."""
        return min(len(self.operations), self.max_requests)

    def run(self) -> Generator[Probe, Exchange, list[OperationResult]]:
        first_pages: dict[str, Any] = {}
        why_no_page: dict[str, str] = {}
        results: dict[str, OperationResult] = {}
        sent = 0
        for operation in _in_dependency_order(self.operations):
            if sent >= self.max_requests:
                reason = f"beyond max_requests={self.max_requests}"
                results[operation.name] = _not_checked(operation, reason)
                continue
            probe_or_reason = _probe(operation, first_pages, why_no_page)
            if isinstance(probe_or_reason, str):
                results[operation.name] = _not_checked(operation, probe_or_reason)
                why_no_page[operation.path] = "it was not checked"
                continue
            exchange = yield probe_or_reason
            sent += 1
            result = judge(probe_or_reason, exchange)
            results[operation.name] = result
            if not exchange.is_success:
                why_no_page[operation.path] = f"it answered {result.reason or exchange.status}"
                continue
            try:
                first_pages[operation.path] = exchange.json()
            except ValueError:
                why_no_page[operation.path] = "its body is not JSON"
        # Reported in the contract's order, whatever order they ran in.
        return [results[operation.name] for operation in self.operations]


def judge(probe: Probe, exchange: Exchange) -> OperationResult:
    """One operation's verdict from its exchange."""
    operation, error = probe.operation, exchange.error
    status = exchange.status or None  # 0: refused before sending (the local rate budget)
    if isinstance(error, PermissionDeniedError):
        missing = error.missing_scope or operation.scope
        who = "the user lacks the feature scope" if error.feature_scope else "the key lacks"
        return _not_checked(operation, f"403: {who} {missing}", status)
    if isinstance(error, NotFoundError):
        return _not_checked(operation, f"404: {error.code or error.detail or 'not found'}", status)
    if isinstance(error, RateLimitError):
        wait = f", retry after {error.retry_after:g}s" if error.retry_after is not None else ""
        return _not_checked(operation, f"rate limited{wait}", status)
    if isinstance(error, ServerError):
        return _not_checked(operation, f"{status}: server error", status)
    if not exchange.is_success:
        # The contract says this request is valid and answered with a 2xx; the server disagrees.
        declared = ", ".join(spec.success_statuses(operation)) or "2xx"
        said = (error.code or error.detail) if isinstance(error, APIError) else None
        got = f"{status} ({short(said)})" if said else str(status)
        return OperationResult(
            operation, "drift", status=status, mismatches=(Mismatch("status", "", declared, got),)
        )
    mismatches = validate(probe, exchange)
    if mismatches:
        return OperationResult(operation, "drift", status=status, mismatches=tuple(mismatches))
    return OperationResult(operation, "ok", status=status)


def _not_checked(operation: Operation, reason: str, status: int | None = None) -> OperationResult:
    return OperationResult(operation, "not checked", reason=reason, status=status)


def _probe(
    operation: Operation, first_pages: Mapping[str, Any], why_no_page: Mapping[str, str]
) -> Probe | str:
    """The request for `operation`, or why it cannot be made."""
    path_params: dict[str, str] = {}
    for name in _PARAMETER.findall(operation.path):
        collection = operation.path.split("{" + name + "}", 1)[0].rstrip("/")
        if collection not in first_pages:
            why = why_no_page.get(collection, "the contract has no read-only list operation")
            return f"no data: GET {collection} gave no id for {{{name}}} ({why})"
        found = _first_id(first_pages[collection], name)
        if found is None:
            return f"no data: GET {collection} returned no items"
        path_params[name] = found
    path = _PARAMETER.sub(
        lambda m: urllib.parse.quote(path_params[m.group(1)], safe=""), operation.path
    )
    query = _required_query(operation)
    if isinstance(query, str):
        return query
    body: Any = None
    media = spec.request_body(operation)
    if media is not None:
        body = _smallest_accepted_body(operation, media)
        if body is None:
            return "no request body the contract accepts (the spec gives no example)"
    return Probe(operation, path, path_params, query, body)


def _first_id(page: Any, name: str) -> str | None:
    """The id of the first item of a list page (`{items: [...]}` or a bare array)."""
    items = page.get("items") if isinstance(page, Mapping) else page
    if not isinstance(items, list) or not items or not isinstance(items[0], Mapping):
        return None
    # `{jobId}` names the job's `jobId` member where there is one; otherwise the item's `id`.
    value = items[0].get(name, items[0].get("id"))
    return None if value is None or isinstance(value, bool | dict | list) else str(value)


def _required_query(operation: Operation) -> dict[str, str] | str:
    query: dict[str, str] = {}
    for parameter in spec.parameters(operation):
        if parameter.get("in") != "query" or not parameter.get("required"):
            continue
        schema = spec.resolve(parameter.get("schema", {}))
        value = parameter.get("example", schema.get("default"))
        if value is None:
            return f"needs query parameter {parameter['name']!r} and the spec gives no example"
        query[parameter["name"]] = str(value).lower() if isinstance(value, bool) else str(value)
    return query


def _smallest_accepted_body(operation: Operation, media: Mapping[str, Any]) -> Any:
    empty: Any = [] if spec.resolve(media.get("schema", {})).get("type") == "array" else {}
    candidates = sorted([empty, *spec.body_examples(media)], key=lambda b: len(json.dumps(b)))
    return next((body for body in candidates if accepts_request_body(operation, body)), None)
