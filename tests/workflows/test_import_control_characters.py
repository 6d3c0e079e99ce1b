"""Import validation refuses NUL and other control characters in names and emails (and NUL in
any text), naming the row and the field; the good rows around them still land (real HTTP
against the sandbox, sync and async)."""

from __future__ import annotations

from typing import Any

from import_support import run
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.import_report import RowStatus

GOOD = {"First Name": "Ann", "Last Name": "Lee", "E-mail": "ann@example.com"}

BAD_ROWS = [
    ({"First Name": "Bo\x00b", "E-mail": "bob@example.com"}, "firstName", "U+0000"),
    (
        {"First Name": "Cy", "Last Name": "Lee\x1b[31m", "E-mail": "cy@example.com"},
        "lastName",
        "U+001B",
    ),
    ({"First Name": "Di", "E-mail": "di\x00@example.com"}, "email", "U+0000"),
    ({"First Name": "Ed", "E-mail": "ed@exa\tmple.com"}, "email", "U+0009"),
    ({"First Name": "Fay", "E-mail": "fay@exam\x9bple.com"}, "email", "U+009B"),
    ({"First Name": "Gus", "E-mail": "gus@example.com", "Title": "CTO\x00"}, "title", "U+0000"),
    ({"First Name": "Hal", "E-mail": "hal@example.com", "Notes": "a\x07b"}, "notes", "U+0007"),
]


async def test_control_characters_make_a_row_invalid_naming_the_field(
    importer: Any, sb: Sandbox
) -> None:
    multiline = {"First Name": "Ivy", "E-mail": "ivy@example.com", "Notes": "line 1\nline 2\tend"}
    rows = [GOOD, *(row for row, _, _ in BAD_ROWS), multiline]
    report = await run(importer.import_to_list(rows, list_name="Controls", create_list=True))
    assert report.total == len(rows)
    assert report.outcome(0).status is RowStatus.CREATED
    assert report.outcome(len(rows) - 1).status is RowStatus.CREATED  # tabs and newlines in notes
    for position, (_, field, character) in enumerate(BAD_ROWS, start=1):
        outcome = report.outcome(position)
        assert outcome.status is RowStatus.INVALID, outcome
        assert outcome.reason is not None
        assert outcome.reason.startswith(f"{field} contains a control character ({character})")
    stored = [str(row["email"]) for row in sb.query("SELECT email FROM contacts")]
    assert sorted(stored) == ["ann@example.com", "ivy@example.com"]


async def test_a_control_character_in_a_custom_field_value_is_refused(
    importer: Any, sb: Sandbox
) -> None:
    await run(importer.custom_fields.create(title="Deal Stage", field_type="text"))
    rows = [{**GOOD, "Deal Stage": "Won\x00"}]
    report = await run(importer.import_to_list(rows, list_name="Controls", create_list=True))
    reason = report.outcome(0).reason
    assert report.invalid == 1 and reason is not None
    assert reason.startswith("custom field 'Deal Stage' contains a control character (U+0000)")
    assert sb.count_contacts() == 0
