"""Before reaching out: is it safe to contact this person now?

`outreach_check` reads three things about a contact, in three requests, and turns them into one
verdict an agent can act on:

- `GET /v3/contacts/{id}/statuses`: global opt-out, call and meeting flags, and per sequence the
  status and email disposition (replied, bounced);
- `GET /v3/contacts/{id}/sequences`: where the contact is still enrolled (active, paused, out
  of office), which is what a new send would collide with;
- the first page of `GET /v3/contacts/{id}/activities`: anything that happened recently.

Blocking reasons (opted out, bounced or invalid email, replied, meeting booked, still enrolled
in a sequence that sends) make the verdict "blocked"; softer ones (a call pending or done, a
recent touch or event, a paused enrollment, an auto-reply) make it "caution"; none is "ok".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from reply_contact_data_client.types import Unset

from .._plan import Flow
from .._resource import ResourceBase, operation
from ..errors import NotFoundError, ReplyError, WorkflowError
from ..resources._common import id_list
from ..resources.contacts import ContactsOperations

if TYPE_CHECKING:
    from reply_contact_data_client.models import (
        Contact,
        ContactActivity,
        ContactSequenceMembership,
        ContactStatuses,
    )

Verdict = Literal["ok", "caution", "blocked"]

# One page is enough to see "recently": activities come newest first, and a contact with more
# than this many events inside the window is recent whatever the rest says.
ACTIVITY_PAGE = 50
# Activity types that are a touch from our side (the vocabulary is free text; these are the
# ones the API is known to record for sends).
OUTBOUND_PREFIXES = ("emailSent", "linkedIn", "call")

# Sequence statuses (GET /contacts/{id}/sequences) in which the sequence still sends.
SENDING_STATUSES = {"active", "outOfOffice"}


@dataclass(frozen=True)
class Reason:
    """One finding: a stable `code`, a sentence for people, and whether it blocks."""

    code: str
    message: str
    blocking: bool

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "blocking": self.blocking}

    def __str__(self) -> str:
        return f"{'BLOCK' if self.blocking else 'note'} {self.code}: {self.message}"


@dataclass(frozen=True)
class OutreachVerdict:
    """Whether to reach out now: `ok` only when nothing stands in the way.

    `verdict` is "blocked" when any reason blocks, "caution" when there are only soft reasons,
    "ok" otherwise. `allowed` is True for "ok" and "caution" (nothing forbids it).
    """

    contact_id: int
    ok: bool
    verdict: Verdict
    reasons: tuple[Reason, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.verdict != "blocked"

    @property
    def codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]

    @property
    def blocking_reasons(self) -> list[Reason]:
        return [reason for reason in self.reasons if reason.blocking]

    def to_dict(self) -> dict[str, Any]:
        return {
            "contactId": self.contact_id,
            "ok": self.ok,
            "verdict": self.verdict,
            "reasons": [reason.to_dict() for reason in self.reasons],
        }

    def __repr__(self) -> str:
        codes = ", ".join(self.codes)
        return f"OutreachVerdict(contact {self.contact_id}: {self.verdict}" + (
            f" - {codes})" if codes else ")"
        )


def verdict_from(contact_id: int, reasons: Iterable[Reason]) -> OutreachVerdict:
    found = tuple(reasons)
    if any(reason.blocking for reason in found):
        verdict: Verdict = "blocked"
    elif found:
        verdict = "caution"
    else:
        verdict = "ok"
    return OutreachVerdict(contact_id, verdict == "ok", verdict, found)


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, Unset) else str(value)


def _names(items: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in items)


def status_reasons(statuses: ContactStatuses) -> list[Reason]:
    """Findings from the contact's flags and per-sequence dispositions."""
    reasons: list[Reason] = []
    if statuses.is_opted_out:
        reasons.append(Reason("opted_out", "The contact opted out of all communication.", True))
    if _text(statuses.meeting_status) == "meetingBooked":
        reasons.append(Reason("meeting_booked", "A meeting is already booked.", True))
    bounced, invalid, replied, auto = [], [], [], []
    for entry in statuses.sequences or []:
        name = _text(entry.sequence_name) or f"sequence {entry.sequence_id}"
        status = _text(entry.status_in_sequence)
        disposition = entry.email_disposition
        if status == "bounced" or (disposition is not None and disposition.is_bounced):
            bounced.append(name)
        if status == "invalidEmail":
            invalid.append(name)
        if status == "replied" or (disposition is not None and disposition.is_replied):
            replied.append(name)
        if status == "autoReplied":
            auto.append(name)
    if bounced:
        reasons.append(Reason("bounced", f"Email bounced in {_names(bounced)}.", True))
    if invalid:
        reasons.append(
            Reason("invalid_email", f"The email was found invalid in {_names(invalid)}.", True)
        )
    if replied:
        reasons.append(
            Reason("replied", f"The contact replied in {_names(replied)}; answer them.", True)
        )
    if auto:
        reasons.append(Reason("auto_replied", f"An auto-reply came back in {_names(auto)}.", False))
    call_status = _text(statuses.call_status)
    if call_status == "toCall":
        reasons.append(Reason("call_pending", "A call to this contact is scheduled.", False))
    elif call_status == "called":
        reasons.append(Reason("called", "The contact has been called.", False))
    return reasons


