"""``reply-contacts sandbox serve`` as a real process."""

from __future__ import annotations

import signal
from pathlib import Path

import httpx
import pytest
from reply_contacts.cli import app
from reply_contacts.cli.sandbox_cmd import parse_key
from typer.testing import CliRunner

from .process_support import serving


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_url_answers_and_stops_cleanly(stop_signal: signal.Signals) -> None:
    with serving() as (process, url):
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        response = httpx.get(f"{url}/v3/whoami", headers={"Authorization": "Bearer sandbox"})
        assert response.json() == {"userId": 1}
        process.send_signal(stop_signal)
        assert process.wait(10) == 0


def test_serve_options(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    args = [
        "--db",
        str(db),
        "--api-key",
        "main",
        "--key",
        "ro=contacts:read@2",
        "--rate-limit",
        "2/10",
        "--fault",
        "POST /v3/contacts status=503 times=1",
    ]
    with serving(*args) as (process, url):
        main = {"Authorization": "Bearer main"}
        assert httpx.get(f"{url}/v3/whoami", headers={"Authorization": "Bearer ro"}).json() == {
            "userId": 2
        }
        assert (
            httpx.get(f"{url}/v3/whoami", headers={"Authorization": "Bearer sandbox"}).status_code
            == 401
        )
        body = {"firstName": "A", "email": "a@example.com"}
        assert httpx.post(f"{url}/v3/contacts", json=body, headers=main).status_code == 503
        assert httpx.post(f"{url}/v3/contacts", json=body, headers=main).status_code == 201
        # 2 per minute; the injected 503 did not count against the quota
        assert httpx.get(f"{url}/v3/whoami", headers=main).status_code == 200
        assert httpx.get(f"{url}/v3/whoami", headers=main).status_code == 429
        process.send_signal(signal.SIGTERM)
        assert process.wait(10) == 0
    assert db.exists()


def test_help_and_bad_options() -> None:
    runner = CliRunner()
    assert "serve" in runner.invoke(app, ["sandbox", "--help"]).output
    bad = runner.invoke(app, ["sandbox", "serve", "--fault", "GET /x status=200"])
    assert bad.exit_code != 0


def test_parse_key() -> None:
    assert parse_key("k=contacts:read,other:read@3") == ("k", ["contacts:read", "other:read"], 3)
    assert parse_key("k=") == ("k", ["*:*"], 1)
