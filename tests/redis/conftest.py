"""Redis deployments for the shared-limiter tests, real processes on loopback.

`redis_url`: REPLY_TEST_REDIS_URL, or one server started by `scripts/redis.sh start`. CI sets the
variable (nox starts Redis first), and then a Redis that does not answer is a failure.
`cluster_url`, `sentinel_url`, `tls_url`: started by the script on demand (`start cluster`, ...)
and stopped at the end of the session if this session started them. `private_deployment` starts
a deployment of its own in a temporary directory, for tests that freeze or kill servers.

Only when Redis cannot be installed here (no redis-server, no root) are the tests skipped, with
the script's reason; any other failure to start is a test failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import deployments
import pytest
import redis

URL_ENV = "REPLY_TEST_REDIS_URL"


def _started(topology: str, state_dir: Path | None = None) -> tuple[str, bool]:
    try:
        return deployments.start(topology, state_dir)
    except deployments.Unavailable as exc:
        pytest.skip(f"no Redis {topology}: scripts/redis.sh could not start one ({exc})")


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url = os.environ.get(URL_ENV, "").strip()
    started_here = False
    if not url:
        url, started_here = _started("standalone")
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"the Redis at {URL_ENV}={url} does not answer PING: {exc}")
    finally:
        client.close()
    yield url
    if started_here:
        deployments.stop("standalone")


def _shared(topology: str) -> Iterator[str]:
    url, started_here = _started(topology)
    yield url
    if started_here:
        deployments.stop(topology)


@pytest.fixture(scope="session")
def cluster_url() -> Iterator[str]:
    """redis+cluster://...: 3 primaries with a replica each."""
    yield from _shared("cluster")


@pytest.fixture(scope="session")
def sentinel_url() -> Iterator[str]:
    """redis+sentinel://.../reply-contacts/0: a primary, its replica, one Sentinel."""
    yield from _shared("sentinel")


@pytest.fixture(scope="session")
def tls_url() -> Iterator[str]:
    """rediss://...?ssl_ca_certs=...: a TLS-only server with a private CA."""
    yield from _shared("tls")


@pytest.fixture
def private_deployment(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], str]]:
    """start(topology) -> url of a deployment of this test's own, stopped (and thawed) after."""
    started: list[tuple[str, Path]] = []

    def start(topology: str) -> str:
        state_dir = tmp_path_factory.mktemp(f"redis-{topology}")
        url, _ = _started(topology, state_dir)
        started.append((topology, state_dir))
        return url

    yield start
    for topology, state_dir in started:
        deployments.stop(topology, state_dir)


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def namespace(redis_client: redis.Redis) -> Iterator[str]:
    """A namespace of its own for each test, so tests never share a budget; removed after."""
    name = f"reply-contacts-test-{uuid.uuid4().hex[:12]}"
    yield name
    keys = list(redis_client.scan_iter(match=f"{name}:*"))
    if keys:
        redis_client.delete(*keys)
