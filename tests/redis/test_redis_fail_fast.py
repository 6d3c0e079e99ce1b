"""A Redis that stops answering costs callers one short timeout, and its return costs no 429s.

A real redis-server of the test's own is frozen with SIGSTOP (the process is alive, its port
accepts connections, nothing answers: the worst case for a client) and thawed with SIGCONT.
Before this, every call blocked ~15.5 s on a frozen Redis, the fallback re-checked Redis on the
callers' time, and the fleet met 429s when Redis came back.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import redis
from deployments import Server, wait_for
from fleet import Fleet, FleetRun, mark, run_fleet
from reply_contacts.errors import RateLimitError
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import RateLimitPolicy
from reply_contacts.transport.redis_connect import DEFAULT_TIMEOUT, parse_redis_url
from reply_contacts.transport.redis_limiter import (
    LimiterUnavailableError,
    RedisLimiter,
)
from reply_contacts.transport.redis_scripts import budget_keys

KEY = "0123456789abcdef"
POLICY = RateLimitPolicy(per_minute=5, per_hour=50, minute_window=1.0, hour_window=10.0, margin=0)
TIMEOUT = 0.5  # the limiter's socket timeouts in these tests
PROBE = 0.2  # and its probe interval
# A frozen Redis may cost a caller one timeout; "at once" is anything well under one.
AT_ONCE = TIMEOUT / 2
OLD_BLOCKING = 15.5  # what one call cost before


@dataclass
class Frozen:
    url: str
    server: Server
    client: redis.Redis


@pytest.fixture
def private_redis(private_deployment: Callable[[str], str]) -> Iterator[Frozen]:
    url = private_deployment("standalone")
    client = redis.Redis.from_url(url)
    try:
        yield Frozen(url, Server.of(client), client)
    finally:
        client.close()


def limiter_for(url: str, **options: object) -> RedisLimiter:
    namespace = f"fail-fast-{uuid.uuid4().hex[:8]}"
    return RedisLimiter(
        url, POLICY, namespace=namespace, timeout=TIMEOUT, probe_interval=PROBE, **options
    )


def timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.monotonic()
    try:
        outcome: object = call()
    except Exception as exc:
        outcome = exc
    return time.monotonic() - started, outcome


def test_timeouts_default_to_one_second_and_can_be_set(redis_url: str) -> None:
    assert DEFAULT_TIMEOUT <= 2.0
    for timeout in (DEFAULT_TIMEOUT, 0.3):
        client = parse_redis_url(redis_url).sync_client(timeout)
        options = client.connection_pool.connection_kwargs
        assert options["socket_timeout"] == timeout
        assert options["socket_connect_timeout"] == timeout
        client.close()
    sentinel = parse_redis_url("redis+sentinel://127.0.0.1:1/svc/0").sync_client(0.3)
    assert sentinel.connection_pool.connection_kwargs["socket_timeout"] == 0.3
    # options in the URL win
    client = parse_redis_url(f"{redis_url}?socket_timeout=1.5").sync_client(0.3)
    assert client.connection_pool.connection_kwargs["socket_timeout"] == 1.5
    client.close()
    with pytest.raises(ValueError, match="positive"):
        RedisLimiter(redis_url, timeout=0)


def test_a_frozen_redis_fails_fast_and_is_probed_in_the_background(
    private_redis: Frozen, caplog: pytest.LogCaptureFixture
) -> None:
    limiter = limiter_for(private_redis.url)
    limiter.acquire(KEY, max_wait=0)
    with caplog.at_level(logging.INFO, logger="reply_contacts"):
        private_redis.server.freeze()
        try:
            first, error = timed(lambda: limiter.acquire(KEY, max_wait=5))
            assert isinstance(error, LimiterUnavailableError), error
            assert "Timeout" in str(error)
            assert first < TIMEOUT + 1.0 < OLD_BLOCKING  # one timeout, not retried
            assert not limiter.available
            # Every later call is answered at once: nobody waits on a Redis known to be down.
            for call in (
                lambda: limiter.acquire(KEY, max_wait=5),
                lambda: limiter.pause(KEY, 1.0),
                lambda: limiter.paused_for(KEY),
            ):
                for _ in range(5):
                    took, error = timed(call)
                    assert isinstance(error, LimiterUnavailableError), error
                    assert took < AT_ONCE
        finally:
            private_redis.server.thaw()
        # The background probe finds it back (its own frozen probe times out first).
        wait_for(lambda: limiter.available, TIMEOUT + PROBE + 5.0, "Redis seen back")
        took, outcome = timed(lambda: limiter.acquire(KEY, max_wait=0))
        assert outcome == pytest.approx(0.0, abs=0.05) and took < AT_ONCE
    messages = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert [level for level, _ in messages] == [logging.WARNING, logging.INFO], messages
    assert "LimiterUnavailableError" in messages[0][1] and "back" in messages[1][1]
    limiter.close()


async def test_a_frozen_redis_fails_fast_on_the_async_path(private_redis: Frozen) -> None:
    limiter = limiter_for(private_redis.url)
    await limiter.acquire_async(KEY, max_wait=0)
    private_redis.server.freeze()
    try:
        started = time.monotonic()
        with pytest.raises(LimiterUnavailableError):
            await limiter.acquire_async(KEY, max_wait=5)
        assert time.monotonic() - started < TIMEOUT + 1.0
        started = time.monotonic()
        for _ in range(5):
            with pytest.raises(LimiterUnavailableError):
                await limiter.acquire_async(KEY, max_wait=5)
        assert time.monotonic() - started < AT_ONCE
    finally:
        private_redis.server.thaw()
    await asyncio.to_thread(wait_for, lambda: limiter.available, TIMEOUT + PROBE + 5.0, "back")
    await limiter.acquire_async(KEY, max_wait=0)
    await limiter.aclose()


def test_local_fallback_serves_at_once_and_redis_learns_what_it_missed(
    private_redis: Frozen, caplog: pytest.LogCaptureFixture
) -> None:
    limiter = limiter_for(private_redis.url, on_unavailable="local")
    keys = budget_keys(limiter.namespace, KEY)
    for _ in range(3):
        limiter.acquire(KEY, max_wait=0)
    with caplog.at_level(logging.INFO, logger="reply_contacts"):
        private_redis.server.freeze()
        try:
            first, waited = timed(lambda: limiter.acquire(KEY, max_wait=5))
            assert waited == pytest.approx(first, abs=0.01)  # served, by the fallback
            assert first < TIMEOUT + 1.0
            # The fallback counts the 3 sends made through Redis: 2 more fit the window...
            second, _ = timed(lambda: limiter.acquire(KEY, max_wait=5))
            assert second < AT_ONCE
            # ...and the next waits for the window, on the fallback's clock, not on Redis.
            third, _ = timed(lambda: limiter.acquire(KEY, max_wait=5))
            assert third > AT_ONCE
        finally:
            private_redis.server.thaw()
        wait_for(lambda: limiter.available, TIMEOUT + PROBE + 5.0, "Redis seen back")
    # Redis now holds the 3 fallback sends too, and holds new reservations for a moment, so
    # that every process can tell it about its own before the budget is handed out again. (The
    # request that timed out sat in Redis's socket buffer: thawed, Redis may still run it, a
    # reservation nobody uses, which only makes the budget more cautious.)
    sends = private_redis.client.zcard(keys.sends)
    assert sends in (6, 7)
    hold = private_redis.client.pttl(keys.recovery)
    assert 0 < hold <= (PROBE + TIMEOUT + 1.0) * 1000
    with pytest.raises(RateLimitError):
        limiter.acquire(KEY, max_wait=0)  # held: not handed out at once
    assert limiter.acquire(KEY, max_wait=5) > 0
    assert private_redis.client.zcard(keys.sends) == sends + 1
    levels = [r.levelno for r in caplog.records]
    assert levels == [logging.WARNING, logging.INFO], caplog.text
    limiter.close()


def test_sends_redis_lost_are_published_again(redis_url: str, redis_client: redis.Redis) -> None:
    # As after a failover to a replica that had not received the latest writes, or a restart.
    limiter = limiter_for(redis_url)
    keys = budget_keys(limiter.namespace, KEY)
    for _ in range(5):
        limiter.acquire(KEY, max_wait=0)
    redis_client.delete(keys.sends)
    # The limiter notices its latest reservation is gone and publishes its sends again: the
    # window is still full, as the API server would say.
    with pytest.raises(RateLimitError):
        limiter.acquire(KEY, max_wait=0)
    assert redis_client.zcard(keys.sends) == 5
    assert redis_client.pttl(keys.recovery) > 0
    redis_client.delete(*keys.all())


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(seed=False) as sb:
        yield sb


def test_a_fleet_rides_through_a_frozen_redis_without_a_429(
    sandbox: Sandbox, private_redis: Frozen
) -> None:
    # Four worker processes in fallback mode; Redis freezes mid-run for three seconds.
    fleet = Fleet(
        processes=4,
        limiter={"on_unavailable": "local", "timeout": TIMEOUT, "probe_interval": PROBE},
    )

    def freeze_for_a_while(run: FleetRun) -> None:
        time.sleep(2.5)
        private_redis.server.freeze()
        mark(run, sandbox, "frozen")
        try:
            time.sleep(3.0)
        finally:
            private_redis.server.thaw()
        # Every worker's probe finds Redis back within a timeout and a probe interval, and
        # re-publishes; new reservations are held as long again.
        time.sleep(2 * (TIMEOUT + PROBE) + 0.5)
        mark(run, sandbox, "settled")

    run = run_fleet(sandbox, private_redis.url, fleet, during=freeze_for_a_while)
    figures = run.figures()
    figures["429s_in_window"] = run.marks["settled:429s"] - run.marks["frozen:429s"]
    figures["429s_after"] = float(run.rate_limited_after("settled"))
    print(f"fleet through a 3 s freeze, fallback mode: {figures}")
    assert not run.errors, run.errors
    assert figures["served"] == fleet.total
    assert figures["unavailable_errors"] == 0  # nobody waited on, or was failed by, Redis
    assert run.rate_limited_after("settled") == 0, figures  # no burst when Redis is back
    assert run.rate_limited == 0, figures  # and the fallback's shares kept within the budget
