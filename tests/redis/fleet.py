"""A fleet of worker processes sharing one budget through Redis, against a sandbox that enforces it.

Each worker is a spawned process (nothing inherited) with its own transport and `RedisLimiter`;
its threads send GET /v3/contacts?top=1 until the fleet's total is served. The sandbox enforces
the same windows as the policy, as the real API would, and counts its 429s. `run_fleet` can act
on Redis while the fleet runs (freeze it, kill a primary) through `during`.

A module of its own (not a test module) so `multiprocessing`'s spawn start method can import the
worker function by name, and so the benchmark can run the same fleets.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from redis_support import allowed_by, fastest_schedule, warm_up
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import RateLimitPolicy

SPAWN = multiprocessing.get_context("spawn")
# 20 per 2 s and 60 per 8 s: 100 requests take five bursts (0, 2, 4, then 8 and 10 once the
# longer window has turned), so both windows bind within ~10 s.
LIMITS = RateLimitPolicy(per_minute=20, per_hour=60, minute_window=2.0, hour_window=8.0, margin=0)
# On loopback a burst's requests reach the server within a few tens of milliseconds of their
# slot; the margin absorbs that jitter (5% of the short window).
MARGIN = 0.1
RETRY_UNAVAILABLE_EVERY = 0.05  # a worker told "Redis is unavailable" tries again this soon


@dataclass(frozen=True)
class Fleet:
    processes: int
    threads: int = 1
    total: int = 100
    margin: float = MARGIN
    limiter: dict[str, Any] = field(default_factory=dict)  # RedisLimiter keyword options
    per_request_deadline: float = 60.0  # give up on a request (an error) after this long

    @property
    def policy(self) -> RateLimitPolicy:
        return dataclasses.replace(LIMITS, margin=self.margin)


@dataclass
class WorkerResult:
    process: int
    done: list[float] = field(default_factory=list)  # time.monotonic() of each response
    statuses: dict[int, int] = field(default_factory=dict)
    unavailable: list[float] = field(default_factory=list)  # LimiterUnavailableError, when
    errors: list[str] = field(default_factory=list)


@dataclass
class FleetRun:
    """What a fleet run did, with its figures against the most the windows allow."""

    fleet: Fleet
    results: list[WorkerResult]
    stats: dict[str, Any]  # the sandbox's
    marks: dict[str, float] = field(default_factory=dict)  # time.monotonic() of events

    @property
    def done(self) -> list[float]:
        return sorted(t for result in self.results for t in result.done)

    @property
    def errors(self) -> list[str]:
        return [error for result in self.results for error in result.errors]

    @property
    def unavailable(self) -> list[float]:
        return sorted(t for result in self.results for t in result.unavailable)

    @property
    def rate_limited(self) -> int:
        return int(self.stats["byStatus"].get("429", 0))

    def figures(self) -> dict[str, float]:
        done = self.done
        elapsed = done[-1] - done[0] if len(done) > 1 else 0.0
        windows = (LIMITS.per_minute, LIMITS.per_hour, LIMITS.minute_window, LIMITS.hour_window)
        allowed = allowed_by(*windows, elapsed)
        unavailable = self.unavailable
        return {
            "served": float(len(done)),
            "elapsed": round(elapsed, 3),
            "allowed": float(allowed),
            "utilization": round(len(done) / allowed, 4) if allowed else 0.0,
            "speed": round(fastest_schedule(*windows, len(done))[-1] / elapsed, 4)
            if elapsed
            else 0.0,
            "429s": float(self.rate_limited),
            "requests_at_server": float(self.stats["requests"]),
            "unavailable_errors": float(len(unavailable)),
            "unavailable_for": round(unavailable[-1] - unavailable[0], 3) if unavailable else 0.0,
            "errors": float(len(self.errors)),
        }

    def rate_limited_after(self, mark: str) -> int:
        """429s the sandbox answered after `marks[mark]` (from the stats snapshot taken then)."""
        return self.rate_limited - int(self.marks.get(f"{mark}:429s", 0))


def run_fleet(
    sb: Sandbox,
    redis_url: str,
    fleet: Fleet,
    *,
    namespace: str | None = None,
    during: Callable[[FleetRun], None] | None = None,
) -> FleetRun:
    """Run `fleet` to completion; `during(run)` runs in this process once the fleet has started.

    `during` may call `mark(run, sb, name)` to note when something happened (and how many 429s
    the sandbox had answered by then).
    """
    namespace = namespace or f"fleet-{uuid.uuid4().hex[:12]}"
    ready: Any = SPAWN.Queue()
    results: Any = SPAWN.Queue()
    go: Any = SPAWN.Event()
    quotas = [
        fleet.total // fleet.processes + (1 if i < fleet.total % fleet.processes else 0)
        for i in range(fleet.processes)
    ]
    workers = [
        SPAWN.Process(
            target=hammer,
            args=(
                index,
                sb.url,
                sb.api_key,
                redis_url,
                namespace,
                fleet,
                quota,
                ready,
                go,
                results,
            ),
        )
        for index, quota in enumerate(quotas)
    ]
    run = FleetRun(fleet, [], {})
    for worker in workers:
        worker.start()
    try:
        for _ in workers:  # every process has imported everything and connected to Redis
            ready.get(timeout=120)
        sb.set_rate_limit(
            LIMITS.per_minute, LIMITS.per_hour, LIMITS.minute_window, LIMITS.hour_window
        )  # also forgets earlier requests
        sb.reset_stats()
        go.set()
        run.marks["go"] = time.monotonic()
        if during is not None:
            during(run)
        run.results = [results.get(timeout=300) for _ in workers]
        run.stats = sb.stats()
    finally:
        for worker in workers:
            worker.join(10)
            if worker.is_alive():
                worker.terminate()
    return run


def check_fleet(run: FleetRun, label: str) -> dict[str, float]:
    """Every request served, none refused, the budget used; nobody starved."""
    assert not run.errors, run.errors
    figures = run.figures()
    print(f"{label}: {figures}")
    assert figures["served"] == run.fleet.total
    assert run.stats["rateLimited"] == 0, run.stats
    assert run.rate_limited == 0, run.stats
    assert run.stats["requests"] == run.fleet.total, run.stats
    assert figures["utilization"] >= 0.95, figures
    # FIFO across processes: nobody is starved. Every process is served within the first two
    # bursts (a process that only waited would show up here), whatever order the rest takes.
    first_served = [min(result.done) for result in run.results]
    assert max(first_served) - run.done[0] <= 2 * (LIMITS.minute_window + run.fleet.margin) + 0.5
    return figures


def mark(run: FleetRun, sb: Sandbox, name: str) -> None:
    run.marks[name] = time.monotonic()
    run.marks[f"{name}:429s"] = float(sb.stats()["byStatus"].get("429", 0))


def hammer(
    index: int,
    base_url: str,
    api_key: str,
    redis_url: str,
    namespace: str,
    fleet: Fleet,
    quota: int,
    ready: Any,
    go: Any,
    results: Any,
) -> None:
    """One worker process: `fleet.threads` threads share one client and send `quota` requests.

    time.monotonic() is the system-wide monotonic clock on Linux, so the parent can line up the
    response times of every process.
    """
    from reply_contacts.transport import RetryPolicy, build_transport
    from reply_contacts.transport.redis_limiter import LimiterUnavailableError, RedisLimiter

    result = WorkerResult(index)
    try:
        limiter = RedisLimiter(redis_url, fleet.policy, namespace=namespace, **fleet.limiter)
        transport = build_transport(
            api_key=api_key,
            base_url=base_url,
            limiter=limiter,
            rate_limit=fleet.policy,
            retry=RetryPolicy(max_wait=120.0, deadline=300.0),
        )
        client = httpx.Client(transport=transport, base_url=base_url, timeout=30.0)
        warm_up(transport, base_url, api_key, fleet.threads)
        limiter.paused_for("warm-up")  # connect to Redis before the clock starts
        lock = threading.Lock()
        left = [quota]

        def send() -> int:
            """One request, tried again while the limiter says Redis is unavailable."""
            give_up = time.monotonic() + fleet.per_request_deadline
            while True:
                try:
                    return client.get("/v3/contacts", params={"top": 1}).status_code
                except LimiterUnavailableError:
                    with lock:
                        result.unavailable.append(time.monotonic())
                    if time.monotonic() > give_up:
                        raise
                    time.sleep(RETRY_UNAVAILABLE_EVERY)

        def run() -> None:
            while True:
                with lock:
                    if left[0] == 0:
                        return
                    left[0] -= 1
                try:
                    status = send()
                except Exception as exc:  # reported to the parent, which fails the test
                    with lock:
                        result.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    result.done.append(time.monotonic())
                    result.statuses[status] = result.statuses.get(status, 0) + 1

        ready.put(index)
        go.wait(60)
        workers = [threading.Thread(target=run) for _ in range(fleet.threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        client.close()
        limiter.close()
    except BaseException as exc:  # the parent must hear about it rather than hang
        result.errors.append(f"{type(exc).__name__}: {exc}")
        ready.put(index)
    results.put(result)
