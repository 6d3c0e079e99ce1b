"""Bulk account creation and contact linking under the same faults as the imports: every
account exists exactly once (by name), every contact is linked to its account, and the reports
say so. Bulk create is not idempotent, so after a failure of unknown outcome the workflow has to
find what the lost request created instead of sending it again."""

from __future__ import annotations

from reliability_support import RETRY, inject_faults, summary
from reply_contacts import ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import FakeClock

ACCOUNTS = 450
CHUNK = 25  # 18 bulk requests instead of 5, so that faults hit several of them
BULK_CREATE = "/v3/contact-accounts/bulk"
LINKS = "/v3/contact-accounts/*/contact-links/bulk"


def test_accounts_created_once_and_contacts_linked_under_faults(sandbox: Sandbox) -> None:
    contact_ids = sandbox.seed_contacts(
        {"firstName": f"Member{i}", "email": f"member{i}@example.com"} for i in range(2 * ACCOUNTS)
    )
    profile = inject_faults(sandbox, seed=3_003, drops_after={BULK_CREATE: 0.2, LINKS: 0.1})
    names = [f"Reliable Account {i:03d}" for i in range(ACCOUNTS)]
    with ReplyContacts(
        api_key=sandbox.api_key,
        base_url=sandbox.url,
        rate_limit=None,
        retry=RETRY,
        clock=FakeClock(),
    ) as client:
        created = client.workflows.create_accounts(
            [{"name": name, "domainName": f"account{i}.example"} for i, name in enumerate(names)],
            chunk_size=CHUNK,
        )
        # Each account gets two contacts: odd accounts by id through the resource, even ones
        # through the workflow, one contact given by email and one by id.
        expected: dict[int, int] = {}
        link_reports = []
        for i in range(ACCOUNTS):
            account_id = created.created[i]
            first, second = contact_ids[2 * i], contact_ids[2 * i + 1]
            expected[first] = expected[second] = account_id
            if i % 2:
                result = client.accounts.link_contacts(account_id, [first, second])
                assert result.ok and result.succeeded_ids == [first, second], result
            else:
                report = client.workflows.link_contacts_to_account(
                    account_id, [f"member{2 * i}@example.com", second]
                )
                link_reports.append((account_id, first, second, report))
    reconciled = len(created.reconciled)
    print(f"\naccounts under faults: reconciled {reconciled}; {summary(sandbox, profile)}")
    assert all(count > 0 for count in profile.fired().values()), profile.fired()

    # The create report: every input created, once, nothing failed.
    assert created.ok and created.failures == ()
    assert created.total == created.created_count == ACCOUNTS
    assert sorted(created.created) == list(range(ACCOUNTS))
    assert len(set(created.created_ids)) == ACCOUNTS
    assert created.reconciled, "some chunks were found by name after a dropped connection"

    # The sandbox: each name exactly once, with the id the report gave its input.
    rows = sandbox.query("SELECT id, name FROM accounts")
    by_name: dict[str, list[int]] = {}
    for row in rows:
        by_name.setdefault(row["name"], []).append(row["id"])
    assert sorted(by_name) == sorted(names)
    assert all(len(ids) == 1 for ids in by_name.values()), "an account was created twice"
    assert [by_name[name][0] for name in names] == created.created_ids

    # Links: the workflow's reports, then the sandbox.
    for account_id, first, second, report in link_reports:
        assert report.ok, report
        assert report.account_id == account_id
        assert sorted(report.linked) == sorted([first, second])
        assert report.email_lookups == 1 and list(report.resolved_emails.values()) == [first]
    linked = sandbox.query("SELECT id, account_id FROM contacts WHERE account_id IS NOT NULL")
    assert {row["id"]: row["account_id"] for row in linked} == expected
