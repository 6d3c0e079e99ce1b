"""The API key stays hidden when a server echoes it back (real HTTP on loopback, sync and async).

A hostile (or merely chatty) server copies the Authorization header it received into its answer:
into a response header, the problem's detail, a field error, a redirect's Location. Whatever the
SDK raises must not carry the key: not its message, args, repr or attributes (walked
recursively), not `traceback.format_exception`, not `TracebackException(capture_locals=True)`,
and not the DEBUG records of the reply_contacts, httpx and httpcore loggers.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from hostile_support import HOSTILE_KEY, failure_of
from loopback_server import Answer, LoopbackServer, Received
from reply_contacts import (
    APIError,
    AuthenticationError,
    DecodeError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ReplyError,
    ServerError,
    ValidationError,
)

PROBLEM = "application/problem+json"


def _echo(status: int, content_type: str, body: str, *extra: tuple[str, str]) -> Any:
    def answer(request: Received) -> Answer:
        auth = request.headers.get("authorization", "")
        headers = [
            ("Content-Type", content_type),
            ("X-Echo-Authorization", auth),
            ("WWW-Authenticate", f'Bearer error="invalid_token", error_description="{auth}"'),
            *((name, value.replace("{auth}", auth)) for name, value in extra),
        ]
        return Answer(status, headers, body.replace("{auth}", auth).encode())

    return answer


def _problem(status: int, **members: Any) -> str:
    return json.dumps({"title": "Echo", "status": status, "detail": "got {auth}", **members})


GET = ("get", lambda client: client.contacts.get(1))
WHOAMI = ("whoami", lambda client: client.whoami())

SCENARIOS: dict[str, tuple[Any, tuple[str, Any], type[ReplyError]]] = {
    "401": (_echo(401, PROBLEM, _problem(401)), GET, AuthenticationError),
    "400 with field errors": (
        _echo(400, PROBLEM, _problem(400, errors=[{"pointer": "/{auth}", "detail": "{auth}"}])),
        GET,
        ValidationError,
    ),
    "403 naming a scope": (
        _echo(403, PROBLEM, _problem(403, requiredScope="{auth}")),
        GET,
        PermissionDeniedError,
    ),
    "404": (
        _echo(404, PROBLEM, _problem(404, echo={"authorization": "{auth}"})),
        GET,
        NotFoundError,
    ),
    "429 for too long": (
        _echo(429, PROBLEM, _problem(429), ("Retry-After", "3600")),
        GET,
        RateLimitError,
    ),
    "500, retried": (_echo(500, PROBLEM, _problem(500)), GET, ServerError),
    "a non-standard status": (_echo(520, "text/plain", "origin said {auth}"), GET, DecodeError),
    "200 that is not JSON": (_echo(200, "application/json", "<h1>{auth}</h1>"), GET, DecodeError),
    "200 that is not a contact": (
        _echo(200, "application/json", json.dumps(["{auth}", {"echo": "{auth}"}])),
        GET,
        DecodeError,
    ),
    "whoami without a user id": (
        _echo(200, "application/json", json.dumps({"echo": "{auth}"})),
        WHOAMI,
        DecodeError,
    ),
    "whoami redirected": (
        _echo(302, "text/plain", "see {auth}", ("Location", "/login?token={auth}")),
        WHOAMI,
        DecodeError,
    ),
}


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def wire_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in ("reply_contacts", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _texts(value: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every string (and bytes, decoded) reachable from `value` through containers and the
    attributes of objects defined by reply_contacts."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        yield value.decode("utf-8", errors="replace")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key, seen)
            yield from _texts(item, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _texts(item, seen)
    elif type(value).__module__.startswith("reply_contacts") and hasattr(value, "__dict__"):
        yield from _texts(vars(value), seen)
    else:
        yield repr(value)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
async def test_an_echoed_key_is_nowhere_in_the_error_or_the_logs(
    mode: str, scenario: str, wire_logs: pytest.LogCaptureFixture
) -> None:
    answer, (_, operation), expected = SCENARIOS[scenario]
    with LoopbackServer(answer) as server:
        failure = await failure_of(mode, server.url, operation)
    assert isinstance(failure, expected), repr(failure)
    assert server.received[0].headers["authorization"] == f"Bearer {HOSTILE_KEY}"

    places = {
        "str": str(failure),
        "repr": repr(failure),
        "args": repr(failure.args),
        "format_exception": "".join(traceback.format_exception(failure)),
        "capture_locals": "".join(
            traceback.TracebackException.from_exception(failure, capture_locals=True).format()
        ),
        "logs": wire_logs.text,
    }
    places.update({f"__dict__ #{n}": text for n, text in enumerate(_texts(vars(failure)))})
    leaks = [where for where, text in places.items() if HOSTILE_KEY in text]
    assert not leaks, leaks
    # Not vacuous: the echo reached the error (masked) and httpcore logged the raw headers.
    if isinstance(failure, APIError):
        assert "***" in repr(vars(failure))
    assert "receive_response_headers" in wire_logs.text
    assert "X-Echo-Authorization" in wire_logs.text
