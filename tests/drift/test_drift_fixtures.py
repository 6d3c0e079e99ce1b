"""Fixtures: what `--save-fixtures` writes holds no personal data, keeps what a bug report needs,
and replays through the SDK; the project's recorded live payloads replay too."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from drift_support import ACCOUNT, CUSTOM_VALUE, PEOPLE, unique_key
from reply_contact_data_client.contract import OPERATIONS
from reply_contacts.cli import app
from reply_contacts.drift import Anonymiser, read_fixture, replay_fixture
from reply_contacts.sandbox import Sandbox
from typer.testing import CliRunner

LIVE = Path(__file__).resolve().parents[1] / "fixtures" / "live"
READ_ONLY = {op.name for op in OPERATIONS.values() if op.read_only}


def personal_values() -> list[str]:
    values = [CUSTOM_VALUE, ACCOUNT["name"], ACCOUNT["domainName"]]
    for person in PEOPLE:
        values += [v for k, v in person.items() if k != "title"]
        values += [person["firstName"], person["lastName"], person["email"].split("@")[0]]
        digits = re.sub(r"\D", "", person["phone"])
        values += [digits, digits[-8:]]
    return values


@pytest.fixture
def saved(
    sandbox: Sandbox, populated: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    monkeypatch.setenv("REPLY_API_KEY", unique_key(sandbox))
    monkeypatch.setenv("REPLY_BASE_URL", sandbox.url)
    target = tmp_path / "fixtures"
    result = CliRunner().invoke(app, ["drift", "--save-fixtures", str(target)])
    assert result.exit_code == 0, result.output
    return {path.stem: json.loads(path.read_text()) for path in sorted(target.glob("*.json"))}


def test_every_response_is_saved_with_no_email_name_or_phone_left(saved: dict[str, Any]) -> None:
    assert set(saved) == READ_ONLY
    text = json.dumps(saved, ensure_ascii=False).lower()
    digits_only = re.sub(r"\D", "", text)
    for value in personal_values():
        assert value.lower() not in text, value
        if value.isdigit():
            assert value not in digits_only, value


def test_fakes_are_stable_and_ids_enums_dates_are_kept(
    saved: dict[str, Any], populated: dict[str, Any]
) -> None:
    page = saved["get_contacts"]["response"]["body"]["items"]
    one = saved["get_contact_by_id"]["response"]["body"]
    first = next(contact for contact in page if contact["id"] == one["id"])
    assert [c["id"] for c in page] == populated["contacts"]
    for member in ("email", "firstName", "lastName", "phone", "company", "linkedInUrl"):
        assert first[member] == one[member], member  # the same input, the same fake
    assert first["email"] != page[1]["email"] and first["firstName"] != page[1]["firstName"]
    # Relations survive: the same company, the same domain wherever they appear.
    account = saved["get_contact_account_by_id"]["response"]["body"]
    assert account["name"] == first["company"] == page[1]["company"]
    assert account["domainName"] == first["domain"] == first["email"].split("@")[1]
    assert account["id"] == populated["account"] == first["accountId"]
    # Enum values, dates and booleans as the server sent them.
    assert first["companySize"] == "Empty" and first["phoneStatus"] == "notValidated"
    assert datetime.datetime.fromisoformat(first["addingDate"])
    assert first["isOptedOut"] is False
    job = saved["get_background_job_by_id"]
    assert job["request"]["path"] == f"/v3/background-jobs/{populated['job']}"
    assert job["response"]["body"]["status"] == "Done"
    # Custom-field keys are field ids; their values are free text.
    (custom,) = first["customFields"]
    assert custom["key"] == str(populated["customField"]) and custom["value"] != CUSTOM_VALUE


def test_saved_fixtures_replay_through_the_facade(tmp_path: Path, saved: dict[str, Any]) -> None:
    for name, data in saved.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data))
        parsed = replay_fixture(read_fixture(path))
        assert parsed is not None, name


def test_anonymiser_replaces_personal_data_wherever_it_hides() -> None:
    anonymiser = Anonymiser()
    document = {
        "id": 7,
        "notes": "call ann.lee@northwind.io on +1 415 555 0123",
        "phone": 4155550123,
        "mobilePhone": "(415) 555-0123",
        "website": "https://northwind.io/team/ann",
        "domain": "NorthWind.io",
        "customFields": [{"key": "150697", "value": "07700 900461"}],
        "timeZoneId": "America/Los_Angeles",
        "state": "CA",
        "activityType": "note",
        "seats": "250",
        "errors": [{"pointer": "/email", "detail": "'ann.lee@northwind.io' is taken"}],
        "code": "contact.invalidInput",
        "title": "Not Found",
        "status": 404,
        "empty": "",
    }
    clean = anonymiser.anonymise(document)
    text = json.dumps(clean)
    for secret in ("ann", "northwind", "415", "0123", "900461", "07700"):
        assert secret not in text.lower(), secret
    assert clean["state"] != "CA"  # an address part, not a status
    assert clean["id"] == 7 and clean["status"] == 404 and clean["empty"] == ""
    assert clean["customFields"][0]["key"] == "150697"
    assert clean["timeZoneId"] == "America/Los_Angeles"
    assert clean["activityType"] == "note" and clean["seats"] == "250"
    assert clean["errors"][0]["pointer"] == "/email" and clean["code"] == "contact.invalidInput"
    assert clean["title"] == "Not Found"
    assert clean["mobilePhone"].startswith("(") and len(clean["mobilePhone"]) == 14
    assert isinstance(clean["phone"], int) and clean["phone"] != 4155550123
    assert clean["website"].startswith("https://") and clean["domain"] in clean["website"]
    # Stable within one anonymiser, case-insensitively for emails; a new one starts afresh.
    again = anonymiser.anonymise({"email": "Ann.Lee@NorthWind.io", "domain": "northwind.io"})
    assert again["domain"] == clean["domain"] and again["email"].endswith("@" + clean["domain"])
