"""The demo: the SDK's main job, end to end, against the embedded sandbox (no network, no key).

1. import a prospects CSV (a few thousand rows, some bad) into a named list, with custom fields;
2. build a segment with the filter builder and count it;
3. run the pre-outreach check on a few contacts;
4. group the contacts under accounts, organized in an account list;
5. report how many requests all of that used against the per-user budget.
"""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

LIST_NAME = "Q4 Outbound - Prospects"
ACCOUNT_LIST_NAME = "Q4 Target Accounts"
PER_MINUTE, PER_HOUR = 100, 3000


@dataclass
class DemoResult:
    """What the demo did, for tests and for anyone scripting it."""

    imported: dict[str, int] = field(default_factory=dict)
    invalid_rows: int = 0
    segment_count: int = 0
    verdicts: dict[int, str] = field(default_factory=dict)
    accounts_created: int = 0
    contacts_linked: int = 0
    requests_used: int = 0
    server_429s: int = 0
    seconds: float = 0.0


def find_prospects_csv() -> Path | None:
    """examples/prospects.csv from the working directory or from the source checkout."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base / "examples" / "prospects.csv"
        if candidate.exists():
            return candidate
    return None


def run_demo(csv_path: Path | None = None, console: Console | None = None) -> DemoResult:
    from reply_contacts import ReplyContacts
    from reply_contacts.filters import ContactFields, ContactFilter
    from reply_contacts.sandbox import Sandbox
    from reply_contacts.workflows.rows import read_csv

    from ._tables import import_summary_table

    console = console or Console()
    result = DemoResult()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        path = csv_path or find_prospects_csv()
        if path is None:
            from .demo_data import write_csv

            path = write_csv(Path(scratch) / "prospects.csv")
        console.rule("[bold]reply-contacts demo[/bold]")
        # The sandbox enforces the real limits (100/min, 3,000/h): the client's own limiter must
        # keep the whole demo free of 429s.
        with (
            Sandbox() as sandbox,
            ReplyContacts(api_key=sandbox.api_key, base_url=sandbox.url) as client,
        ):
            console.print(f"Embedded sandbox at {sandbox.url} (limits {PER_MINUTE}/min)")

            # 1. Import into a list, with custom fields -----------------------------------
            client.custom_fields.create(title="Lead Score", field_type="number")
            report = client.import_to_list(
                read_csv(path),
                list_name=LIST_NAME,
                create_list=True,
                create_missing_fields=True,  # "Lead Source" becomes a text field
            )
            result.imported = report.totals()
            result.invalid_rows = report.invalid + report.failed
            console.print(
                f"\n[bold]1. Imported {path.name}[/bold] ({report.import_requests} import requests)"
            )
            console.print(import_summary_table(report))
            for failure in report.failures[:8]:
                console.print(f"   {failure.location}: {failure.reason}")

            # 2. A segment with the filter builder ----------------------------------------
            list_id = int(report.list_id or 0)
            segment = (
                (ContactFields.title.contains("VP") & (ContactFields.country == "United States"))
                .in_list(list_id)
                .sort(ContactFields.last_name)
            )
            result.segment_count = client.contacts.count(segment)
            console.print(
                f"\n[bold]2. Segment[/bold] VPs in the United States: {result.segment_count}"
            )
            table = Table("id", "name", "title", "company")
            for contact in client.contacts.filter(segment, max_items=5):
                table.add_row(
                    str(contact.id),
                    f"{contact.first_name} {contact.last_name}",
                    str(contact.title),
                    str(contact.company),
                )
            console.print(table)

            # 3. Pre-outreach check ---------------------------------------------------------
            ids = report.contact_ids()[:4]
            sequence_id = sandbox.seed_sequence("Q4 Outbound", steps=3)
            client.contacts.set_opted_out([ids[1]])
            client.contacts.move_to_sequence(ids[2], sequence_id)
            client.contacts.move_to_sequence(ids[3], sequence_id)
            client.contacts.set_replied([ids[3]])
            console.print("\n[bold]3. Pre-outreach check[/bold]")
            checks = Table("contact", "verdict", "reasons")
            for contact_id in ids:
                verdict = client.workflows.outreach_check(contact_id)
                result.verdicts[contact_id] = str(verdict.verdict)
                reasons = "; ".join(r.message for r in verdict.reasons) or "-"
                checks.add_row(str(contact_id), str(verdict.verdict), reasons)
            console.print(checks)

            # 4. Accounts: one per company, contacts linked, organized in a list -----------
            by_company: dict[str, list[int]] = defaultdict(list)
            with_company = ContactFilter(ContactFields.company.is_set(), list_id=list_id)
            for contact in client.contacts.filter(with_company):
                by_company[str(contact.company)].append(contact.id)
            names = sorted(by_company)
            created = client.workflows.create_accounts([{"name": name} for name in names])
            result.accounts_created = created.created_count
            account_ids = []
            for index, name in enumerate(names):
                account_id = created.created.get(index)
                if account_id is None:
                    continue
                account_ids.append(account_id)
                linked = client.accounts.link_contacts(account_id, by_company[name])
                result.contacts_linked += len(linked.succeeded_ids)
            organized = client.workflows.organize_accounts(ACCOUNT_LIST_NAME, account_ids)
            console.print(
                f"\n[bold]4. Accounts[/bold] {result.accounts_created} created, "
                f"{result.contacts_linked} contacts linked, {len(organized.succeeded_ids)} "
                f"filed in {ACCOUNT_LIST_NAME!r}"
            )

            # 5. The budget ------------------------------------------------------------------
            result.requests_used = client.requests_sent
            result.server_429s = int(sandbox.stats().get("rate_limited", 0))
    result.seconds = time.monotonic() - started
    console.print(
        f"\n[bold]5. Budget[/bold] {result.requests_used} requests used "
        f"({result.requests_used / PER_MINUTE:.0%} of a minute's {PER_MINUTE}, "
        f"{result.requests_used / PER_HOUR:.1%} of an hour's {PER_HOUR}); "
        f"429s from the server: {result.server_429s}; {result.seconds:.1f} s"
    )
    return result
