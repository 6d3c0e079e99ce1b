"""outreach_check against the sandbox: one verdict per reason, in three requests, sync and async.

States are seeded through the facade's own calls (PATCH flags, set-replied/bounced, move to
sequence, notes, direct email) or the sandbox's seed API (sequence enrollments). `now` is
injected so "recent" is decided without waiting."""

from __future__ import annotations

import datetime

import pytest
from reply_contacts import AsyncReplyContacts, NotFoundError, ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.outreach import OutreachVerdict, Reason

LATER = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)


def _contact(client: ReplyContacts, name: str = "Ann") -> int:
    created = client.contacts.create(first_name=name, email=f"{name.lower()}@example.com")
    return int(created.id)


def _enroll(sb: Sandbox, contact_id: int, sequence_id: int = 1, status: str = "active") -> None:
    sb.seed(enrollments=[{"contactId": contact_id, "sequenceId": sequence_id, "status": status}])


def _reason(verdict: OutreachVerdict, code: str) -> Reason:
    found = [reason for reason in verdict.reasons if reason.code == code]
    assert found, f"{code} not in {verdict.codes}"
    return found[0]


def test_fresh_contact_is_ok_in_three_requests(client: ReplyContacts, sb: Sandbox) -> None:
    contact_id = _contact(client)
    sb.reset_stats()
    verdict = client.workflows.outreach_check(contact_id)
    assert verdict == OutreachVerdict(contact_id, True, "ok", ())
    assert verdict.allowed and verdict.ok
    assert sb.stats()["byOperation"] == {
        "GetContactStatuses": 1,
        "GetContactSequences": 1,
        "GetContactActivities": 1,
    }
    assert verdict.to_dict() == {
        "contactId": contact_id,
        "ok": True,
        "verdict": "ok",
        "reasons": [],
    }
    assert repr(verdict) == f"OutreachVerdict(contact {contact_id}: ok)"


def test_a_contact_model_is_accepted_without_fetching_it(
    client: ReplyContacts, sb: Sandbox
) -> None:
    contact = client.contacts.create(first_name="Bo", email="bo@example.com")
    sb.reset_stats()
    assert client.workflows.outreach_check(contact).verdict == "ok"
    assert "GetContactById" not in sb.stats()["byOperation"]


def test_opted_out_blocks(client: ReplyContacts) -> None:
    contact_id = _contact(client)
    client.contacts.update(contact_id, is_opted_out=True)
    verdict = client.workflows.outreach_check(contact_id)
    assert verdict.verdict == "blocked" and not verdict.ok and not verdict.allowed
    assert _reason(verdict, "opted_out").blocking
    # The flag change itself is recent activity (a soft reason next to the blocking one).
    assert not _reason(verdict, "recent_activity").blocking


def test_meeting_booked_blocks(client: ReplyContacts) -> None:
    contact_id = _contact(client)
    client.contacts.update(contact_id, meeting_status="meetingBooked")
    verdict = client.workflows.outreach_check(contact_id, now=LATER)
    assert verdict.codes == ["meeting_booked"] and verdict.verdict == "blocked"


def test_bounced_blocks(client: ReplyContacts, sb: Sandbox) -> None:
    contact_id = _contact(client)
    _enroll(sb, contact_id)
    client.contacts.set_bounced([contact_id]).raise_for_failures()
    verdict = client.workflows.outreach_check(contact_id, now=LATER)
    assert verdict.codes == ["bounced"]
    assert "Sandbox Outreach" in _reason(verdict, "bounced").message


def test_replied_blocks(client: ReplyContacts, sb: Sandbox) -> None:
    contact_id = _contact(client)
    _enroll(sb, contact_id, sequence_id=2)
    client.contacts.set_replied([contact_id]).raise_for_failures()
    verdict = client.workflows.outreach_check(contact_id, now=LATER)
    assert verdict.codes == ["replied"]
    assert "Sandbox Re-engagement" in str(_reason(verdict, "replied"))


def test_active_sequence_blocks_and_paused_is_caution(client: ReplyContacts, sb: Sandbox) -> None:
    active = _contact(client, "Act")
    client.contacts.move_to_sequence(active, 1)
    verdict = client.workflows.outreach_check(active)
    assert verdict.verdict == "blocked"
    assert "double-send" in _reason(verdict, "in_sequence").message
    assert "Email step 1" in _reason(verdict, "in_sequence").message
    assert verdict.codes == ["in_sequence", "recent_activity"]

    out_of_office = _contact(client, "Ooo")
    _enroll(sb, out_of_office, status="outOfOffice")
    assert client.workflows.outreach_check(out_of_office).codes == ["in_sequence"]

    paused = _contact(client, "Pau")
    _enroll(sb, paused)
    client.contacts.set_status_in_sequence([paused], "paused")
    verdict = client.workflows.outreach_check(paused, now=LATER)
    assert verdict.codes == ["paused_in_sequence"] and verdict.verdict == "caution"
    assert verdict.allowed and not verdict.ok

    finished = _contact(client, "Fin")
    _enroll(sb, finished, status="finished")
    assert client.workflows.outreach_check(finished).verdict == "ok"


