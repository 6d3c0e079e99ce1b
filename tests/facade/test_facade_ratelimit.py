"""Proactive rate limiting end to end: a sandbox enforcing shrunken windows never answers 429 to
clients configured with the same windows, however hard 8 threads or 8 asyncio tasks push."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from facade_support import client_options, run, seeded_contacts
from reply_contacts import AsyncReplyContacts, RateLimitError, RateLimitPolicy, ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import InMemoryLimiter

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
    margin=0.1,
)


def limit_sandbox(sb: Sandbox) -> int:
    (cid,) = seeded_contacts(sb, 1)
    sb.set_rate_limit(SHORT, LONG, SHORT_WINDOW, LONG_WINDOW)
    sb.reset_stats()
    return cid


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
    cid = limit_sandbox(sb)
    with ReplyContacts(**client_options(sb, max_retries=0)) as unguarded:
        with pytest.raises(RateLimitError) as caught:
            for _ in range(SHORT + 1):
                unguarded.contacts.get(cid)
    assert caught.value.status == 429 and caught.value.retry_after is not None
    assert sb.stats()["rateLimited"] == 1


def test_eight_threads_never_get_429(sb: Sandbox) -> None:
    cid = limit_sandbox(sb)
    client = ReplyContacts(**client_options(sb, rate_limit=POLICY, limiter=InMemoryLimiter(POLICY)))
    # Half the threads use a copy: copies share the original's budget.
    copy = client.with_options(timeout=10)
    errors: list[BaseException] = []
    started = time.monotonic()
    stop = started + HAMMER_SECONDS

    def hammer(target: Any) -> None:
        try:
            while time.monotonic() < stop:
                assert target.contacts.get(cid).id == cid
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    threads = [
        threading.Thread(target=hammer, args=(client if n % 2 else copy,)) for n in range(WORKERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    elapsed = time.monotonic() - started
    assert not errors, errors
    assert_served_without_429(sb, elapsed, client.requests_sent + copy.requests_sent)
    client.close()


async def test_eight_tasks_never_get_429(sb: Sandbox) -> None:
    cid = limit_sandbox(sb)
    options = client_options(sb, rate_limit=POLICY, limiter=InMemoryLimiter(POLICY))
    async with AsyncReplyContacts(**options) as client:
        started = time.monotonic()
        stop = started + HAMMER_SECONDS

        async def hammer() -> int:
            calls = 0
            while time.monotonic() < stop:
                assert (await client.contacts.get(cid)).id == cid
                calls += 1
            return calls

        counts = await asyncio.wait_for(
            asyncio.gather(*(hammer() for _ in range(WORKERS))), timeout=30
        )
        elapsed = time.monotonic() - started
    assert_served_without_429(sb, elapsed, client.requests_sent)
    assert sum(counts) == client.requests_sent


async def test_default_limiter_is_shared_by_clients_of_one_key(sb: Sandbox) -> None:
    """Two independently built clients of one key (no explicit limiter) share one budget."""
    cid = limit_sandbox(sb)
    policy = RateLimitPolicy(per_minute=6, per_hour=500, minute_window=1.0, margin=0.1)
    sb.set_rate_limit(6, 500, 1.0, 3600.0)
    options = client_options(sb, rate_limit=policy)
    del options["limiter"]
    first, second = ReplyContacts(**options), AsyncReplyContacts(**options)
    assert first.transport.limiter is second.transport.limiter
    started = time.monotonic()
    for _ in range(4):
        first.contacts.get(cid)
        await run(second.contacts.get(cid))
    assert time.monotonic() - started >= SHORT_WINDOW, "8 requests > 6 per second: one wait"
    assert sb.stats()["rateLimited"] == 0
    first.close()
    await second.close()
