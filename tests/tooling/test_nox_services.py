"""`nox -s tests` stops the Redis it started, and leaves alone one that was already running.

The noxfile's `_services` runs here for real (scripts/redis.sh, a real redis-server), in a state
directory and port range of this test's own, so no other Redis is touched.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "redis.sh"

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (nox -s tests installs it)"
)


class FakeSession:
    """The one thing `_services` asks of a nox session besides running: to fail loudly."""

    def error(self, message: str) -> NoReturn:
        raise AssertionError(message)


@pytest.fixture(scope="module")
def noxfile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("project_noxfile", ROOT / "noxfile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Away from scripts/redis.sh's default range (6390...), which a developer's Redis may use.
FIRST_PORT = 7650


@pytest.fixture
def private_redis_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    state = tmp_path / "redis"
    monkeypatch.setenv("REPLY_REDIS_DIR", str(state))
    monkeypatch.setenv("REPLY_REDIS_PORT", str(FIRST_PORT))
    yield state
    redis_sh("stop")  # whatever a failing test left behind


def redis_sh(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), command], capture_output=True, text=True, check=False, timeout=120
    )


def is_running() -> bool:
    return redis_sh("url").returncode == 0


def test_a_redis_started_for_the_tests_is_stopped_after_them(
    noxfile: ModuleType, private_redis_dir: Path
) -> None:
    assert not is_running()
    with noxfile._services(FakeSession()) as env:
        url = env["REPLY_TEST_REDIS_URL"]
        assert redis.Redis.from_url(url).ping()
        assert is_running()
    assert not is_running()


def test_a_redis_stops_even_when_the_tests_fail(
    noxfile: ModuleType, private_redis_dir: Path
) -> None:
    with pytest.raises(RuntimeError), noxfile._services(FakeSession()):
        assert is_running()
        raise RuntimeError("pytest failed")
    assert not is_running()


def test_a_redis_that_was_already_running_is_left_running(
    noxfile: ModuleType, private_redis_dir: Path
) -> None:
    assert redis_sh("start").returncode == 0
    with noxfile._services(FakeSession()) as env:
        assert redis.Redis.from_url(env["REPLY_TEST_REDIS_URL"]).ping()
    assert is_running()
