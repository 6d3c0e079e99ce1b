"""RedisLimiter on a real Redis: both windows, FIFO, pauses, max_wait, async, keys, outages."""

from __future__ import annotations

import asyncio
import logging
import pickle
import socket
import threading
import time
from collections.abc import Callable, Sequence

import pytest
import redis
import redis.asyncio
from redis_support import assert_within_windows, fastest_schedule
from reply_contacts.errors import RateLimitError, ReplyError
from reply_contacts.transport import Limiter, RateLimitPolicy
from reply_contacts.transport.redis_limiter import (
    LimiterUnavailableError,
    RedisLimiter,
    safe_redis_url,
)

KEY = "0123456789abcdef"  # limiter keys are API-key fingerprints
OTHER_KEY = "fedcba9876543210"
# The policy of the brief: both windows small enough to watch in real time.
TWO_WINDOWS = RateLimitPolicy(
    per_minute=5, per_hour=20, minute_window=1.0, hour_window=10.0, margin=0.0
)


def sends_key(namespace: str, key: str = KEY) -> str:
    return f"{namespace}:{{{key}}}:sends"


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.001)


def within_windows(times: Sequence[float], policy: RateLimitPolicy) -> None:
    limits = [
        (policy.per_minute, policy.minute_window),
        (policy.per_hour, policy.hour_window),
    ]
    assert_within_windows(times, limits)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def limiter(redis_url: str, namespace: str) -> RedisLimiter:
    return RedisLimiter(redis_url, TWO_WINDOWS, namespace=namespace)


def test_is_a_limiter(limiter: RedisLimiter) -> None:
    assert isinstance(limiter, Limiter)


def test_both_windows_are_enforced(limiter: RedisLimiter) -> None:
    start = time.monotonic()
    times = []
    for _ in range(20):
        limiter.acquire(KEY, max_wait=30)
        times.append(time.monotonic() - start)
    # four bursts of five, a minute-window apart
    for burst in range(4):
        for t in times[burst * 5 : burst * 5 + 5]:
            assert t == pytest.approx(burst * 1.0, abs=0.15)
    within_windows(times, TWO_WINDOWS)
    # the 21st would break the hour window: its slot is when the first send leaves it
    with pytest.raises(RateLimitError) as caught:
        limiter.acquire(KEY, max_wait=1.0)
    elapsed = time.monotonic() - start
    assert caught.value.retry_after == pytest.approx(10.0 - elapsed, abs=0.15)


def test_threads_never_exceed_either_window(redis_url: str, namespace: str) -> None:
    policy = RateLimitPolicy(
        per_minute=4, per_hour=10, minute_window=0.3, hour_window=1.0, margin=0.0
    )
    limiter = RedisLimiter(redis_url, policy, namespace=namespace)
    times: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(3):
            limiter.acquire(KEY, max_wait=30)
            with lock:
                times.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(times) == 24
    within_windows(times, policy)
    # and as fast as the windows allow: bursts of 4, 4, 2 per second, 24 sends by t = 2 s
    fastest = fastest_schedule(4, 10, 0.3, 1.0, 24)[-1]
    assert max(times) - min(times) == pytest.approx(fastest, abs=0.1)


def test_fifo_across_threads(redis_url: str, namespace: str, redis_client: redis.Redis) -> None:
    policy = RateLimitPolicy(per_minute=1, per_hour=100, minute_window=0.25, margin=0.0)
    limiter = RedisLimiter(redis_url, policy, namespace=namespace)
    limiter.acquire(KEY, max_wait=0)  # the window is now full
    finished: list[int] = []

    def worker(index: int) -> None:
        limiter.acquire(KEY, max_wait=30)
        finished.append(index)

    threads = []
    for index in range(6):
        thread = threading.Thread(target=worker, args=(index,))
        thread.start()
        threads.append(thread)
        # the next thread starts only once this one holds its reservation
        wait_until(lambda n=index + 2: redis_client.zcard(sends_key(namespace)) == n)
    for thread in threads:
        thread.join(10)
    assert finished == list(range(6))


def test_max_wait_raises_and_leaves_no_reservation(
    limiter: RedisLimiter, redis_client: redis.Redis, namespace: str
) -> None:
    for _ in range(5):
        limiter.acquire(KEY, max_wait=0)
    before = time.monotonic()
    with pytest.raises(RateLimitError) as caught:
        limiter.acquire(KEY, max_wait=0.5)
    assert time.monotonic() - before < 0.2  # raised at once, not after sleeping
    error = caught.value
    assert error.retry_after == pytest.approx(1.0, abs=0.1)
    assert error.status is None  # raised locally: nothing was sent
    assert "max_wait=0.5" in str(error)
    assert redis_client.zcard(sends_key(namespace)) == 5


