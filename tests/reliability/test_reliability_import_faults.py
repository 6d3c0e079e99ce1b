"""10,000 contacts into a list over real HTTP while the sandbox misbehaves: 5xx, 429s with
Retry-After, connections dropped after the write was applied, latency spikes. The end state is
exactly the input set, each contact once and all in the list, and the report accounts for every
row, flagging the rows whose batch was replayed after a failure of unknown effect."""

from __future__ import annotations

import time

from reliability_support import (
    RETRY,
    RecordingTransport,
    ids_by_email,
    inject_faults,
    people,
    summary,
)
from reply_contacts import ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import FakeClock
from reply_contacts.workflows.import_report import RowStatus

ROWS = 10_000
BATCH = 100
IMPORT_PATH = "/v3/contacts/import"
LIST_NAME = "Reliability prospects"
START = 1_000.0


def test_ten_thousand_rows_survive_faults_exactly_once(sandbox: Sandbox) -> None:
    profile = inject_faults(sandbox, seed=1_001, drops_after={IMPORT_PATH: 0.10})
    # Make sure the list lookup and creation meet faults too, whatever the dice say: the first
    # lookup fails, and the create is applied but its answer is lost.
    profile.rules["503 list lookup"] = sandbox.inject_fault(
        "GET", "/v3/contact-lists", status=503, times=1
    )
    profile.rules["drop after list create"] = sandbox.inject_fault(
        "POST", "/v3/contact-lists", drop="after", times=1
    )
    rows = people(ROWS)
    clock = FakeClock(START)
    wire = RecordingTransport()
    started = time.monotonic()
    with ReplyContacts(
        api_key=sandbox.api_key,
        base_url=sandbox.url,
        rate_limit=None,
        retry=RETRY,
        clock=clock,
        http_transport=wire,
    ) as client:
        report = client.import_to_list(
            iter(rows), list_name=LIST_NAME, create_list=True, batch_size=BATCH
        )
    elapsed = time.monotonic() - started
    print(f"\nimport under faults: {elapsed:.1f}s real, {summary(sandbox, profile)}")

    # Faults really fired, on the imports and on the list requests.
    fired = profile.fired()
    assert all(count > 0 for count in fired.values()), fired
    assert any(e.path == "/v3/contact-lists" for e in wire.failed("/v3/contact-lists"))

    # Waits were virtual, and never shorter than a 429's Retry-After.
    too_many = sum(1 for e in wire.exchanges if e.outcome == 429)
    assert too_many > 0
    assert sum(1 for s in clock.sleeps if s >= 1.0) >= too_many
    assert clock.now() - START >= too_many, "the waits went through the injected clock"

    # End state: exactly the input set, each once, all in the one list.
    lists = sandbox.query("SELECT id FROM contact_lists WHERE name = ?", (LIST_NAME,))
    assert len(lists) == 1, "a lost create answer must not make a second list"
    assert report.list_id == lists[0]["id"]
    in_db = ids_by_email(sandbox)
    assert sorted(in_db) == sorted(r["email"] for r in rows)
    assert sandbox.count_contacts() == ROWS
    assert sandbox.contacts_in_list(report.list_id) == sorted(in_db.values())

    # The report: every row, created or updated, with the sandbox's id for its email.
    assert report.total == ROWS
    assert report.created + report.updated == ROWS
    assert report.failed == report.invalid == report.skipped == report.restored == 0
    assert report.ok and report.failures == []
    outcomes = list(report)
    assert [o.index for o in outcomes] == list(range(ROWS))
    assert [o.contact_id for o in outcomes] == [in_db[r["email"]] for r in rows]
    assert len(set(report.contact_ids())) == ROWS
    assert report.import_requests == ROWS // BATCH

    # Replays: a batch whose connection dropped after the write was applied comes back as
    # "updated" on the retry, and every one of its rows is flagged replayed.
    index_of = {r["email"]: i for i, r in enumerate(rows)}
    failed = list(wire.failed(IMPORT_PATH))
    dropped = {index_of[m] for e in failed if isinstance(e.outcome, str) for m in e.emails}
    retried = {index_of[m] for e in failed for m in e.emails}
    assert dropped, "some import connections were dropped"
    updated = {o.index for o in outcomes if o.status is RowStatus.UPDATED}
    replayed = {o.index for o in outcomes if o.replayed}
    assert updated == dropped
    assert dropped <= replayed <= retried
