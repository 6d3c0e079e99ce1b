"""Read-only views of one contact (reference §4 #10-#14): sequences, activities, inbox
threads, statuses and lists."""

from __future__ import annotations

import sqlite3
from typing import Any

from reply_contact_data_client import contract
from starlette.responses import Response

from . import activity_log
from .contact_model import get_row
from .contacts import CONTACT_PAGE, contact_or_404
from .parsing import PageRules
from .problems import forbidden, not_found
from .routing import Ctx, Served, json_response, page_of
from .seed import setting_enabled

INBOX_PAGE = PageRules(code="inboxThread.invalidPagination")

# GET /contacts/{id}/sequences only knows four statuses; the rest are finer states of them.
MEMBERSHIP_STATUS = {
    "active": "active",
    "contacted": "active",
    "opened": "active",
    "clicked": "active",
    "paused": "paused",
    "inactive": "paused",
    "outOfOffice": "outOfOffice",
    "finished": "finished",
    "replied": "finished",
    "autoReplied": "finished",
    "bounced": "finished",
    "invalidEmail": "finished",
}


def memberships(db: sqlite3.Connection, contact_id: int) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT m.*, s.name AS sequence_name, st.display_name AS step_name "
        "FROM sequence_members m JOIN sequences s ON s.id = m.sequence_id "
        "LEFT JOIN sequence_steps st ON st.id = m.current_step_id "
        "WHERE m.contact_id = ? ORDER BY m.adding_date, m.sequence_id",
        (contact_id,),
    ).fetchall()


def get_sequences(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    contact_or_404(ctx.db, contact_id)
    items = []
    for row in memberships(ctx.db, contact_id):
        status = MEMBERSHIP_STATUS.get(row["status"], "active")
        if status == "finished":
            step: dict[str, Any] | None = {"stepId": None, "displayName": "Finished"}
        elif row["current_step_id"] is not None:
            step = {"stepId": row["current_step_id"], "displayName": row["step_name"]}
        else:
            step = None
        items.append(
            {
                "sequenceId": row["sequence_id"],
                "sequenceName": row["sequence_name"],
                "statusInSequence": status,
                "currentStep": step,
                "addingDate": row["adding_date"],
                "emailAccountId": row["email_account_id"],
                "linkedInAccountId": row["linkedin_account_id"],
            }
        )
    return json_response(items)


def get_activities(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    page = ctx.page(CONTACT_PAGE)
    contact_or_404(ctx.db, contact_id)
    return page_of(activity_log.page(ctx.db, contact_id, page.top, page.skip), page)


def get_inbox_threads(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    page = ctx.page(INBOX_PAGE)
    if not setting_enabled(ctx.db, "inboxEnabled"):
        raise forbidden("inboxThread.forbidden", "Inbox feature is not available for this user.")
    if get_row(ctx.db, contact_id) is None:
        raise not_found("inboxThread.notFound", f"Contact with ID {contact_id} not found.")
    rows = ctx.db.execute(
        "SELECT t.*, s.name AS sequence_name FROM inbox_threads t "
        "LEFT JOIN sequences s ON s.id = t.sequence_id WHERE t.contact_id = ? "
        "ORDER BY t.last_activity_date DESC, t.id DESC LIMIT ? OFFSET ?",
        (contact_id, page.top + 1, page.skip),
    ).fetchall()
    return page_of([_thread_to_api(row) for row in rows], page)


def _thread_to_api(row: sqlite3.Row) -> dict[str, Any]:
    sequence = None
    if row["sequence_id"] is not None:
        sequence = {"id": row["sequence_id"], "name": row["sequence_name"] or ""}
    category = None
    if row["category_id"] is not None:
        category = {"id": row["category_id"], "name": row["category_name"] or ""}
    return {
        "id": row["id"],
        "channel": row["channel"],
        "isRead": bool(row["is_read"]),
        "subject": row["subject"],
        "lastActivityDate": row["last_activity_date"],
        "sequence": sequence,
        "category": category,
        "hasMeetingIntent": bool(row["has_meeting_intent"]),
        "status": {"state": row["state"]},
    }


def get_statuses(ctx: Ctx) -> Response:
    contact = contact_or_404(ctx.db, ctx.id())
    sequences = [
        {
            "sequenceId": row["sequence_id"],
            "sequenceName": row["sequence_name"],
            "statusInSequence": row["status"],
            "emailDisposition": {
                "isReplied": bool(row["is_replied"]),
                "isBounced": bool(row["is_bounced"]),
            },
        }
        for row in memberships(ctx.db, contact["id"])
    ]
    return json_response(
        {
            "contactId": contact["id"],
            "isOptedOut": bool(contact["is_opted_out"]),
            "callStatus": contact["call_status"],
            "meetingStatus": contact["meeting_status"],
            "sequences": sequences,
        }
    )


def get_lists(ctx: Ctx) -> Response:
    contact_id = ctx.id(style="param")
    contact_or_404(ctx.db, contact_id)
    rows = ctx.db.execute(
        "SELECT l.id, l.name FROM list_members m JOIN contact_lists l ON l.id = m.list_id "
        "WHERE m.contact_id = ? AND (l.is_shared = 1 OR l.owner_user_id = ?) ORDER BY l.id",
        (contact_id, ctx.user_id),
    ).fetchall()
    return json_response([{"id": row["id"], "name": row["name"]} for row in rows])


def served() -> list[Served]:
    ops = contract.Operations
    view = "ViewProspect"
    return [
        Served(ops.get_contact_sequences, get_sequences, feature=view),
        Served(ops.get_contact_activities, get_activities, feature=view),
        Served(
            ops.get_contact_inbox_threads,
            get_inbox_threads,
            feature="ViewInbox",
            forbidden_code="inboxThread.forbidden",
            forbidden_detail="Inbox feature is not available for this user.",
        ),
        Served(ops.get_contact_statuses, get_statuses),
        Served(ops.get_contact_lists_for_contact, get_lists, feature=view),
    ]
