"""error_from_response: every status and envelope maps to the right exception, with all fields."""

from __future__ import annotations

import builtins
import json
import pickle
from typing import Any

import pytest
from reply_contacts import errors
from reply_contacts.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DecodeError,
    FieldError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ReplyError,
    ServerError,
    ValidationError,
    error_from_response,
)

PROBLEM = {"content-type": "application/problem+json"}


def body(**members: Any) -> bytes:
    return json.dumps(members).encode()


def test_validation_problem_lists_every_pointer() -> None:
    payload = body(
        title="Validation failed",
        status=400,
        detail="One or more fields are invalid.",
        errors=[
            {"pointer": "/email", "detail": "Value has an invalid format."},
            {"pointer": "/firstName", "detail": "Field is required."},
        ],
        extensions={},
    )
    error = error_from_response("post", "/v3/contacts", 400, PROBLEM, payload)
    assert type(error) is ValidationError
    assert isinstance(error, BadRequestError)
    assert error.status == 400
    assert error.title == "Validation failed"
    assert error.errors == [
        FieldError("/email", "Value has an invalid format."),
        FieldError("/firstName", "Field is required."),
    ]
    assert error.method == "POST"
    assert error.path == "/v3/contacts"
    assert error.problem is not None and error.problem["status"] == 400
    assert str(error) == (
        "400 Validation failed on POST /v3/contacts: One or more fields are invalid."
        " (errors: /email: Value has an invalid format.; /firstName: Field is required.)"
    )


def test_business_problem_keeps_code() -> None:
    payload = body(
        title="Bad Request",
        status=400,
        detail="Invalid requested page view.",
        code="contact.invalidPagination",
    )
    error = error_from_response("GET", "/v3/contacts", 400, PROBLEM, payload)
    assert type(error) is BadRequestError
    assert error.code == "contact.invalidPagination"
    assert error.errors == []
    assert str(error) == (
        "400 Bad Request on GET /v3/contacts: Invalid requested page view."
        " (code=contact.invalidPagination)"
    )


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (404, NotFoundError),
        (409, ConflictError),
        (500, ServerError),
        (503, ServerError),
        (418, APIError),
        (422, APIError),
    ],
)
def test_bare_problem_by_status(status: int, cls: type[APIError]) -> None:
    payload = body(title="Something", status=status, detail="Went wrong.")
    error = error_from_response("DELETE", "/v3/contacts/7", status, PROBLEM, payload)
    assert type(error) is cls
    assert error.status == status
    assert error.detail == "Went wrong."
    assert str(error) == f"{status} Something on DELETE /v3/contacts/7: Went wrong."


def test_empty_401() -> None:
    headers = {"WWW-Authenticate": "Bearer", "Content-Length": "0"}
    error = error_from_response("GET", "/v3/whoami", 401, headers, b"")
    assert type(error) is AuthenticationError
    assert error.problem is None
    assert error.body == ""
    assert error.title is None
    assert str(error) == "401 Unauthorized on GET /v3/whoami"


def test_403_missing_scope_from_body() -> None:
    payload = body(
        title="Forbidden",
        status=403,
        detail="This API key lacks the required scope 'contacts:write'.",
        code="auth.insufficientScope",
        requiredScope="contacts:write",
    )
    error = error_from_response("PUT", "/v3/contacts/owner", 403, PROBLEM, payload)
    assert type(error) is PermissionDeniedError
    assert error.missing_scope == "contacts:write"
    assert error.feature_scope is False
    assert str(error) == (
        "403 Forbidden on PUT /v3/contacts/owner: This API key lacks the required scope"
        " 'contacts:write'. (code=auth.insufficientScope, missing scope contacts:write)"
    )


def test_403_missing_scope_from_www_authenticate() -> None:
    headers = {
        **PROBLEM,
        "WWW-Authenticate": (
            'Bearer realm="reply", error="insufficient_scope", scope="contacts:operate"'
        ),
    }
    payload = body(title="Forbidden", status=403)
    error = error_from_response("POST", "/v3/contacts/1/notes", 403, headers, payload)
    assert isinstance(error, PermissionDeniedError)
    assert error.missing_scope == "contacts:operate"


def test_403_feature_scope_from_detail() -> None:
    payload = body(
        title="Forbidden",
        status=403,
        detail="Feature scopes [ViewProspect] are denied for userId 123.",
    )
    error = error_from_response("GET", "/v3/contacts", 403, PROBLEM, payload)
    assert isinstance(error, PermissionDeniedError)
    assert error.missing_scope == "ViewProspect"
    assert error.feature_scope is True
    assert "missing feature scope ViewProspect" in str(error)


def test_403_without_scope_hint() -> None:
    error = error_from_response("GET", "/v3/x", 403, PROBLEM, body(title="Forbidden", status=403))
    assert isinstance(error, PermissionDeniedError)
    assert error.missing_scope is None


