"""Several processes, one Redis, one sandbox: the budget is shared, used, and never exceeded.

Each worker process (spawned, so nothing is inherited) sends through its own transport and its
own RedisLimiter; the sandbox enforces the same shrunken windows as the policy, as the real API
would, and counts its 429s (fleet.py).
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
from fleet import Fleet, check_fleet, run_fleet
from redis_support import paused_client_request
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import RateLimitPolicy, build_transport
from reply_contacts.transport.redis_limiter import RedisLimiter

SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(seed=False) as sb:
        yield sb


def test_four_processes_share_the_budget(sandbox: Sandbox, redis_url: str, namespace: str) -> None:
    run = run_fleet(sandbox, redis_url, Fleet(processes=4), namespace=namespace)
    check_fleet(run, "4 processes x 1 thread")


def test_four_processes_of_eight_threads_share_the_budget(
    sandbox: Sandbox, redis_url: str, namespace: str
) -> None:
    # 32 threads on this 2-core machine: a request can reach the server a few hundred ms after
    # its slot while the others hold the cores, so the margin covers that scheduling jitter
    # (the README: margin = the jitter between reserving a slot and the server seeing it).
    fleet = Fleet(processes=4, threads=8, margin=0.3)
    run = run_fleet(sandbox, redis_url, fleet, namespace=namespace)
    check_fleet(run, "4 processes x 8 threads")


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
            api_key=sb.api_key, base_url=sb.url, limiter=limiter, rate_limit=policy
        )
        statuses: list[int] = []
        with httpx.Client(transport=transport, base_url=sb.url) as client:
            # This process meets the 429; its transport pauses the key in Redis, then retries.
            first = threading.Thread(
                target=lambda: statuses.append(client.get("/v3/contacts").status_code)
            )
            first.start()
            deadline = time.monotonic() + 10
            while (left := limiter.paused_for(transport.limiter_key)) <= 0:
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
