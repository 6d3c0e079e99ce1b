"""Worker fleets sharing one budget through each deployment, against a sandbox enforcing it.

Each run: spawned worker processes with their own RedisLimiter (fleet.py) send a fixed number of
requests; the sandbox enforces the policy's windows and counts 429s. Through a Cluster, Sentinel,
TLS and a Redis 50 ms away: every request served, 0 x 429, the budget used. Through a failover
(a primary killed mid-run): the limiter behaves as `on_unavailable` says during the window, and
after it the fleet goes on with no 429 and nothing double-spent. Each run prints its figures.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import pytest
import redis
from deployments import cluster_primary_for, sentinel_primary, wait_for
from fleet import Fleet, FleetRun, check_fleet, mark, run_fleet
from latency_proxy import DelayProxy
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import key_fingerprint
from reply_contacts.transport.redis_scripts import budget_keys

# Failover runs: short timeouts and probes, so the window is the deployment's own.
FAST = {"timeout": 0.5, "probe_interval": 0.2}
KILL_AFTER = 2.5  # seconds into the run: the first bursts are through, the longer window binds
# Once the new primary answers, every worker's probe finds it within a probe interval and a
# timeout, re-publishes, and new reservations are held as long again: then it has settled.
SETTLE = 2 * (FAST["timeout"] + FAST["probe_interval"]) + 0.5


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(seed=False) as sb:
        yield sb


@pytest.mark.parametrize("deployment", ["cluster", "sentinel", "tls"])
def test_a_fleet_shares_the_budget_through(
    deployment: str, sandbox: Sandbox, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue(f"{deployment}_url")
    run = run_fleet(sandbox, url, Fleet(processes=3, threads=2, total=60))
    check_fleet(run, f"{deployment}: 3 processes x 2 threads")


def test_a_fleet_shares_the_budget_through_a_redis_50ms_away(
    sandbox: Sandbox, redis_url: str
) -> None:
    """Every Redis round trip takes 50 ms; the margin (0.1 s) covers jitter, not the trip."""
    target = redis.Redis.from_url(redis_url).connection_pool.connection_kwargs
    with DelayProxy(target["host"], target["port"], one_way=0.025) as proxy:
        run = run_fleet(sandbox, proxy.url(), Fleet(processes=4, threads=2, total=100))
    check_fleet(run, "Redis 50 ms away: 4 processes x 2 threads")


def budget_of(sb: Sandbox, namespace: str) -> str:
    """The Redis key of the budget the fleet's workers share (their API key's)."""
    return budget_keys(namespace, key_fingerprint(sb.api_key)).sends


def kill_primary_mid_run(
    sb: Sandbox, find_primary: Callable[[], object], healthy_again: Callable[[], bool]
) -> Callable[[FleetRun], None]:
    def during(run: FleetRun) -> None:
        primary = find_primary()
        time.sleep(KILL_AFTER)
        primary.kill()  # type: ignore[attr-defined]
        mark(run, sb, "killed")
        run.marks["failover_s"] = wait_for(healthy_again, 30.0, "the failover")
        mark(run, sb, "failed_over")
        time.sleep(SETTLE)
        mark(run, sb, "settled")

    return during


def check_failover(run: FleetRun, label: str) -> dict[str, float]:
    """Every request served, not one 429 (the sandbox refuses what goes over the budget): the
    window stayed within it, and after it there was no burst and nothing double-spent."""
    figures = run.figures()
    figures["failover_s"] = round(run.marks["failover_s"], 2)
    figures["429s_in_window"] = run.marks["settled:429s"] - run.marks["killed:429s"]
    figures["429s_after"] = float(run.rate_limited_after("settled"))
    print(f"{label}: {figures}")
    assert not run.errors, run.errors
    assert figures["served"] == run.fleet.total
    assert run.rate_limited == 0, figures  # neither in the window nor after it
    assert run.stats["requests"] == run.fleet.total, run.stats
    return figures


def test_a_cluster_failover_mid_run_raises_fast_then_the_fleet_goes_on(
    sandbox: Sandbox, private_deployment: Callable[[str], str]
) -> None:
    url = private_deployment("cluster")
    namespace = f"failover-{uuid.uuid4().hex[:8]}"
    sends = budget_of(sandbox, namespace)
    killed = []

    def primary() -> object:
        killed.append(cluster_primary_for(url, sends))
        return killed[-1]

    def promoted() -> bool:  # the budget's slot has a live primary again
        return cluster_primary_for(url, sends).pid != killed[0].pid

    fleet = Fleet(processes=4, threads=2, total=100, limiter=FAST)
    run = run_fleet(
        sandbox,
        url,
        fleet,
        namespace=namespace,
        during=kill_primary_mid_run(sandbox, primary, promoted),
    )
    figures = check_failover(run, "Cluster failover, on_unavailable='raise'")
    # The window was seen, and raised fast: callers were told, not stalled.
    assert figures["unavailable_errors"] > 0


def test_a_sentinel_failover_mid_run_falls_back_then_the_fleet_goes_on(
    sandbox: Sandbox, private_deployment: Callable[[str], str]
) -> None:
    url = private_deployment("sentinel")
    killed = []

    def primary() -> object:
        killed.append(sentinel_primary(url))
        return killed[-1]

    def promoted() -> bool:
        return sentinel_primary(url).pid != killed[0].pid

    fleet = Fleet(processes=4, threads=2, total=100, limiter={**FAST, "on_unavailable": "local"})
    run = run_fleet(sandbox, url, fleet, during=kill_primary_mid_run(sandbox, primary, promoted))
    figures = check_failover(run, "Sentinel failover, on_unavailable='local'")
    # The fallback served the window, each process its share of what the fleet had left.
    assert figures["unavailable_errors"] == 0
