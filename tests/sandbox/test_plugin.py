"""The pytest plugin, run in a child pytest with only the plugin loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

from reply_contacts.pytest_plugin import is_loopback

FACADE = Path(__file__).resolve().parents[2] / "facade"

CHILD_TESTS = '''
import socket
import sys
import types

import httpx
import pytest


class FakeReplyContacts:
    """Stands in for the real client class so this test does not depend on it."""

    def __init__(self, api_key, base_url):
        self.api_key, self.base_url, self.closed = api_key, base_url, False

    def close(self):
        self.closed = True


@pytest.fixture(autouse=True)
def fake_client_module(monkeypatch):
    module = types.ModuleType("reply_contacts")
    module.ReplyContacts = FakeReplyContacts
    import reply_contacts
    monkeypatch.setattr(reply_contacts, "ReplyContacts", FakeReplyContacts, raising=False)


def test_sandbox_is_running(reply_sandbox):
    response = httpx.get(reply_sandbox.url + "/v3/whoami",
                         headers={"Authorization": "Bearer " + reply_sandbox.api_key})
    assert response.json()["userId"] == 1
    reply_sandbox.seed_contact(firstName="Leftover", email="left@example.com")


def test_each_test_starts_fresh(reply_sandbox):
    assert reply_sandbox.count_contacts() == 0


def test_client_points_at_the_sandbox(reply_client, reply_sandbox, monkeypatch):
    import os
    assert reply_client.base_url == reply_sandbox.url
    assert os.environ["REPLY_BASE_URL"] == reply_sandbox.url
    assert os.environ["REPLY_API_KEY"] == reply_sandbox.api_key
    assert httpx.get(reply_sandbox.url + "/_sandbox/health").status_code == 200


def test_client_fails_closed(reply_client):
    with pytest.raises(httpx.ConnectError):
        httpx.get("https://api.reply.io/v3/whoami", timeout=5)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.com", 443)
'''


def plugin_installed() -> bool:
    """Whether the pytest11 entry point loads the plugin already (package installed)."""
    return any(ep.name == "reply_contacts" for ep in entry_points(group="pytest11"))


def test_plugin_fixtures_in_a_child_pytest(tmp_path: Path) -> None:
    (tmp_path / "test_child.py").write_text(textwrap.dedent(CHILD_TESTS))
    env = {**os.environ, "PYTHONPATH": str(FACADE)}
    load = [] if plugin_installed() else ["-p", "reply_contacts.pytest_plugin"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *load, "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_plugin_imports_nothing_heavy() -> None:
    code = (
        "import sys; import reply_contacts.pytest_plugin; "
        "heavy = ('starlette', 'uvicorn', 'reply_contacts.sandbox'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(FACADE)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "reply_contacts.sandbox" not in result.stdout.split(",")


def test_is_loopback() -> None:
    assert all(is_loopback(h) for h in ["127.0.0.1", "localhost", "::1", "[::1]", b"127.0.0.2"])
    assert not any(is_loopback(h) for h in ["api.reply.io", "10.0.0.1", "8.8.8.8", None])
