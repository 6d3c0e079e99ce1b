"""LinkedIn's own limits, over real HTTP: per-account daily and weekly send caps (429 with a
code, the API budget untouched), InMail's 200/1,900-character limits, and every other
documented Direct Outreach refusal, each reproducible from seeded state."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from reply_contact_data_client import contract
from reply_contacts.sandbox import Sandbox

from .conftest import FakeClock, assert_problem, new_contact

LINKEDIN = "https://linkedin.com/in/ann"
DAY = 24 * 3600


def send(api: httpx.Client, contact: int, kind: str, **body: Any) -> httpx.Response:
    return api.post(
        f"/v3/contacts/{contact}/send-direct-linkedin-{kind}",
        json={"linkedInAccountId": body.pop("account", 1), **body},
    )


@pytest.fixture
def ann(api: httpx.Client) -> int:
    contact_id: int = new_contact(api, linkedInUrl=LINKEDIN, company="Acme")["id"]
    return contact_id


def test_daily_cap_answers_429_with_its_code_and_spares_the_api_budget(
    api: httpx.Client, sb: Sandbox, fake_clock: FakeClock, ann: int
) -> None:
    sb.set_setting("linkedInDailySendLimit", 3)
    for _ in range(3):
        assert send(api, ann, "inmail", subject="Hi", body="Hello").status_code == 200
    fake_clock.advance(3600)
    capped = send(api, ann, "inmail", subject="Hi", body="Hello")
    body = assert_problem(capped, 429, "directLinkedIn.dailyLimitReached")
    assert "3" in body["detail"]
    assert int(capped.headers["Retry-After"]) == DAY - 3600  # when the first send leaves
    assert sb.stats()["rateLimited"] == 0  # not the API's rate limit
    assert api.get(f"/v3/contacts/{ann}").status_code == 200  # every other call goes on
    # Another LinkedIn account of the user has a cap of its own.
    second = sb.seed_linkedin_account("Second account")
    assert send(api, ann, "inmail", account=second, subject="Hi", body="Hello").status_code == 200
    fake_clock.advance(DAY - 3600)
    assert send(api, ann, "inmail", subject="Hi", body="Hello").status_code == 200


def test_weekly_cap_and_per_account_limits(
    api: httpx.Client, sb: Sandbox, fake_clock: FakeClock, ann: int
) -> None:
    account = sb.seed({"linkedInAccounts": [{"name": "Capped", "dailyLimit": 5, "weeklyLimit": 4}]})
    (capped_account,) = account["linkedInAccounts"]
    for day in range(4):
        response = send(api, ann, "inmail", account=capped_account, subject="Hi", body="Hi")
        assert response.status_code == 200, (day, response.text)
        fake_clock.advance(DAY)
    weekly = send(api, ann, "inmail", account=capped_account, subject="Hi", body="Hi")
    assert_problem(weekly, 429, "directLinkedIn.weeklyLimitReached")
    assert int(weekly.headers["Retry-After"]) == 3 * DAY  # the first of the four leaves then


def test_defaults_are_the_documented_ones(sb: Sandbox) -> None:
    rows = sb.query("SELECT name, value FROM settings")
    assert rows == []  # nothing stored: the defaults apply
    from reply_contacts.sandbox.seed import SETTING_DEFAULTS

    assert SETTING_DEFAULTS["linkedInDailySendLimit"] == "50"
    assert SETTING_DEFAULTS["linkedInWeeklySendLimit"] == "200"


def test_the_cap_codes_are_the_contracts() -> None:
    assert contract.Vocabularies.DirectLinkedInSendLimitCode == (
        "directLinkedIn.dailyLimitReached",
        "directLinkedIn.weeklyLimitReached",
    )


def test_inmail_subject_and_body_limits(api: httpx.Client, ann: int) -> None:
    assert contract.Operations.send_direct_linked_in_in_mail.max_length("/subject") == 200
    assert contract.Operations.send_direct_linked_in_in_mail.max_length("/body") == 1900
    assert send(api, ann, "inmail", subject="s" * 200, body="b" * 1900).status_code == 200
    assert_problem(send(api, ann, "inmail", subject="s" * 201, body="b"), 400, pointer="/subject")
    assert_problem(send(api, ann, "inmail", subject="s", body="b" * 1901), 400, pointer="/body")


LONG_COMPANY = "Northwind " * 10  # 100 characters where the template says {{company}} (11)


def test_inmail_too_long_once_filled_in(api: httpx.Client) -> None:
    contact = new_contact(api, linkedInUrl=LINKEDIN, company=LONG_COMPANY)["id"]
    written = "b" * 1880 + "{{company}}"  # 1,891 characters as written
    assert_problem(
        send(api, contact, "inmail", subject="s", body=written),
        400,
        "directLinkedIn.messageTooLong",
    )
    fits = "b" * 1800 + "{{company}}"
    assert send(api, contact, "inmail", subject="s", body=fits).status_code == 200


def test_message_too_long_once_filled_in(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api, linkedInUrl=LINKEDIN, company=LONG_COMPANY)["id"]
    sb.seed_linkedin_connection(contact, 1)
    grown = send(api, contact, "message", message="m" * 7980 + "{{company}}")
    assert_problem(grown, 400, "directLinkedIn.messageTooLong")


REFUSALS: dict[str, tuple[dict[str, Any], str, dict[str, Any], int]] = {
    # code: (seed document, send kind, body, status)
    "salesNavRequired": (
        {"linkedInAccounts": [{"salesNavigator": "none"}]},
        "inmail",
        {"subject": "s", "body": "b"},
        409,
    ),
    "salesNavDisconnected": (
        {"linkedInAccounts": [{"salesNavigator": "disconnected"}]},
        "inmail",
        {"subject": "s", "body": "b"},
        409,
    ),
    "noInMailCredits": (
        {"linkedInAccounts": [{"inMailCredits": 0}]},
        "inmail",
        {"subject": "s", "body": "b"},
        409,
    ),
    "voiceAttachmentNotFound": (
        {"linkedInAccounts": [{}]},
        "voice",
        {"voiceAttachmentId": 404},
        404,
    ),
    "voiceTooLong": (
        {"linkedInAccounts": [{}], "voiceAttachments": [{"id": 75, "durationSeconds": 75}]},
        "voice",
        {"voiceAttachmentId": 75},
        400,
    ),
    "voiceProfileMissing": (
        {"linkedInAccounts": [{}], "users": [{"id": 1, "voiceProfile": False}]},
        "ai-voice",
        {"script": "Hello"},
        409,
    ),
}


@pytest.mark.parametrize("code", list(REFUSALS))
def test_each_documented_refusal_is_reproducible(
    api: httpx.Client, sb: Sandbox, ann: int, code: str
) -> None:
    document, kind, body, status = REFUSALS[code]
    created = sb.seed(document)
    (account,) = created["linkedInAccounts"]
    sb.seed_linkedin_connection(ann, account)
    response = send(api, ann, kind, account=account, **body)
    assert_problem(response, status, f"directLinkedIn.{code}")
    assert f"directLinkedIn.{code}" in contract.Vocabularies.DirectLinkedInErrorCode


def test_inmail_spends_a_credit(api: httpx.Client, sb: Sandbox, ann: int) -> None:
    (account,) = sb.seed({"linkedInAccounts": [{"inMailCredits": 1}]})["linkedInAccounts"]
    assert send(api, ann, "inmail", account=account, subject="s", body="b").status_code == 200
    refused = send(api, ann, "inmail", account=account, subject="s", body="b")
    assert_problem(refused, 409, "directLinkedIn.noInMailCredits")
