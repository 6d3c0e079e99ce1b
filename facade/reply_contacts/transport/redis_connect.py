"""Where the shared limiter's Redis is: URLs for one server, a Cluster or Sentinel, and clients.

The URL forms (the `+cluster` and `+sentinel` schemes are this SDK's; redis-py itself knows the
first three):

* ``redis://[[user]:password@]host[:port][/db]``, ``rediss://`` for TLS, ``unix:///path``;
* ``redis+cluster://[[user]:password@]host:port[,host:port...]`` (``rediss+cluster://``): a Redis
  Cluster, found from any of the listed nodes;
* ``redis+sentinel://[[user]:password@]host:port[,host:port...]/service[/db]``
  (``rediss+sentinel://``): the primary that the listed Sentinels name `service`. The user and
  password are the primary's; ``sentinel_username`` and ``sentinel_password`` in the query are
  the Sentinels' own.

Query options (``ssl_ca_certs``, ``socket_timeout``, ...) are redis-py's and apply to every
connection. Clients built here fail fast: each attempt gives up after the limiter's `timeout`,
a refused connection is retried twice within ~0.1 s, a timeout is not retried (a Redis that
stopped answering will not answer the retry either). A Cluster client retries once more against
the refreshed topology (that is how it follows MOVED after a failover), so a call to a stuck
shard gives up after at most twice `timeout`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qs, unquote, urlsplit

import redis
import redis.asyncio
import redis.asyncio.cluster
import redis.asyncio.sentinel
import redis.cluster
import redis.sentinel
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import ExponentialBackoff
from redis.connection import SSLConnection, parse_url
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

from reply_contacts.transport.redaction import MASK

__all__ = [
    "DEFAULT_TIMEOUT",
    "RedisAddress",
    "SyncClient",
    "describe_client",
    "parse_redis_url",
    "safe_redis_url",
    "url_secrets",
]

# Every caller of the process waits on the limiter: a Redis that does not answer within this
# must not hold them longer. Ample for a script that runs in microseconds, even across regions.
DEFAULT_TIMEOUT = 1.0
# Refused connections (a restart, a failover) are retried twice, quickly; timeouts are not.
_RETRIES = 2
_BACKOFF = ExponentialBackoff(cap=0.2, base=0.02)
# A Cluster client retries at its own level, for timeouts too, after refreshing its slot table
# (that is how it follows a failover's MOVED); redis-py gives its connections no retries.
_CLUSTER_RETRIES = 1

Topology = Literal["standalone", "cluster", "sentinel"]
SyncClient = redis.Redis | redis.cluster.RedisCluster
AsyncClient = redis.asyncio.Redis | redis.asyncio.cluster.RedisCluster

_SCHEMES: dict[str, tuple[Topology, str]] = {
    "redis": ("standalone", "redis"),
    "rediss": ("standalone", "rediss"),
    "unix": ("standalone", "unix"),
    "redis+cluster": ("cluster", "redis"),
    "rediss+cluster": ("cluster", "rediss"),
    "redis+sentinel": ("sentinel", "redis"),
    "rediss+sentinel": ("sentinel", "rediss"),
}


@dataclass(frozen=True)
class RedisAddress:
    """A parsed limiter URL: which deployment, where, and redis-py's connection options."""

    url: str
    topology: Topology
    nodes: tuple[tuple[str, int], ...]  # cluster startup nodes or Sentinels
    service: str  # the Sentinel service name ("" otherwise)
    options: dict[str, Any]  # redis-py keyword arguments from the URL (credentials, TLS, ...)
    sentinel_options: dict[str, Any]

    def sync_client(self, timeout: float) -> SyncClient:
        options = _timeouts(timeout) | self.options
        retry = Retry(_BACKOFF, _RETRIES, (RedisConnectionError,))
        if self.topology == "cluster":
            nodes = [redis.cluster.ClusterNode(host, port) for host, port in self.nodes]  # type: ignore[no-untyped-call]
            return redis.cluster.RedisCluster(
                startup_nodes=nodes, retry=Retry(_BACKOFF, _CLUSTER_RETRIES), **options
            )
        if self.topology == "sentinel":
            sentinel = redis.sentinel.Sentinel(  # type: ignore[no-untyped-call]
                list(self.nodes), sentinel_kwargs=self._sentinel_kwargs(timeout)
            )
            client: redis.Redis = sentinel.master_for(self.service, retry=retry, **options)  # type: ignore[no-untyped-call]
            return client
        return redis.Redis.from_url(self.url, retry=retry, **options)

    def async_client(self, timeout: float) -> AsyncClient:
        # redis.asyncio wants its own Retry (it awaits between attempts).
        options = _timeouts(timeout) | self.options
        retry = AsyncRetry(_BACKOFF, _RETRIES, (RedisConnectionError,))
        if self.topology == "cluster":
            nodes = [redis.asyncio.cluster.ClusterNode(host, port) for host, port in self.nodes]
            return redis.asyncio.cluster.RedisCluster(
                startup_nodes=nodes, retry=AsyncRetry(_BACKOFF, _CLUSTER_RETRIES), **options
            )
        if self.topology == "sentinel":
            sentinel = redis.asyncio.sentinel.Sentinel(  # type: ignore[no-untyped-call]
                list(self.nodes), sentinel_kwargs=self._sentinel_kwargs(timeout)
            )
            client: redis.asyncio.Redis = sentinel.master_for(self.service, retry=retry, **options)
            return client
        return redis.asyncio.Redis.from_url(self.url, retry=retry, **options)

    def _sentinel_kwargs(self, timeout: float) -> dict[str, Any]:
        # The Sentinels get the same timeouts and TLS settings, but their own credentials.
        shared = {
            name: value
            for name, value in self.options.items()
            if name.startswith(("ssl", "socket_"))
        }
        return _timeouts(timeout) | shared | self.sentinel_options


