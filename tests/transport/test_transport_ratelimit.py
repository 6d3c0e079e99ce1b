"""The limiter: both sliding windows, FIFO across threads and tasks, shared pauses, max_wait."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Sequence

import httpx
import pytest
from reply_contacts.errors import RateLimitError
from reply_contacts.transport import (
    FakeClock,
    InMemoryLimiter,
    Limiter,
    RateLimitPolicy,
    ReplyTransport,
    RetryPolicy,
    SystemClock,
    shared_limiter,
)

KEY = "key-a"
EXACT = RateLimitPolicy(margin=0.0)


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Real-time polling, used only to sequence threads; never to let virtual time pass."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.0005)


def assert_within_windows(times: Sequence[float], policy: RateLimitPolicy) -> None:
    """What a server with the same sliding windows would check: no window (t - w, t] too full."""
    ordered = sorted(times)
    for limit, window in (
        (policy.per_minute, policy.minute_window),
        (policy.per_hour, policy.hour_window),
    ):
        for i, t in enumerate(ordered):
            in_window = sum(1 for s in ordered[: i + 1] if s > t - window)
            assert in_window <= limit, f"{in_window} sends in ({t - window}, {t}] > {limit}"


def test_in_memory_limiter_is_a_limiter() -> None:
    assert isinstance(InMemoryLimiter(), Limiter)


def test_101st_request_in_a_minute_waits_for_the_first_to_leave() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(EXACT, clock=clock)
    start = clock.now()
    for _ in range(100):
        assert limiter.acquire(KEY, max_wait=60) == 0.0
    assert clock.sleeps == []
    waited = limiter.acquire(KEY, max_wait=60)
    assert waited == 60.0
    assert clock.now() == start + 60.0


def test_3001st_request_in_an_hour_waits_for_the_first_to_leave() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(EXACT, clock=clock)
    start = clock.now()
    sends = []
    for _ in range(3000):
        limiter.acquire(KEY, max_wait=3600)
        sends.append(clock.now())
    assert sends[-1] == start + 29 * 60  # 100 per minute for 30 minutes
    waited = limiter.acquire(KEY, max_wait=3600)
    assert clock.now() == start + 3600.0
    assert waited == pytest.approx(3600.0 - 29 * 60)
    assert_within_windows([*sends, clock.now()], EXACT)


def test_margin_widens_both_windows() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0.5), clock=clock)
    limiter.acquire(KEY, max_wait=100)
    assert limiter.acquire(KEY, max_wait=100) == 60.5


def test_keys_have_separate_budgets() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0), clock=clock)
    limiter.acquire("a", max_wait=0)
    assert limiter.acquire("b", max_wait=0) == 0.0
    assert clock.sleeps == []


def test_max_wait_raises_without_sleeping_or_reserving() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=2, margin=0), clock=clock)
    limiter.acquire(KEY, max_wait=0)
    limiter.acquire(KEY, max_wait=0)
    clock.advance(15)
    with pytest.raises(RateLimitError) as caught:
        limiter.acquire(KEY, max_wait=30)
    assert caught.value.retry_after == 45.0
    assert caught.value.status is None
    assert clock.sleeps == []
    # the refused call took no slot: a patient caller still gets the first free one
    assert limiter.acquire(KEY, max_wait=45) == 45.0


def test_max_wait_async_raises_without_sleeping() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0), clock=clock)
    limiter.acquire(KEY, max_wait=0)
    with pytest.raises(RateLimitError):
        asyncio.run(limiter.acquire_async(KEY, max_wait=10))
    assert clock.sleeps == []


def test_pause_is_honoured_and_never_shortened() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(EXACT, clock=clock)
    limiter.pause(KEY, 30)
    limiter.pause(KEY, 5)  # a shorter pause must not cut the longer one
    assert limiter.paused_for(KEY) == 30.0
    assert limiter.paused_for("other") == 0.0
    assert limiter.acquire("other", max_wait=0) == 0.0
    with pytest.raises(RateLimitError) as caught:
        limiter.acquire(KEY, max_wait=10)
    assert caught.value.retry_after == 30.0
    assert limiter.acquire(KEY, max_wait=60) == 30.0
    assert limiter.paused_for(KEY) == 0.0


async def test_pause_that_starts_while_waiting_is_honoured() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0), clock=clock)
    limiter.acquire(KEY, max_wait=0)
    start = clock.now()
    with clock.actor():  # hold time still while the waiter is set up

        async def waiter() -> float:
            with clock.actor():
                await limiter.acquire_async(KEY, max_wait=500)
                return clock.now()

        task = asyncio.create_task(waiter())
        while clock.sleepers < 1:
            await asyncio.sleep(0)
        limiter.pause(KEY, 100)  # a 429 elsewhere: the slot at +60 is no longer good enough
    assert await task == start + 100.0


def test_fifo_across_threads() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0), clock=clock)
    limiter.acquire(KEY, max_wait=0)  # the window is now full
    start = clock.now()
    finished: list[tuple[int, float]] = []

    def worker(index: int) -> None:
        with clock.actor():
            limiter.acquire(KEY, max_wait=1000)
            finished.append((index, clock.now()))

    threads = []
    with clock.actor():  # time stands still until every thread is queued
        for index in range(6):
            thread = threading.Thread(target=worker, args=(index,))
            thread.start()
            threads.append(thread)
            wait_until(lambda n=index + 1: clock.sleepers == n)
    for thread in threads:
        thread.join(5)
    assert finished == [(i, start + 60.0 * (i + 1)) for i in range(6)]


async def test_fifo_across_tasks_and_threads_sharing_one_queue() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0), clock=clock)
    limiter.acquire(KEY, max_wait=0)
    finished: list[str] = []

    def in_thread(name: str) -> None:
        with clock.actor():
            limiter.acquire(KEY, max_wait=1000)
            finished.append(name)

    async def in_task(name: str) -> None:
        with clock.actor():
            await limiter.acquire_async(KEY, max_wait=1000)
            finished.append(name)

    threads: list[threading.Thread] = []
    tasks: list[asyncio.Task[None]] = []
    names = ["task0", "thread1", "task2", "task3", "thread4", "task5"]
    with clock.actor():
        for count, name in enumerate(names, start=1):
            if name.startswith("thread"):
                thread = threading.Thread(target=in_thread, args=(name,))
                thread.start()
                threads.append(thread)
            else:
                tasks.append(asyncio.create_task(in_task(name)))
            while clock.sleepers < count:
                await asyncio.sleep(0.0005)
    await asyncio.gather(*tasks)
    for thread in threads:
        thread.join(5)
    assert finished == names


HAMMER = RateLimitPolicy(
    per_minute=5, per_hour=12, minute_window=60.0, hour_window=600.0, margin=0.0
)


def counting_transport(
    clock: FakeClock, limiter: InMemoryLimiter
) -> tuple[ReplyTransport, list[float]]:
    arrivals: list[float] = []
    lock = threading.Lock()

    def server(request: httpx.Request) -> httpx.Response:
        with lock:
            arrivals.append(clock.now())
        return httpx.Response(200, json={})

    transport = ReplyTransport(
        api_key="hammer-key-123456",
        transport=httpx.MockTransport(server),
        limiter=limiter,
        rate_limit=HAMMER,
        retry=RetryPolicy(max_wait=10_000, deadline=100_000),
        clock=clock,
    )
    return transport, arrivals


def test_eight_threads_never_exceed_either_window() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(HAMMER, clock=clock)
    transport, arrivals = counting_transport(clock, limiter)
    client = httpx.Client(transport=transport, base_url="https://api.reply.io")

    def worker() -> None:
        with clock.actor():
            for _ in range(6):
                client.get("/v3/contacts")

    threads = [threading.Thread(target=worker) for _ in range(8)]
    with clock.actor():
        for thread in threads:
            thread.start()
    for thread in threads:
        thread.join(10)
    client.close()
    assert len(arrivals) == 48
    assert_within_windows(arrivals, HAMMER)
    # the budget is used, not wasted: bursts of 5, 5, 2 every 600 s, four times over
    assert max(arrivals) - min(arrivals) == pytest.approx(3 * 600.0 + 120.0)


async def test_eight_tasks_never_exceed_either_window() -> None:
    clock = FakeClock()
    limiter = InMemoryLimiter(HAMMER, clock=clock)
    transport, arrivals = counting_transport(clock, limiter)

    async with httpx.AsyncClient(transport=transport, base_url="https://api.reply.io") as client:

        async def worker() -> None:
            with clock.actor():
                for _ in range(6):
                    await client.get("/v3/contacts")

        with clock.actor():
            tasks = [asyncio.create_task(worker()) for _ in range(8)]
            await asyncio.sleep(0)
        await asyncio.gather(*tasks)
    assert len(arrivals) == 48
    assert_within_windows(arrivals, HAMMER)
    assert max(arrivals) - min(arrivals) == pytest.approx(3 * 600.0 + 120.0)


def test_eight_threads_on_the_real_clock() -> None:
    """The same guarantee in real time, with windows shrunk to fractions of a second."""
    policy = RateLimitPolicy(
        per_minute=4, per_hour=10, minute_window=0.2, hour_window=0.6, margin=0.05
    )
    limiter = InMemoryLimiter(policy, clock=SystemClock())
    arrivals: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(3):
            limiter.acquire(KEY, max_wait=30)
            with lock:
                arrivals.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(arrivals) == 24
    # checked against the windows without the margin, as the server would count
    assert_within_windows(arrivals, policy)


def test_shared_limiter_is_one_per_policy() -> None:
    policy = RateLimitPolicy(per_minute=7)
    assert shared_limiter(policy) is shared_limiter(RateLimitPolicy(per_minute=7))
    assert shared_limiter(policy) is shared_limiter(policy, clock=SystemClock())
    assert shared_limiter(policy) is not shared_limiter(RateLimitPolicy(per_minute=8))
    clock = FakeClock()
    assert shared_limiter(policy, clock=clock) is shared_limiter(policy, clock=clock)
    assert shared_limiter(policy, clock=clock) is not shared_limiter(policy)


def test_transports_of_one_key_share_the_default_limiter() -> None:
    clock = FakeClock()
    policy = RateLimitPolicy(per_minute=3, margin=0.0, minute_window=17.0)
    a = ReplyTransport(api_key="shared-key-0001", rate_limit=policy, clock=clock)
    b = ReplyTransport(api_key="shared-key-0001", rate_limit=policy, clock=clock)
    assert a.limiter is b.limiter
    assert a.limiter_key == b.limiter_key


def test_policy_validates() -> None:
    with pytest.raises(ValueError):
        RateLimitPolicy(per_minute=0)
    with pytest.raises(ValueError):
        RateLimitPolicy(hour_window=0)
