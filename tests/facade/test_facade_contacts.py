"""`client.contacts` end to end against the sandbox, sync and async: CRUD, lookups, filter and
count, import, sub-resources, actions, bulk flags split into chunks, direct outreach and custom
values by title."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from facade_support import collect, collect_pages, run, seeded_contacts
from reply_contact_data_client.models import (
    ChangeContactsOwnerResult,
    Contact,
    ContactActivity,
    ContactInboxThread,
    ContactListReference,
    ContactPage,
    ContactSequenceMembership,
    ContactsImportResponse,
    ContactStatuses,
    DirectLinkedInSendResult,
    ImportItemStatus,
    SendDirectEmailResult,
)
from reply_contacts import BulkFailedError, BulkResult, NotFoundError
from reply_contacts.sandbox import Sandbox

OUTREACH_SEQUENCE = 1  # seeded by default: "Sandbox Outreach", 3 steps
LINKEDIN_ACCOUNT = 1  # seeded by default, active, valid cookie


# -- reading -----------------------------------------------------------------------------------


async def test_get_returns_the_generated_model(api: Any, sb: Sandbox) -> None:
    (cid,) = sb.seed_contacts(
        [{"firstName": "Ann", "lastName": "Lee", "email": "ann@example.com", "title": "CTO"}]
    )
    contact = await run(api.contacts.get(cid))
    assert isinstance(contact, Contact)
    assert (contact.id, contact.first_name, contact.last_name) == (cid, "Ann", "Lee")
    assert (contact.email, contact.title, contact.domain) == (
        "ann@example.com",
        "CTO",
        "example.com",
    )
    assert contact.owner_user_id == 1
    assert isinstance(contact.adding_date, datetime.datetime)


async def test_get_unknown_raises_not_found(api: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        await run(api.contacts.get(424242))
    assert caught.value.code == "contact.notFound"
    assert caught.value.status == 404


@pytest.mark.parametrize("bad", [0, -1, 2**31, True, "7"])
async def test_bad_ids_fail_before_any_request(api: Any, bad: Any) -> None:
    with pytest.raises(ValueError):
        await run(api.contacts.get(bad))
    assert api.requests_sent == 0


async def test_list_page_and_list(api: Any, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 7)
    page = await run(api.contacts.list_page(top=3, skip=2))
    assert isinstance(page, ContactPage)
    assert [c.id for c in page.items] == ids[2:5] and page.has_more is True
    everything = await collect(api.contacts.list(page_size=3))
    assert [c.id for c in everything] == ids
    assert all(isinstance(c, Contact) for c in everything)
    assert api.requests_sent == 1 + 3


async def test_find_by_email_and_linkedin(api: Any, sb: Sandbox) -> None:
    sb.seed_contacts(
        [
            {"firstName": "A", "email": "a@example.com"},
            {
                "firstName": "B",
                "email": "b@example.com",
                "linkedInUrl": "https://linkedin.com/in/b",
            },
        ]
    )
    found = await run(api.contacts.find_by_email("B@Example.com"))
    assert isinstance(found, Contact) and found.first_name == "B"
    assert await run(api.contacts.find_by_email("nobody@example.com")) is None
    by_profile = await run(api.contacts.find_by_linkedin("https://linkedin.com/in/b"))
    assert by_profile is not None and by_profile.email == "b@example.com"
    assert await run(api.contacts.find_by_linkedin("https://linkedin.com/in/zz")) is None
    assert api.requests_sent == 4


async def test_filter_count_and_filter_page(api: Any, sb: Sandbox) -> None:
    sb.seed_contacts(
        [
            {"firstName": f"F{i}", "email": f"f{i}@{'acme' if i % 2 else 'other'}.com"}
            for i in range(9)
        ]
    )
    acme = {"rules": [{"property": "domain", "condition": "equals", "value": "acme.com"}]}
    assert await run(api.contacts.count(acme)) == 4
    assert await run(api.contacts.count()) == 9
    # Sort order is dropped for count, kept for filter.
    sorted_acme = {**acme, "sortBy": "firstName", "sortDirection": "desc"}
    assert await run(api.contacts.count(sorted_acme)) == 4
    page = await run(api.contacts.filter_page(sorted_acme, top=2))
    assert isinstance(page, ContactPage)
    assert [c.first_name for c in page.items] == ["F7", "F5"] and page.has_more
    matched = await collect(api.contacts.filter(sorted_acme, page_size=3))
    assert [c.first_name for c in matched] == ["F7", "F5", "F3", "F1"]
    first_two = await collect(api.contacts.filter(acme, max_items=2))
    assert len(first_two) == 2


# -- writing -----------------------------------------------------------------------------------


async def test_create_update_delete(api: Any, sb: Sandbox) -> None:
    created = await run(
        api.contacts.create(first_name="Ann", last_name="Lee", email="ann@example.com", title="VP")
    )
    assert isinstance(created, Contact) and created.id > 0
    assert sb.get_contact(created.id)["title"] == "VP"  # type: ignore[index]
    also = await run(api.contacts.create({"firstName": "Bob", "email": "bob@example.com"}))
    assert also.first_name == "Bob"
    updated = await run(api.contacts.update(created.id, title=None, company="Acme"))
    assert isinstance(updated, Contact)
    assert (updated.company, updated.last_name) == ("Acme", "Lee")
    assert not updated.title  # cleared: the API answers "" (or null) for an emptied string
    patched = await run(api.contacts.update(created.id, {"city": "Paris"}))
    assert patched.city == "Paris" and patched.company == "Acme"
    assert await run(api.contacts.delete(created.id)) is None
    assert sb.is_deleted(created.id)
    with pytest.raises(NotFoundError):
        await run(api.contacts.delete(created.id))


async def test_create_refuses_model_and_fields_together(api: Any) -> None:
    with pytest.raises(TypeError, match="not both"):
        await run(api.contacts.create({"firstName": "A"}, email="a@example.com"))
    with pytest.raises(TypeError):
        await run(api.contacts.create(["firstName"]))
    assert api.requests_sent == 0


async def test_unknown_fields_are_refused_before_sending(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    with pytest.raises(TypeError, match="emial"):
        await run(api.contacts.create(first_name="A", emial="a@example.com"))
    with pytest.raises(TypeError, match="titel"):
        await run(api.contacts.update(cid, {"titel": "CEO"}))
    with pytest.raises(TypeError, match="feild_type"):
        await run(api.custom_fields.create(title="X", feild_type="text"))
    assert api.requests_sent == 0


async def test_create_without_required_field_is_a_clear_type_error(api: Any) -> None:
    with pytest.raises(TypeError, match="firstName"):
        await run(api.contacts.create(email="a@example.com"))


async def test_bulk_delete_reports_every_missing_id(api: Any, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 3)
    result = await run(api.contacts.bulk_delete([ids[0], 9001, ids[2], 9002]))
    assert isinstance(result, BulkResult)
    assert result.failed_ids == [9001, 9002]
    assert result.succeeded_ids == [ids[0], ids[2]]
    assert {f.error for f in result.failures} == {"notFound"}
    assert all("not found" in (f.details or "") for f in result.failures)
    assert sb.count_contacts() == 1
    with pytest.raises(BulkFailedError) as caught:
        result.raise_for_failures()
    assert [f.id for f in caught.value.failures] == [9001, 9002]
    assert "9001" in str(caught.value) and "9002" in str(caught.value)


async def test_import_batch_upserts(api: Any, sb: Sandbox) -> None:
    (existing,) = sb.seed_contacts([{"firstName": "Old", "email": "old@example.com"}])
    listed = await run(api.contact_lists.create("Imported"))
    result = await run(
        api.contacts.import_batch(
            [
                {"firstName": "New", "email": "new@example.com"},
                {"firstName": "Old", "email": "old@example.com", "title": "CEO"},
            ],
            list_ids=[listed.id],
        )
    )
    assert isinstance(result, ContactsImportResponse)
    assert (result.added, result.updated, result.failed) == (1, 1, 0)
    statuses = [item.status for item in result.items]
    assert statuses == [ImportItemStatus.CREATED, ImportItemStatus.UPDATED]
    assert result.items[1].id == existing
    assert sorted(sb.contacts_in_list(listed.id)) == sorted(item.id for item in result.items)
    with pytest.raises(ValueError):
        await run(api.contacts.import_batch([]))
    with pytest.raises(ValueError):
        await run(api.contacts.import_batch([{"firstName": "x"}] * 1001))


# -- per-contact sub-resources -------------------------------------------------------------------


async def test_notes_show_in_activities(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    assert await run(api.contacts.add_note(cid, "Met at the fair")) is None
    assert await run(api.contacts.add_note(cid, "Follow up in May")) is None
    activities = await collect(api.contacts.activities(cid))
    assert all(isinstance(a, ContactActivity) for a in activities)
    notes = [
        a.content.additional_properties["notes"] for a in activities if a.activity_type == "note"
    ]
    assert notes == ["Follow up in May", "Met at the fair"]
    assert len(await collect(api.contacts.activities(cid, max_items=1))) == 1
    with pytest.raises(ValueError):
        await run(api.contacts.add_note(cid, "   "))
    with pytest.raises(NotFoundError):
        await run(api.contacts.add_note(999, "x"))


async def test_move_to_sequence_sequences_and_statuses(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    assert await run(api.contacts.sequences(cid)) == []
    steps = sb.sequence_steps(OUTREACH_SEQUENCE)
    moved = api.contacts.move_to_sequence(cid, OUTREACH_SEQUENCE, start_step_id=steps[1])
    assert await run(moved) is None
    assert await run(api.contacts.move_to_sequence(cid, 2, remove_from_existing=True)) is None
    memberships = await run(api.contacts.sequences(cid))
    assert all(isinstance(m, ContactSequenceMembership) for m in memberships)
    assert [m.sequence_id for m in memberships] == [2]
    assert memberships[0].status_in_sequence == "active"
    statuses = await run(api.contacts.statuses(cid))
    assert isinstance(statuses, ContactStatuses)
    assert statuses.contact_id == cid and statuses.is_opted_out is False
    assert [s.sequence_id for s in statuses.sequences] == [2]
    with pytest.raises(NotFoundError) as caught:
        await run(api.contacts.move_to_sequence(cid, 77))
    assert caught.value.code == "contact.sequenceNotFound"


async def test_lists_of_a_contact(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    first = await run(api.contact_lists.create("First"))
    second = await run(api.contact_lists.create("Second"))
    await run(api.contact_lists.add_contacts(second.id, [cid]))
    await run(api.contact_lists.add_contacts(first.id, [cid]))
    refs = await run(api.contacts.lists(cid))
    assert all(isinstance(r, ContactListReference) for r in refs)
    assert [(r.id, r.name) for r in refs] == [(first.id, "First"), (second.id, "Second")]


async def test_inbox_threads(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    for n in range(3):
        sb.seed_inbox_thread(
            cid, subject=f"Thread {n}", last_activity_date=f"2025-01-0{n + 1}T00:00:00Z"
        )
    threads = await collect(api.contacts.inbox_threads(cid, page_size=2))
    assert all(isinstance(t, ContactInboxThread) for t in threads)
    assert [t.subject for t in threads] == ["Thread 2", "Thread 1", "Thread 0"]
    pages = await collect_pages(api.contacts.inbox_threads(cid, page_size=2))
    assert [len(p.items) for p in pages] == [2, 1]


async def test_change_owner(api: Any, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 2)
    result = await run(api.contacts.change_owner(ids, 2, reassign_tasks=True))
    assert isinstance(result, ChangeContactsOwnerResult)
    assert result.is_success is True and result.affected_ids == ids
    assert {sb.get_contact(i)["ownerUserId"] for i in ids} == {2}  # type: ignore[index]
    with pytest.raises(NotFoundError):
        await run(api.contacts.change_owner(ids, 99))


# -- bulk flags: per-id results, split into chunks of 100 -----------------------------------------


def _enrolled(sb: Sandbox, n: int) -> list[int]:
    ids = seeded_contacts(sb, n)
    for cid in ids:
        sb.enroll(cid, OUTREACH_SEQUENCE)
    return ids


async def test_set_replied_splits_and_merges_failures(api: Any, sb: Sandbox) -> None:
    ids = _enrolled(sb, 230)
    (loner,) = sb.seed_contacts([{"firstName": "Loner", "email": "loner@example.com"}])
    # Missing ids and a contact in no sequence, spread over all three chunks.
    requested = [9001, *ids[:120], loner, *ids[120:], 9002, 9003]
    result = await run(api.contacts.set_replied(requested))
    assert isinstance(result, BulkResult)
    assert result.requested == tuple(requested)
    assert sorted(result.failed_ids) == [loner, 9001, 9002, 9003]
    reasons = {f.id: f.error for f in result.failures}
    assert reasons[loner] == "sequenceNotFound" and reasons[9002] == "notFound"
    assert sorted(result.succeeded_ids) == ids
    assert sb.stats()["byPath"]["POST /v3/contacts/set-replied"] == 3
    assert api.requests_sent == 3
    members = sb.sequence_memberships(ids[-1])
    assert members[0]["is_replied"] == 1
    cleared = await run(api.contacts.set_replied(ids[:5], replied=False))
    assert cleared.ok and cleared.succeeded_ids == ids[:5]


async def test_set_bounced(api: Any, sb: Sandbox) -> None:
    ids = _enrolled(sb, 101)
    result = await run(api.contacts.set_bounced([*ids, 9999]))
    assert result.failed_ids == [9999] and len(result.succeeded_ids) == 101
    assert sb.stats()["byPath"]["POST /v3/contacts/set-bounced"] == 2
    assert sb.sequence_memberships(ids[0])[0]["is_bounced"] == 1
    cleared = await run(api.contacts.set_bounced(ids[:2], bounced=False, resend_emails=False))
    assert cleared.ok
    with pytest.raises(ValueError):
        await run(api.contacts.set_bounced(ids[:1], bounced=False))
    with pytest.raises(ValueError):
        await run(api.contacts.set_bounced(ids[:1], resend_emails=True))


async def test_set_opted_out_dedupes_and_chunks(api: Any, sb: Sandbox) -> None:
    ids = _enrolled(sb, 150)
    result = await run(api.contacts.set_opted_out([*ids, *ids[:10], 8888]))
    assert result.requested == (*ids, 8888)
    assert result.failed_ids == [8888]
    assert sb.stats()["byPath"]["POST /v3/contacts/set-opted-out"] == 2
    statuses = await run(api.contacts.statuses(ids[0]))
    assert statuses.is_opted_out is True
    assert statuses.sequences[0].status_in_sequence == "finished"
    back = await run(api.contacts.set_opted_out(ids[:3], opted_out=False))
    assert back.ok
    assert (await run(api.contacts.statuses(ids[0]))).is_opted_out is False


async def test_set_status_in_sequence(api: Any, sb: Sandbox) -> None:
    ids = _enrolled(sb, 205)
    (opted_out,) = sb.seed_contacts(
        [{"firstName": "O", "email": "o@example.com", "isOptedOut": True}]
    )
    sb.enroll(opted_out, OUTREACH_SEQUENCE)
    result = await run(api.contacts.set_status_in_sequence([*ids, opted_out, 7777], "active"))
    assert sorted(result.failed_ids) == [opted_out, 7777]
    assert {f.error for f in result.failures} == {"invalidInput", "notFound"}
    assert sb.stats()["byPath"]["POST /v3/contacts/set-status-in-sequence"] == 3
    paused = await run(api.contacts.set_status_in_sequence(ids[:2], "paused"))
    assert paused.ok
    assert (await run(api.contacts.statuses(ids[0]))).sequences[0].status_in_sequence == "paused"
    with pytest.raises(ValueError, match="status"):
        await run(api.contacts.set_status_in_sequence(ids[:1], "replied"))


# -- direct outreach ---------------------------------------------------------------------------


async def test_send_direct_email(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    result = await run(api.contacts.send_email(cid, subject="Hello", body="Hi {{firstName}}"))
    assert isinstance(result, SendDirectEmailResult)
    assert result.status == "sent" and result.message_id.endswith("@sandbox.reply.io>")
    (sent,) = sb.activities(cid)
    assert sent["activity_type"] == "emailSent"
    assert sent["content"]["subject"] == "Hello"
    assert sent["content"]["messageId"] == result.message_id
    with pytest.raises(NotFoundError):
        await run(api.contacts.send_email(999, subject="x", body="y"))


async def test_five_linkedin_sends(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1, linkedInUrl="https://www.linkedin.com/in/p1")
    account = {"linkedin_account_id": LINKEDIN_ACCOUNT}
    sends = [
        ("connect", api.contacts.send_linkedin_connect, {"message": "Hi {{firstName}}"}),
        ("message", api.contacts.send_linkedin_message, {"message": "Thanks for connecting"}),
        ("inMail", api.contacts.send_linkedin_inmail, {"subject": "Idea", "body": "Short pitch"}),
        ("voice", api.contacts.send_linkedin_voice, {"voice_attachment_id": 55}),
        ("aiVoice", api.contacts.send_linkedin_ai_voice, {"script": "Hello there"}),
    ]
    activity_ids = []
    for action, send, fields in sends:
        result = await run(send(cid, **account, **fields))
        assert isinstance(result, DirectLinkedInSendResult), action
        assert result.action_type == action
        assert isinstance(result.sent_at_utc, datetime.datetime)
        activity_ids.append(result.linked_in_activity_id)
    assert len(set(activity_ids)) == 5
    assert len(await collect(api.contacts.activities(cid))) == 5


async def test_linkedin_connect_without_note(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1, linkedInUrl="https://www.linkedin.com/in/p1")
    result = await run(api.contacts.send_linkedin_connect(cid, linkedin_account_id=1))
    assert result.action_type == "connect"


# -- custom values by title --------------------------------------------------------------------


async def test_custom_values_by_title(api: Any, sb: Sandbox) -> None:
    stage = await run(api.custom_fields.create(title="Deal Stage", field_type="text"))
    seats = await run(api.custom_fields.create(title="Seats", field_type="number"))
    created = await run(
        api.contacts.create(
            first_name="Ann", email="ann@example.com", custom_fields={"deal stage": "won"}
        )
    )
    assert [(cf.key, cf.value) for cf in created.custom_fields] == [(str(stage.id), "won")]
    updated = await run(api.contacts.update(created.id, custom_fields={"Seats": "12"}))
    assert {cf.key for cf in updated.custom_fields} == {str(stage.id), str(seats.id)}
    assert await run(api.contacts.custom_values(created.id)) == {
        "Deal Stage": "won",
        "Seats": "12",
    }
    cleared = await run(api.contacts.update(created.id, custom_fields={stage.id: None}))
    assert await run(api.contacts.custom_values(cleared)) == {"Seats": "12"}
    with pytest.raises(KeyError, match="Nope"):
        await run(api.contacts.update(created.id, custom_fields={"Nope": "x"}))


async def test_an_unknown_custom_field_fails_before_the_contact_is_created(
    api: Any, sb: Sandbox
) -> None:
    before = sb.count_contacts()
    with pytest.raises(KeyError, match="Deal Stage"):
        await run(
            api.contacts.create(
                first_name="Ann", email="ann@example.com", custom_fields={"Deal Stage": "won"}
            )
        )
    assert sb.count_contacts() == before
    assert sb.find_contact("ann@example.com") is None