def parse_redis_url(url: str) -> RedisAddress:
    """Check and parse a limiter URL (no connection is made); ValueError naming the problem."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.lower() not in _SCHEMES:
        raise ValueError(
            f"unsupported Redis URL {safe_redis_url(url)!r}: use redis://, rediss://, unix://,"
            " redis+cluster:// or redis+sentinel:// (rediss+... for TLS)"
        )
    topology, base = _SCHEMES[scheme.lower()]
    if topology == "standalone":
        parse_url(url)  # type: ignore[no-untyped-call]  # redis-py's own check of the URL
        return RedisAddress(url, topology, (), "", {}, {})
    netloc, _, tail = rest.partition("/")
    path, _, query = tail.partition("?")
    userinfo, _, hosts = netloc.rpartition("@")
    nodes = tuple(_host_port(item, url) for item in hosts.split(",") if item)
    if not nodes:
        raise ValueError(f"Redis URL {safe_redis_url(url)!r} names no host")
    # redis-py parses credentials, TLS and query options from a one-host URL of the base scheme.
    auth = f"{userinfo}@" if userinfo else ""
    host, port = nodes[0]
    options = parse_url(f"{base}://{auth}{_netloc(host, port)}/?{query}")  # type: ignore[no-untyped-call]
    for name in ("host", "port", "db"):
        options.pop(name, None)
    if options.pop("connection_class", None) is SSLConnection:
        options["ssl"] = True
    sentinel_options = {
        name.removeprefix("sentinel_"): options.pop(name)
        for name in ("sentinel_username", "sentinel_password")
        if name in options
    }
    segments = [unquote(segment) for segment in path.split("/") if segment]
    if topology == "cluster":
        if segments not in ([], ["0"]):
            raise ValueError("a Redis Cluster has database 0 only; drop the path from the URL")
        return RedisAddress(url, topology, nodes, "", options, sentinel_options)
    if not segments or len(segments) > 2:
        raise ValueError(
            f"Redis URL {safe_redis_url(url)!r} must name the Sentinel service:"
            " redis+sentinel://host:port[,host:port...]/service[/db]"
        )
    if len(segments) == 2:
        if not segments[1].isdigit():
            raise ValueError(f"the database in {safe_redis_url(url)!r} must be a number")
        options["db"] = int(segments[1])
    return RedisAddress(url, topology, nodes, segments[0], options, sentinel_options)


def safe_redis_url(url: str) -> str:
    """`url` fit for logs and errors: the password masked, the query (it may hold one) dropped."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "<unparsable Redis URL>"
    netloc, slash, tail = rest.partition("/")
    path = tail.partition("?")[0]
    netloc = netloc.partition("?")[0]
    userinfo, at, hosts = netloc.rpartition("@")
    if at:
        user, colon, _ = userinfo.partition(":")
        netloc = f"{user}:{MASK}@{hosts}" if colon else f"{user}@{hosts}"
    return f"{scheme}://{netloc}{slash}{path}"


def url_secrets(url: str) -> list[str]:
    """The passwords a URL carries, to be masked wherever they might be printed."""
    try:
        parts = urlsplit(url)  # the netloc may list several hosts: only its userinfo is read
    except ValueError:
        return []
    userinfo = parts.netloc.rpartition("@")[0]
    secrets = [unquote(userinfo.partition(":")[2])] if ":" in userinfo else []
    query = parse_qs(parts.query)
    for name in ("password", "sentinel_password"):
        secrets += query.get(name, [])
    return [secret for secret in secrets if secret]


def describe_client(client: SyncClient) -> str:
    """A URL-like name for a client passed in, for logs and errors (never its password)."""
    if isinstance(client, redis.cluster.RedisCluster):
        nodes = ",".join(node.name for node in client.nodes_manager.startup_nodes.values())
        return f"redis+cluster://{nodes}"
    pool = client.connection_pool
    options = pool.connection_kwargs
    db = options.get("db") or 0
    if isinstance(pool, redis.sentinel.SentinelConnectionPool):
        sentinels = ",".join(
            "{host}:{port}".format_map(sentinel.connection_pool.connection_kwargs)
            for sentinel in pool.sentinel_manager.sentinels
        )
        return f"redis+sentinel://{sentinels}/{pool.service_name}/{db}"
    if "path" in options:
        return f"unix://{options['path']}"
    host, port = options.get("host", "localhost"), options.get("port", 6379)
    return f"redis://{_netloc(host, port)}/{db}"


def _timeouts(timeout: float) -> dict[str, Any]:
    return {"socket_connect_timeout": timeout, "socket_timeout": timeout}


def _host_port(item: str, url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(f"//{item}")
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if not host:
        raise ValueError(f"bad host {item!r} in Redis URL {safe_redis_url(url)!r}")
    return unquote(host), port or 6379


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
