"""Proactive rate limiting end to end: a sandbox enforcing shrunken windows never answers 429 to
clients configured with the same windows, however hard 8 threads or 8 asyncio tasks push."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from facade_support import API_KEY, client_options, run, seeded_contacts
from reply_contacts import (
    AsyncReplyContacts,
    FakeClock,
    RateLimitError,
    RateLimitPolicy,
    ReplyContacts,
    RetryPolicy,
)
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import InMemoryLimiter
from reply_contacts.transport.ratelimit import MAX_OBSERVED_DELAY

# Shrunken windows: 10 per 1 s and 25 per 3 s (the real API: 100 per 60 s and 3,000 per hour).
SHORT, SHORT_WINDOW = 10, 1.0
LONG, LONG_WINDOW = 25, 3.0
HAMMER_SECONDS = 3.5
WORKERS = 8
POLICY = RateLimitPolicy(
    per_minute=SHORT,
    per_hour=LONG,
    minute_window=SHORT_WINDOW,
    hour_window=LONG_WINDOW,
    # The library's default margin: it absorbs the time between a slot and the request's arrival
    # (thread and GIL scheduling on a busy machine). See the cold-start test for when it cannot.
    margin=0.25,
)


def limit_sandbox(sb: Sandbox, short: int = SHORT, long: int = LONG) -> None:
    sb.set_rate_limit(short, long, SHORT_WINDOW, LONG_WINDOW)
    sb.reset_stats()


def most_the_windows_allow(seconds: float) -> int:
    """An upper bound on requests the server can accept in `seconds` (ignoring the margin)."""
    long_windows = int(seconds // LONG_WINDOW) + 1
    return min(long_windows * LONG, (int(seconds // SHORT_WINDOW) + 1) * SHORT)


def assert_served_without_429(sb: Sandbox, elapsed: float, sent: int) -> None:
    stats = sb.stats()
    served = stats["byStatus"].get("200", 0)
    assert stats["rateLimited"] == 0 and "429" not in stats["byStatus"], stats
    assert served == sent == stats["requests"]
    # Both windows were reached: more than the long window's budget went through, close to
    # what the windows allow in the time the run took.
    assert served > LONG
    assert served <= most_the_windows_allow(elapsed)
    assert served >= 0.6 * most_the_windows_allow(HAMMER_SECONDS)


def test_server_limits_are_live(sb: Sandbox) -> None:
    """The control: without proactive limiting the same sandbox does answer 429."""
    (cid,) = seeded_contacts(sb, 1)
    limit_sandbox(sb)
    unguarded = ReplyContacts(**client_options(sb, max_retries=0))
    with unguarded, pytest.raises(RateLimitError) as caught:
        for _ in range(SHORT + 1):
            unguarded.contacts.get(cid)
    assert caught.value.status == 429 and caught.value.retry_after is not None
    assert sb.stats()["rateLimited"] == 1


def test_eight_threads_never_get_429(sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    client = ReplyContacts(**client_options(sb, rate_limit=POLICY, limiter=InMemoryLimiter(POLICY)))
    # Half the threads use a copy: copies share the original's budget.
    copy = client.with_options(timeout=10)
    errors: list[BaseException] = []

    def hammer(target: Any, stop: float) -> None:
        try:
            while time.monotonic() < stop:
                assert target.contacts.get(cid).id == cid
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    def run_threads(seconds: float) -> float:
        started = time.monotonic()
        threads = [
            threading.Thread(target=hammer, args=(client if n % 2 else copy, started + seconds))
            for n in range(WORKERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        return time.monotonic() - started

    # Warm up first (connections open, lazy imports done): a cold start is its own test below.
    run_threads(0.05)
    limit_sandbox(sb)
    sent_before = client.requests_sent + copy.requests_sent
    elapsed = run_threads(HAMMER_SECONDS)
    assert not errors, errors
    sent = client.requests_sent + copy.requests_sent - sent_before
    assert_served_without_429(sb, elapsed, sent)
    client.close()


async def test_eight_tasks_never_get_429(sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    options = client_options(sb, rate_limit=POLICY, limiter=InMemoryLimiter(POLICY))
    async with AsyncReplyContacts(**options) as client:

        async def hammer(stop: float) -> int:
            calls = 0
            while time.monotonic() < stop:
                assert (await client.contacts.get(cid)).id == cid
                calls += 1
            return calls

        async def run_tasks(seconds: float) -> list[int]:
            stop = time.monotonic() + seconds
            tasks = asyncio.gather(*(hammer(stop) for _ in range(WORKERS)))
            return list(await asyncio.wait_for(tasks, timeout=30))

        await run_tasks(0.05)  # warm up: see the cold-start test below
        limit_sandbox(sb)
        sent_before = client.requests_sent
        started = time.monotonic()
        counts = await run_tasks(HAMMER_SECONDS)
        elapsed = time.monotonic() - started
    sent = client.requests_sent - sent_before
    assert_served_without_429(sb, elapsed, sent)
    assert sum(counts) == sent, "no request was retried"


async def test_default_limiter_is_shared_by_clients_of_one_key(sb: Sandbox) -> None:
    """Two independently built clients of one key (no explicit limiter) share one budget."""
    (cid,) = seeded_contacts(sb, 1)
    policy = RateLimitPolicy(per_minute=6, per_hour=500, minute_window=1.0, margin=0.1)
    options = client_options(sb, rate_limit=policy)
    del options["limiter"]
    first, second = ReplyContacts(**options), AsyncReplyContacts(**options)
    assert first.transport.limiter is second.transport.limiter
    first.whoami()
    await second.whoami()
    sb.set_rate_limit(6, 500, 1.0, 3600.0)
    sb.reset_stats()
    started = time.monotonic()
    for _ in range(4):
        first.contacts.get(cid)
        await run(second.contacts.get(cid))
    assert time.monotonic() - started >= SHORT_WINDOW, "8 requests > 6 per second: one wait"
    assert sb.stats()["rateLimited"] == 0
    first.close()
    await second.close()


def test_slow_first_requests_do_not_cause_429(sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    policy = RateLimitPolicy(per_minute=5, per_hour=500, minute_window=1.0, margin=0.1)
    client = ReplyContacts(**client_options(sb, rate_limit=policy, limiter=InMemoryLimiter(policy)))
    client.whoami()  # warm: the delay below is the network's, not ours
    sb.set_rate_limit(5, 500, 1.0, 3600.0)
    sb.reset_stats()
    sb.inject_fault("GET", "/v3/contacts/*", latency=0.4, times=5)

    def two_calls() -> None:
        for _ in range(2):
            client.contacts.get(cid)

    threads = [threading.Thread(target=two_calls) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    client.close()
    assert sb.stats()["byStatus"] == {"200": 10}


# -- the defaults: a plain loop never raises for its own budget ----------------------------------


def _default_client(sb: Sandbox, is_async: bool, clock: FakeClock, **settings: Any) -> Any:
    """A client with the library's defaults (rate limit, retry policy, shared limiter) on a
    virtual clock: the limiter's waits pass without a real minute going by."""
    client_class = AsyncReplyContacts if is_async else ReplyContacts
    return client_class(api_key=API_KEY, base_url=sb.url, clock=clock, **settings)


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
async def test_defaults_never_fail_a_plain_loop(sb: Sandbox, is_async: bool) -> None:
    (cid,) = seeded_contacts(sb, 1)
    clock = FakeClock()
    started = clock.now()
    client = _default_client(sb, is_async, clock)
    try:
        for _ in range(250):
            assert (await run(client.contacts.get(cid))).id == cid
    finally:
        await run(client.close())
    # Two full minute windows were waited for (each: the window plus the margin).
    margin = RateLimitPolicy().margin
    assert clock.now() - started == pytest.approx(2 * (60.0 + margin))
    # The 250 calls, and the one whoami that found whose budget the key spends (charged to it).
    assert sb.stats()["requests"] == 250 + 1


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
async def test_defaults_cover_the_hour_window_too(sb: Sandbox, is_async: bool) -> None:
    """The default max_wait follows the client's rate-limit policy, so the hour window does
    not fail a loop either (shrunken here: 10 a minute, 30 an hour)."""
    (cid,) = seeded_contacts(sb, 1)
    clock = FakeClock()
    policy = RateLimitPolicy(per_minute=10, per_hour=30)
    client = _default_client(sb, is_async, clock, rate_limit=policy)
    started = clock.now()
    try:
        for _ in range(31):
            await run(client.contacts.get(cid))
    finally:
        await run(client.close())
    # The 31st request waited for the first one to leave the hour window: after two minute
    # windows, most of an hour, more than a fixed 60 s default would have allowed.
    assert clock.now() - started == pytest.approx(3600.0 + policy.margin)
    longest = max(clock.sleeps)
    assert longest == pytest.approx(3600.0 - 2 * 60.0 - policy.margin)
    assert 60.0 < longest <= policy.longest_wait


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
async def test_a_lower_max_wait_still_raises_instead_of_waiting(
    sb: Sandbox, is_async: bool
) -> None:
    (cid,) = seeded_contacts(sb, 1)
    clock = FakeClock()
    client = _default_client(sb, is_async, clock, retry=RetryPolicy(max_wait=60))
    try:
        # 100 requests: the first call also asks whoami whose budget the key spends.
        for _ in range(99):
            await run(client.contacts.get(cid))
        with pytest.raises(RateLimitError) as caught:
            await run(client.contacts.get(cid))
    finally:
        await run(client.close())
    assert caught.value.status is None  # raised locally: the request was not sent
    assert caught.value.retry_after == pytest.approx(60.0 + RateLimitPolicy().margin)
    assert "longer than the 60s this call may wait" in str(caught.value)
    assert sb.stats()["requests"] == 100
    assert clock.sleeps == []


def test_the_default_max_wait_is_the_longest_wait_of_a_sequential_caller() -> None:
    policy = RateLimitPolicy()
    assert RetryPolicy().max_wait is None
    # The minute window (plus the largest margin) and what the hour leaves after 29 minute
    # windows a sequential caller spends on its first 3,000 requests.
    assert policy.longest_wait == 3600.0 + MAX_OBSERVED_DELAY - 29 * 60.0
    assert RateLimitPolicy(per_minute=100, per_hour=100).longest_wait == 3600 + MAX_OBSERVED_DELAY
    assert RateLimitPolicy(per_hour=100_000).longest_wait == 60.0 + MAX_OBSERVED_DELAY
