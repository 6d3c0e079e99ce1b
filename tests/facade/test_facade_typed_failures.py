"""Every failure a user can see is a ReplyError: odd whoami answers, redirect loops, and clients
whose constructor failed (over real HTTP on loopback, sync and async)."""

from __future__ import annotations

import json
import traceback
from typing import Any

import pytest
from hostile_support import HOSTILE_KEY, call_with, failure_of
from loopback_server import Answer, LoopbackServer, Received
from reply_contacts import (
    AsyncReplyContacts,
    DecodeError,
    ReplyContacts,
    ReplyError,
)

JSON = [("Content-Type", "application/json")]


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


WHOAMI_ANSWERS = {
    "a redirect": Answer(302, [("Location", "/v3/login")]),
    "a redirect with a JSON-looking body": Answer(301, [("Location", "/x"), *JSON], b"<html>"),
    "an object without userId": Answer(200, JSON, b'{"username": "ann"}'),
    "a list": Answer(200, JSON, b"[1, 2, 3]"),
    "a string": Answer(200, JSON, b'"hello"'),
    "a userId that is not a number": Answer(200, JSON, b'{"userId": "abc"}'),
    "a userId that is a boolean": Answer(200, JSON, b'{"userId": true}'),
    "a null userId": Answer(200, JSON, b'{"userId": null}'),
    "an empty body": Answer(200, JSON, b""),
    "no content": Answer(204),
}


@pytest.mark.parametrize("what", list(WHOAMI_ANSWERS))
async def test_whoami_turns_any_odd_answer_into_a_decode_error(mode: str, what: str) -> None:
    with LoopbackServer(lambda _: WHOAMI_ANSWERS[what]) as server:
        failure = await failure_of(mode, server.url, lambda client: client.whoami())
    assert isinstance(failure, DecodeError), repr(failure)
    assert "/v3/whoami" in str(failure)
    assert failure.status == WHOAMI_ANSWERS[what].status


async def test_whoami_reads_the_documented_answer(mode: str) -> None:
    body = json.dumps({"userId": 41, "username": "ann", "teamId": 7}).encode()
    with LoopbackServer(lambda _: Answer(200, JSON, body)) as server:
        assert await call_with(mode, server.url, lambda client: client.whoami()) == 41


def _redirect_to_itself(request: Received) -> Answer:
    return Answer(302, [("Location", request.path)])


OPERATIONS = {
    "whoami": lambda client: client.whoami(),
    "get": lambda client: client.contacts.get(1),
    "raw request": lambda client: client.request("GET", "/v3/contacts/1"),
    "paginated": lambda client: client.contact_lists.list().to_list(),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
async def test_a_redirect_loop_is_a_decode_error(mode: str, operation: str) -> None:
    with LoopbackServer(_redirect_to_itself) as server:
        failure = await failure_of(mode, server.url, OPERATIONS[operation], follow_redirects=True)
        hops = len(server.received)
    assert isinstance(failure, DecodeError), repr(failure)
    assert "too many redirects" in str(failure)
    assert hops > 1  # redirects were followed, each through the transport


CONSTRUCTOR_FAILURES: dict[str, dict[str, Any]] = {
    "no API key": {"api_key": None},
    "a blank API key": {"api_key": "   "},
    "a base URL that is not http": {"base_url": "ftp://api.reply.io"},
    "an insecure base URL": {"base_url": "http://api.reply.io"},
    "no timeout": {"timeout": None},
    "a negative timeout": {"timeout": -1},
}


@pytest.mark.parametrize("client_class", [ReplyContacts, AsyncReplyContacts])
@pytest.mark.parametrize("what", list(CONSTRUCTOR_FAILURES))
def test_a_failed_constructor_leaves_a_printable_traceback(
    client_class: type[Any], what: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPLY_API_KEY", raising=False)
    monkeypatch.delenv("REPLY_BASE_URL", raising=False)
    with pytest.raises(ReplyError) as caught:
        # No local of this frame holds the key: the traceback shows this frame's locals too.
        client_class(**({"api_key": HOSTILE_KEY} | CONSTRUCTOR_FAILURES[what]))
    assert isinstance(caught.value, ValueError)  # ConfigurationError or InsecureURLError
    # Walking the frames with their locals calls repr() on the half-built client.
    printed = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert type(caught.value).__name__ in printed
    assert "api_key=<redacted>" in printed  # the client's repr, from a frame's locals
    assert HOSTILE_KEY not in printed