def test_429_retry_after_seconds_and_date() -> None:
    payload = body(title="Too Many Requests", status=429, detail="Rate limit exceeded.")
    error = error_from_response(
        "GET", "/v3/contacts", 429, {**PROBLEM, "Retry-After": "60"}, payload
    )
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 60.0
    assert "retry after 60s" in str(error)
    dated = error_from_response(
        "GET",
        "/v3/contacts",
        429,
        {"Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT"},
        b"",
        now_wall=1445412480.0,  # 07:28:00 that day
    )
    assert isinstance(dated, RateLimitError)
    assert dated.retry_after == 30.0


def test_html_502_keeps_body_snippet() -> None:
    html = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    error = error_from_response("GET", "/v3/contacts", 502, {"content-type": "text/html"}, html)
    assert type(error) is ServerError
    assert error.problem is None
    assert error.body == html.decode()
    assert str(error) == "502 Bad Gateway on GET /v3/contacts"


def test_json_error_body_that_does_not_parse_is_decode_error() -> None:
    error = error_from_response("GET", "/v3/contacts", 500, PROBLEM, b'{"title": "Inter')
    assert isinstance(error, DecodeError)
    assert error.status == 500
    assert error.body == '{"title": "Inter'
    assert "not valid JSON" in str(error)


@pytest.mark.parametrize("status", [520, 499, 999])
def test_non_standard_status_is_decode_error(status: int) -> None:
    error = error_from_response("GET", "/v3/contacts", status, {}, b"origin is unreachable")
    assert isinstance(error, DecodeError)
    assert error.status == status
    assert error.body == "origin is unreachable"
    assert str(error) == (
        f"{status} (non-standard status) on GET /v3/contacts: origin is unreachable"
    )


def test_body_truncated_and_headers_redacted() -> None:
    headers = {
        "Set-Cookie": "session=secret",
        "X-Request-Id": "req-1",
        "Content-Type": "text/plain",
    }
    error = error_from_response("GET", "/v3/x", 404, headers, b"x" * 10_000)
    assert isinstance(error, NotFoundError)
    assert len(error.body) == errors.BODY_LIMIT
    assert error.headers["Set-Cookie"] == "***"
    assert error.request_id == "req-1"
    assert "request id req-1" in str(error)


def test_problem_members_of_unexpected_types_are_tolerated() -> None:
    payload = json.dumps(
        {"title": ["x"], "detail": 5, "code": None, "errors": [1, "plain", {"pointer": None}]}
    ).encode()
    error = error_from_response("GET", "/v3/x", 400, PROBLEM, payload)
    assert isinstance(error, ValidationError)
    assert error.title is None
    assert error.detail == "5"
    assert error.errors == [FieldError("", "plain"), FieldError("", "")]


def test_messages_are_one_line() -> None:
    payload = body(title="Conflict", status=409, detail="line one\nline two\r\n  three")
    error = error_from_response("POST", "/v3/custom-fields", 409, PROBLEM, payload)
    assert "\n" not in str(error)
    assert "line one line two three" in str(error)


ALL_ERRORS: list[ReplyError] = [
    error_from_response(
        "POST",
        "/v3/contacts",
        400,
        PROBLEM,
        body(title="Validation failed", errors=[{"pointer": "/a", "detail": "b"}]),
    ),
    error_from_response(
        "PUT", "/v3/contacts/owner", 403, PROBLEM, body(title="Forbidden", requiredScope="c:w")
    ),
    error_from_response("GET", "/v3/contacts", 429, {"Retry-After": "3"}, b""),
    error_from_response("GET", "/v3/contacts", 520, {}, b"oops"),
    RateLimitError("local", retry_after=2.5),
    errors.APIConnectionError("refused", method="GET", path="/v3/x", maybe_applied=False),
    errors.APITimeoutError("read timed out", method="POST", path="/v3/x"),
    errors.InsecureURLError("plain http"),
]


@pytest.mark.parametrize("error", ALL_ERRORS, ids=lambda e: type(e).__name__)
def test_every_exception_pickles_and_has_a_useful_repr(error: ReplyError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__
    text = repr(error)
    assert text.startswith(type(error).__name__ + "(")
    assert str(error) in text


def test_connection_errors_are_builtin_compatible() -> None:
    timeout = errors.APITimeoutError("slow", method="GET", path="/x")
    assert isinstance(timeout, builtins.TimeoutError)
    assert isinstance(timeout, builtins.ConnectionError)
    assert isinstance(timeout, errors.APIConnectionError)
    assert isinstance(timeout, ReplyError)
    assert timeout.maybe_applied is True
    assert str(timeout) == "slow"
    assert isinstance(errors.InsecureURLError("x"), ValueError)
