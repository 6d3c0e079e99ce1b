"""import_to_list over real HTTP against the sandbox: request counts, validation, resumability."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reply_contacts import AsyncReplyContacts, NotFoundError, ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.import_report import RowStatus
from reply_contacts.workflows.importing import ImportInterruptedError
from reply_contacts.workflows.journal import JournalMismatchError
from reply_contacts.workflows.rows import read_csv

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sandbox(sb: Sandbox) -> Sandbox:
    return sb


def people(count: int, start: int = 0) -> list[dict[str, str]]:
    return [
        {"First Name": f"Person{i}", "Last Name": "Tester", "E-mail": f"person{i}@example.com"}
        for i in range(start, start + count)
    ]


def emails_in_list(sandbox: Sandbox, list_id: int) -> list[str]:
    rows = sandbox.query(
        "SELECT c.email FROM contacts c JOIN list_members m ON m.contact_id = c.id "
        "WHERE m.list_id = ? AND c.deleted = 0",
        (list_id,),
    )
    return sorted(str(r["email"]).lower() for r in rows)


def test_ten_thousand_rows_into_a_list_in_at_most_13_requests(
    client: ReplyContacts, sandbox: Sandbox
) -> None:
    rows = people(10_000)
    before = client.requests_sent
    report = client.import_to_list(iter(rows), list_name="Q4 prospects", create_list=True)
    used = client.requests_sent - before
    assert used <= 13, used
    assert report.import_requests == 10
    assert report.created == 10_000 and report.ok and report.total == 10_000
    assert sandbox.count_contacts() == 10_000
    assert report.list_id is not None
    assert len(emails_in_list(sandbox, report.list_id)) == 10_000
    assert len(report.contact_ids()) == 10_000


def test_every_kind_of_bad_row_is_reported_and_good_rows_land(
    client: ReplyContacts, sandbox: Sandbox
) -> None:
    client.custom_fields.create(title="Lead Score", field_type="number")
    rows: list[dict[str, Any]] = [
        {"firstName": "Good", "email": "good@example.com", "Lead Score": "42"},
        {"firstName": "", "email": "nofirst@example.com"},
        {"firstName": "Bad", "email": "not-an-email"},
        {"firstName": "Nobody"},
        {"firstName": "Score", "email": "score@example.com", "Lead Score": "very high"},
        # csv.DictReader's ragged row: a cell past the header's last column
        {"firstName": "Ragged", "email": "ragged@example.com", None: ["blue"]},
        {"firstName": "Link", "email": "link@example.com", "LinkedIn URL": "https://x.com/a"},
        {"firstName": "Size", "email": "size@example.com", "Company Size": "gigantic"},
        {"firstName": "Long", "email": "long@example.com", "Title": "x" * 501},
        {"firstName": "Owner", "email": "owner@example.com", "ownerUserId": "abc"},
        {"firstName": "Only", "linkedInUrl": "https://www.linkedin.com/in/only-linkedin"},
    ]
    report = client.import_to_list(rows, list_name="Mixed", create_list=True)
    by_row = {o.index: o for o in report}
    assert by_row[0].status is RowStatus.CREATED
    assert by_row[10].status is RowStatus.CREATED
    reasons = {i: by_row[i].reason or "" for i in range(1, 10)}
    assert all(by_row[i].status is RowStatus.INVALID for i in range(1, 10))
    assert "firstName is required" in reasons[1]
    assert "invalid email" in reasons[2]
    assert "email or a LinkedIn URL" in reasons[3]
    assert "holds numbers" in reasons[4]
    assert "outside the named columns ('blue')" in reasons[5]
    assert "LinkedIn URL" in reasons[6]
    assert "company size" in reasons[7]
    assert "longer than" in reasons[8]
    assert "integer" in reasons[9]
    assert report.invalid == 9 and report.created == 2 and not report.ok
    assert sandbox.count_contacts() == 2


def test_missing_custom_fields_are_created_when_asked(
    client: ReplyContacts, sandbox: Sandbox
) -> None:
    rows = [{"firstName": "Ann", "email": "ann@example.com", "Deal Stage": "Won"}]
    report = client.import_to_list(
        rows, list_name="Fields", create_list=True, create_missing_fields=True
    )
    assert report.created == 1
    contact = client.contacts.get(report.contact_ids()[0])
    assert client.contacts.custom_values(contact) == {"Deal Stage": "Won"}


def test_missing_list_without_create_list_is_a_clear_error(client: ReplyContacts) -> None:
    with pytest.raises(NotFoundError, match="no contact list named 'Nope'"):
        client.import_to_list(people(1), list_name="Nope")


def test_csv_with_bom_quotes_non_ascii_and_duplicate_emails(
    client: ReplyContacts, sandbox: Sandbox, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "E-mail", "Company", "Title"])
        writer.writerow(["Zoë", "Müller", "zoe@example.com", "Globex, Inc.", "VP, Sales"])
        writer.writerow(["Søren", "Ødegård", "soren@example.com", "Ålesund AS", "CTO"])
        writer.writerow(["Zoë", "Müller", "ZOE@EXAMPLE.COM", "Globex, Inc.", "VP Sales"])
        writer.writerow(["李", "小龙", "li@example.com", '"Dragon" Ltd', "CEO"])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    report = client.import_to_list(read_csv(path), list_name="CSV", create_list=True)
    assert report.total == 4 and report.ok
    assert sandbox.count_contacts() == 3
    zoe = client.contacts.find_by_email("zoe@example.com")
    assert zoe is not None
    assert zoe.first_name == "Zoë" and zoe.company == "Globex, Inc."
    assert report.outcome(0).contact_id == report.outcome(2).contact_id
    assert report.outcome(2).status is RowStatus.UPDATED
    li = client.contacts.find_by_email("li@example.com")
    assert li is not None and li.company == '"Dragon" Ltd'


def test_import_options_are_passed_through(client: ReplyContacts, sandbox: Sandbox) -> None:
    first = client.import_to_list(
        [{"firstName": "Ann", "email": "ann@example.com", "title": "CEO"}],
        list_name="Opts",
        create_list=True,
    )
    assert first.created == 1
    skipped = client.import_to_list(
        [{"firstName": "Ann", "email": "ann@example.com", "title": "CTO"}],
        list_name="Opts",
        skip_existing=True,
    )
    assert skipped.skipped == 1
    overwritten = client.import_to_list(
        [{"firstName": "Ann", "email": "ann@example.com", "title": "CTO"}],
        list_name="Opts",
        overwrite_existing=True,
    )
    assert overwritten.updated == 1
    found = client.contacts.find_by_email("ann@example.com")
    assert found is not None and found.title == "CTO"


def test_journal_makes_a_finished_import_a_no_op(
    client: ReplyContacts, sandbox: Sandbox, tmp_path: Path
) -> None:
    journal = tmp_path / "import.journal"
    rows = people(2_500)
    first = client.import_to_list(rows, list_name="Journal", create_list=True, journal=journal)
    assert first.created == 2_500
    before = client.requests_sent
    again = client.import_to_list(rows, list_name="Journal", create_list=True, journal=journal)
    assert client.requests_sent == before + 1  # the account check (whoami), nothing else
    assert again.already_complete and again.created == 2_500
    with pytest.raises(JournalMismatchError):
        client.import_to_list(rows, list_name="Other", create_list=True, journal=journal)


def test_interrupted_import_resumes_without_duplicates(
    client: ReplyContacts, sandbox: Sandbox, tmp_path: Path
) -> None:
    journal = tmp_path / "import.journal"
    rows = people(3_000)

    def crashing_source() -> Iterator[dict[str, str]]:
        # The process "crashes" while reading row 1,200: two batches of 500 were imported.
        for index, row in enumerate(rows):
            if index == 1_200:
                raise RuntimeError("simulated crash")
            yield row

    with pytest.raises(RuntimeError, match="simulated crash"):
        client.import_to_list(
            crashing_source(),
            list_name="Resumed",
            create_list=True,
            journal=journal,
            batch_size=500,
        )
    assert sandbox.count_contacts() == 1_000
    report = client.import_to_list(
        rows, list_name="Resumed", create_list=True, journal=journal, batch_size=500
    )
    assert report.total == 3_000 and report.created == 3_000
    assert report.resumed_at_row == 1_000
    assert report.list_id is not None
    assert emails_in_list(sandbox, report.list_id) == sorted(r["E-mail"] for r in rows)
    changed = [dict(r) for r in rows]
    changed[3]["E-mail"] = "someone.else@example.com"
    journal2 = tmp_path / "changed.journal"
    journal2.write_text(journal.read_text().replace('{"kind":"done","rows":3000}\n', ""))
    with pytest.raises(JournalMismatchError, match="input changed"):
        client.import_to_list(
            changed, list_name="Resumed", create_list=True, journal=journal2, batch_size=500
        )


def test_a_permanent_api_error_interrupts_with_the_report_so_far(
    client: ReplyContacts, sandbox: Sandbox
) -> None:
    client.contact_lists.create("Forbidden")
    sandbox.inject_fault("POST", "/v3/contacts/import", status=403, times=1)
    with pytest.raises(ImportInterruptedError) as stopped:
        client.import_to_list(people(10), list_name="Forbidden")
    assert stopped.value.report.total == 0
    assert "403" in str(stopped.value)


def test_progress_callback_fires_after_each_batch(client: ReplyContacts) -> None:
    seen: list[int] = []
    client.import_to_list(
        people(2_500),
        list_name="Progress",
        create_list=True,
        on_progress=lambda p: seen.append(p.rows_done),
    )
    assert seen == [1_000, 2_000, 2_500]


async def test_async_import_to_list(sandbox: Sandbox) -> None:
    async with AsyncReplyContacts(
        api_key=sandbox.api_key, base_url=sandbox.url, rate_limit=None
    ) as aclient:
        report = await aclient.import_to_list(people(1_200), list_name="Async", create_list=True)
    assert report.created == 1_200 and report.import_requests == 2


_WORKER = textwrap.dedent(
    """
    import sys
    from reply_contacts import ReplyContacts
    from reply_contacts.workflows.rows import read_csv
    url, key, path, journal = sys.argv[1:5]
    with ReplyContacts(api_key=key, base_url=url, rate_limit=None) as client:
        report = client.import_to_list(
            read_csv(path), list_name="Killed", create_list=True, journal=journal,
            batch_size=250,
        )
    print(report.total, report.created, report.updated, flush=True)
    """
)


def _journal_batches(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text().splitlines() if '"kind":"batch"' in line)


def test_a_killed_import_resumes_to_exactly_the_input_set(sandbox: Sandbox, tmp_path: Path) -> None:
    rows = people(5_000)
    source = tmp_path / "rows.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    journal = tmp_path / "killed.journal"
    script = tmp_path / "worker.py"
    script.write_text(_WORKER)
    # Slow the imports down so the kill lands mid-run.
    sandbox.inject_fault("POST", "/v3/contacts/import", latency=0.15)
    args = [sys.executable, str(script), sandbox.url, sandbox.api_key, str(source), str(journal)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "facade")}
    worker = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _journal_batches(journal) < 5 and time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"worker ended early: {worker.stderr.read() if worker.stderr else ''!r}")
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    settled = _journal_batches(journal)
    assert 5 <= settled < 20, settled
    sandbox.clear_faults()
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    total, created, updated = map(int, done.stdout.split())
    assert total == 5_000 and created + updated == 5_000
    list_id = json.loads(journal.read_text().splitlines()[0])["listId"]
    assert emails_in_list(sandbox, list_id) == sorted(r["E-mail"] for r in rows)
    assert sandbox.count_contacts() == 5_000
