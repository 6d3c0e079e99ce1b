"""Things done to contacts (reference §4 #15-#21): notes, sequence moves, owner changes,
and the bulk replied / bounced / opted-out / in-sequence status setters with per-id results."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reply_contact_data_client import contract
from reply_contact_data_client.contract import Limit
from starlette.responses import Response

from . import activity_log
from .contact_model import get_row, owner_is_team_member
from .contacts import contact_or_404, finish_all_sequences
from .parsing import MISSING, BodyReader
from .problems import FIELD_REQUIRED, INVALID_FORMAT, Problem, bad_request, not_found, validation
from .routing import Ctx, Served, json_response, no_content
from .seed import enroll_contact

PerIdResults = dict[str, dict[str, Any]]


def add_note(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    reader = ctx.body()
    notes = reader.string("notes", required="'notes' must not be empty.")
    if isinstance(notes, str) and not notes.strip():
        reader.error("notes", "'notes' must not be empty.")
    reader.finish()
    contact_or_404(ctx.db, contact_id)
    activity_log.record(ctx.db, contact_id, "note", ctx.user_id, {"notes": notes})
    return no_content()


def move_to_sequence(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    reader = ctx.body()
    sequence_id = reader.integer("sequenceId", required="'sequenceId' must be greater than 0.")
    if isinstance(sequence_id, int) and sequence_id <= 0:
        reader.error("sequenceId", "'sequenceId' must be greater than 0.")
    remove_from_existing = reader.boolean("removeFromExisting") is True
    start_step = reader.integer("startStepId")
    reader.boolean("ignoreStepDelay")
    start_from = reader.string("startFrom")
    if isinstance(start_from, str):
        try:
            datetime.fromisoformat(start_from.replace("Z", "+00:00"))
        except ValueError:
            reader.error("startFrom", INVALID_FORMAT)
    reader.finish()
    assert isinstance(sequence_id, int)
    contact = contact_or_404(ctx.db, contact_id)
    sequence = ctx.db.execute("SELECT * FROM sequences WHERE id = ?", (sequence_id,)).fetchone()
    if sequence is None:
        raise not_found("contact.sequenceNotFound", "Sequence not found.")
    if isinstance(start_step, int):
        step = ctx.db.execute(
            "SELECT 1 FROM sequence_steps WHERE id = ? AND sequence_id = ?",
            (start_step, sequence_id),
        ).fetchone()
        if step is None:
            raise bad_request("contact.invalidInput", "Contact could not be added to the sequence.")
    if contact["is_opted_out"]:
        raise bad_request("contact.invalidInput", "Contact could not be added to the sequence.")
    removed: list[int] = []
    if remove_from_existing:
        removed = [
            row[0]
            for row in ctx.db.execute(
                "SELECT sequence_id FROM sequence_members "
                "WHERE contact_id = ? AND sequence_id != ?",
                (contact_id, sequence_id),
            )
        ]
        ctx.db.execute(
            "DELETE FROM sequence_members WHERE contact_id = ? AND sequence_id != ?",
            (contact_id, sequence_id),
        )
    email_account = ctx.db.execute(
        "SELECT id FROM email_accounts WHERE user_id = ? ORDER BY id LIMIT 1",
        (contact["owner_user_id"],),
    ).fetchone()
    enroll_contact(
        ctx.db,
        contact_id=contact_id,
        sequence_id=sequence_id,
        step_id=start_step if isinstance(start_step, int) else None,
        email_account_id=email_account[0] if email_account else None,
    )
    activity_log.record(
        ctx.db,
        contact_id,
        "sequenceMove",
        ctx.user_id,
        {"sequenceId": sequence_id, "sequenceName": sequence["name"], "removedFrom": removed},
    )
    return no_content()


def change_owner(ctx: Ctx) -> Response:
    reader = ctx.body()
    ids = reader.int_list("contactIds", required="'contactIds' must not be empty.")
    if ids == []:
        reader.error("contactIds", "'contactIds' must not be empty.")
    user_id = reader.integer("userId", required=FIELD_REQUIRED)
    reader.boolean("reassignTasks")
    reader.finish()
    assert isinstance(ids, list) and isinstance(user_id, int)
    if user_id <= 0:
        raise bad_request("contact.invalidInput", "'userId' must be a positive integer.")
    if not owner_is_team_member(ctx.db, user_id):
        raise not_found("contact.notFound", f"User {user_id} is not a member of the team.")
    unique = list(dict.fromkeys(ids))
    rows = []
    for contact_id in unique:
        row = get_row(ctx.db, contact_id)
        if row is None:
            raise not_found("contact.notFound", f"Contact with ID {contact_id} not found.")
        rows.append(row)
    for row in rows:
        if row["owner_user_id"] != user_id:
            ctx.db.execute(
                "UPDATE contacts SET owner_user_id = ? WHERE id = ?", (user_id, row["id"])
            )
            activity_log.record(
                ctx.db,
                row["id"],
                "ownerChanged",
                ctx.user_id,
                {"from": row["owner_user_id"], "to": user_id},
            )
    return json_response({"isSuccess": True, "affectedIds": unique})


def _ids_range(limit: Limit) -> str:
    return (
        f"ContactIds must contain between {limit.min_items or 0} and {limit.max_items} "
        "positive integers."
    )


def ids_range_too_many(pointer: str, limit: Limit) -> Problem:
    return validation([(pointer, _ids_range(limit))])


def unique_ids_too_many(pointer: str, limit: Limit) -> Problem:
    return validation([(pointer, f"ContactIds must not exceed {limit.max_items} items.")])


def _read_contact_ids(ctx: Ctx, reader: BodyReader, *, unique: bool = False) -> list[int]:
    # More ids than the contract's maxItems never get here (intake.py refuses them first).
    ids_range = _ids_range(ctx.operation.limit("/contactIds"))
    ids = reader.int_list("contactIds", required=ids_range)
    if isinstance(ids, list):
        if not ids or any(i <= 0 for i in ids):
            reader.error("contactIds", ids_range)
        elif unique and len(set(ids)) != len(ids):
            reader.error("contactIds", "ContactIds must not contain duplicates.")
    return ids if isinstance(ids, list) else []


def _failure(slug: str, details: str) -> dict[str, Any]:
    return {"error": slug, "errorDetails": details}


def _for_each_contact(
    db: sqlite3.Connection,
    ids: list[int],
    apply: Callable[[sqlite3.Row], dict[str, Any] | None],
    *,
    needs_sequence: bool,
) -> PerIdResults:
    """Run ``apply`` per contact; collect the ones that were not processed, keyed by id."""
    results: PerIdResults = {}
    for contact_id in dict.fromkeys(ids):
        row = get_row(db, contact_id)
        if row is None:
            results[str(contact_id)] = _failure(
                "notFound", f"Contact with ID {contact_id} not found."
            )
            continue
        if (
            needs_sequence
            and not db.execute(
                "SELECT 1 FROM sequence_members WHERE contact_id = ?", (contact_id,)
            ).fetchone()
        ):
            results[str(contact_id)] = _failure(
                "sequenceNotFound", f"Contact with ID {contact_id} is not in any sequence."
            )
            continue
        failure = apply(row)
        if failure is not None:
            results[str(contact_id)] = failure
    return results


def set_replied(ctx: Ctx) -> Response:
    reader = ctx.body()
    ids = _read_contact_ids(ctx, reader)
    is_replied = reader.boolean("isReplied", required=FIELD_REQUIRED)
    reader.finish()

    def apply(row: sqlite3.Row) -> dict[str, Any] | None:
        if is_replied:
            ctx.db.execute(
                "UPDATE sequence_members SET is_replied = 1, status = 'replied' "
                "WHERE contact_id = ?",
                (row["id"],),
            )
        else:
            ctx.db.execute(
                "UPDATE sequence_members SET is_replied = 0, "
                "status = CASE WHEN status = 'replied' THEN 'active' ELSE status END "
                "WHERE contact_id = ?",
                (row["id"],),
            )
        activity_log.record(
            ctx.db, row["id"], "statusChanged", ctx.user_id, {"isReplied": is_replied}
        )
        return None

    return json_response(_for_each_contact(ctx.db, ids, apply, needs_sequence=True))


def set_bounced(ctx: Ctx) -> Response:
    reader = ctx.body()
    ids = _read_contact_ids(ctx, reader)
    is_bounced = reader.boolean("isBounced", required=FIELD_REQUIRED)
    resend = reader.boolean("resendEmails")
    if is_bounced is True and isinstance(resend, bool):
        reader.error("resendEmails", "resendEmails must be omitted when isBounced is true.")
    if is_bounced is False and (resend is None or resend is MISSING):
        reader.error("resendEmails", "resendEmails is required when isBounced is false.")
    reader.finish()

    def apply(row: sqlite3.Row) -> dict[str, Any] | None:
        if not row["email"]:
            return _failure("invalidInput", "Contact has no email address to bounce.")
        if is_bounced:
            ctx.db.execute(
                "UPDATE sequence_members SET is_bounced = 1, status = 'bounced' "
                "WHERE contact_id = ?",
                (row["id"],),
            )
        else:
            ctx.db.execute(
                "UPDATE sequence_members SET is_bounced = 0, "
                "status = CASE WHEN status = 'bounced' THEN 'active' ELSE status END "
                "WHERE contact_id = ?",
                (row["id"],),
            )
        activity_log.record(
            ctx.db,
            row["id"],
            "statusChanged",
            ctx.user_id,
            {"isBounced": is_bounced, "resendEmails": resend is True},
        )
        return None

    return json_response(_for_each_contact(ctx.db, ids, apply, needs_sequence=True))


def set_opted_out(ctx: Ctx) -> Response:
    reader = ctx.body()
    ids = _read_contact_ids(ctx, reader, unique=True)
    is_opted_out = reader.boolean("isOptedOut", required=FIELD_REQUIRED)
    reader.finish()

    def apply(row: sqlite3.Row) -> dict[str, Any] | None:
        if not row["email"] and not row["linkedin_url"]:
            return _failure("invalidInput", "Contact was skipped as ineligible.")
        if bool(row["is_opted_out"]) != is_opted_out:
            ctx.db.execute(
                "UPDATE contacts SET is_opted_out = ? WHERE id = ?",
                (int(bool(is_opted_out)), row["id"]),
            )
            activity_log.record(
                ctx.db, row["id"], "statusChanged", ctx.user_id, {"isOptedOut": is_opted_out}
            )
        if is_opted_out:
            finish_all_sequences(ctx.db, row["id"])
        return None

    return json_response(_for_each_contact(ctx.db, ids, apply, needs_sequence=False))


def set_status_in_sequence(ctx: Ctx) -> Response:
    reader = ctx.body()
    ids = _read_contact_ids(ctx, reader)
    status = reader.string("statusInSequence", required=FIELD_REQUIRED)
    writable = contract.Vocabularies.WritableStatusInSequence
    if isinstance(status, str) and status not in writable:
        reader.error(
            "statusInSequence",
            f"Invalid statusInSequence value '{status}'. Allowed: {', '.join(writable)}.",
        )
    reader.finish()

    def apply(row: sqlite3.Row) -> dict[str, Any] | None:
        if row["is_opted_out"] and status in ("active", "outOfOffice"):
            return _failure("invalidInput", "An opted-out contact cannot be reactivated.")
        ctx.db.execute(
            "UPDATE sequence_members SET status = ? WHERE contact_id = ?", (status, row["id"])
        )
        activity_log.record(
            ctx.db, row["id"], "statusChanged", ctx.user_id, {"statusInSequence": status}
        )
        return None

    return json_response(_for_each_contact(ctx.db, ids, apply, needs_sequence=True))


def served() -> list[Served]:
    ops = contract.Operations
    manage = "ManageProspect"
    return [
        Served(ops.add_contact_note, add_note, feature=manage),
        Served(ops.move_contact_to_sequence, move_to_sequence, feature=manage),
        Served(
            ops.change_contacts_owner,
            change_owner,
            feature=manage,
            forbidden_code="contact.forbidden",
            forbidden_detail="You do not have permission to change contact owner.",
        ),
        Served(ops.set_contacts_replied, set_replied, feature=manage, too_many=ids_range_too_many),
        Served(ops.set_contacts_bounced, set_bounced, feature=manage, too_many=ids_range_too_many),
        Served(
            ops.set_contacts_opted_out,
            set_opted_out,
            feature="ChangeProspectStatus",
            too_many=unique_ids_too_many,
        ),
        Served(
            ops.set_contacts_status_in_sequence,
            set_status_in_sequence,
            feature=manage,
            too_many=ids_range_too_many,
        ),
    ]
