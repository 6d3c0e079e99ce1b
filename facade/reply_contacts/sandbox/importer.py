"""``POST /v3/contacts/import`` (reference §3 #6, §10.4): synchronous, at most the contract's
``maxItems`` (1,000) items, per-item results in input order.

Matching ("dedupe keys"): email is the primary key; ``options.keys`` adds fields that must
match too (the combination). An item without an email falls back to its LinkedIn URL, so
re-importing LinkedIn-only contacts is idempotent as well. An item whose email belongs to a
contact that differs on the other keys fails with "Not processed" rather than creating a
second contact with the same email.

For a match: ``skipExisting`` skips it, ``overwriteExisting`` replaces the fields the item
sends, and the default fills only the contact's empty fields (status ``updated`` either way).
A soft-deleted match is restored with ``restoreDeleted`` and otherwise skipped with
``skipReason: "contactDeleted"``. Items are applied in order, so a repeated email inside one
request updates the contact its first occurrence created.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from reply_contact_data_client.contract import Limit
from starlette.responses import Response

from .account_links import link_contact, unlink_contact
from .contact_model import (
    ContactInput,
    CustomValueError,
    FieldCatalog,
    account_exists,
    email_key,
    find_by_email,
    insert_contact,
    is_known_time_zone,
    is_valid_email,
    linkedin_key,
    owner_is_team_member,
    read_contact_input,
    resolve_custom_values,
    update_contact,
    write_custom_values,
)
from .parsing import BodyReader
from .problems import Problem, bad_request, invalid_field
from .routing import Ctx, json_response
from .seed import enroll_contact

INVALID_DATA = "Invalid data"
WRONG_FORMAT = "Wrong field format"
NOT_PROCESSED = "Not processed"

KEY_COLUMNS = {
    "linkedInUrl": "linkedin_url",
    "phone": "phone",
    "firstName": "first_name",
    "lastName": "last_name",
    "company": "company",
}
FLAG_DEFAULTS: dict[str, Any] = {"is_opted_out": 0, "call_status": "none", "meeting_status": "none"}

# detectTimeZone: a rough country -> zone guess, enough to show the option doing something.
COUNTRY_ZONES = {
    "united states": "America/New_York",
    "usa": "America/New_York",
    "united kingdom": "Europe/London",
    "uk": "Europe/London",
    "germany": "Europe/Berlin",
    "france": "Europe/Paris",
    "spain": "Europe/Madrid",
    "italy": "Europe/Rome",
    "netherlands": "Europe/Amsterdam",
    "poland": "Europe/Warsaw",
    "ukraine": "Europe/Kyiv",
    "canada": "America/Toronto",
    "australia": "Australia/Sydney",
    "india": "Asia/Kolkata",
    "japan": "Asia/Tokyo",
    "brazil": "America/Sao_Paulo",
}


@dataclass
class ImportOptions:
    overwrite_existing: bool = False
    skip_existing: bool = False
    skip_without_emails: bool = False
    detect_time_zone: bool = False
    restore_deleted: bool = False
    list_ids: list[int] = field(default_factory=list)
    sequence_id: int | None = None
    key_columns: list[str] = field(default_factory=list)
    key_custom_field_ids: list[int] = field(default_factory=list)


@dataclass
class ItemResult:
    id: int | None
    status: str
    error: str | None = None
    skip_reason: str | None = None

    def to_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "status": self.status, "error": self.error}
        if self.skip_reason:
            body["skipReason"] = self.skip_reason
        return body


def _read_options(reader: BodyReader) -> ImportOptions:
    options = ImportOptions()
    child = reader.child("options")
    if not isinstance(child, BodyReader):
        return options
    for name, attr in (
        ("overwriteExisting", "overwrite_existing"),
        ("skipExisting", "skip_existing"),
        ("skipWithoutEmails", "skip_without_emails"),
        ("detectTimeZone", "detect_time_zone"),
        ("restoreDeleted", "restore_deleted"),
    ):
        value = child.boolean(name)
        if isinstance(value, bool):
            setattr(options, attr, value)
    list_ids = child.int_list("listIds")
    if isinstance(list_ids, list):
        options.list_ids = list(dict.fromkeys(list_ids))
    sequence_id = child.integer("sequenceId")
    if isinstance(sequence_id, int):
        options.sequence_id = sequence_id
    keys = child.child("keys")
    if isinstance(keys, BodyReader):
        for name, column in KEY_COLUMNS.items():
            if keys.boolean(name) is True:
                options.key_columns.append(column)
        field_ids = keys.int_list("customFieldIds")
        if isinstance(field_ids, list):
            options.key_custom_field_ids = list(dict.fromkeys(field_ids))
    return options


def import_too_many(pointer: str, limit: Limit) -> Problem:
    return bad_request(
        "contact.limitExceeded", f"Maximum {limit.max_items} items per import request."
    )


def import_contacts(ctx: Ctx) -> Response:
    # More items than the contract's maxItems never get here (intake.py refuses them first).
    reader = ctx.body()
    items = reader.objects("items", required="'items' must not be empty.")
    options = _read_options(reader)
    parsed: list[ContactInput] = []
    for item in items if isinstance(items, list) else []:
        parsed.append(read_contact_input(item, patch=True))
    reader.finish()
    if not parsed:
        raise invalid_field("/items", "'items' must not be empty.")
    _check_targets(ctx.db, options)
    importer = _Importer(ctx.db, options, ctx.user_id, ctx.now())
    results = [importer.import_item(item) for item in parsed]
    importer.file_touched_contacts()
    totals = {"created": 0, "updated": 0, "skipped": 0, "failed": 0, "restored": 0}
    for result in results:
        totals[result.status] += 1
    return json_response(
        {
            "items": [result.to_api() for result in results],
            # Restored contacts come back into the team, so they count as added.
            "added": totals["created"] + totals["restored"],
            "updated": totals["updated"],
            "skipped": totals["skipped"],
            "failed": totals["failed"],
        }
    )


def _check_targets(db: sqlite3.Connection, options: ImportOptions) -> None:
    for list_id in options.list_ids:
        if db.execute("SELECT 1 FROM contact_lists WHERE id = ?", (list_id,)).fetchone() is None:
            raise bad_request("contactsList.notFound", f"List with ID {list_id} not found.")
    if options.sequence_id is not None:
        found = db.execute("SELECT 1 FROM sequences WHERE id = ?", (options.sequence_id,))
        if found.fetchone() is None:
            raise bad_request("contact.sequenceNotFound", "Sequence not found.")
    for field_id in options.key_custom_field_ids:
        if db.execute("SELECT 1 FROM custom_fields WHERE id = ?", (field_id,)).fetchone() is None:
            raise bad_request("contact.invalidInput", f"Custom field with ID {field_id} not found.")


class _ItemFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Importer:
    def __init__(
        self, db: sqlite3.Connection, options: ImportOptions, user_id: int, now: str
    ) -> None:
        self.db = db
        self.options = options
        self.user_id = user_id
        self.now = now
        self.catalog = FieldCatalog(db)
        self.touched: dict[int, None] = {}

    def import_item(self, item: ContactInput) -> ItemResult:
        try:
            return self._import(item)
        except _ItemFailed as failure:
            return ItemResult(None, "failed", failure.message)

    def _validate(self, item: ContactInput) -> dict[int, str | None]:
        columns = item.columns
        if not (columns.get("first_name") or "").strip():
            raise _ItemFailed(INVALID_DATA)
        email = (columns.get("email") or "").strip() or None
        if "email" in columns:
            columns["email"] = email
        if email is not None and not is_valid_email(email):
            raise _ItemFailed(INVALID_DATA)
        zone = columns.get("time_zone_id")
        if zone and not is_known_time_zone(zone):
            raise _ItemFailed(f"TimeZoneId '{zone}' is not recognized.")
        owner = columns.get("owner_user_id")
        if owner is not None and not owner_is_team_member(self.db, owner):
            raise _ItemFailed(f"OwnerUserId {owner} is not a member of the team.")
        account_id = columns.get("account_id")
        if account_id is not None and not account_exists(self.db, account_id):
            raise _ItemFailed(INVALID_DATA)
        try:
            custom = resolve_custom_values(self.catalog, item.custom)
        except CustomValueError as error:
            raise _ItemFailed(WRONG_FORMAT if error.wrong_format else INVALID_DATA) from None
        if self.options.detect_time_zone and not zone and columns.get("country"):
            guess = COUNTRY_ZONES.get(str(columns["country"]).strip().lower())
            if guess:
                columns["time_zone_id"] = guess
        return custom

    def _import(self, item: ContactInput) -> ItemResult:
        custom = self._validate(item)
        columns = item.columns
        email = columns.get("email")
        if not email and self.options.skip_without_emails:
            return ItemResult(None, "skipped", skip_reason="noEmail")
        if not email and not columns.get("linkedin_url"):
            raise _ItemFailed(INVALID_DATA)

        live = self._find_match(item, custom, deleted=False)
        if live is not None:
            if self.options.skip_existing:
                return ItemResult(live["id"], "skipped", skip_reason="contactExists")
            if self.options.overwrite_existing:
                self._overwrite(live["id"], item, custom)
            else:
                self._fill_empty(live, item, custom)
            return self._touched(live["id"], "updated")

        deleted = self._find_match(item, custom, deleted=True)
        if deleted is not None:
            if not self.options.restore_deleted:
                return ItemResult(deleted["id"], "skipped", skip_reason="contactDeleted")
            self.db.execute("UPDATE contacts SET deleted = 0 WHERE id = ?", (deleted["id"],))
            self._overwrite(deleted["id"], item, custom)
            return self._touched(deleted["id"], "restored")

        if email and find_by_email(self.db, email) is not None:
            # The email belongs to a contact that differs on the other import keys.
            raise _ItemFailed(NOT_PROCESSED)
        creatable = {k: v for k, v in columns.items() if k != "account_id"}
        contact_id = insert_contact(self.db, creatable, owner_user_id=self.user_id, now=self.now)
        write_custom_values(self.db, contact_id, custom)
        if columns.get("account_id") is not None:
            link_contact(self.db, contact_id, columns["account_id"])
        return self._touched(contact_id, "created")

    def _touched(self, contact_id: int, status: str) -> ItemResult:
        self.touched[contact_id] = None
        return ItemResult(contact_id, status)

    def _find_match(
        self, item: ContactInput, custom: dict[int, str | None], *, deleted: bool
    ) -> sqlite3.Row | None:
        columns = item.columns
        where = ["deleted = ?"]
        params: list[Any] = [1 if deleted else 0]
        email = columns.get("email")
        key_columns = list(self.options.key_columns)
        if email:
            where.append("email_key = ?")
            params.append(email_key(email))
        elif "linkedin_url" not in key_columns:
            if not columns.get("linkedin_url"):
                return None
            key_columns.append("linkedin_url")
        for column in key_columns:
            if column == "linkedin_url":
                where.append("coalesce(linkedin_key, '') = ?")
                params.append(linkedin_key(columns.get("linkedin_url")) or "")
            else:
                where.append(f"lower(coalesce({column}, '')) = ?")
                params.append((columns.get(column) or "").strip().lower())
        for field_id in self.options.key_custom_field_ids:
            where.append(
                "coalesce((SELECT value FROM contact_field_values v "
                "WHERE v.contact_id = contacts.id AND v.field_id = ?), '') = ?"
            )
            params.extend([field_id, custom.get(field_id) or ""])
        row: sqlite3.Row | None = self.db.execute(
            f"SELECT * FROM contacts WHERE {' AND '.join(where)} ORDER BY id LIMIT 1", params
        ).fetchone()
        return row

    def _overwrite(
        self, contact_id: int, item: ContactInput, custom: dict[int, str | None]
    ) -> None:
        columns = {k: v for k, v in item.columns.items() if k != "account_id"}
        update_contact(self.db, contact_id, columns)
        write_custom_values(self.db, contact_id, custom)
        if "account_id" in item.columns:
            account_id = item.columns["account_id"]
            if account_id is None:
                unlink_contact(self.db, contact_id)
            else:
                link_contact(self.db, contact_id, account_id)

    def _fill_empty(
        self, row: sqlite3.Row, item: ContactInput, custom: dict[int, str | None]
    ) -> None:
        """Default for a match: set only what the contact does not have yet."""
        changes: dict[str, Any] = {}
        for column, value in item.columns.items():
            if value is None or value == "" or column in ("owner_user_id", "account_id"):
                continue
            current = row[column]
            if current is None or current == "" or current == FLAG_DEFAULTS.get(column):
                changes[column] = value
        update_contact(self.db, row["id"], changes)
        if row["account_id"] is None and item.columns.get("account_id") is not None:
            link_contact(self.db, row["id"], item.columns["account_id"])
        existing = {
            field_id
            for (field_id,) in self.db.execute(
                "SELECT field_id FROM contact_field_values WHERE contact_id = ?", (row["id"],)
            )
        }
        write_custom_values(
            self.db,
            row["id"],
            {k: v for k, v in custom.items() if v is not None and k not in existing},
        )

    def file_touched_contacts(self) -> None:
        """Apply ``listIds`` and ``sequenceId`` to every created, updated or restored contact."""
        ids = list(self.touched)
        for list_id in self.options.list_ids:
            self.db.executemany(
                "INSERT OR IGNORE INTO list_members (list_id, contact_id) VALUES (?, ?)",
                [(list_id, contact_id) for contact_id in ids],
            )
        if self.options.sequence_id is not None:
            enrolled = {
                contact_id
                for (contact_id,) in self.db.execute(
                    "SELECT contact_id FROM sequence_members WHERE sequence_id = ?",
                    (self.options.sequence_id,),
                )
            }
            for contact_id in ids:
                opted_out = self.db.execute(
                    "SELECT is_opted_out FROM contacts WHERE id = ?", (contact_id,)
                ).fetchone()[0]
                if contact_id not in enrolled and not opted_out:
                    enroll_contact(
                        self.db, contact_id=contact_id, sequence_id=self.options.sequence_id
                    )
