"""Benchmark: how much of a shared rate limit worker processes use through Redis, per deployment.

    python bench/bench_limiter.py            every figure (a few minutes)
    python bench/bench_limiter.py 4 8        chosen worker counts on one Redis only

Each worker is a spawned process with its own transport and `RedisLimiter`, sending
GET /v3/contacts?top=1 to one sandbox that enforces the same shrunken windows as the policy
(20 per 2 s and 60 per 8 s, so both bind within ten seconds); the fleets are the tests' own
(tests/redis/fleet.py). The baseline is the theoretical maximum: the fastest schedule both
sliding windows allow, computed, not measured. Figures:

* utilization: requests served / the most the windows allow in the same elapsed time (from the
  first response to the last, the opening burst included); 1.00 means nothing was left unused;
* 429s: rate-limit refusals the server sent (the limiter's job is to make this 0);
* per deployment (one server, Cluster, Sentinel, TLS, one server 50 ms away through a delaying
  proxy): the fleet's utilization and 429s, and the latency of one uncontended `acquire`
  (p50/p99 of many) against the same on the plain server, measured in the same run.

Deployments come from scripts/redis.sh (started if not running, stopped after if started here);
the plain server from REPLY_TEST_REDIS_URL when set.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "redis"))  # the tests' fleets, deployments and proxy

import redis  # noqa: E402
from deployments import start, stop  # noqa: E402
from fleet import LIMITS, MARGIN, Fleet, run_fleet  # noqa: E402
from latency_proxy import DelayProxy  # noqa: E402
from reply_contacts.sandbox import Sandbox  # noqa: E402
from reply_contacts.transport import RateLimitPolicy  # noqa: E402
from reply_contacts.transport.redis_limiter import RedisLimiter  # noqa: E402

TOTAL = 100  # five bursts: 0, 2, 4, then 8 and 10 once the longer window has turned
WORKER_COUNTS = (1, 4, 16)
TOPOLOGIES = ("standalone", "cluster", "sentinel", "tls", "standalone 50 ms away")
LATENCY_SAMPLES = 400
ONE_WAY_DELAY = 0.025  # the distant Redis: a 50 ms round trip
# For the latency figure: a budget no acquire ever waits for.
UNLIMITED = RateLimitPolicy(per_minute=10**9, per_hour=10**9, margin=0)

Row = tuple[str, str, str, float]  # figure, measured, baseline, ratio (bench/__main__.py)


def redis_url() -> str:
    return os.environ.get("REPLY_TEST_REDIS_URL", "").strip() or start("standalone")[0]


def run(workers: int, *, url: str | None = None, total: int = TOTAL) -> dict[str, float]:
    """`workers` processes send `total` requests through one Redis; figures against the maximum."""
    with Sandbox(seed=False) as sb:
        fleet_run = run_fleet(sb, url or redis_url(), Fleet(processes=workers, total=total))
    figures = fleet_run.figures()
    figures["workers"] = workers
    return figures


def acquire_latency(url: str, samples: int = LATENCY_SAMPLES) -> tuple[float, float]:
    """(p50, p99) seconds of one `acquire` that never waits: the Redis round trip and script."""
    limiter = RedisLimiter(url, UNLIMITED, namespace=f"bench-latency-{uuid.uuid4().hex[:8]}")
    for _ in range(20):  # connect, load the script
        limiter.acquire("latency", max_wait=0)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        limiter.acquire("latency", max_wait=0)
        times.append(time.perf_counter() - started)
    limiter.close()
    cuts = statistics.quantiles(times, n=100)
    return cuts[49], cuts[98]


@contextmanager
def deployment(topology: str, plain: str) -> Iterator[str]:
    """The URL of `topology` for as long as the block runs (started and stopped if needed)."""
    if topology == "standalone":
        yield plain
    elif topology == "standalone 50 ms away":
        target = redis.Redis.from_url(plain).connection_pool.connection_kwargs
        with DelayProxy(target["host"], target["port"], one_way=ONE_WAY_DELAY) as proxy:
            yield proxy.url()
    else:
        url, started_here = start(topology)
        try:
            yield url
        finally:
            if started_here:
                stop(topology)


def topology_figures(plain: str) -> list[dict[str, Any]]:
    figures = []
    with Sandbox(seed=False) as sb:
        for topology in TOPOLOGIES:
            with deployment(topology, plain) as url:
                p50, p99 = acquire_latency(url)
                fleet_run = run_fleet(sb, url, Fleet(processes=4, threads=2, total=TOTAL))
            figures.append({"topology": topology, "p50": p50, "p99": p99, **fleet_run.figures()})
    return figures


def rows() -> list[Row]:
    """The limiter's rows of `nox -s bench`."""
    plain = redis_url()
    table: list[Row] = []
    for workers in WORKER_COUNTS:
        figures = run(workers, url=plain)
        table.append(
            (
                f"rate-limit utilization, {workers} worker process(es) sharing Redis",
                f"{figures['served']:.0f} served, {figures['429s']:.0f} x 429",
                f"allowed {figures['allowed']:.0f}",
                figures["utilization"],
            )
        )
    by_topology = topology_figures(plain)
    baseline = by_topology[0]
    for figures in by_topology:
        name = figures["topology"]
        table.append(
            (
                f"rate-limit utilization, 4 processes x 2 threads via {name}",
                f"{figures['served']:.0f} served, {figures['429s']:.0f} x 429",
                f"allowed {figures['allowed']:.0f}",
                figures["utilization"],
            )
        )
        table.append(
            (
                f"acquire latency p50 / p99 via {name}",
                f"{_ms(figures['p50'])} / {_ms(figures['p99'])}",
                f"standalone {_ms(baseline['p50'])} / {_ms(baseline['p99'])}",
                figures["p50"] / baseline["p50"],
            )
        )
    return table


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main(argv: list[str]) -> int:
    if argv:
        url = redis_url()
        print(
            f"shared limiter (Redis) vs the theoretical maximum; sandbox limits"
            f" {LIMITS.per_minute}/{LIMITS.minute_window:g}s and"
            f" {LIMITS.per_hour}/{LIMITS.hour_window:g}s, {TOTAL} requests, margin {MARGIN:g}s"
        )
        print(f"{'workers':>7}  {'utilization':>11}  {'speed':>6}  {'429s':>4}  {'elapsed':>8}")
        for workers in [int(arg) for arg in argv]:
            figures = run(workers, url=url)
            print(
                f"{workers:>7}  {figures['utilization']:>10.2f}x  {figures['speed']:>5.2f}x"
                f"  {figures['429s']:>4.0f}  {figures['elapsed']:>7.2f}s"
            )
        return 0
    table = rows()
    width = max(len(row[0]) for row in table)
    for figure, measured, baseline, ratio in table:
        print(f"{figure:<{width}}  {measured:>24}  {baseline:>28}  {ratio:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
