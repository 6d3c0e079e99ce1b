"""The pure rules: Retry-After parsing, backoff, idempotency, retry decisions, URL safety."""

from __future__ import annotations

import random

import httpx
import pytest
from reply_contacts.errors import InsecureURLError
from reply_contacts.transport import (
    RetryPolicy,
    backoff_delay,
    ensure_secure_url,
    is_idempotent,
    is_loopback_host,
    parse_retry_after,
    should_retry,
)
from reply_contacts.transport.retry import retry_after_from_headers

NOW = 1_445_412_480.0  # Wed, 21 Oct 2015 07:28:00 GMT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("1.5", 1.5),
        ("0", 0.0),
        ("-3", 0.0),
        ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0),
        ("Wednesday, 21-Oct-15 07:29:00 GMT", 60.0),  # obsolete RFC 850 form
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0),  # in the past
        (None, None),
        ("", None),
        ("soon", None),
        ("nan", None),
        ("inf", None),
        ("Wed, 99 Foo 2015", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


def test_retry_after_ms_header_wins() -> None:
    headers = httpx.Headers({"retry-after-ms": "1500", "retry-after": "9"})
    assert retry_after_from_headers(headers, NOW) == 1.5
    assert retry_after_from_headers(httpx.Headers({"retry-after": "9"}), NOW) == 9.0
    assert retry_after_from_headers(httpx.Headers({"retry-after-ms": "x"}), NOW) is None


def test_backoff_is_full_jitter_within_bounds() -> None:
    rng = random.Random(1)
    for attempt in range(12):
        ceiling = min(20.0, 0.5 * 2**attempt)
        samples = [backoff_delay(attempt, rng) for _ in range(300)]
        assert all(0.0 <= s <= ceiling for s in samples)
        # full jitter: the whole range is used, not just the top
        assert min(samples) < ceiling * 0.1
        assert max(samples) > ceiling * 0.9


def test_backoff_uses_the_injected_rng() -> None:
    class Fixed:
        def uniform(self, a: float, b: float) -> float:
            return b

    assert backoff_delay(0, Fixed()) == 0.5
    assert backoff_delay(3, Fixed()) == 4.0
    assert backoff_delay(10, Fixed()) == 20.0
    assert backoff_delay(3, Fixed(), base=1.0, cap=5.0) == 5.0


@pytest.mark.parametrize(
    "path",
    [
        "/sandbox/v3/contacts/import",  # mounted under a prefix
        "/v3/contacts/import/",
        "/v3/contact-lists/12/add-contacts",
        "/v3/background-jobs/5f0c7a52-8a8e-4a53-9a55-0d8c1b6f0e2a/cancel",
    ],
)
def test_idempotent_posts_under_a_prefix_or_with_a_slash(path: str) -> None:
    # Which POSTs are idempotent is the spec's x-idempotent (test_idempotency_matches_spec);
    # here: how concrete paths find their operation.
    assert is_idempotent("POST", path)


@pytest.mark.parametrize(
    "path",
    [
        "/v3/contacts",
        "/v3/contacts/12/notes",
        "/v3/contacts/12/move-to-sequence",
        "/v3/contacts/12/send-direct-email",
        "/v3/contact-lists",
        "/v3/custom-fields",
        "/v3/contact-accounts",
        "/v3/contact-accounts/bulk",
        "/v3/contact-account-lists",
        "/v3/contacts/import/extra",
        "/v3/contact-lists/12/add-contacts/x",
        "/v3/not-in-the-contract",
    ],
)
def test_non_idempotent_posts(path: str) -> None:
    assert not is_idempotent("POST", path)


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "get"])
def test_idempotent_methods(method: str) -> None:
    assert is_idempotent(method, "/v3/contacts/1")


@pytest.mark.parametrize(
    ("method", "idempotent"),
    [("GET", True), ("HEAD", True), ("PUT", True), ("DELETE", True), ("PATCH", False)],
)
def test_outside_the_contract_the_method_decides(method: str, idempotent: bool) -> None:
    # No operation of the spec: HTTP's method semantics (RFC 9110), where PATCH is not
    # idempotent; inside the contract PATCH follows its x-idempotent.
    assert is_idempotent(method, "/v4/somewhere/else") is idempotent
    assert is_idempotent("PATCH", "/v3/contacts/1")


