"""ReplyTransport end to end against a scripted fake server, every scenario sync and async."""

from __future__ import annotations

import email.utils
import itertools
import logging
from collections.abc import Callable, Iterator

import httpx
import pytest
from conftest import API_KEY, Caller, FakeServer, ok, problem
from reply_contacts import errors
from reply_contacts.transport import (
    EXT_EXPECT_JSON,
    EXT_IDEMPOTENT,
    EXT_RETRY,
    FakeClock,
    InMemoryLimiter,
    RateLimitPolicy,
    ReplyTransport,
    RetryPolicy,
    build_transport,
)

MakeTransport = Callable[..., ReplyTransport]

pytestmark = pytest.mark.filterwarnings("error")


def gaps(server: FakeServer) -> list[float]:
    times = server.times
    return [round(b - a, 6) for a, b in itertools.pairwise(times)]


def too_many(retry_after: str | None) -> httpx.Response:
    response = problem(429, "Too Many Requests", "Rate limit exceeded.")
    if retry_after is not None:
        response.headers["Retry-After"] = retry_after
    return response


# -- retries and Retry-After


def test_get_is_retried_on_503_with_full_jitter_backoff(
    call: Caller, server: FakeServer, make_transport: MakeTransport, clock: FakeClock
) -> None:
    server.script = [problem(503, "Service Unavailable")] * 3 + [ok()]
    response = call(make_transport(), "GET", "/v3/contacts")
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert len(server.seen) == 4
    for attempt, gap in enumerate(gaps(server)):
        assert 0 <= gap <= 0.5 * 2**attempt


@pytest.mark.parametrize(
    ("header", "expected_gap"),
    [("7", 7.0), ("2.5", 2.5), ("0", 0.0)],
)
def test_retry_after_seconds_is_waited_exactly(
    call: Caller,
    server: FakeServer,
    make_transport: MakeTransport,
    header: str,
    expected_gap: float,
) -> None:
    server.script = [too_many(header), ok()]
    assert call(make_transport(), "GET", "/v3/contacts").status_code == 200
    assert gaps(server) == [expected_gap]


def test_retry_after_http_date_is_relative_to_the_wall_clock(
    call: Caller, server: FakeServer, make_transport: MakeTransport, clock: FakeClock
) -> None:
    date = email.utils.formatdate(clock.wall() + 12, usegmt=True)
    server.script = [too_many(date), ok()]
    assert call(make_transport(), "GET", "/v3/contacts").status_code == 200
    (gap,) = gaps(server)
    assert 11.0 <= gap <= 12.0  # HTTP-dates have whole seconds


@pytest.mark.parametrize("header", [None, "soon", ""])
def test_missing_or_garbage_retry_after_falls_back_to_backoff(
    call: Caller, server: FakeServer, make_transport: MakeTransport, header: str | None
) -> None:
    server.script = [too_many(header), ok()]
    assert call(make_transport(), "GET", "/v3/contacts").status_code == 200
    (gap,) = gaps(server)
    assert 0 <= gap <= 0.5


