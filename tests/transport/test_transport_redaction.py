"""The API key never shows up in logs, reprs, exception messages or tracebacks."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable, Iterator

import httpx
import pytest
from conftest import API_KEY, Caller, FakeServer, problem
from reply_contacts import errors
from reply_contacts.transport import (
    ReplyTransport,
    RetryPolicy,
    SecretFilter,
    redact_headers,
    scrub,
)
from reply_contacts.transport import logging as reply_logging

MakeTransport = Callable[..., ReplyTransport]


def everything_printed(error: BaseException) -> str:
    """All the ways an exception reaches a human: str, repr, and the full chained traceback."""
    parts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    cause: BaseException | None = error.__cause__
    while cause is not None:
        parts += [str(cause), repr(cause)]
        cause = cause.__cause__
    return "\n".join(parts)


FAILURES = [
    pytest.param(httpx.ConnectError(f"cannot connect with Bearer {API_KEY}"), id="ConnectError"),
    pytest.param(httpx.ReadTimeout(f"read timed out, key={API_KEY}"), id="ReadTimeout"),
    pytest.param(httpx.Response(401), id="401-empty"),
    pytest.param(
        problem(403, "Forbidden", f"Key {API_KEY} lacks contacts:write"), id="403-echoing-key"
    ),
    pytest.param(
        httpx.Response(502, text=f"<html>proxy saw Authorization: Bearer {API_KEY}</html>"),
        id="502-html-echo",
    ),
    pytest.param(httpx.Response(200, text=f"not json {API_KEY}"), id="200-not-json"),
    pytest.param(httpx.Response(520, text=f"echo {API_KEY}"), id="520"),
]


@pytest.mark.parametrize("failure", FAILURES)
def test_key_absent_from_logs_and_exceptions(
    call: Caller,
    server: FakeServer,
    make_transport: MakeTransport,
    caplog: pytest.LogCaptureFixture,
    failure: httpx.Response | Exception,
) -> None:
    server.script = [failure]
    transport = make_transport(retry=RetryPolicy(max_retries=1))
    with (
        caplog.at_level(logging.DEBUG, logger="reply_contacts"),
        pytest.raises(errors.ReplyError) as caught,
    ):
        call(transport, "GET", "/v3/contacts")
    printed = everything_printed(caught.value)
    assert API_KEY not in printed
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert API_KEY not in logged
    assert caplog.records, "the failure should have been logged at DEBUG"
    assert API_KEY not in repr(transport)


def test_error_body_echo_is_masked(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [problem(400, "Bad Request", f"unknown key {API_KEY}", code="auth.badKey")]
    with pytest.raises(errors.BadRequestError) as caught:
        call(make_transport(), "GET", "/v3/contacts")
    assert caught.value.detail == "unknown key ***"
    assert API_KEY not in caught.value.body
    assert caught.value.problem is not None
    assert API_KEY not in str(caught.value.problem)


def test_secret_filter_scrubs_messages_args_and_tracebacks(
    caplog: pytest.LogCaptureFixture, make_transport: MakeTransport
) -> None:
    make_transport()  # registers the key
    logger = reply_logging.get_logger()
    with caplog.at_level(logging.DEBUG, logger="reply_contacts"):
        logger.info("message %s with key", API_KEY)
        try:
            raise RuntimeError(f"boom {API_KEY}")
        except RuntimeError:
            logger.exception("failed")
    assert API_KEY not in caplog.text
    assert "message *** with key" in caplog.text
    assert "RuntimeError: boom ***" in caplog.text


def test_secret_filter_on_a_plain_record() -> None:
    record = logging.LogRecord("reply_contacts", logging.INFO, __file__, 1, "%s", (API_KEY,), None)
    assert SecretFilter().filter(record)
    assert record.getMessage() == "***"


def test_redact_headers() -> None:
    headers = {
        "Authorization": f"Bearer {API_KEY}",
        "Cookie": "session=abc",
        "Set-Cookie": "session=abc; HttpOnly",
        "X-Debug": f"key {API_KEY}",
        "Accept": "application/json",
    }
    safe = redact_headers(headers)
    assert safe == {
        "Authorization": "Bearer ***",
        "Cookie": "***",
        "Set-Cookie": "***",
        "X-Debug": "key ***",
        "Accept": "application/json",
    }
    assert scrub(f"a {API_KEY} b {API_KEY}") == "a *** b ***"


def test_configure_from_env_installs_one_stderr_handler(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    logger = logging.getLogger("reply_contacts")
    before_handlers, before_level = list(logger.handlers), logger.level
    monkeypatch.setenv("REPLY_LOG", "debug")
    monkeypatch.setattr(reply_logging, "_configured", False)
    try:
        reply_logging.configure_from_env()
        reply_logging.configure_from_env()  # idempotent
        added = [h for h in logger.handlers if h not in before_handlers]
        assert len(added) == 1
        assert logger.level == logging.DEBUG
        assert isinstance(added[0], logging.StreamHandler)
        assert added[0].stream is sys.stderr
    finally:
        logger.handlers[:] = before_handlers
        logger.setLevel(before_level)


def test_configure_from_env_is_quiet_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("reply_contacts")
    before = list(logger.handlers)
    monkeypatch.delenv("REPLY_LOG", raising=False)
    monkeypatch.setattr(reply_logging, "_configured", False)
    reply_logging.configure_from_env()
    assert logger.handlers == before


@pytest.fixture(autouse=True)
def _restore_logger_level() -> Iterator[None]:
    logger = logging.getLogger("reply_contacts")
    level = logger.level
    yield
    logger.setLevel(level)
