"""Authentication, scopes and feature permissions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from reply_contacts.sandbox import Sandbox
from reply_contacts.sandbox.auth import has_scope

from .conftest import assert_problem


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Basic sandbox"},
        {"Authorization": "Bearer"},
    ],
)
def test_401_has_an_empty_body_and_a_challenge(sb: Sandbox, headers: dict[str, str]) -> None:
    response = httpx.get(f"{sb.url}/v3/contacts", headers=headers)
    assert response.status_code == 401
    assert response.content == b""
    assert response.headers["www-authenticate"] == "Bearer"


def test_whoami_needs_only_a_valid_key(sb: Sandbox, client_for: Any) -> None:
    sb.add_key("bare", scopes=["other:read"], user_id=3)
    assert client_for("bare").get("/v3/whoami").json()["userId"] == 3


def test_missing_scope_is_403_with_the_scope_named(sb: Sandbox, client_for: Any) -> None:
    sb.add_key("reader", scopes=["contacts:read"])
    reader = client_for("reader")
    assert reader.get("/v3/contacts").status_code == 200
    response = reader.post("/v3/contacts", json={"firstName": "A", "email": "a@example.com"})
    body = assert_problem(response, 403, "auth.insufficientScope")
    assert body["requiredScope"] == "contacts:write"
    assert body["detail"] == "This API key lacks the required scope 'contacts:write'."
    assert (
        response.headers["www-authenticate"]
        == 'Bearer error="insufficient_scope", scope="contacts:write"'
    )
    assert sb.count_contacts() == 0


@pytest.mark.parametrize(
    ("granted", "required", "allowed"),
    [
        ("contacts:write", "contacts:read", True),
        ("contacts:operate", "contacts:read", True),
        ("contacts:write", "contacts:operate", False),
        ("contacts:operate", "contacts:write", False),
        ("contacts:*", "contacts:operate", True),
        ("contacts:*", "other:read", False),
        ("*:*", "other:operate", True),
        ("other:read", "contacts:read", False),
    ],
)
def test_scope_model(granted: str, required: str, allowed: bool) -> None:
    assert has_scope([granted], required) is allowed


def test_operate_and_other_scopes_over_http(sb: Sandbox, client_for: Any) -> None:
    sb.add_key("writer", scopes=["contacts:write"])
    writer = client_for("writer")
    contact = writer.post("/v3/contacts", json={"firstName": "A", "email": "a@example.com"}).json()
    assert_problem(
        writer.post(f"/v3/contacts/{contact['id']}/notes", json={"notes": "x"}),
        403,
        "auth.insufficientScope",
    )
    assert_problem(writer.get("/v3/background-jobs"), 403, "auth.insufficientScope")
    sb.add_key("jobs", scopes=["other:operate"])
    assert client_for("jobs").get("/v3/background-jobs").status_code == 200


def test_denied_features(sb: Sandbox, client_for: Any) -> None:
    denied = ["ViewProspect", "ManageCustomField", "ViewAccount"]
    sb.seed_user(4, name="Limited", denied_features=denied)
    sb.add_key("limited", user_id=4)
    limited = client_for("limited")
    # The generic feature-scope check has no code, as observed live.
    body = assert_problem(
        limited.get("/v3/contacts"),
        403,
        detail="Feature scopes [ViewProspect] are denied for userId 4.",
    )
    assert "code" not in body
    assert_problem(limited.post("/v3/custom-fields", json={"title": "x", "fieldType": "text"}), 403)
    assert limited.get("/v3/custom-fields").status_code == 200
    # Endpoints with a refusal of their own answer their .forbidden code.
    assert_problem(
        limited.post("/v3/contacts/filter/count", json={}),
        403,
        "contact.forbidden",
        detail="You do not have permission to view contacts.",
    )
    assert_problem(
        limited.get("/v3/contact-accounts"),
        403,
        "contactAccount.forbidden",
        detail="You do not have permission to perform this operation.",
    )


def test_keys_can_be_removed(sb: Sandbox, client_for: Any) -> None:
    sb.add_key("temp")
    client = client_for("temp", checked=False)
    assert client.get("/v3/whoami").status_code == 200
    sb.remove_key("temp")
    assert client.get("/v3/whoami").status_code == 401
