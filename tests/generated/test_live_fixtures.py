"""The project's payloads recorded from the live server, kept as drift fixtures
(tests/fixtures/live/, the format `reply-contacts drift --save-fixtures` writes), replayed through
the facade: the transport's error mapping and the generated models must take every one of them,
losing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reply_contacts.drift import read_fixture, replay_fixture
from reply_contacts.errors import APIError, DecodeError
from test_generated_client import _normalise

LIVE = Path(__file__).resolve().parents[1] / "fixtures" / "live"
LIVE_FIXTURES = sorted(LIVE.glob("*.json"))


def test_live_payloads_are_fixtures() -> None:
    assert len(LIVE_FIXTURES) >= 5
    operations = {read_fixture(path).operation for path in LIVE_FIXTURES}
    assert {"get_contacts", "get_contact_by_id", "get_custom_fields"} <= operations


@pytest.mark.parametrize("path", LIVE_FIXTURES, ids=lambda p: p.stem)
def test_live_fixture_replays_through_the_facade(path: Path) -> None:
    fixture = read_fixture(path)
    if fixture.status >= 400:
        with pytest.raises(APIError) as refused:
            replay_fixture(fixture)
        assert refused.value.status == fixture.status
        return
    parsed = replay_fixture(fixture)
    dumped = [m.to_dict() for m in parsed] if isinstance(parsed, list) else parsed.to_dict()
    assert _normalise(dumped) == _normalise(fixture.body)  # nothing lost, nothing invented


def test_live_pascal_case_company_size_is_kept() -> None:
    fixture = read_fixture(LIVE / "get_contact_by_id--live-pascal-company-size.json")
    contact = replay_fixture(fixture)
    assert contact.company_size == "Empty"
    assert contact.to_dict()["companySize"] == "Empty"


def test_replay_refuses_a_response_the_sdk_cannot_parse(tmp_path: Path) -> None:
    fixture = read_fixture(LIVE / "get_contact_by_id--live-pascal-company-size.json")
    broken = tmp_path / "broken.json"
    data = json.loads((LIVE / "get_contact_by_id--live-pascal-company-size.json").read_text())
    data["response"]["body"] = ["a contact was expected"]
    broken.write_text(json.dumps(data))
    assert replay_fixture(fixture).id == fixture.body["id"]  # the intact one parses
    with pytest.raises(DecodeError):
        replay_fixture(read_fixture(broken))
