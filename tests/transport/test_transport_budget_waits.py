"""Rate-limit waits are announced before they start, naming the window that is full.

The limiter announces (`announce_budget_wait`) to whoever listens in the context
(`listening_for_budget_waits`); the transport listens to log each wait before it happens, and
announces the waits it does itself (a 429's Retry-After). A `RateLimitError` raised instead of a
long wait names the window too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import httpx
import pytest
from conftest import Caller, FakeServer, ok, problem
from reply_contacts.errors import RateLimitError
from reply_contacts.transport import (
    FakeClock,
    InMemoryLimiter,
    RateLimitPolicy,
    ReplyTransport,
    RetryPolicy,
)
from reply_contacts.transport.ratelimit import (
    HOUR_WINDOW,
    MINUTE_WINDOW,
    PAUSE_WINDOW,
    BudgetWait,
    listening_for_budget_waits,
)
from reply_contacts.transport.stack import BUDGET_WAIT_RECORD

KEY = "key-a"
EXACT = RateLimitPolicy(margin=0.0)


def test_the_101st_request_announces_a_minute_window_wait_before_sleeping() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(EXACT, clock=clock)
    heard: list[tuple[BudgetWait, float]] = []
    with listening_for_budget_waits(lambda event: heard.append((event, clock.now()))):
        for _ in range(100):
            limiter.acquire(KEY, max_wait=60)
        assert heard == []
        started = clock.now()
        limiter.acquire(KEY, max_wait=60)
    assert heard == [(BudgetWait(KEY, 60.0, MINUTE_WINDOW), started)]  # before the sleep
    assert heard[0][0].describe() == "waiting 60 s for the rate limit (minute window)"


def test_the_3001st_request_names_the_hour_window() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(EXACT, clock=clock)
    heard: list[BudgetWait] = []
    for _ in range(3000):
        limiter.acquire(KEY, max_wait=3600)
    with listening_for_budget_waits(heard.append):
        limiter.acquire(KEY, max_wait=3600)
    assert [event.window for event in heard] == [HOUR_WINDOW]
    assert heard[0].seconds == pytest.approx(3600.0 - 29 * 60)


def test_a_429_pause_is_announced_as_such_and_async_callers_hear_it_too() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(EXACT, clock=clock)
    limiter.pause(KEY, 30)
    heard: list[BudgetWait] = []

    async def acquire() -> None:
        await limiter.acquire_async(KEY, max_wait=60)

    with listening_for_budget_waits(heard.append):
        asyncio.run(acquire())
    assert heard == [BudgetWait(KEY, 30.0, PAUSE_WINDOW)]
    assert heard[0].describe() == "waiting 30 s for the rate limit (a 429 from the server)"


def test_listeners_nest_and_only_hear_their_own_context() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0.0), clock=clock)
    outer: list[BudgetWait] = []
    inner: list[BudgetWait] = []
    limiter.acquire(KEY, max_wait=60)
    with listening_for_budget_waits(outer.append):
        with listening_for_budget_waits(inner.append):
            limiter.acquire(KEY, max_wait=60)
        limiter.acquire(KEY, max_wait=60)
    limiter.acquire(KEY, max_wait=60)  # nobody listens any more
    assert len(inner) == 1
    assert len(outer) == 2


def test_a_wait_past_max_wait_names_the_window_in_the_error() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0.0), clock=clock)
    limiter.acquire(KEY, max_wait=60)
    with pytest.raises(RateLimitError) as caught:
        limiter.acquire(KEY, max_wait=5)
    assert caught.value.window == MINUTE_WINDOW
    assert "minute window: 1 requests per 60 s" in str(caught.value)


@pytest.fixture
def tight(clock: FakeClock, server: FakeServer) -> Callable[..., ReplyTransport]:
    """A transport whose minute window holds one request and lasts 5 seconds."""

    def make(**options: object) -> ReplyTransport:
        policy = RateLimitPolicy(per_minute=1, minute_window=5.0, margin=0.0)
        settings: dict[str, object] = {
            "limiter": InMemoryLimiter(policy, clock=clock),
            "rate_limit": policy,
            **options,
        }
        return ReplyTransport(
            api_key="rk_test_budget_waits",
            transport=httpx.MockTransport(server),
            clock=clock,
            **settings,  # type: ignore[arg-type]
        )

    return make


def test_the_transport_logs_a_long_wait_before_it_starts_naming_the_request(
    call: Caller,
    tight: Callable[..., ReplyTransport],
    server: FakeServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.script = [ok()]
    transport = tight()
    heard: list[BudgetWait] = []
    caplog.set_level(logging.INFO, logger="reply_contacts")
    with listening_for_budget_waits(heard.append):
        call(transport, "GET", "/v3/whoami")
        call(transport, "GET", "/v3/contacts")
    assert [(event.seconds, event.window) for event in heard] == [(5.0, MINUTE_WINDOW)]
    waits = [r for r in caplog.records if hasattr(r, BUDGET_WAIT_RECORD)]
    assert [r.getMessage() for r in waits] == [
        "waiting 5 s for the rate limit (minute window) before GET /v3/contacts"
    ]
    assert waits[0].levelno == logging.INFO
    # Logged before the request it held back was sent: the second send is 5 s after the first.
    assert server.times[1] - server.times[0] == 5.0


def test_a_short_wait_is_only_a_debug_line(
    call: Caller, clock: FakeClock, server: FakeServer, caplog: pytest.LogCaptureFixture
) -> None:
    policy = RateLimitPolicy(per_minute=1, minute_window=1.0, margin=0.0)
    transport = ReplyTransport(
        api_key="rk_test_budget_waits",
        transport=httpx.MockTransport(server),
        limiter=InMemoryLimiter(policy, clock=clock),
        rate_limit=policy,
        clock=clock,
    )
    server.script = [ok()]
    caplog.set_level(logging.DEBUG, logger="reply_contacts")
    call(transport, "GET", "/v3/whoami")
    call(transport, "GET", "/v3/whoami")
    waits = [r for r in caplog.records if hasattr(r, BUDGET_WAIT_RECORD)]
    assert [r.levelno for r in waits] == [logging.DEBUG]


@pytest.mark.parametrize("proactive", [True, False], ids=["limited", "unlimited"])
def test_a_429_retry_after_wait_is_announced_and_logged_once(
    call: Caller,
    make_transport: Callable[..., ReplyTransport],
    server: FakeServer,
    caplog: pytest.LogCaptureFixture,
    proactive: bool,
) -> None:
    refused = problem(429, "Too Many Requests")
    refused.headers["Retry-After"] = "3"
    server.script = [refused, ok()]
    transport = make_transport() if proactive else make_transport(rate_limit=None)
    heard: list[BudgetWait] = []
    caplog.set_level(logging.INFO, logger="reply_contacts")
    with listening_for_budget_waits(heard.append):
        assert call(transport, "GET", "/v3/whoami").status_code == 200
    assert [(event.seconds, event.window) for event in heard] == [(3.0, PAUSE_WINDOW)]
    assert any(
        r.getMessage()
        == "waiting 3 s for the rate limit (a 429 from the server) before GET /v3/whoami"
        for r in caplog.records
    )


def test_the_transport_error_for_a_wait_past_max_wait_names_the_window(
    call: Caller, tight: Callable[..., ReplyTransport], server: FakeServer
) -> None:
    server.script = [ok()]
    transport = tight(retry=RetryPolicy(max_wait=1.0))
    call(transport, "GET", "/v3/whoami")
    with pytest.raises(RateLimitError) as caught:
        call(transport, "GET", "/v3/whoami")
    assert caught.value.window == MINUTE_WINDOW
    assert "the rate limit (minute window: 1 requests per 5 s)" in str(caught.value)
    assert caught.value.status is None  # raised here: nothing was sent