CREATE = ("POST", "/v3/contacts")
IMPORT = ("POST", "/v3/contacts/import")
GET = ("GET", "/v3/contacts/1")
PATCH = ("PATCH", "/v3/contacts/1")
REQUEST = httpx.Request("POST", "https://api.reply.io/v3/contacts")


@pytest.mark.parametrize(
    ("call", "outcome", "expected"),
    [
        # a create is never repeated when the server may have acted on it
        (CREATE, 503, False),
        (CREATE, 500, False),
        (CREATE, 408, False),
        (CREATE, httpx.ReadError("reset", request=REQUEST), False),
        (CREATE, httpx.ReadTimeout("slow", request=REQUEST), False),
        (CREATE, httpx.RemoteProtocolError("eof", request=REQUEST), False),
        # ...but it is when the request provably never got there
        (CREATE, 429, True),
        (CREATE, httpx.ConnectError("refused", request=REQUEST), True),
        (CREATE, httpx.ConnectTimeout("slow", request=REQUEST), True),
        (CREATE, httpx.PoolTimeout("busy", request=REQUEST), True),
        # an upsert is always safe to repeat
        (IMPORT, 503, True),
        (IMPORT, 502, True),
        (IMPORT, 520, True),
        (IMPORT, httpx.ReadError("reset", request=REQUEST), True),
        (IMPORT, httpx.WriteTimeout("slow", request=REQUEST), True),
        (GET, 500, True),
        (GET, 504, True),
        (PATCH, 503, True),
        # statuses that no retry can fix
        (GET, 400, False),
        (GET, 401, False),
        (GET, 403, False),
        (GET, 404, False),
        (GET, 409, False),
        (GET, 501, False),
        (GET, 499, False),
        (GET, httpx.LocalProtocolError("bad", request=REQUEST), False),
        (GET, ValueError("not a network error"), False),
    ],
)
def test_should_retry(call: tuple[str, str], outcome: int | BaseException, expected: bool) -> None:
    method, path = call
    assert should_retry(method, path, outcome, 0) is expected


def test_should_retry_stops_after_max_retries() -> None:
    policy = RetryPolicy(max_retries=2)
    assert should_retry("GET", "/v3/x", 503, 1, policy=policy)
    assert not should_retry("GET", "/v3/x", 503, 2, policy=policy)
    assert not should_retry("GET", "/v3/x", 429, 2, policy=policy)


def test_should_retry_override_and_custom_statuses() -> None:
    assert should_retry("POST", "/v3/contacts", 503, 0, idempotent=True)
    assert not should_retry("POST", "/v3/contacts/import", 503, 0, idempotent=False)
    assert should_retry("POST", "/v3/contacts/import", 429, 0, idempotent=False)
    policy = RetryPolicy(retry_statuses=frozenset({503}))
    assert not should_retry("GET", "/v3/x", 500, 0, policy=policy)
    assert not should_retry("GET", "/v3/x", 429, 0, policy=policy)


def test_retry_policy_validates() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)
    with pytest.raises(ValueError, match="deadline"):
        RetryPolicy(deadline=-1)


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "127.9.8.7", "[::1]", "api.localhost", "LOCALHOST."],
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)
    ensure_secure_url(f"http://{host}:8080/v3/contacts")


@pytest.mark.parametrize(
    "url",
    [
        "http://api.reply.io/v3",
        "http://10.0.0.5/v3",
        "http://[2001:db8::1]/",
        "http://localhost.evil.com/",
    ],
)
def test_plain_http_elsewhere_is_refused(url: str) -> None:
    with pytest.raises(InsecureURLError, match="plain http"):
        ensure_secure_url(url)


def test_https_anywhere_is_fine() -> None:
    ensure_secure_url("https://api.reply.io/v3")
