"""Real Redis deployments for the tests and benchmarks: started by scripts/redis.sh, on loopback.

`start("cluster")` and friends return the deployment's URL; `stop` ends what `start` started.
A `state_dir` of its own gives a private deployment (a test that kills or freezes a server
uses one, so the shared ones stay healthy). `Server` is one redis-server process, found by
asking it for its pid, to freeze (SIGSTOP), thaw (SIGCONT) or kill.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import redis
import redis.cluster
from reply_contacts.transport.redis_connect import parse_redis_url

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "redis.sh"


class Unavailable(Exception):
    """The deployment cannot be started here (no redis-server and no way to install it)."""


def start(topology: str, state_dir: Path | None = None) -> tuple[str, bool]:
    """(url, started_here): start `topology`, or reuse the one running in that state dir."""
    done = subprocess.run(
        ["bash", str(SCRIPT), "start", topology],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=_env(state_dir),
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        if shutil.which("redis-server") is None:
            raise Unavailable(reason)
        raise RuntimeError(f"scripts/redis.sh start {topology} failed: {done.stderr}")
    return lines[-1].strip(), "reusing" not in done.stderr


def stop(topology: str, state_dir: Path | None = None) -> None:
    subprocess.run(
        ["bash", str(SCRIPT), "stop", topology],
        capture_output=True,
        timeout=120,
        check=False,
        env=_env(state_dir),
    )


def _env(state_dir: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if state_dir is not None:
        env["REPLY_REDIS_DIR"] = str(state_dir)
    return env


@dataclass(frozen=True)
class Server:
    """One redis-server process on loopback."""

    host: str
    port: int
    pid: int

    @classmethod
    def of(cls, client: redis.Redis) -> Server:
        options = client.connection_pool.connection_kwargs
        pid = int(client.info("server")["process_id"])
        return cls(str(options["host"]), int(options["port"]), pid)

    def freeze(self) -> None:
        os.kill(self.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.pid, signal.SIGCONT)

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)


def cluster_primary_for(url_or_client: str | redis.cluster.RedisCluster, key: str) -> Server:
    """The Cluster primary that owns `key`'s slot."""
    client = _cluster(url_or_client) if isinstance(url_or_client, str) else url_or_client
    node = client.get_node_from_key(key)
    return Server.of(client.get_redis_connection(node))


def cluster_node_ids(client: redis.cluster.RedisCluster) -> dict[str, str]:
    """host:port -> node id, for every node."""
    ids: dict[str, str] = {}
    for node in client.get_nodes():
        ids[node.name] = str(
            client.get_redis_connection(node).execute_command("CLUSTER MYID").decode()
        )
    return ids


def _cluster(url: str) -> redis.cluster.RedisCluster:
    host, port = parse_redis_url(url).nodes[0]
    return redis.cluster.RedisCluster(host=host, port=port)


def sentinel_primary(url: str) -> Server:
    """The primary a Sentinel URL (redis+sentinel://host:port/service/db) points at now."""
    parsed = parse_redis_url(url)
    host, port = parsed.nodes[0]
    sentinel = redis.Redis(host=host, port=port, socket_timeout=2)
    address = sentinel.execute_command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", parsed.service)
    sentinel.close()
    primary = redis.Redis(host=address[0].decode(), port=int(address[1]), socket_timeout=2)
    try:
        return Server.of(primary)
    finally:
        primary.close()


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll `condition` every 50 ms until true; seconds it took. AssertionError after `timeout`."""
    started = time.monotonic()
    while True:
        try:
            if condition():
                return time.monotonic() - started
        except redis.RedisError:
            pass
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(0.05)
