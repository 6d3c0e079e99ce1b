"""RFC 9457 problem responses, in the three envelopes the real API uses (reference §1.2).

Handlers raise :class:`Problem`; the operation wrapper in ``app.py`` renders it. Keeping the
envelopes in one place is what makes every error of the sandbox look like the real server's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import Response

PROBLEM_JSON = "application/problem+json"

VALIDATION_TITLE = "Validation failed"
VALIDATION_DETAIL = "The request body contains validation errors."
PARAMETER_VALIDATION_DETAIL = "One or more validation errors occurred."

# Titles the real API pairs with each status (reference §1.2 "Typical titles").
STATUS_TITLES: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

# errors[].detail templates (reference §1.2).
INVALID_TYPE = "Value has an invalid type."
INVALID_FORMAT = "Value has an invalid format."
FIELD_REQUIRED = "Field is required."
INVALID_JSON = "Request body is not valid JSON."
BODY_REQUIRED = "The request body is required and cannot be empty."


def title_for(status: int) -> str:
    return STATUS_TITLES.get(status, "Error")


class Problem(Exception):
    """An error response. ``code`` makes it a business problem, ``errors`` a validation one."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str | None = None,
        errors: Sequence[tuple[str, str]] | None = None,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.errors = list(errors) if errors else None
        self.title = title or (VALIDATION_TITLE if self.errors else title_for(status))
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"title": self.title, "status": self.status, "detail": self.detail}
        if self.errors:
            body["errors"] = [{"pointer": pointer, "detail": text} for pointer, text in self.errors]
        if self.code:
            body["code"] = self.code
        body.update(self.extra)
        return body

    def to_response(self) -> Response:
        return problem_response(self.status, self.body(), self.headers)


def problem_response(
    status: int, body: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        json.dumps(body, separators=(",", ":")),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=dict(headers or {}),
    )


# Like ASP.NET's MaxModelValidationErrors: a hostile body cannot make the answer huge.
MAX_ERRORS = 200


def validation(errors: Sequence[tuple[str, str]]) -> Problem:
    """A 400 Validation Problem; ``errors`` are ``(pointer, detail)`` pairs, never empty."""
    return Problem(400, VALIDATION_DETAIL, errors=errors[:MAX_ERRORS])


def invalid_field(pointer: str, detail: str) -> Problem:
    """A validation problem for one body member (pointer ``/name``) or parameter (``id``)."""
    is_body_member = pointer.startswith("/") and pointer.strip("/") not in ("top", "skip")
    message = VALIDATION_DETAIL if is_body_member else PARAMETER_VALIDATION_DETAIL
    return Problem(400, message, errors=[(pointer, detail)])


def business(status: int, code: str, detail: str) -> Problem:
    return Problem(status, detail, code=code)


def bad_request(code: str, detail: str) -> Problem:
    return business(400, code, detail)


def not_found(code: str, detail: str) -> Problem:
    return business(404, code, detail)


def conflict(code: str, detail: str) -> Problem:
    return business(409, code, detail)


def forbidden(code: str, detail: str) -> Problem:
    return business(403, code, detail)


def plain(status: int, detail: str, headers: Mapping[str, str] | None = None) -> Problem:
    """A bare Problem Details (401/429/404/405 from the framework, injected faults)."""
    return Problem(status, detail, headers=headers)