def test_pause_extends_and_never_shortens(limiter: RedisLimiter) -> None:
    assert limiter.paused_for(KEY) == 0.0
    limiter.pause(KEY, 2.0)
    assert limiter.paused_for(KEY) == pytest.approx(2.0, abs=0.1)
    limiter.pause(KEY, 0.5)  # shorter: ignored
    assert limiter.paused_for(KEY) == pytest.approx(2.0, abs=0.1)
    limiter.pause(KEY, 3.0)  # longer: extends
    assert limiter.paused_for(KEY) == pytest.approx(3.0, abs=0.1)
    assert limiter.paused_for(OTHER_KEY) == 0.0


def test_acquire_waits_out_a_pause(limiter: RedisLimiter) -> None:
    limiter.pause(KEY, 0.6)
    waited = limiter.acquire(KEY, max_wait=5)
    assert waited == pytest.approx(0.6, abs=0.1)
    with pytest.raises(RateLimitError):
        limiter.pause(KEY, 5.0)
        limiter.acquire(KEY, max_wait=1.0)


@pytest.mark.parametrize(
    "per_hour",
    [
        100,  # the overtaken slot is given back
        1,  # the budget's sorted set is at its size cap: the slot is moved instead
    ],
)
def test_a_pause_that_begins_during_the_wait_is_honoured(
    redis_url: str, namespace: str, redis_client: redis.Redis, per_hour: int
) -> None:
    policy = RateLimitPolicy(
        per_minute=1, per_hour=per_hour, minute_window=0.3, hour_window=0.3, margin=0.0
    )
    limiter = RedisLimiter(redis_url, policy, namespace=namespace)
    other_process = RedisLimiter(redis_url, policy, namespace=namespace)
    limiter.acquire(KEY, max_wait=0)
    start = time.monotonic()
    timer = threading.Timer(0.1, other_process.pause, args=(KEY, 1.0))
    timer.start()
    limiter.acquire(KEY, max_wait=5)  # its slot (0.3 s) falls inside the pause (0.1..1.1 s)
    timer.join()
    assert time.monotonic() - start == pytest.approx(1.1, abs=0.1)
    assert redis_client.zcard(sends_key(namespace)) == 1  # one send, not a leftover slot too


def test_scripts_are_reloaded_when_redis_forgot_them(
    limiter: RedisLimiter, redis_client: redis.Redis, namespace: str
) -> None:
    limiter.acquire(KEY, max_wait=0)
    redis_client.script_flush()  # as after a restart or a failover: EVALSHA gets NOSCRIPT
    limiter.acquire(KEY, max_wait=0)
    limiter.pause(KEY, 0.1)
    assert redis_client.zcard(sends_key(namespace)) == 2


def test_keys_have_separate_budgets(limiter: RedisLimiter) -> None:
    for _ in range(5):
        limiter.acquire(KEY, max_wait=0)
    limiter.pause(KEY, 5.0)
    start = time.monotonic()
    for _ in range(5):
        limiter.acquire(OTHER_KEY, max_wait=0)
    assert time.monotonic() - start < 0.2


def test_namespaces_have_separate_budgets(redis_url: str, namespace: str) -> None:
    first = RedisLimiter(redis_url, TWO_WINDOWS, namespace=namespace)
    second = RedisLimiter(redis_url, TWO_WINDOWS, namespace=f"{namespace}:other")
    for _ in range(5):
        first.acquire(KEY, max_wait=0)
    for _ in range(5):
        second.acquire(KEY, max_wait=0)


async def test_async_acquire_shares_the_budget_with_sync_callers(
    limiter: RedisLimiter,
) -> None:
    for _ in range(3):
        limiter.acquire(KEY, max_wait=0)
    start = time.monotonic()
    times: list[float] = []

    async def one() -> None:
        await limiter.acquire_async(KEY, max_wait=30)
        times.append(time.monotonic() - start)

    await asyncio.gather(*(one() for _ in range(7)))
    times.sort()
    # two fit in the first second, the next five in the second
    assert times[1] < 0.15
    assert all(t == pytest.approx(1.0, abs=0.15) for t in times[2:])
    with pytest.raises(RateLimitError) as caught:
        await limiter.acquire_async(KEY, max_wait=0.2)
    assert caught.value.retry_after == pytest.approx(1.0, abs=0.2)
    await limiter.aclose()


def test_async_works_across_event_loops(limiter: RedisLimiter) -> None:
    # redis.asyncio connections belong to one loop; each asyncio.run is a new loop
    for _ in range(3):
        asyncio.run(limiter.acquire_async(KEY, max_wait=0))


async def test_async_with_a_client_passed_in(
    redis_client: redis.Redis, namespace: str, redis_url: str
) -> None:
    limiter = RedisLimiter(redis_client, TWO_WINDOWS, namespace=namespace)
    for _ in range(5):
        await limiter.acquire_async(KEY, max_wait=0)
    with pytest.raises(RateLimitError):
        await limiter.acquire_async(KEY, max_wait=0.1)
    limiter.close()
    assert redis_client.ping()  # a client passed in is the caller's to close