def test_never_retried_sooner_than_retry_after_even_on_503(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    unavailable = problem(503, "Service Unavailable")
    unavailable.headers["Retry-After"] = "3"
    server.script = [unavailable, unavailable, ok()]
    assert call(make_transport(), "GET", "/v3/contacts").status_code == 200
    assert gaps(server) == [3.0, 3.0]


def test_retry_after_over_max_wait_raises_at_once(
    call: Caller, server: FakeServer, make_transport: MakeTransport, clock: FakeClock
) -> None:
    server.script = [too_many("600")]
    with pytest.raises(errors.RateLimitError) as caught:
        call(make_transport(), "GET", "/v3/contacts")
    assert caught.value.status == 429
    assert caught.value.retry_after == 600.0
    assert caught.value.detail == "Rate limit exceeded."
    assert len(server.seen) == 1
    assert clock.sleeps == []


def test_retry_after_past_the_deadline_raises_at_once(
    call: Caller, server: FakeServer, make_transport: MakeTransport, clock: FakeClock
) -> None:
    server.script = [too_many("50")]
    with pytest.raises(errors.RateLimitError) as caught:
        call(make_transport(retry=RetryPolicy(deadline=30)), "GET", "/v3/contacts")
    assert caught.value.retry_after == 50.0
    assert clock.sleeps == []


def test_overall_deadline_bounds_all_retries(
    call: Caller, server: FakeServer, make_transport: MakeTransport, clock: FakeClock
) -> None:
    server.script = [problem(503, "Service Unavailable")]
    policy = RetryPolicy(max_retries=1000, deadline=10.0, backoff_base=1.0, backoff_cap=8.0)
    start = clock.now()
    with pytest.raises(errors.ServerError):
        call(make_transport(retry=policy), "GET", "/v3/contacts")
    assert clock.now() - start <= 10.0
    assert len(server.seen) > 2


def test_exhausted_retries_raise_the_last_error(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [problem(502, "Bad Gateway", "upstream down")]
    with pytest.raises(errors.ServerError) as caught:
        call(make_transport(retry=RetryPolicy(max_retries=2)), "GET", "/v3/contacts")
    assert caught.value.status == 502
    assert caught.value.detail == "upstream down"
    assert len(server.seen) == 3


def test_retry_policy_per_request(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [too_many("600"), ok()]
    response = call(
        make_transport(),
        "GET",
        "/v3/contacts",
        extensions={EXT_RETRY: RetryPolicy(max_wait=3600, deadline=7200)},
    )
    assert response.status_code == 200
    assert gaps(server) == [600.0]


# -- what may be retried

READ_ERROR = httpx.ReadError("connection reset by peer")
CONNECT_ERROR = httpx.ConnectError("connection refused")


@pytest.mark.parametrize(
    ("path", "first", "retried"),
    [
        ("/v3/contacts", problem(503, "Service Unavailable"), False),
        ("/v3/contacts", READ_ERROR, False),
        ("/v3/contacts", CONNECT_ERROR, True),
        ("/v3/contacts", too_many("1"), True),
        ("/v3/contacts/import", problem(503, "Service Unavailable"), True),
        ("/v3/contacts/import", READ_ERROR, True),
        ("/v3/contacts/12/notes", httpx.RemoteProtocolError("eof"), False),
        ("/v3/contact-lists/4/add-contacts", httpx.ReadTimeout("slow"), True),
    ],
    ids=[
        "create-503",
        "create-ReadError",
        "create-ConnectError",
        "create-429",
        "import-503",
        "import-ReadError",
        "note-RemoteProtocolError",
        "add-contacts-ReadTimeout",
    ],
)
def test_post_retry_rules(
    call: Caller,
    server: FakeServer,
    make_transport: MakeTransport,
    path: str,
    first: httpx.Response | Exception,
    retried: bool,
) -> None:
    server.script = [first, httpx.Response(201, json={"id": 1})]
    if retried:
        assert call(make_transport(), "POST", path, json={"a": 1}).status_code == 201
        assert len(server.seen) == 2
        assert server.seen[1].body == b'{"a":1}'
    else:
        with pytest.raises(errors.ReplyError):
            call(make_transport(), "POST", path, json={"a": 1})
        assert len(server.seen) == 1


def test_idempotency_override_per_request(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [problem(503, "Service Unavailable"), ok()]
    transport = make_transport()
    response = call(transport, "POST", "/v3/contacts", json={}, extensions={EXT_IDEMPOTENT: True})
    assert response.status_code == 200
    server.seen.clear()
    with pytest.raises(errors.ServerError):
        call(transport, "POST", "/v3/contacts/import", json={}, extensions={EXT_IDEMPOTENT: False})
    assert len(server.seen) == 1


def test_streamed_request_body_is_never_replayed(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [problem(503, "Service Unavailable"), ok()]

    if call.mode == "sync":

        def chunks() -> Iterator[bytes]:
            yield b"[1,2,3]"

        content: object = chunks()
    else:

        async def achunks():  # type: ignore[no-untyped-def]
            yield b"[1,2,3]"

        content = achunks()
    with pytest.raises(errors.ServerError):
        call(make_transport(), "PUT", "/v3/contacts/owner", content=content)
    assert len(server.seen) == 1


def test_connection_errors_after_retries(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    transport = make_transport(retry=RetryPolicy(max_retries=2))
    server.script = [CONNECT_ERROR]
    with pytest.raises(errors.APIConnectionError) as refused:
        call(transport, "POST", "/v3/contacts", json={})
    assert not isinstance(refused.value, errors.APITimeoutError)
    assert refused.value.maybe_applied is False
    assert len(server.seen) == 3
    assert isinstance(refused.value.__cause__, httpx.ConnectError)
    assert str(refused.value) == (
        "ConnectError: connection refused on POST /v3/contacts (after 3 attempts;"
        " the request never reached the server)"
    )

    server.seen.clear()
    server.script = [httpx.ReadTimeout("timed out")]
    with pytest.raises(errors.APITimeoutError) as timed_out:
        call(transport, "GET", "/v3/contacts")
    assert timed_out.value.maybe_applied is True
    assert len(server.seen) == 3

    server.seen.clear()
    server.script = [READ_ERROR]
    with pytest.raises(errors.APIConnectionError) as reset:
        call(transport, "POST", "/v3/contacts", json={})
    assert reset.value.maybe_applied is True
    assert len(server.seen) == 1


# -- the rate limiter inside the retry loop


def test_every_attempt_takes_a_budget_slot(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    policy = RateLimitPolicy(per_minute=2, margin=0.0)
    server.script = [problem(503, "Service Unavailable"), problem(503, "Service Unavailable"), ok()]
    assert call(make_transport(policy=policy), "GET", "/v3/contacts").status_code == 200
    first, _, third = server.times
    assert third - first == 60.0


def test_429_pause_is_shared_by_clients_of_the_same_key(
    call: Caller, server: FakeServer, clock: FakeClock, make_transport: MakeTransport
) -> None:
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0), clock=clock)
    impatient = RetryPolicy(max_retries=0)
    client_a = make_transport(limiter=limiter, retry=impatient)
    client_b = make_transport(limiter=limiter)
    client_b_unthrottled = make_transport(limiter=limiter, rate_limit=None)
    other_key = make_transport(limiter=limiter, api_key="rk_live_other_key_999")

    server.script = [too_many("30")]
    start = clock.now()
    with pytest.raises(errors.RateLimitError):
        call(client_a, "GET", "/v3/contacts")
    assert limiter.paused_for(client_a.limiter_key) == 30.0

    server.script = [ok()]
    call(other_key, "GET", "/v3/contacts")
    assert server.times[-1] == start  # another key is not held back
    call(client_b, "GET", "/v3/contacts")
    assert server.times[-1] == start + 30.0
    limiter.pause(client_a.limiter_key, 5)  # a fresh 429 pause binds even unthrottled clients
    call(client_b_unthrottled, "GET", "/v3/contacts")
    assert server.times[-1] == start + 35.0


def test_budget_wait_over_max_wait_raises_without_sending(
    call: Caller, server: FakeServer, make_transport: MakeTransport, clock: FakeClock
) -> None:
    policy = RateLimitPolicy(per_minute=1, margin=0.0)
    transport = make_transport(policy=policy, retry=RetryPolicy(max_wait=10))
    server.script = [ok()]
    call(transport, "GET", "/v3/contacts")
    with pytest.raises(errors.RateLimitError) as caught:
        call(transport, "GET", "/v3/contacts/5")
    assert caught.value.status is None
    assert caught.value.retry_after == 60.0
    assert caught.value.method == "GET"
    assert caught.value.path == "/v3/contacts/5"
    assert len(server.seen) == 1
    assert clock.sleeps == []


def test_no_proactive_limiting_when_rate_limit_is_none(
    call: Caller, server: FakeServer, make_transport: MakeTransport, clock: FakeClock
) -> None:
    transport = make_transport(rate_limit=None, policy=RateLimitPolicy(per_minute=1))
    server.script = [ok()]
    for _ in range(3):
        call(transport, "GET", "/v3/contacts")
    assert clock.sleeps == []


# -- responses become typed errors


def test_problem_responses_raise_typed_errors(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    transport = make_transport()
    server.script = [
        problem(
            400,
            "Validation failed",
            "One or more fields are invalid.",
            errors=[{"pointer": "/email", "detail": "Value has an invalid format."}],
        )
    ]
    with pytest.raises(errors.ValidationError) as invalid:
        call(transport, "POST", "/v3/contacts", json={"email": "x"})
    assert invalid.value.errors == [errors.FieldError("/email", "Value has an invalid format.")]
    assert invalid.value.path == "/v3/contacts"

    server.script = [httpx.Response(401, headers={"WWW-Authenticate": "Bearer"})]
    with pytest.raises(errors.AuthenticationError) as unauthorized:
        call(transport, "GET", "/v3/whoami")
    assert unauthorized.value.status == 401

    server.script = [problem(404, "Not Found", code="contact.notFound")]
    with pytest.raises(errors.NotFoundError) as missing:
        call(transport, "GET", "/v3/contacts/9", params={"expand": "x"})
    assert missing.value.code == "contact.notFound"
    assert missing.value.path == "/v3/contacts/9"  # no query string


def test_html_502_becomes_server_error_after_retries(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [
        httpx.Response(502, text="<html>Bad gateway</html>", headers={"content-type": "text/html"})
    ]
    with pytest.raises(errors.ServerError) as caught:
        call(make_transport(retry=RetryPolicy(max_retries=1)), "GET", "/v3/contacts")
    assert caught.value.body == "<html>Bad gateway</html>"
    assert len(server.seen) == 2


def test_non_json_200_is_a_decode_error(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [httpx.Response(200, text="<html>maintenance</html>")]
    with pytest.raises(errors.DecodeError) as caught:
        call(make_transport(), "GET", "/v3/contacts")
    assert caught.value.status == 200
    assert caught.value.body == "<html>maintenance</html>"
    assert len(server.seen) == 1


def test_non_json_200_is_fine_when_json_is_not_expected(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [httpx.Response(200, text="id,email\n1,a@b.c\n")]
    transport = make_transport()
    csv = call(transport, "GET", "/v3/export", headers={"Accept": "text/csv"})
    assert csv.text.startswith("id")
    response = call(transport, "GET", "/v3/export", extensions={EXT_EXPECT_JSON: False})
    assert response.text.startswith("id")


@pytest.mark.parametrize("status", [200, 201, 202, 204])
def test_empty_success_bodies_pass(
    call: Caller, server: FakeServer, make_transport: MakeTransport, status: int
) -> None:
    server.script = [httpx.Response(status)]
    assert call(make_transport(), "DELETE", "/v3/contacts/1").status_code == status


def test_520_is_retried_for_idempotent_calls_then_decode_error(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [httpx.Response(520, text="web server returned an unknown error")]
    transport = make_transport(retry=RetryPolicy(max_retries=2))
    with pytest.raises(errors.DecodeError) as caught:
        call(transport, "GET", "/v3/contacts")
    assert caught.value.status == 520
    assert len(server.seen) == 3

    server.seen.clear()
    server.script = [httpx.Response(520), ok()]
    assert call(transport, "GET", "/v3/contacts").status_code == 200

    server.seen.clear()
    server.script = [httpx.Response(499, text="client closed request")]
    with pytest.raises(errors.DecodeError):
        call(transport, "GET", "/v3/contacts")
    assert len(server.seen) == 1


def test_successful_response_is_fully_usable(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [ok({"items": [], "hasMore": False})]
    response = call(make_transport(), "GET", "/v3/contacts")
    assert response.json() == {"items": [], "hasMore": False}
    assert response.elapsed.total_seconds() >= 0


# -- headers, security, redirects


def test_headers_are_added(call: Caller, server: FakeServer, make_transport: MakeTransport) -> None:
    server.script = [ok()]
    transport = make_transport(user_id=42, user_email="ops@example.com", team_id=7)
    call(transport, "GET", "/v3/contacts", headers={"Authorization": ""})
    seen = server.seen[-1].headers
    assert seen["X-User-Id"] == "42"
    assert seen["X-User-Email"] == "ops@example.com"
    assert seen["X-Team-Id"] == "7"
    assert seen["User-Agent"].startswith("reply-contacts/")
    assert " python/" in seen["User-Agent"] and " httpx/" in seen["User-Agent"]

    call(transport, "GET", "/v3/contacts", headers={"X-User-Id": "9", "User-Agent": "mine/1"})
    seen = server.seen[-1].headers
    assert seen["X-User-Id"] == "9"  # the caller's choice wins
    assert seen["User-Agent"] == "mine/1"


def test_authorization_is_added_when_missing(
    server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [ok()]
    with httpx.Client(transport=make_transport(), base_url="https://api.reply.io") as client:
        client.get("/v3/contacts")
    assert server.seen[-1].headers["Authorization"] == f"Bearer {API_KEY}"


def test_plain_http_is_refused_except_on_loopback(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    server.script = [ok()]
    with pytest.raises(errors.InsecureURLError):
        call(make_transport(), "GET", "http://api.reply.io/v3/contacts")
    assert server.seen == []
    local = make_transport(base_url="http://127.0.0.1:8080")
    assert call(local, "GET", "http://127.0.0.1:8080/v3/contacts").status_code == 200
    assert server.seen[-1].headers["Authorization"] == f"Bearer {API_KEY}"


def test_build_transport_refuses_insecure_base_url() -> None:
    with pytest.raises(errors.InsecureURLError):
        build_transport(api_key=API_KEY, base_url="http://api.reply.io")
    transport = build_transport(api_key=API_KEY, base_url="http://localhost:9000")
    assert isinstance(transport, ReplyTransport)


def test_cross_host_redirect_drops_authorization(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.reply.io":
            return httpx.Response(302, headers={"Location": "https://files.example.com/export"})
        return ok()

    server.handler = route
    transport = make_transport(user_email="ops@example.com")
    response = call(transport, "GET", "/v3/contacts", follow_redirects=True)
    assert response.status_code == 200
    first, second = server.seen
    assert first.headers["Authorization"] == f"Bearer {API_KEY}"
    assert second.path == "/export"
    assert "Authorization" not in second.headers
    assert "X-User-Email" not in second.headers

    # even a caller who puts the key on a request to another host does not send it there
    server.seen.clear()
    call(
        transport,
        "GET",
        "https://files.example.com/x",
        headers={"Authorization": f"Bearer {API_KEY}"},
    )
    assert "Authorization" not in server.seen[-1].headers


def test_same_host_redirect_keeps_authorization(
    call: Caller, server: FakeServer, make_transport: MakeTransport
) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/old":
            return httpx.Response(307, headers={"Location": "/v3/new"})
        return ok()

    server.handler = route
    call(make_transport(), "GET", "/v3/old", follow_redirects=True)
    assert server.seen[-1].headers["Authorization"] == f"Bearer {API_KEY}"


# -- logging


def test_retries_are_logged_at_info(
    call: Caller,
    server: FakeServer,
    make_transport: MakeTransport,
    caplog: pytest.LogCaptureFixture,
) -> None:
    unavailable = problem(503, "Service Unavailable")
    unavailable.headers["Retry-After"] = "1.73"
    server.script = [unavailable, ok()]
    with caplog.at_level(logging.INFO, logger="reply_contacts"):
        call(make_transport(), "POST", "/v3/contacts/import", json={"items": []})
    retry_lines = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert retry_lines == [
        "retrying POST /v3/contacts/import (attempt 2/5) in 1.73s: 503 Service Unavailable"
    ]


def test_debug_logs_requests_and_responses(
    call: Caller,
    server: FakeServer,
    make_transport: MakeTransport,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.script = [ok({"id": 5})]
    with caplog.at_level(logging.DEBUG, logger="reply_contacts"):
        call(make_transport(), "GET", "/v3/contacts/5", params={"top": "1"})
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "reply_contacts")
    assert "request GET https://api.reply.io/v3/contacts/5?top=1" in text
    assert "'authorization': 'Bearer ***'" in text
    assert "response 200 OK for GET /v3/contacts/5 in " in text
    assert '{"id":5}' in text
    assert API_KEY not in text


def test_transport_closes_inner_transports() -> None:
    closed: list[str] = []

    class Inner(httpx.MockTransport):
        def close(self) -> None:
            closed.append("sync")

        async def aclose(self) -> None:
            closed.append("async")

    transport = ReplyTransport(api_key=API_KEY, transport=Inner(lambda r: ok()))
    with httpx.Client(transport=transport):
        pass
    assert closed == ["sync"]
