"""``/_sandbox`` admin routes: open on loopback, token-guarded (and warned about) elsewhere."""

from __future__ import annotations

import logging
import signal
import socket

import httpx
import pytest
from reply_contacts.sandbox import Sandbox
from reply_contacts.sandbox.admin import ADMIN_TOKEN_HEADER

from .process_support import serving

API_KEY = {"Authorization": "Bearer sandbox"}


def reachable(url: str) -> str:
    """The URL of a server bound to every interface, as this machine reaches it."""
    return url.replace("0.0.0.0", "127.0.0.1")


def test_loopback_admin_needs_no_token(sb: Sandbox) -> None:
    assert sb.admin_token is None
    assert httpx.get(f"{sb.url}/_sandbox/stats").status_code == 200


def test_ipv6_loopback_admin_needs_no_token() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        sandbox = Sandbox(host="::1").start()
    except OSError:
        pytest.skip("cannot bind ::1 here")
    try:
        assert sandbox.admin_token is None
        assert httpx.get(f"{sandbox.url}/_sandbox/health").status_code == 200
    finally:
        sandbox.close()


def test_every_interface_needs_the_admin_token_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="reply_contacts.sandbox"):
        sandbox = Sandbox(host="0.0.0.0").start()
    try:
        token = sandbox.admin_token
        assert token and len(token) >= 24
        assert any("reachable from other machines" in r.getMessage() for r in caplog.records)
        url = reachable(sandbox.url)
        for headers in ({}, {ADMIN_TOKEN_HEADER: "wrong"}, {ADMIN_TOKEN_HEADER: ""}):
            refused = httpx.post(f"{url}/_sandbox/reset", headers=headers)
            assert refused.status_code == 401
            assert refused.headers["content-type"].startswith("application/problem+json")
            assert ADMIN_TOKEN_HEADER in refused.json()["detail"]
            assert token not in refused.text
        seeded = httpx.post(
            f"{url}/_sandbox/seed",
            json={"contacts": [{"firstName": "Admin", "email": "a@example.com"}]},
            headers={ADMIN_TOKEN_HEADER: token},
        )
        assert seeded.status_code == 200 and sandbox.count_contacts() == 1
        # The API itself still takes API keys, not the admin token.
        assert httpx.get(f"{url}/v3/whoami", headers=API_KEY).json() == {"userId": 1}
        assert httpx.get(f"{url}/v3/whoami", headers={ADMIN_TOKEN_HEADER: token}).status_code == 401
    finally:
        sandbox.close()


def test_serve_on_every_interface_prints_the_admin_token() -> None:
    with serving("--host", "0.0.0.0") as (process, bound_url):
        assert process.stdout is not None and process.stderr is not None
        token_line = process.stdout.readline().strip()
        assert token_line.startswith(f"Admin token ({ADMIN_TOKEN_HEADER}): ")
        token = token_line.rsplit(" ", 1)[1]
        url = reachable(bound_url)
        assert httpx.get(f"{url}/_sandbox/stats").status_code == 401
        stats = httpx.get(f"{url}/_sandbox/stats", headers={ADMIN_TOKEN_HEADER: token})
        assert stats.status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
        assert "reachable from other machines" in process.stderr.read()
