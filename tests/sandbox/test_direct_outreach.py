"""Direct email and LinkedIn sends (reference §4 #22-#27)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, new_contact

LINKEDIN = "https://linkedin.com/in/ann"


def test_direct_email_is_recorded(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api, email="ann@example.com")
    url = f"/v3/contacts/{contact['id']}/send-direct-email"
    response = api.post(url, json={"subject": "Hi", "body": "<p>Hello</p>"})
    assert response.status_code == 200
    assert response.json()["status"] == "sent" and response.json()["messageId"]
    assert sb.activities(contact["id"])[0]["activity_type"] == "emailSent"
    assert_problem(
        api.post(url, json={"subject": "Hi", "body": "x", "emailAccountId": 99}),
        400,
        "contact.emailAccountNotFound",
    )
    assert_problem(api.post(url, json={"subject": "", "body": "x"}), 400, pointer="/subject")
    sb.seed_blacklist("example.com")
    assert_problem(
        api.post(url, json={"subject": "Hi", "body": "x"}),
        400,
        "contact.contactInBlackList",
        detail="Contact email is on the blacklist.",
    )
    assert_problem(
        api.post("/v3/contacts/999/send-direct-email", json={"subject": "a", "body": "b"}),
        404,
        "contact.notFound",
    )


def test_connect_then_message(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api, linkedInUrl=LINKEDIN)
    recording = sb.seed_voice_attachment(user_id=1, duration_seconds=30)
    base = f"/v3/contacts/{contact['id']}"
    assert_problem(
        api.post(
            f"{base}/send-direct-linkedin-message", json={"linkedInAccountId": 1, "message": "Hi"}
        ),
        409,
        "directLinkedIn.notConnected",
    )
    connect = api.post(f"{base}/send-direct-linkedin-connect", json={"linkedInAccountId": 1})
    assert connect.status_code == 200
    assert connect.json()["actionType"] == "connect"
    assert_problem(
        api.post(f"{base}/send-direct-linkedin-connect", json={"linkedInAccountId": 1}),
        409,
        "directLinkedIn.alreadyConnected",
    )
    sent = api.post(
        f"{base}/send-direct-linkedin-message",
        json={"linkedInAccountId": 1, "message": "Hi {{FirstName}}"},
    ).json()
    assert (
        sent["actionType"] == "message"
        and sent["linkedInActivityId"] > connect.json()["linkedInActivityId"]
    )
    sends: list[tuple[str, dict[str, Any], str]] = [
        ("inmail", {"subject": "s", "body": "b"}, "inMail"),
        ("voice", {"voiceAttachmentId": recording}, "voice"),
        ("ai-voice", {"script": "Hello there"}, "aiVoice"),
    ]
    for suffix, body, action in sends:
        response = api.post(
            f"{base}/send-direct-linkedin-{suffix}", json={"linkedInAccountId": 1, **body}
        )
        assert response.json()["actionType"] == action


@pytest.mark.parametrize(
    ("setup", "status", "code"),
    [
        ("no-profile", 404, "directLinkedIn.noLinkedInProfile"),
        ("no-account", 404, "directLinkedIn.linkedInAccountNotFound"),
        ("no-contact", 404, "directLinkedIn.contactNotFound"),
        ("inactive", 409, "directLinkedIn.linkedInAccountInactive"),
        ("cookie", 409, "directLinkedIn.invalidCookie"),
        ("long-note", 400, "directLinkedIn.invitesNotesLimit"),
        ("variables", 400, "directLinkedIn.missingVariables"),
        ("disabled", 403, "directLinkedIn.featureDisabled"),
    ],
)
def test_linkedin_refusals(
    api: httpx.Client, sb: Sandbox, setup: str, status: int, code: str
) -> None:
    contact = new_contact(api, linkedInUrl=None if setup == "no-profile" else LINKEDIN)
    contact_id = 999 if setup == "no-contact" else contact["id"]
    body: dict[str, object] = {"linkedInAccountId": 1}
    if setup == "no-account":
        body["linkedInAccountId"] = 42
    if setup == "inactive":
        body["linkedInAccountId"] = sb.seed_linkedin_account(active=False)
    if setup == "cookie":
        body["linkedInAccountId"] = sb.seed_linkedin_account(cookie_valid=False)
    if setup == "long-note":
        body["message"] = "x" * 301
    if setup == "variables":
        body["message"] = "Hi {{FirstName}} from {{Company}}"
    if setup == "disabled":
        sb.set_setting("directLinkedInEnabled", False)
    response = api.post(f"/v3/contacts/{contact_id}/send-direct-linkedin-connect", json=body)
    assert_problem(response, status, code)


def test_linkedin_validation(api: httpx.Client) -> None:
    contact = new_contact(api, linkedInUrl=LINKEDIN)
    base = f"/v3/contacts/{contact['id']}"
    assert_problem(
        api.post(f"{base}/send-direct-linkedin-connect", json={"linkedInAccountId": 0}),
        400,
        pointer="/linkedInAccountId",
    )
    assert_problem(
        api.post(
            f"{base}/send-direct-linkedin-message",
            json={"linkedInAccountId": 1, "message": "x" * 8001},
        ),
        400,
        pointer="/message",
    )
    assert_problem(
        api.post(f"{base}/send-direct-linkedin-ai-voice", json={"linkedInAccountId": 1}),
        400,
        pointer="/script",
    )
