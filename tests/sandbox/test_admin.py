"""The /_sandbox admin surface and the Sandbox's Python API."""

from __future__ import annotations

from pathlib import Path

import httpx
from reply_contacts.sandbox import Sandbox


def test_stats_count_requests_but_not_admin_calls(sb: Sandbox, api: httpx.Client) -> None:
    api.get("/v3/whoami")
    api.get("/v3/contacts/3")
    httpx.get(f"{sb.url}/_sandbox/health")
    stats = httpx.get(f"{sb.url}/_sandbox/stats").json()
    assert stats["requests"] == 2
    assert stats["byOperation"] == {"WhoAmI": 1, "GetContactById": 1}
    assert stats["byPath"] == {"GET /v3/whoami": 1, "GET /v3/contacts/3": 1}
    assert stats["byStatus"] == {"200": 1, "404": 1}
    assert stats["rateLimit"]["perMinute"] == 100 and stats["data"]["contacts"] == 0
    assert httpx.post(f"{sb.url}/_sandbox/stats/reset").status_code == 204
    assert sb.stats()["requests"] == 0


def test_admin_is_never_rate_limited_or_authenticated(sb: Sandbox) -> None:
    sb.set_rate_limit(per_minute=1)
    assert all(httpx.get(f"{sb.url}/_sandbox/health").status_code == 200 for _ in range(5))


def test_seed_reset_rate_limit_and_keys_over_http(sb: Sandbox, api: httpx.Client) -> None:
    created = httpx.post(
        f"{sb.url}/_sandbox/seed",
        json={
            "users": [{"id": 9, "name": "Nine"}],
            "sequences": [{"name": "Extra", "steps": ["One"]}],
            "contacts": [{"firstName": "Seeded", "email": "seeded@example.com"}],
            "backgroundJobs": [{"status": "Scheduled"}],
            "blacklist": ["blocked.com"],
            "settings": {"inboxEnabled": False},
        },
    ).json()
    assert (
        created["users"] == [9]
        and created["sequences"] == [3]
        and len(created["backgroundJobs"]) == 1
    )
    contact = api.get(f"/v3/contacts/{created['contacts'][0]}").json()
    assert contact["firstName"] == "Seeded"
    limit = httpx.put(f"{sb.url}/_sandbox/rate-limit", json={"perMinute": 5, "minuteWindow": 2})
    assert limit.json()["perMinute"] == 5 and limit.json()["minuteWindow"] == 2
    key = httpx.post(
        f"{sb.url}/_sandbox/keys", json={"key": "k9", "scopes": ["contacts:read"], "userId": 9}
    )
    assert key.status_code == 201
    whoami = httpx.get(f"{sb.url}/v3/whoami", headers={"Authorization": "Bearer k9"}).json()
    assert whoami == {"userId": 9, "username": "user9@sandbox.test", "teamId": 1}
    assert httpx.post(f"{sb.url}/_sandbox/reset").status_code == 204
    assert sb.count_contacts() == 0
    assert (
        httpx.get(f"{sb.url}/v3/whoami", headers={"Authorization": "Bearer k9"}).status_code == 401
    )
    assert sb.state.limiter.config.per_minute == 100
    assert httpx.post(f"{sb.url}/_sandbox/seed", json={"users": "nope"}).status_code == 400


def test_default_seed(api: httpx.Client, sb: Sandbox) -> None:
    assert [row["id"] for row in sb.query("SELECT id FROM users ORDER BY id")] == [1, 2, 3]
    assert [row["name"] for row in sb.query("SELECT name FROM sequences ORDER BY id")] == [
        "Sandbox Outreach",
        "Sandbox Re-engagement",
    ]
    assert len(sb.query("SELECT id FROM email_accounts")) == 1
    assert len(sb.query("SELECT id FROM linkedin_accounts")) == 1


def test_file_database_persists(tmp_path: Path) -> None:
    db = str(tmp_path / "sandbox.db")
    with Sandbox(db_path=db) as first:
        first.seed_contact(firstName="Kept", email="kept@example.com")
    with Sandbox(db_path=db) as second:
        assert second.count_contacts() == 1
        assert second.query("SELECT count(*) AS n FROM users")[0]["n"] == 3  # not seeded twice
        response = httpx.get(
            f"{second.url}/v3/contacts", headers={"Authorization": "Bearer sandbox"}
        )
        assert response.json()["items"][0]["firstName"] == "Kept"


def test_custom_keys_and_api_key() -> None:
    with Sandbox(api_key="secret", keys={"ro": ["contacts:read"]}, seed=False) as sandbox:
        assert sandbox.api_key == "secret"
        ok = httpx.get(f"{sandbox.url}/v3/contacts", headers={"Authorization": "Bearer ro"})
        assert ok.status_code == 200
        assert (
            httpx.get(
                f"{sandbox.url}/v3/whoami", headers={"Authorization": "Bearer sandbox"}
            ).status_code
            == 401
        )
