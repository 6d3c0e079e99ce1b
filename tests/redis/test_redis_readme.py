"""The README's Redis examples run, against the local deployments and a sandbox.

The first example reads its URL from $REDIS_URL: it runs once per deployment. The second names
example hosts (10.0.0.1:6379 for a Cluster node, 10.0.0.5:26379 and "mymaster" for Sentinel),
replaced here by the local deployments' addresses.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport.redis_connect import parse_redis_url

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## One budget for many processes: Redis"


def examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(seed=False) as sb:
        yield sb


def test_the_section_has_its_two_examples() -> None:
    assert len(examples()) == 2


@pytest.mark.parametrize("deployment", ["redis", "cluster", "sentinel", "tls"])
def test_the_url_example_runs_on_every_deployment(
    deployment: str,
    sandbox: Sandbox,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("REDIS_URL", request.getfixturevalue(f"{deployment}_url"))
    monkeypatch.setenv("REPLY_API_KEY", sandbox.api_key)
    monkeypatch.setenv("REPLY_BASE_URL", sandbox.url)
    exec(compile(examples()[0], "README.md", "exec"), {})
    assert capsys.readouterr().out.strip().isdigit()  # the count, through the shared budget


def test_the_client_example_runs(cluster_url: str, sentinel_url: str) -> None:
    cluster_host, cluster_port = parse_redis_url(cluster_url).nodes[0]
    sentinel = parse_redis_url(sentinel_url)
    (sentinel_host, sentinel_port), service = sentinel.nodes[0], sentinel.service
    code = (
        examples()[1]
        .replace('host="10.0.0.1", port=6379', f'host="{cluster_host}", port={cluster_port}')
        .replace('("10.0.0.5", 26379)', f'("{sentinel_host}", {sentinel_port})')
        .replace('"mymaster"', f'"{service}"')
    )
    names: dict[str, object] = {"RedisLimiter": _limiter_class()}
    exec(compile(code, "README.md", "exec"), names)
    key = uuid.uuid4().hex[:16]
    for limiter in (names["limiter"], _limiter_class()(names["cluster"])):
        assert limiter.acquire(key, max_wait=0) < 1.0  # type: ignore[attr-defined]


def _limiter_class() -> type:
    from reply_contacts import RedisLimiter

    return RedisLimiter
