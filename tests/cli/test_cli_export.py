"""`reply-contacts export`: --where checked locally before any request or output, quoted
custom-field titles, an --output file complete or not at all, one spelling of booleans."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from reply_contacts import ReplyContacts
from reply_contacts.cli import app
from reply_contacts.sandbox import Sandbox
from typer.testing import CliRunner


@pytest.fixture
def deals(sandbox: Sandbox) -> Sandbox:
    """Three contacts with a "Deal Stage" custom field (a title with a space); one opted out."""
    with ReplyContacts(api_key=sandbox.api_key, base_url=sandbox.url, rate_limit=None) as client:
        client.custom_fields.create(title="Deal Stage", field_type="text")
        for name, stage in (("Ann", "Won"), ("Bob", "Lost"), ("Cat", "Won")):
            client.contacts.create(
                first_name=name,
                email=f"{name.lower()}@example.com",
                custom_fields={"Deal Stage": stage},
            )
        bob = client.contacts.find_by_email("bob@example.com")
        assert bob is not None
        client.contacts.set_opted_out([bob.id]).raise_for_failures()
    return sandbox


def requests_made(sandbox: Sandbox) -> int:
    return int(sandbox.stats()["requests"])


def test_a_quoted_custom_field_title_filters_by_that_field(cli: CliRunner, deals: Sandbox) -> None:
    result = cli.invoke(app, ["export", "--where", '"Deal Stage" equals Won', "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(row["email"] for row in rows) == ["ann@example.com", "cat@example.com"]
    assert {row["custom:Deal Stage"] for row in rows} == {"Won"}


BAD_RULES = [
    ("title", "'PROPERTY CONDITION [VALUE]'"),
    ("title resembles VP", "unknown condition 'resembles'"),
    ('"Deal Stage equals Won', "No closing quotation"),
    ("ownerUserId equals seven", "ownerUserId compares whole numbers; got 'seven'"),
    ("isOptedOut contains yes", "isOptedOut does not support contains"),
    ("phone isSet 12", "phone isSet takes no value"),
    ("callStatus equals maybe", "callStatus is one of"),
]


@pytest.mark.parametrize(("rule", "said"), BAD_RULES, ids=[r for r, _ in BAD_RULES])
def test_a_bad_where_fails_before_any_request_and_writes_nothing(
    cli: CliRunner, sandbox: Sandbox, tmp_path: Path, rule: str, said: str
) -> None:
    output = tmp_path / "out.csv"
    before = requests_made(sandbox)
    result = cli.invoke(app, ["export", "--where", rule, "--output", str(output)])
    assert result.exit_code == 2
    assert said in result.output
    assert "ContactFields" not in result.output  # the rule's words, not the Python builder's
    assert requests_made(sandbox) == before
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_custom_field_title_fails_before_any_output(
    cli: CliRunner, deals: Sandbox, tmp_path: Path
) -> None:
    output = tmp_path / "out.csv"
    result = cli.invoke(app, ["export", "--where", "Stage equals Won", "--output", str(output)])
    assert result.exit_code == 2
    assert "'Stage' is neither a contact property" in result.output
    assert "Deal Stage" in result.output  # the custom fields it could have meant
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_previous_file_untouched_and_no_partial_one(
    cli: CliRunner, deals: Sandbox, tmp_path: Path
) -> None:
    output = tmp_path / "out.csv"
    output.write_text("yesterday's export\n")
    deals.inject_fault("POST", "/v3/contacts/filter", status=403, times=1)
    result = cli.invoke(app, ["export", "--output", str(output)])
    assert result.exit_code == 2
    assert "PermissionDeniedError" in result.output
    assert output.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left
    done = cli.invoke(app, ["export", "--output", str(output)])
    assert done.exit_code == 0, done.output
    assert len(list(csv.DictReader(io.StringIO(output.read_text())))) == 3


def test_booleans_are_spelled_the_same_in_csv_and_jsonl(cli: CliRunner, deals: Sandbox) -> None:
    as_csv = cli.invoke(app, ["export"])
    as_jsonl = cli.invoke(app, ["export", "--format", "jsonl"])
    assert as_csv.exit_code == 0 and as_jsonl.exit_code == 0
    csv_rows = {row["email"]: row for row in csv.DictReader(io.StringIO(as_csv.stdout))}
    json_rows = {row["email"]: row for row in map(json.loads, as_jsonl.stdout.splitlines())}
    assert csv_rows["bob@example.com"]["isOptedOut"] == "true"
    assert csv_rows["ann@example.com"]["isOptedOut"] == "false"
    assert json_rows["bob@example.com"]["isOptedOut"] is True
    assert json_rows["ann@example.com"]["isOptedOut"] is False
    for email, row in json_rows.items():
        assert csv_rows[email]["isOptedOut"] == json.dumps(row["isOptedOut"])
