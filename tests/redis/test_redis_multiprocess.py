"""Several processes, one Redis, one sandbox: the budget is shared, used, and never exceeded.

Each worker process (spawned, so nothing is inherited) sends through its own transport and its
own RedisLimiter; the sandbox enforces the same shrunken windows as the policy, as the real API
would, and counts its 429s.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import httpx
import pytest
from redis_support import (
    WorkerResult,
    allowed_by,
    fastest_schedule,
    hammer,
    paused_client_request,
)
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import RateLimitPolicy, build_transport
from reply_contacts.transport.redis_limiter import RedisLimiter

# 20 per 2 s and 60 per 8 s: 100 requests take five bursts (0, 2, 4, then 8 and 10 once the
# longer window has turned), so both windows bind within ~10 s.
LIMITS = {"per_minute": 20, "per_hour": 60, "minute_window": 2.0, "hour_window": 8.0}
# On loopback a burst's requests reach the server within a few tens of milliseconds of their
# slot; the margin absorbs that jitter (5% of the short window).
POLICY = RateLimitPolicy(**LIMITS, margin=0.1)
TOTAL = 100
SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(seed=False) as sb:
        yield sb


def run_fleet(
    sb: Sandbox, redis_url: str, namespace: str, *, processes: int, threads: int
) -> list[WorkerResult]:
    ready: Any = SPAWN.Queue()
    results: Any = SPAWN.Queue()
    go: Any = SPAWN.Event()
    quota = TOTAL // processes
    workers = [
        SPAWN.Process(
            target=hammer,
            args=(
                index,
                sb.url,
                sb.api_key,
                redis_url,
                namespace,
                asdict(POLICY),
                quota,
                threads,
                ready,
                go,
                results,
            ),
        )
        for index in range(processes)
    ]
    for worker in workers:
        worker.start()
    try:
        for _ in workers:  # every process has imported everything and connected to Redis
            ready.get(timeout=60)
        sb.set_rate_limit(**LIMITS)  # also forgets earlier requests
        sb.reset_stats()
        go.set()
        return [results.get(timeout=120) for _ in workers]
    finally:
        for worker in workers:
            worker.join(10)
            if worker.is_alive():
                worker.terminate()


def check_fleet(sb: Sandbox, results: list[WorkerResult], label: str) -> dict[str, float]:
    errors = [error for result in results for error in result.errors]
    assert not errors, errors
    stats = sb.stats()
    done = sorted(t for result in results for t in result.done)
    assert len(done) == TOTAL
    assert stats["rateLimited"] == 0, stats
    assert stats["byStatus"].get("429", 0) == 0, stats
    assert stats["requests"] == TOTAL, stats
    elapsed = done[-1] - done[0]
    windows = (LIMITS["per_minute"], LIMITS["per_hour"])
    durations = (LIMITS["minute_window"], LIMITS["hour_window"])
    allowed = allowed_by(*windows, *durations, elapsed)
    fastest = fastest_schedule(*windows, *durations, TOTAL)[-1]
    figures = {
        "served": float(len(done)),
        "elapsed": elapsed,
        "allowed": float(allowed),
        "utilization": len(done) / allowed,
        "speed": fastest / elapsed,
    }
    print(f"{label}: {figures}")
    assert figures["utilization"] >= 0.95, figures
    # FIFO across processes: nobody is starved. Every process is served within the first two
    # bursts (a process that only waited would show up here), whatever order the rest takes.
    first_served = [min(result.done) for result in results]
    assert max(first_served) - done[0] <= 2 * (POLICY.minute_window + POLICY.margin) + 0.5
    return figures


def test_four_processes_share_the_budget(sandbox: Sandbox, redis_url: str, namespace: str) -> None:
    results = run_fleet(sandbox, redis_url, namespace, processes=4, threads=1)
    check_fleet(sandbox, results, "4 processes x 1 thread")


def test_four_processes_of_eight_threads_share_the_budget(
    sandbox: Sandbox, redis_url: str, namespace: str
) -> None:
    results = run_fleet(sandbox, redis_url, namespace, processes=4, threads=8)
    check_fleet(sandbox, results, "4 processes x 8 threads")


def test_a_429_seen_by_one_process_pauses_the_others(
    sandbox: Sandbox, redis_url: str, namespace: str
) -> None:
    sb = sandbox
    policy = RateLimitPolicy(per_minute=100, per_hour=1000, minute_window=2.0, margin=0.05)
    sb.disable_rate_limit()
    sb.clear_faults()
    ready: Any = SPAWN.Queue()
    results: Any = SPAWN.Queue()
    go: Any = SPAWN.Event()
    other = SPAWN.Process(
        target=paused_client_request,
        args=(sb.url, sb.api_key, redis_url, namespace, asdict(policy), ready, go, results),
    )
    other.start()
    try:
        ready.get(timeout=60)
        sb.reset_stats()  # after the other process's warm-up request
        sb.inject_fault("GET", "/v3/contacts", status=429, retry_after=2, times=1)
        limiter = RedisLimiter(redis_url, policy, namespace=namespace)
        transport = build_transport(
            api_key=sb.api_key,
            base_url=sb.url,
            limiter=limiter,
            rate_limit=policy,
            budget_key="fleet",  # the other process's budget too
        )
        statuses: list[int] = []
        with httpx.Client(transport=transport, base_url=sb.url) as client:
            # This process meets the 429; its transport pauses the key in Redis, then retries.
            first = threading.Thread(
                target=lambda: statuses.append(client.get("/v3/contacts").status_code)
            )
            first.start()
            deadline = time.monotonic() + 10
            while (left := limiter.paused_for(transport.explicit_budget or "")) <= 0:
                assert time.monotonic() < deadline, "the 429 never paused the key"
                time.sleep(0.005)
            pause_ends = time.monotonic() + left
            go.set()  # the other process sends now, while the pause is running
            try:
                outcome = results.get(timeout=30)
            except queue.Empty:
                pytest.fail("the other process did not answer")
            first.join(30)
    finally:
        other.join(10)
        if other.is_alive():
            other.terminate()
        sb.clear_faults()
    assert not isinstance(outcome, str), outcome
    went, answered, status = outcome
    assert status == 200 and statuses == [200]
    assert left > 1.0  # the other process went well inside the pause...
    assert answered >= pause_ends - 0.05  # ...and was held until the pause ended
    assert answered - went >= left - 0.05
    stats = sb.stats()
    assert stats["byStatus"].get("429", 0) == 1, stats  # only the injected one
    assert stats["requests"] == 3, stats
