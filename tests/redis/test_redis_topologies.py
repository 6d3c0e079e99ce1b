"""RedisLimiter on the deployments people run: Cluster, Sentinel, TLS; each from a URL and a client.

Real local deployments started by scripts/redis.sh (conftest). The budget semantics are tested
at length on one server (test_redis_limiter.py); here: that each deployment carries them, that a
URL-built and a client-built limiter share one budget, and that Cluster redirections are
followed.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest
import redis
import redis.cluster
from redis.sentinel import Sentinel
from reply_contacts.errors import RateLimitError
from reply_contacts.transport import RateLimitPolicy
from reply_contacts.transport.redis_connect import parse_redis_url, safe_redis_url
from reply_contacts.transport.redis_limiter import (
    LimiterUnavailableError,
    RedisLimiter,
)
from reply_contacts.transport.redis_scripts import budget_keys

# Five per window, a window long enough that no test sees it turn.
POLICY = RateLimitPolicy(per_minute=5, per_hour=50, minute_window=30.0, hour_window=60.0, margin=0)


def fill_then_refuse(limiters: list[RedisLimiter], key: str) -> None:
    """Five sends across `limiters` go at once; the sixth, on any of them, is refused."""
    for index in range(POLICY.per_minute):
        assert limiters[index % len(limiters)].acquire(key, max_wait=0) < 0.5
    for limiter in limiters:
        with pytest.raises(RateLimitError):
            limiter.acquire(key, max_wait=0)


def fresh_namespace() -> str:
    return f"topology-{uuid.uuid4().hex[:8]}"


# -- Cluster --------------------------------------------------------------------------------------


@pytest.fixture
def cluster(cluster_url: str) -> Iterator[redis.cluster.RedisCluster]:
    host, port = parse_redis_url(cluster_url).nodes[0]
    client = redis.cluster.RedisCluster(host=host, port=port, socket_timeout=2)
    yield client
    client.close()


def keys_on_each_shard(cluster: redis.cluster.RedisCluster, namespace: str) -> list[str]:
    """Three budget keys whose budgets live on three different primaries."""
    chosen: dict[str, str] = {}
    for index in range(1000):
        key = f"{index:016x}"
        owner = cluster.get_node_from_key(budget_keys(namespace, key).sends).name
        chosen.setdefault(owner, key)
        if len(chosen) == 3:
            return list(chosen.values())
    raise AssertionError("no three shards")


def test_a_budget_keeps_its_keys_in_one_slot(cluster: redis.cluster.RedisCluster) -> None:
    for key in ("0123456789abcdef", "fedcba9876543210", "a", "user:42"):
        slots = {cluster.keyslot(name) for name in budget_keys("reply-contacts", key).all()}
        assert len(slots) == 1


def test_cluster_from_a_url_and_from_a_client_share_each_budget(
    cluster_url: str, cluster: redis.cluster.RedisCluster
) -> None:
    namespace = fresh_namespace()
    from_url = RedisLimiter(cluster_url, POLICY, namespace=namespace)
    from_client = RedisLimiter(cluster, POLICY, namespace=namespace)
    assert from_client.display_url.startswith("redis+cluster://127.0.0.1:")
    for key in keys_on_each_shard(cluster, namespace):  # the script runs on each shard
        fill_then_refuse([from_url, from_client], key)
        assert cluster.zcard(budget_keys(namespace, key).sends) == POLICY.per_minute
    from_url.close()


async def test_cluster_async(cluster_url: str, cluster: redis.cluster.RedisCluster) -> None:
    namespace = fresh_namespace()
    limiter = RedisLimiter(cluster_url, POLICY, namespace=namespace)
    for key in keys_on_each_shard(cluster, namespace):
        for _ in range(POLICY.per_minute):
            await limiter.acquire_async(key, max_wait=0)
        with pytest.raises(RateLimitError):
            await limiter.acquire_async(key, max_wait=0)
    # A client passed in serves async callers too, from a worker thread.
    shared = RedisLimiter(cluster, POLICY, namespace=namespace)
    with pytest.raises(RateLimitError):
        await shared.acquire_async(keys_on_each_shard(cluster, namespace)[0], max_wait=0)
    await limiter.aclose()


def redirections(node: redis.Redis) -> dict[str, int]:
    stats = node.info("errorstats")
    return {
        kind: int(stats.get(f"errorstat_{kind}", {}).get("count", 0)) for kind in ("ASK", "MOVED")
    }


def test_cluster_redirections_are_followed_while_a_slot_moves(
    cluster_url: str, cluster: redis.cluster.RedisCluster
) -> None:
    """The budget's slot moves to another primary mid-use: ASK while it moves, MOVED after.

    While a slot is half-moved, Redis answers a multi-key script TRYAGAIN unless every key it
    names is on the same side; here all four of the budget's keys exist, so they move together
    (a pause and a hold that have ended, as any busy budget has).
    """
    namespace = fresh_namespace()
    key = "0123456789abcdef"
    keys = budget_keys(namespace, key)
    limiter = RedisLimiter(cluster_url, POLICY, namespace=namespace)
    limiter.acquire(key, max_wait=0)
    limiter.acquire(key, max_wait=0)
    cluster.set(keys.pause, "0", px=60_000)
    cluster.set(keys.recovery, "0", px=60_000)

    slot = cluster.keyslot(keys.sends)
    source_node = cluster.get_node_from_key(keys.sends)
    target_node = next(node for node in cluster.get_primaries() if node.name != source_node.name)
    source = cluster.get_redis_connection(source_node)
    target = cluster.get_redis_connection(target_node)
    source_id = source.execute_command("CLUSTER MYID").decode()
    target_id = target.execute_command("CLUSTER MYID").decode()
    before = redirections(source)

    target.execute_command("CLUSTER SETSLOT", slot, "IMPORTING", source_id)
    source.execute_command("CLUSTER SETSLOT", slot, "MIGRATING", target_id)
    names = source.execute_command("CLUSTER GETKEYSINSLOT", slot, 100)
    assert len(names) == 4
    source.execute_command(
        "MIGRATE", target_node.host, target_node.port, "", 0, 5000, "KEYS", *names
    )
    # The keys are on the target, the slot still the source's: the source answers ASK.
    limiter.acquire(key, max_wait=0)
    limiter.acquire(key, max_wait=0)
    assert redirections(source)["ASK"] > before["ASK"]

    for node in cluster.get_primaries():
        cluster.get_redis_connection(node).execute_command(
            "CLUSTER SETSLOT", slot, "NODE", target_id
        )
    # The slot is the target's: the limiter's cached route meets MOVED, and follows it.
    limiter.acquire(key, max_wait=0)
    assert redirections(source)["MOVED"] > before["MOVED"]
    with pytest.raises(RateLimitError):  # five sends, across the move: the window is full
        limiter.acquire(key, max_wait=0)
    assert target.zcard(keys.sends) == POLICY.per_minute
    limiter.close()


# -- Sentinel -------------------------------------------------------------------------------------


def test_sentinel_from_a_url_and_from_master_for_share_a_budget(sentinel_url: str) -> None:
    namespace = fresh_namespace()
    address = parse_redis_url(sentinel_url)
    hosts, service = list(address.nodes), address.service
    master = Sentinel(hosts, socket_timeout=2).master_for(service, socket_timeout=2)
    from_url = RedisLimiter(sentinel_url, POLICY, namespace=namespace)
    from_client = RedisLimiter(master, POLICY, namespace=namespace)
    assert from_client.display_url == f"redis+sentinel://{hosts[0][0]}:{hosts[0][1]}/{service}/0"
    fill_then_refuse([from_url, from_client], "0123456789abcdef")
    from_url.close()
    master.close()


async def test_sentinel_async(sentinel_url: str) -> None:
    limiter = RedisLimiter(sentinel_url, POLICY, namespace=fresh_namespace())
    for _ in range(POLICY.per_minute):
        await limiter.acquire_async("0123456789abcdef", max_wait=0)
    with pytest.raises(RateLimitError):
        await limiter.acquire_async("0123456789abcdef", max_wait=0)
    await limiter.aclose()


def test_sentinel_url_needs_a_service() -> None:
    with pytest.raises(ValueError, match="service"):
        RedisLimiter("redis+sentinel://127.0.0.1:26379")
    with pytest.raises(ValueError, match="database 0"):
        RedisLimiter("redis+cluster://127.0.0.1:7000/3")
    with pytest.raises(ValueError, match="unsupported Redis URL"):
        RedisLimiter("http://127.0.0.1:6379/0")


# -- TLS ------------------------------------------------------------------------------------------


def test_tls_with_a_private_ca(tls_url: str) -> None:
    namespace = fresh_namespace()
    limiter = RedisLimiter(tls_url, POLICY, namespace=namespace)
    fill_then_refuse([limiter], "0123456789abcdef")
    assert "ssl_ca_certs" not in limiter.display_url  # the query is not shown
    assert asyncio.run(_async_refused(limiter))
    limiter.close()


async def _async_refused(limiter: RedisLimiter) -> bool:
    try:
        await limiter.acquire_async("0123456789abcdef", max_wait=0)
    except RateLimitError:
        return True
    finally:
        await limiter.aclose()
    return False


def test_tls_refuses_a_server_it_cannot_verify(tls_url: str) -> None:
    # Without the private CA the server's certificate does not verify: unavailable, clearly.
    limiter = RedisLimiter(tls_url.split("?", maxsplit=1)[0], POLICY, namespace=fresh_namespace())
    with pytest.raises(LimiterUnavailableError, match=r"certificate|SSL"):
        limiter.acquire("0123456789abcdef", max_wait=0)
    limiter.close()


def test_urls_of_every_form_are_shown_without_secrets() -> None:
    assert safe_redis_url("redis+cluster://u:pw-1@h1:7000,h2:7001?password=x") == (
        "redis+cluster://u:***@h1:7000,h2:7001"
    )
    assert safe_redis_url("rediss+sentinel://:pw-1@h1:26379,h2:26379/svc/2") == (
        "rediss+sentinel://:***@h1:26379,h2:26379/svc/2"
    )
    address = parse_redis_url(
        "rediss+sentinel://app:pw-1@h1:26379,[::1]:26380/svc/2?sentinel_password=s-2"
    )
    assert address.nodes == (("h1", 26379), ("::1", 26380))
    assert (address.service, address.options["db"], address.options["ssl"]) == ("svc", 2, True)
    assert address.options["password"] == "pw-1"
    assert address.sentinel_options == {"password": "s-2"}
    limiter = RedisLimiter("redis+sentinel://:hunter2secret@h1:26379/svc?sentinel_password=s3cr3t9")
    assert "hunter2secret" not in repr(limiter) and "s3cr3t9" not in repr(limiter)