def test_call_status_is_caution(client: ReplyContacts) -> None:
    called = _contact(client, "Cal")
    client.contacts.update(called, call_status="called")
    verdict = client.workflows.outreach_check(called, now=LATER)
    assert verdict.codes == ["called"] and verdict.verdict == "caution"
    recent = client.workflows.outreach_check(called)
    assert recent.codes == ["called", "recent_activity"]

    to_call = _contact(client, "Tod")
    client.contacts.update(to_call, call_status="toCall")
    assert client.workflows.outreach_check(to_call, now=LATER).codes == ["call_pending"]


def test_recent_activity_and_recent_touches_are_caution(client: ReplyContacts) -> None:
    noted = _contact(client, "Not")
    client.contacts.add_note(noted, "Met at the fair")
    verdict = client.workflows.outreach_check(noted)
    assert verdict.codes == ["recent_activity"] and verdict.verdict == "caution"
    assert "note" in _reason(verdict, "recent_activity").message
    # Outside the window it no longer counts.
    assert client.workflows.outreach_check(noted, now=LATER).verdict == "ok"
    assert client.workflows.outreach_check(noted, recent_days=1).verdict == "caution"
    assert client.workflows.outreach_check(noted, recent_days=0).verdict == "ok"

    emailed = _contact(client, "Ema")
    client.contacts.send_email(emailed, subject="Hi", body="<p>Hello</p>")
    verdict = client.workflows.outreach_check(emailed, recent_days=7)
    assert verdict.codes == ["recently_contacted"]
    assert "last 7 days" in _reason(verdict, "recently_contacted").message


def test_several_reasons_are_all_reported(client: ReplyContacts, sb: Sandbox) -> None:
    contact_id = _contact(client)
    _enroll(sb, contact_id, sequence_id=1)
    _enroll(sb, contact_id, sequence_id=2)
    client.contacts.set_replied([contact_id])
    client.contacts.update(contact_id, meeting_status="meetingBooked", call_status="called")
    verdict = client.workflows.outreach_check(contact_id, now=LATER)
    assert verdict.codes == ["meeting_booked", "replied", "called"]
    assert [r.blocking for r in verdict.reasons] == [True, True, False]
    assert len(verdict.blocking_reasons) == 2


def test_unknown_contact_and_bad_input(client: ReplyContacts, sb: Sandbox) -> None:
    with pytest.raises(NotFoundError):
        client.workflows.outreach_check(999_999)
    sb.reset_stats()
    with pytest.raises(ValueError, match="positive 32-bit"):
        client.workflows.outreach_check(0)
    with pytest.raises(ValueError, match="recent_days"):
        client.workflows.outreach_check(1, recent_days=-1)
    assert sb.stats()["requests"] == 0


def test_check_many_keeps_order_and_reports_unknown_ids(client: ReplyContacts) -> None:
    fine = _contact(client, "Fine")
    opted = _contact(client, "Opted")
    client.contacts.update(opted, is_opted_out=True)
    verdicts = client.workflows.outreach_check_many([opted, 424242, fine], now=LATER)
    assert [v.contact_id for v in verdicts] == [opted, 424242, fine]
    assert [v.verdict for v in verdicts] == ["blocked", "blocked", "ok"]
    assert verdicts[1].codes == ["not_found"]
    assert "424242" in verdicts[1].reasons[0].message


async def test_outreach_check_async(
    aclient: AsyncReplyContacts, client: ReplyContacts, sb: Sandbox
) -> None:
    contact_id = _contact(client)
    assert (await aclient.workflows.outreach_check(contact_id)).verdict == "ok"
    await aclient.contacts.move_to_sequence(contact_id, 2)
    verdict = await aclient.workflows.outreach_check(contact_id, now=LATER)
    assert verdict.codes == ["in_sequence"]
    many = await aclient.workflows.outreach_check_many([contact_id, 31337], now=LATER)
    assert [v.codes for v in many] == [["in_sequence"], ["not_found"]]