def test_memory_stays_bounded(redis_url: str, namespace: str, redis_client: redis.Redis) -> None:
    policy = RateLimitPolicy(
        per_minute=5, per_hour=8, minute_window=0.2, hour_window=0.6, margin=0.0
    )
    limiter = RedisLimiter(redis_url, policy, namespace=namespace)
    sizes: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            sizes.append(redis_client.zcard(sends_key(namespace)))
            time.sleep(0.005)

    def worker() -> None:
        for _ in range(5):
            limiter.acquire(KEY, max_wait=30)

    watcher = threading.Thread(target=watch)
    watcher.start()
    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    stop.set()
    watcher.join()
    assert max(sizes) <= policy.per_hour
    # the set expires once its latest send has left the longest window
    ttl = redis_client.pttl(sends_key(namespace))
    assert 0 < ttl <= (policy.hour_window + 1.0) * 1000 + 100
    limiter.pause(KEY, 0.2)
    assert 0 < redis_client.pttl(f"{namespace}:{{{KEY}}}:pause") <= 1250


def test_redis_unreachable_raises_a_clear_error() -> None:
    url = f"redis://:hunter2secret@127.0.0.1:{closed_port()}/0"
    limiter = RedisLimiter(url, TWO_WINDOWS)
    with pytest.raises(LimiterUnavailableError) as caught:
        limiter.acquire(KEY, max_wait=1)
    error = caught.value
    assert isinstance(error, ReplyError)
    assert "hunter2secret" not in str(error) and "hunter2secret" not in repr(error)
    assert "hunter2secret" not in repr(limiter)
    assert error.url == url.replace("hunter2secret", "***")
    assert error.url in str(error)
    assert "on_unavailable='local'" in str(error)  # says what to do
    with pytest.raises(LimiterUnavailableError):
        limiter.pause(KEY, 1.0)
    with pytest.raises(LimiterUnavailableError):
        limiter.paused_for(KEY)


async def test_redis_unreachable_raises_on_the_async_path_too() -> None:
    limiter = RedisLimiter(f"redis://127.0.0.1:{closed_port()}/0", TWO_WINDOWS)
    with pytest.raises(LimiterUnavailableError):
        await limiter.acquire_async(KEY, max_wait=1)


def test_redis_unreachable_falls_back_to_the_local_limiter(
    caplog: pytest.LogCaptureFixture,
) -> None:
    policy = RateLimitPolicy(
        per_minute=3, per_hour=50, minute_window=0.5, hour_window=5.0, margin=0.0
    )
    url = f"redis://:hunter2secret@127.0.0.1:{closed_port()}/0"
    limiter = RedisLimiter(url, policy, on_unavailable="local")
    with caplog.at_level(logging.INFO, logger="reply_contacts"):
        start = time.monotonic()
        for _ in range(4):  # alone in its fleet, the fallback has the whole budget: the 4th waits
            limiter.acquire(KEY, max_wait=5)
        assert time.monotonic() - start == pytest.approx(0.5, abs=0.15)
        limiter.pause(KEY, 0.3)  # recorded locally
        assert 0.1 < limiter.paused_for(KEY) <= 0.3
    assert not limiter.available
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, "one warning per outage, however many calls"
    message = warnings[0].getMessage()
    assert "127.0.0.1" in message and "share of the budget" in message
    assert "hunter2secret" not in caplog.text
    limiter.close()


def test_safe_redis_url_masks_the_password() -> None:
    assert safe_redis_url("redis://user:pw-123456@host:6380/2?password=x") == (
        "redis://user:***@host:6380/2"
    )
    assert safe_redis_url("redis://:pw-123456@host/0") == "redis://:***@host/0"
    assert safe_redis_url("rediss://host:6379/0") == "rediss://host:6379/0"
    assert safe_redis_url("unix:///run/redis.sock?password=x") == "unix:///run/redis.sock"


def test_limiter_pickles_for_worker_processes(redis_url: str, namespace: str) -> None:
    limiter = RedisLimiter(
        redis_url, TWO_WINDOWS, namespace=namespace, timeout=0.7, probe_interval=0.3
    )
    copy = pickle.loads(pickle.dumps(limiter))
    assert isinstance(copy, RedisLimiter)
    assert (copy.policy, copy.namespace, copy.display_url, copy.timeout, copy.probe_interval) == (
        limiter.policy,
        limiter.namespace,
        limiter.display_url,
        0.7,
        0.3,
    )
    for _ in range(5):
        limiter.acquire(KEY, max_wait=0)
    with pytest.raises(RateLimitError):  # the copy shares the budget
        copy.acquire(KEY, max_wait=0.1)


def test_rejects_bad_arguments(redis_url: str) -> None:
    with pytest.raises(ValueError, match="on_unavailable"):
        RedisLimiter(redis_url, on_unavailable="ignore")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"redis\.Redis.*RedisCluster"):
        RedisLimiter(redis.asyncio.Redis.from_url(redis_url))  # type: ignore[arg-type]
