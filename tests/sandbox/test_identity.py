"""Who a request acts for, over real HTTP: personal, master and organization keys, the acting
user and team headers and their coded problems, what each team sees and who owns what, the
rate limit per acting user, and the two identity operations as Reply's CLI reads them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, make_client

DANA = {"id": 4, "name": "Dana Beta", "email": "dana@beta.test"}
# User 1 (the default key's) joins a second team; Dana is only in it. Keys of every kind.
WORKSPACE: dict[str, Any] = {
    "teams": [{"id": 2, "name": "Beta", "members": [1, DANA]}],
    "keys": [
        {"key": "master-key", "kind": "master"},
        {"key": "org-key", "kind": "organization"},
        {"key": "dana-key", "userId": 4},
    ],
}


@pytest.fixture
def org(sb: Sandbox) -> Sandbox:
    sb.seed(WORKSPACE)
    return sb


def get(sb: Sandbox, path: str, key: str = "sandbox", **headers: str) -> httpx.Response:
    with make_client(sb, key) as client:
        return client.get(path, headers=headers)


def test_default_sandbox_is_one_personal_workspace(sb: Sandbox) -> None:
    me = get(sb, "/v3/whoami")
    assert me.json() == {"userId": 1, "username": "owner@sandbox.test", "teamId": 1}
    # Reply's CLI reads exactly these: userId and teamId integers, username a string.
    assert [type(me.json()[k]) for k in ("userId", "username", "teamId")] == [int, str, int]
    listing = get(sb, "/v3/whoami/team-users")
    assert_problem(listing, 403, "workspace.organizationRequired")
    assert get(sb, "/v3/contacts").status_code == 200  # one team: nothing to choose


def test_team_users_lists_the_teams_one_can_act_in(org: Sandbox) -> None:
    mine = get(org, "/v3/whoami/team-users")
    assert mine.json() == [
        {"teamId": 1, "teamName": "Sandbox Team"},
        {"teamId": 2, "teamName": "Beta"},
    ]
    assert get(org, "/v3/whoami/team-users", "dana-key").json() == [
        {"teamId": 2, "teamName": "Beta"}
    ]


def test_team_is_required_and_checked(org: Sandbox) -> None:
    # Whoami is not team-scoped: the user's first team.
    assert get(org, "/v3/whoami").json()["teamId"] == 1
    required = assert_problem(get(org, "/v3/contacts"), 403, "TEAM_REQUIRED")
    assert [team["teamId"] for team in required["teams"]] == [1, 2]
    refused = assert_problem(
        get(org, "/v3/contacts", **{"X-TEAM-ID": "99"}), 403, "TEAM_NOT_ACCESSIBLE"
    )
    assert [team["teamId"] for team in refused["teams"]] == [1, 2]
    # Any casing of the header name.
    assert get(org, "/v3/contacts", **{"x-team-id": "2"}).status_code == 200
    assert get(org, "/v3/whoami", **{"X-TEAM-ID": "2"}).json()["teamId"] == 2
    assert_problem(get(org, "/v3/whoami", **{"X-TEAM-ID": "99"}), 403, "TEAM_NOT_ACCESSIBLE")


def test_master_key_acts_for_the_owner_unless_told(org: Sandbox) -> None:
    assert get(org, "/v3/whoami", "master-key").json()["userId"] == 1
    assert get(org, "/v3/whoami", "master-key", **{"X-USER-ID": "4"}).json() == {
        "userId": 4,
        "username": "dana@beta.test",
        "teamId": 2,
    }
    by_email = get(org, "/v3/whoami", "master-key", **{"X-User-Email": "DANA@beta.test"})
    assert by_email.json()["userId"] == 4
    assert_problem(
        get(org, "/v3/whoami", "master-key", **{"X-USER-ID": "999"}), 401, "USER_NOT_FOUND"
    )
    assert_problem(
        get(org, "/v3/whoami", "master-key", **{"X-User-Email": "nobody@x.test"}),
        401,
        "USER_NOT_FOUND",
    )


def test_organization_key_needs_an_acting_user(org: Sandbox) -> None:
    assert_problem(get(org, "/v3/whoami", "org-key"), 403, "USER_REQUIRED")
    assert_problem(get(org, "/v3/contacts", "org-key"), 403, "USER_REQUIRED")
    assert get(org, "/v3/whoami", "org-key", **{"X-USER-ID": "4"}).json()["userId"] == 4
    # By email, an organization key must name the team too (reference §1.1).
    by_email = get(org, "/v3/whoami", "org-key", **{"X-User-Email": "dana@beta.test"})
    assert_problem(by_email, 403, "TEAM_REQUIRED")
    both = get(org, "/v3/whoami", "org-key", **{"X-User-Email": "dana@beta.test", "X-TEAM-ID": "2"})
    assert both.json()["userId"] == 4
    # A personal key ignores acting headers: it acts for its own user.
    assert get(org, "/v3/whoami", "dana-key", **{"X-USER-ID": "1"}).json()["userId"] == 4


def test_what_a_request_sees_and_owns_follows_user_and_team(org: Sandbox) -> None:
    with make_client(org, "dana-key") as dana:
        created = dana.post("/v3/contacts", json={"firstName": "Zoe", "email": "zoe@x.test"})
        assert created.status_code == 201
        zoe = created.json()
    assert zoe["ownerUserId"] == 4
    assert zoe["id"] > 10_000_000  # team 2's ids never collide with team 1's
    beta = {"X-TEAM-ID": "2"}
    assert get(org, f"/v3/contacts/{zoe['id']}", **beta).json()["email"] == "zoe@x.test"
    home = {"X-TEAM-ID": "1"}
    assert_problem(get(org, f"/v3/contacts/{zoe['id']}", **home), 404, "contact.notFound")
    assert org.count_contacts(team_id=2) == 1 and org.count_contacts() == 0
    # The master key acting for Dana owns what it creates for her.
    with make_client(org, "master-key") as master:
        made = master.post(
            "/v3/contacts",
            json={"firstName": "Yan", "email": "yan@x.test"},
            headers={"X-USER-ID": "4"},
        )
    assert made.json()["ownerUserId"] == 4
    assert org.count_contacts(team_id=2) == 2


def test_rate_limit_is_counted_per_acting_user(org: Sandbox) -> None:
    org.set_rate_limit(per_minute=2)
    for _ in range(2):
        assert get(org, "/v3/whoami", "org-key", **{"X-USER-ID": "1"}).status_code == 200
    assert get(org, "/v3/whoami", "org-key", **{"X-USER-ID": "1"}).status_code == 429
    # The same user through another key: the same budget, spent.
    assert get(org, "/v3/whoami", "master-key").status_code == 429
    # Another user through the same key: a budget of their own.
    assert get(org, "/v3/whoami", "org-key", **{"X-USER-ID": "4"}).status_code == 200
    assert get(org, "/v3/whoami", "dana-key").status_code == 200
    assert get(org, "/v3/whoami", "org-key", **{"X-USER-ID": "4"}).status_code == 429


def test_identity_from_the_constructor_survives_reset() -> None:
    with Sandbox(identity=WORKSPACE) as sandbox:
        assert get(sandbox, "/v3/whoami", "dana-key").json()["teamId"] == 2
        sandbox.seed_contact(firstName="Gone", email="gone@x.test")
        sandbox.reset()
        assert sandbox.count_contacts() == 0
        assert get(sandbox, "/v3/whoami", "dana-key").json()["teamId"] == 2
        assert len(get(sandbox, "/v3/whoami/team-users").json()) == 2


def test_seed_document_over_http_and_nested_team_data(sb: Sandbox) -> None:
    document = {
        "organization": True,
        "teams": [
            {
                "id": 3,
                "name": "Gamma",
                "members": [{"id": 5, "name": "Eve", "email": "eve@gamma.test"}],
                "seed": {"contacts": [{"firstName": "Gia", "email": "gia@x.test"}]},
            }
        ],
        "keys": [{"key": "eve-key", "userId": 5, "scopes": ["contacts:read"]}],
    }
    created = httpx.post(f"{sb.url}/_sandbox/seed", json=document).json()
    assert created["teams"] == [3] and created["keys"] == ["eve-key"]
    assert [c["email"] for c in get(sb, "/v3/contacts", "eve-key").json()["items"]] == [
        "gia@x.test"
    ]
    assert get(sb, "/v3/whoami/team-users").json() == [{"teamId": 1, "teamName": "Sandbox Team"}]
    summary = httpx.get(f"{sb.url}/_sandbox/stats").json()["data"]
    assert summary["contacts"] == 1 and [t["teamId"] for t in summary["teams"]] == [1, 3]


def test_serve_takes_an_identity_document(tmp_path: Path) -> None:
    from .process_support import serving

    document = tmp_path / "workspace.json"
    document.write_text(json.dumps(WORKSPACE))
    with serving("--identity", str(document)) as (process, url):
        who = httpx.get(f"{url}/v3/whoami", headers={"Authorization": "Bearer dana-key"})
        assert who.json()["userId"] == 4
        process.terminate()
        assert process.wait(10) == 0
