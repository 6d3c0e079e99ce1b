"""Benchmark: how much of a shared rate limit N worker processes use through one Redis.

    python bench/bench_limiter.py            1, 4 and 16 workers (about a minute in all)
    python bench/bench_limiter.py 4 8        chosen worker counts

Each worker is a spawned process with its own transport and `RedisLimiter`, sending
GET /v3/contacts?top=1 to one sandbox that enforces the same shrunken windows as the policy
(20 per 2 s and 60 per 8 s, so both bind within ten seconds). The baseline is the theoretical
maximum: the fastest schedule both sliding windows allow, computed, not measured. Figures:

* utilization: requests served / the most the windows allow in the same elapsed time (from the
  first response to the last, the opening burst included); 1.00 means nothing was left unused;
* speed: the fastest possible time for the same requests / the measured time;
* 429s: rate-limit refusals the server sent (the limiter's job is to make this 0).

Redis comes from REPLY_TEST_REDIS_URL, else from `bash scripts/redis.sh start`.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import RateLimitPolicy, RetryPolicy, build_transport
from reply_contacts.transport.redis_limiter import RedisLimiter

ROOT = Path(__file__).resolve().parents[1]
# The sandbox's limits; the policy is the same plus a margin.
LIMITS = RateLimitPolicy(per_minute=20, per_hour=60, minute_window=2.0, hour_window=8.0, margin=0)
MARGIN = 0.1  # loopback: a burst reaches the server within tens of milliseconds of its slot
TOTAL = 100  # five bursts: 0, 2, 4, then 8 and 10 once the longer window has turned
WORKER_COUNTS = (1, 4, 16)
SPAWN = multiprocessing.get_context("spawn")


def redis_url() -> str:
    url = os.environ.get("REPLY_TEST_REDIS_URL", "").strip()
    if url:
        return url
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "redis.sh"), "start"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"no Redis: set REPLY_TEST_REDIS_URL ({done.stderr.strip()})")
    return done.stdout.strip().splitlines()[-1]


def fastest_schedule(count: int) -> list[float]:
    """Send times of the fastest `count` sends the windows allow (earliest slot is optimal)."""
    times: list[float] = []
    for _ in range(count):
        slot = 0.0
        if len(times) >= LIMITS.per_minute:
            slot = max(slot, times[-LIMITS.per_minute] + LIMITS.minute_window)
        if len(times) >= LIMITS.per_hour:
            slot = max(slot, times[-LIMITS.per_hour] + LIMITS.hour_window)
        times.append(slot)
    return times


def allowed_within(elapsed: float) -> int:
    """The most sends the windows allow in [0, elapsed]."""
    count = LIMITS.per_minute
    while fastest_schedule(count)[-1] <= elapsed:
        count += LIMITS.per_minute
    return sum(1 for t in fastest_schedule(count) if t <= elapsed)


def _worker(
    base_url: str,
    api_key: str,
    url: str,
    namespace: str,
    policy_fields: dict[str, Any],
    quota: int,
    ready: Any,
    go: Any,
    results: Any,
) -> None:
    done: list[float] = []
    errors: list[str] = []
    try:
        policy = RateLimitPolicy(**policy_fields)
        limiter = RedisLimiter(url, policy, namespace=namespace)
        transport = build_transport(
            api_key=api_key,
            base_url=base_url,
            limiter=limiter,
            rate_limit=policy,
            retry=RetryPolicy(max_wait=120.0, deadline=300.0),
        )
        with httpx.Client(transport=transport, base_url=base_url, timeout=30.0) as client:
            # Open the connection (and build the SSL context) outside the limiter and before
            # the clock starts; the parent resets the sandbox's windows afterwards.
            raw = httpx.Client(
                transport=_Borrowed(transport.inner_transports()[0]),
                base_url=base_url,
                headers={"Authorization": f"Bearer {api_key}"},
            )
            raw.get("/v3/contacts", params={"top": 1})
            limiter.paused_for("warm-up")  # and the Redis connection
            ready.put(None)
            go.wait(120)
            for _ in range(quota):
                client.get("/v3/contacts", params={"top": 1})
                done.append(time.monotonic())
        limiter.close()
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
        ready.put(None)
    results.put((done, errors))


class _Borrowed(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)


def run(workers: int, *, url: str | None = None, total: int = TOTAL) -> dict[str, float]:
    """`workers` processes send `total` requests through one Redis; figures against the maximum.

    time.monotonic() is system-wide on Linux, so response times of all processes line up.
    """
    url = url or redis_url()
    policy = dataclasses.replace(LIMITS, margin=MARGIN)
    namespace = f"bench-{uuid.uuid4().hex[:12]}"
    fields = dataclasses.asdict(policy)
    ready: Any = SPAWN.Queue()
    results: Any = SPAWN.Queue()
    go: Any = SPAWN.Event()
    with Sandbox(seed=False) as sb:
        quotas = [total // workers + (1 if i < total % workers else 0) for i in range(workers)]
        processes = [
            SPAWN.Process(
                target=_worker,
                args=(sb.url, sb.api_key, url, namespace, fields, quota, ready, go, results),
            )
            for quota in quotas
        ]
        for process in processes:
            process.start()
        try:
            for _ in processes:
                ready.get(timeout=120)
            sb.set_rate_limit(
                LIMITS.per_minute, LIMITS.per_hour, LIMITS.minute_window, LIMITS.hour_window
            )
            sb.reset_stats()
            go.set()
            outcomes = [results.get(timeout=300) for _ in processes]
        finally:
            for process in processes:
                process.join(10)
                if process.is_alive():
                    process.terminate()
        stats = sb.stats()
    errors = [error for _, errs in outcomes for error in errs]
    done = sorted(t for times, _ in outcomes for t in times)
    elapsed = done[-1] - done[0] if len(done) > 1 else 0.0
    return {
        "workers": workers,
        "served": len(done),
        "elapsed_s": round(elapsed, 3),
        "allowed": allowed_within(elapsed),
        "utilization": round(len(done) / allowed_within(elapsed), 4),
        "speed": round(fastest_schedule(len(done))[-1] / elapsed, 4) if elapsed else 0.0,
        "429s": stats["byStatus"].get("429", 0),
        "requests_at_server": stats["requests"],
        "errors": len(errors),
    }


def main(argv: list[str]) -> int:
    counts = [int(arg) for arg in argv] or list(WORKER_COUNTS)
    url = redis_url()
    print(
        "shared limiter (Redis) vs the theoretical maximum; sandbox limits"
        f" {LIMITS.per_minute}/{LIMITS.minute_window:g}s and"
        f" {LIMITS.per_hour}/{LIMITS.hour_window:g}s,"
        f" {TOTAL} requests, margin {MARGIN:g}s"
    )
    print(f"{'workers':>7}  {'utilization':>11}  {'speed':>6}  {'429s':>4}  {'elapsed':>8}  errors")
    for workers in counts:
        figures = run(workers, url=url)
        print(
            f"{workers:>7}  {figures['utilization']:>10.2f}x  {figures['speed']:>5.2f}x"
            f"  {figures['429s']:>4}  {figures['elapsed_s']:>7.2f}s  {figures['errors']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
