"""A Redis for the shared-limiter tests: REPLY_TEST_REDIS_URL, or one started by scripts/redis.sh.

CI sets REPLY_TEST_REDIS_URL (nox starts Redis first), and then a Redis that does not answer is
a failure. Without it, the fixture runs `scripts/redis.sh start` itself (installing redis-server
if it can); only when that is impossible are the tests skipped, with the script's reason.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "redis.sh"
URL_ENV = "REPLY_TEST_REDIS_URL"


def _start_private_redis() -> tuple[str, bool]:
    """(url, started_here) from scripts/redis.sh, or skip with its reason."""
    try:
        done = subprocess.run(
            ["bash", str(SCRIPT), "start"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"no Redis: {URL_ENV} is unset and scripts/redis.sh could not run ({exc})")
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        reason = done.stderr.strip().splitlines()[-1:] or ["no output"]
        pytest.skip(f"no Redis: {URL_ENV} is unset and scripts/redis.sh start failed: {reason[0]}")
    return lines[-1].strip(), "started redis-server" in done.stderr


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    url = os.environ.get(URL_ENV, "").strip()
    started_here = False
    if not url:
        url, started_here = _start_private_redis()
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"the Redis at {URL_ENV}={url} does not answer PING: {exc}")
    finally:
        client.close()
    yield url
    if started_here:
        subprocess.run(["bash", str(SCRIPT), "stop"], capture_output=True, check=False)


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