def membership_reasons(memberships: list[ContactSequenceMembership]) -> list[Reason]:
    """Findings from where the contact is still enrolled."""
    sending, paused = [], []
    for membership in memberships:
        name = _text(membership.sequence_name) or f"sequence {membership.sequence_id}"
        status = _text(membership.status_in_sequence)
        step = membership.current_step
        where = name
        if step is not None and not isinstance(step, Unset) and _text(step.display_name):
            where = f"{name} (at {_text(step.display_name)})"
        if status in SENDING_STATUSES:
            sending.append(where)
        elif status == "paused":
            paused.append(where)
    reasons = []
    if sending:
        reasons.append(
            Reason(
                "in_sequence",
                f"Still enrolled in {_names(sending)}: reaching out now would double-send.",
                True,
            )
        )
    if paused:
        reasons.append(
            Reason(
                "paused_in_sequence",
                f"Paused in {_names(paused)}: resuming it would send again.",
                False,
            )
        )
    return reasons


def activity_reasons(
    activities: list[ContactActivity], *, now: datetime.datetime, recent_days: int
) -> list[Reason]:
    """Findings from events within the last `recent_days` days before `now`."""
    since = now - datetime.timedelta(days=recent_days)
    touches: list[ContactActivity] = []
    others: list[ContactActivity] = []
    for activity in activities:
        date = activity.date
        if not isinstance(date, datetime.datetime) or _utc(date) < since:
            continue
        kind = _text(activity.activity_type)
        (touches if kind.startswith(OUTBOUND_PREFIXES) else others).append(activity)
    reasons = []
    window = f"in the last {recent_days} day{'s' if recent_days != 1 else ''}"
    if touches:
        latest = max(touches, key=lambda a: _utc(a.date))  # type: ignore[arg-type]
        reasons.append(
            Reason(
                "recently_contacted",
                f"Contacted {len(touches)} time(s) {window} "
                f"(latest: {_text(latest.activity_type)} at {_text(latest.date)}).",
                False,
            )
        )
    if others:
        kinds = sorted({_text(a.activity_type) for a in others})
        reasons.append(
            Reason(
                "recent_activity",
                f"{len(others)} event(s) {window}: {', '.join(kinds)}.",
                False,
            )
        )
    return reasons


def _contact_id(contact: Any) -> int:
    if isinstance(contact, int):
        return id_list(contact, "contact_id")[0]
    contact_id = getattr(contact, "id", None)
    if not isinstance(contact_id, int):
        raise ValueError(f"expected a contact id or a Contact with an id, got {contact!r}")
    return id_list(contact_id, "contact_id")[0]


def _check_window(recent_days: int, now: datetime.datetime | None) -> datetime.datetime:
    if isinstance(recent_days, bool) or not isinstance(recent_days, int) or recent_days < 0:
        raise ValueError(f"recent_days must be a non-negative integer, got {recent_days!r}")
    return _utc(now) if now is not None else datetime.datetime.now(datetime.UTC)


class OutreachCheckInterruptedError(WorkflowError[list[OutreachVerdict]]):
    """`outreach_check` or `outreach_check_many` stopped: a read failed (see `WorkflowError`;
    also the failed read's own class, e.g. `NotFoundError` for an unknown contact in
    `outreach_check`). `report` holds the verdicts reached before it, in input order (none for
    a single check)."""

    workflow = "outreach_check"


class OutreachWorkflows(ResourceBase):
    @operation
    def outreach_check(
        self,
        contact: int | Contact,
        *,
        recent_days: int = 14,
        now: datetime.datetime | None = None,
    ) -> Flow[OutreachVerdict]:
        """Whether reaching out to this contact now is ok, needs care, or must not happen.

        Three requests (statuses, sequences, one page of activities); the contact itself is
        not fetched. `now` (default: the current time, UTC) and `recent_days` set the window
        in which activity counts as recent. Raises `OutreachCheckInterruptedError` when a read
        fails; for an unknown contact it is a `NotFoundError` too.
        """
        contact_id = _contact_id(contact)
        moment = _check_window(recent_days, now)
        try:
            return (yield from self._check(contact_id, recent_days, moment))
        except ReplyError as exc:
            raise OutreachCheckInterruptedError.from_step(exc, []) from exc

    @operation
    def outreach_check_many(
        self,
        contact_ids: Iterable[int | Contact],
        *,
        recent_days: int = 14,
        now: datetime.datetime | None = None,
    ) -> Flow[list[OutreachVerdict]]:
        """`outreach_check` for each contact, in input order (three requests each). An
        unknown contact gets a "blocked" verdict with the reason `not_found`; any other failed
        read raises `OutreachCheckInterruptedError`, whose `report` holds the verdicts reached
        before it."""
        ids = [_contact_id(contact) for contact in contact_ids]
        moment = _check_window(recent_days, now)
        verdicts: list[OutreachVerdict] = []
        for contact_id in ids:
            try:
                verdict = yield from self._check(contact_id, recent_days, moment)
            except NotFoundError as exc:
                reason = Reason(
                    "not_found", exc.detail or f"No contact with id {contact_id}.", True
                )
                verdict = verdict_from(contact_id, [reason])
            except ReplyError as exc:
                progress = f"after {len(verdicts)} of {len(ids)} contacts"
                raise OutreachCheckInterruptedError.from_step(exc, verdicts, progress) from exc
            verdicts.append(verdict)
        return verdicts

    def _check(
        self, contact_id: int, recent_days: int, now: datetime.datetime
    ) -> Flow[OutreachVerdict]:
        contacts = ContactsOperations(self._owner)
        statuses = yield from contacts.statuses(contact_id)
        memberships = yield from contacts.sequences(contact_id)
        activities = yield from contacts.activities(contact_id, max_items=ACTIVITY_PAGE).collect()
        reasons = [
            *status_reasons(statuses),
            *membership_reasons(list(memberships or [])),
            *activity_reasons(activities, now=now, recent_days=recent_days),
        ]
        return verdict_from(contact_id, reasons)
