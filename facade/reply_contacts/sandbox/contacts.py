"""Core contact operations (reference §3, #1-#5 and #7-#9).

Duplicate email on create (disagreement D5): the sandbox answers 400 ``contact.invalidInput``
"A contact with this email already exists." rather than silently overwriting the existing
contact, which is what one live client observed; it is the safer behaviour to develop
against, and ``POST /v3/contacts/import`` is the upsert.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from reply_contact_data_client import contract
from starlette.responses import Response

from . import activity_log
from .account_links import link_contact, unlink_contact
from .contact_filter import read_filter
from .contact_model import (
    ContactInput,
    FieldCatalog,
    account_exists,
    contact_to_api,
    custom_values_or_400,
    email_key,
    get_row,
    insert_contact,
    is_known_time_zone,
    is_valid_email,
    linkedin_key,
    owner_is_team_member,
    read_contact_input,
    rows_to_api,
    update_contact,
    write_custom_values,
)
from .importer import import_contacts, import_too_many
from .parsing import PageRules
from .problems import bad_request, not_found
from .routing import Ctx, Served, json_response, no_content, page_of

CONTACT_PAGE = PageRules(code="contact.invalidPagination")
FIRST_NAME_REQUIRED = "FirstName is required."
INVALID_EMAIL = "'email' is not a valid email address."
NEEDS_IDENTIFIER = "A contact must have at least an email or a LinkedIn URL."
EMAIL_TAKEN = "A contact with this email already exists."


def contact_or_404(db: sqlite3.Connection, contact_id: int) -> sqlite3.Row:
    row = get_row(db, contact_id)
    if row is None:
        raise not_found("contact.notFound", f"Contact with ID {contact_id} not found.")
    return row


def email_taken(db: sqlite3.Connection, email: str, *, other_than: int | None = None) -> bool:
    row = db.execute(
        "SELECT id FROM contacts WHERE email_key = ? AND deleted = 0 AND id != ? LIMIT 1",
        (email_key(email), other_than or 0),
    ).fetchone()
    return row is not None


def check_references(db: sqlite3.Connection, data: ContactInput) -> None:
    """Business checks shared by create and patch: time zone, account, owner."""
    zone = data.columns.get("time_zone_id")
    if zone and not is_known_time_zone(zone):
        raise bad_request("contact.invalidInput", f"TimeZoneId '{zone}' is not recognized.")
    account_id = data.columns.get("account_id")
    if account_id is not None and not account_exists(db, account_id):
        raise bad_request("contact.invalidInput", f"Account with ID {account_id} not found.")
    owner = data.columns.get("owner_user_id")
    if owner is not None and not owner_is_team_member(db, owner):
        raise bad_request(
            "contact.invalidInput", f"OwnerUserId {owner} is not a member of the team."
        )


def _normalise_email(reader_error: Any, data: ContactInput) -> None:
    email = data.columns.get("email")
    if isinstance(email, str):
        email = email.strip() or None
        data.columns["email"] = email
        if email is not None and not is_valid_email(email):
            reader_error("email", INVALID_EMAIL)


def list_contacts(ctx: Ctx) -> Response:
    page = ctx.page(CONTACT_PAGE)
    where, params = ["deleted = 0"], []
    email = ctx.query.get("email")
    if email:
        where.append("email_key = ?")
        params.append(email_key(email))
    linked_in = ctx.query.get("linkedIn")
    if linked_in:
        where.append("linkedin_key = ?")
        params.append(linkedin_key(linked_in))
    rows = ctx.db.execute(
        f"SELECT * FROM contacts WHERE {' AND '.join(where)} ORDER BY id LIMIT ? OFFSET ?",
        [*params, page.top + 1, page.skip],
    ).fetchall()
    return page_of(rows_to_api(ctx.db, rows), page)


def create_contact(ctx: Ctx) -> Response:
    reader = ctx.body()
    first_name = reader.string("firstName", required=FIRST_NAME_REQUIRED)
    if isinstance(first_name, str) and not first_name.strip():
        reader.error("firstName", FIRST_NAME_REQUIRED)
    data = read_contact_input(reader, patch=False)
    _normalise_email(reader.error, data)
    reader.finish()
    email = data.columns.get("email")
    if not email and not data.columns.get("linkedin_url"):
        raise bad_request("contact.invalidInput", NEEDS_IDENTIFIER)
    if email and email_taken(ctx.db, email):
        raise bad_request("contact.invalidInput", EMAIL_TAKEN)
    check_references(ctx.db, data)
    catalog = FieldCatalog(ctx.db)
    # Unknown custom-field keys are silently ignored on create, as observed live.
    known = [item for item in data.custom if catalog.resolve(item) is not None]
    custom = custom_values_or_400(catalog, known)
    columns = {k: v for k, v in data.columns.items() if k != "account_id"}
    contact_id = insert_contact(ctx.db, columns, owner_user_id=ctx.user_id, now=ctx.now())
    write_custom_values(ctx.db, contact_id, custom)
    if data.columns.get("account_id") is not None:
        link_contact(ctx.db, contact_id, data.columns["account_id"])
    return json_response(contact_to_api(ctx.db, contact_or_404(ctx.db, contact_id)), 201)


def get_contact(ctx: Ctx) -> Response:
    row = contact_or_404(ctx.db, ctx.id())
    return json_response(contact_to_api(ctx.db, row))


def update_contact_endpoint(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    reader = ctx.body()
    data = read_contact_input(reader, patch=True)
    if "first_name" in data.columns and not (data.columns["first_name"] or "").strip():
        reader.error("firstName", FIRST_NAME_REQUIRED)
    _normalise_email(reader.error, data)
    reader.finish()
    row = contact_or_404(ctx.db, contact_id)
    if data.columns.get("owner_user_id", 0) is None:
        # An owner cannot be cleared; null leaves it as it is.
        del data.columns["owner_user_id"]
    email = data.columns.get("email", row["email"])
    linked_in = data.columns.get("linkedin_url", row["linkedin_url"])
    if not email and not linked_in:
        raise bad_request("contact.invalidInput", NEEDS_IDENTIFIER)
    if "email" in data.columns and email and email_taken(ctx.db, email, other_than=contact_id):
        raise bad_request("contact.invalidInput", EMAIL_TAKEN)
    check_references(ctx.db, data)
    custom = custom_values_or_400(FieldCatalog(ctx.db), data.custom)
    apply_patch(ctx.db, row, data, custom, user_id=ctx.user_id)
    return json_response(contact_to_api(ctx.db, contact_or_404(ctx.db, contact_id)))


def apply_patch(
    db: sqlite3.Connection,
    row: sqlite3.Row,
    data: ContactInput,
    custom: dict[int, str | None],
    *,
    user_id: int,
) -> None:
    """Write a patch and log the changes that belong in the activity history."""
    contact_id = row["id"]
    columns = dict(data.columns)
    account_change = columns.pop("account_id", ...)
    update_contact(db, contact_id, columns)
    write_custom_values(db, contact_id, custom)
    if account_change is None:
        unlink_contact(db, contact_id)
    elif account_change is not ...:
        link_contact(db, contact_id, account_change)
    owner = columns.get("owner_user_id")
    if owner is not None and owner != row["owner_user_id"]:
        activity_log.record(
            db, contact_id, "ownerChanged", user_id, {"from": row["owner_user_id"], "to": owner}
        )
    for column, label in (
        ("is_opted_out", "isOptedOut"),
        ("call_status", "callStatus"),
        ("meeting_status", "meetingStatus"),
    ):
        if column not in columns:
            continue
        new = columns[column]
        new = (
            {"is_opted_out": False, "call_status": "none", "meeting_status": "none"}[column]
            if new is None
            else new
        )
        old = bool(row[column]) if column == "is_opted_out" else row[column]
        if new != old:
            activity_log.record(
                db, contact_id, "statusChanged", user_id, {"field": label, "from": old, "to": new}
            )
    if columns.get("is_opted_out") and not row["is_opted_out"]:
        finish_all_sequences(db, contact_id)


def finish_all_sequences(db: sqlite3.Connection, contact_id: int) -> None:
    """Opting out finishes a contact in every sequence it is in (reference §4 #20)."""
    db.execute(
        "UPDATE sequence_members SET status = 'finished' WHERE contact_id = ?", (contact_id,)
    )


def delete_contact(ctx: Ctx) -> Response:
    contact_id = ctx.id()
    contact_or_404(ctx.db, contact_id)
    soft_delete(ctx.db, contact_id)
    return no_content()


def soft_delete(db: sqlite3.Connection, contact_id: int) -> None:
    # Deleted contacts are kept so that an import with restoreDeleted can bring them back.
    db.execute("UPDATE contacts SET deleted = 1 WHERE id = ?", (contact_id,))


def bulk_delete_contacts(ctx: Ctx) -> Response:
    reader = ctx.body()
    ids = reader.int_list("ids", required="'ids' must not be empty.")
    if ids == []:
        reader.error("ids", "'ids' must not be empty.")
    reader.finish()
    assert isinstance(ids, list)
    results: dict[str, dict[str, Any]] = {}
    for contact_id in dict.fromkeys(ids):
        if get_row(ctx.db, contact_id) is None:
            results[str(contact_id)] = {
                "error": "notFound",
                "errorDetails": f"Contact with ID {contact_id} not found.",
            }
        else:
            soft_delete(ctx.db, contact_id)
    return json_response(results)


def filter_contacts(ctx: Ctx) -> Response:
    page = ctx.page(CONTACT_PAGE)
    reader = ctx.body()
    query = read_filter(ctx.db, reader, with_sort=True)
    reader.finish()
    rows = ctx.db.execute(
        query.sql("*") + f" ORDER BY {query.order_by} LIMIT ? OFFSET ?",
        [*query.params, page.top + 1, page.skip],
    ).fetchall()
    return page_of(rows_to_api(ctx.db, rows), page)


def count_contacts(ctx: Ctx) -> Response:
    reader = ctx.body()
    query = read_filter(ctx.db, reader, with_sort=False)
    reader.finish()
    count = ctx.db.execute(query.sql("count(*)"), query.params).fetchone()[0]
    return json_response({"count": count})


def served() -> list[Served]:
    ops = contract.Operations
    view = "ViewProspect"
    return [
        Served(ops.get_contacts, list_contacts, feature=view),
        Served(ops.create_contact, create_contact, feature="AddProspect"),
        Served(
            ops.import_contacts, import_contacts, feature="AddProspect", too_many=import_too_many
        ),
        Served(ops.filter_contacts, filter_contacts, feature=view),
        Served(
            ops.filter_contacts_count,
            count_contacts,
            feature="ViewProspect",
            forbidden_code="contact.forbidden",
            forbidden_detail="You do not have permission to view contacts.",
        ),
        Served(ops.bulk_delete_contacts, bulk_delete_contacts),
        Served(ops.get_contact_by_id, get_contact, feature=view),
        Served(ops.update_contact, update_contact_endpoint, feature=view),
        Served(ops.delete_contact, delete_contact, feature="DeleteProspect"),
    ]
