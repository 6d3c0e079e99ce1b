"""Contacts in the database: column mapping, reading request fields, writing rows, and the
response shape of reference §10.1 as the live server sends it.

Live drift imitated on purpose (reference §10.1, D1, D16, D17): ``companySize`` comes back
PascalCase (``"Empty"`` when unset); ``company``, ``industry``, ``timeZoneId``, the LinkedIn
URLs and ``notes`` come back ``null`` when unset while ``phone``, ``title``, ``city``,
``state`` and ``country`` come back ``""``; ``createdAt``/``lastModifiedAt`` are always
``null``; ``customFields`` keys are the numeric field ids as strings.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reply_contact_data_client import contract

from .parsing import MISSING, BodyReader, decimal_int
from .problems import bad_request

STRING_FIELDS: dict[str, str] = {
    "email": "email",
    "firstName": "first_name",
    "lastName": "last_name",
    "phone": "phone",
    "phone2": "phone2",
    "title": "title",
    "company": "company",
    "industry": "industry",
    "city": "city",
    "state": "state",
    "country": "country",
    "timeZoneId": "time_zone_id",
    "linkedInUrl": "linkedin_url",
    "linkedInSalesNavigatorUrl": "linkedin_sales_navigator_url",
    "linkedInRecruiterUrl": "linkedin_recruiter_url",
    "notes": "notes",
}


def spellings(values: Iterable[str]) -> dict[str, str]:
    """A vocabulary as ``reader.enum`` takes it: any casing -> the contract's spelling."""
    return {value.lower(): value for value in values}


def company_size_input() -> dict[str, str]:
    # Requests are documented PascalCase, responses camelCase; accept either spelling.
    return spellings(contract.Vocabularies.ContactCompanySize)


# Every field a contact can be sorted or filtered by: API name -> SQL column expression.
SORTABLE_COLUMNS: dict[str, str] = {
    "id": "id",
    **STRING_FIELDS,
    "domain": "substr(email, instr(email, '@') + 1)",
    "companySize": "company_size",
    "ownerUserId": "owner_user_id",
    "accountId": "account_id",
    "isOptedOut": "is_opted_out",
    "callStatus": "call_status",
    "meetingStatus": "meeting_status",
    "addingDate": "adding_date",
    "phoneStatus": "id",
    "createdAt": "id",
    "lastModifiedAt": "id",
}

EMPTY_STRING_WHEN_UNSET = {"first_name", "last_name", "phone", "title", "city", "state", "country"}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def is_valid_email(value: str) -> bool:
    return _EMAIL.match(value) is not None and len(value) <= 320


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zone.lower() for zone in zoneinfo.available_timezones()) | {"utc"}


def is_known_time_zone(value: str) -> bool:
    zones = _time_zones()
    # Without a tz database on the host there is nothing to check against.
    return len(zones) <= 1 or value.lower() in zones


def email_key(email: str | None) -> str | None:
    return email.strip().lower() if email else None


def linkedin_key(url: str | None) -> str | None:
    """LinkedIn URLs match case-insensitively and regardless of a trailing slash."""
    if not url:
        return None
    key = url.strip().lower().rstrip("/")
    return key.removeprefix("https://").removeprefix("http://").removeprefix("www.")


def number_is_valid(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


@dataclass
class CustomValueInput:
    """One ``customFields`` entry as sent: by id, by name (title), or by ``key`` (either)."""

    pointer: str
    field_id: int | None
    name: str | None
    value: str | None


@dataclass
class ContactInput:
    """The contact fields a request sent: column -> value (``None`` = clear)."""

    columns: dict[str, Any] = field(default_factory=dict)
    custom: list[CustomValueInput] = field(default_factory=list)

    def sent(self, column: str) -> bool:
        return column in self.columns


def read_contact_input(reader: BodyReader, *, patch: bool) -> ContactInput:
    """Read the members of a create (``patch=False``) or patch/import item body."""
    result = ContactInput()
    for api_name, column in STRING_FIELDS.items():
        value = reader.string(api_name)
        if value is not MISSING:
            result.columns[column] = value
    size = reader.enum("companySize", company_size_input())
    if size is not MISSING:
        result.columns["company_size"] = size
    account = reader.integer("accountId")
    if account is not MISSING:
        result.columns["account_id"] = account
    if patch:
        opted = reader.boolean("isOptedOut")
        if opted is not MISSING:
            result.columns["is_opted_out"] = opted
        for api_name, column, allowed in (
            ("callStatus", "call_status", spellings(contract.Vocabularies.CallStatus)),
            ("meetingStatus", "meeting_status", spellings(contract.Vocabularies.MeetingStatus)),
        ):
            status = reader.enum(api_name, allowed)
            if status is not MISSING:
                result.columns[column] = status
        owner = reader.integer("ownerUserId")
        if owner is not MISSING:
            result.columns["owner_user_id"] = owner
    entries = reader.objects("customFields")
    if isinstance(entries, list):
        for entry in entries:
            result.custom.append(_read_custom_value(entry))
    return result


def _read_custom_value(entry: BodyReader) -> CustomValueInput:
    field_id = entry.integer("id")
    name = entry.string("name")
    key = entry.string("key")
    value = entry.string("value")
    resolved_id = field_id if isinstance(field_id, int) else None
    resolved_name = name if isinstance(name, str) else None
    if isinstance(key, str):
        # Responses key custom fields by numeric id; accept that and titles alike.
        key_id = decimal_int(key)
        if key_id is not None and resolved_id is None:
            resolved_id = key_id
        elif resolved_name is None:
            resolved_name = key
    return CustomValueInput(
        entry.prefix, resolved_id, resolved_name, value if isinstance(value, str) else None
    )


class FieldCatalog:
    """The team's custom fields, loaded once per request, addressable by id or title."""

    def __init__(self, db: sqlite3.Connection) -> None:
        rows = db.execute("SELECT id, title, field_type FROM custom_fields").fetchall()
        self.by_id: dict[int, sqlite3.Row] = {row["id"]: row for row in rows}
        self.by_title: dict[str, sqlite3.Row] = {row["title"].lower(): row for row in rows}

    def find(self, ref: str | int | None) -> sqlite3.Row | None:
        if ref is None:
            return None
        if isinstance(ref, int):
            return self.by_id.get(ref)
        text = ref.strip()
        row = self.by_title.get(text.lower())
        field_id = decimal_int(text)
        if row is None and field_id is not None:
            row = self.by_id.get(field_id)
        return row

    def resolve(self, item: CustomValueInput) -> sqlite3.Row | None:
        if item.field_id is not None:
            return self.by_id.get(item.field_id)
        return self.find(item.name)


class CustomValueError(Exception):
    def __init__(self, message: str, *, wrong_format: bool) -> None:
        super().__init__(message)
        self.message = message
        self.wrong_format = wrong_format


def resolve_custom_values(
    catalog: FieldCatalog, items: Sequence[CustomValueInput]
) -> dict[int, str | None]:
    """Map custom values to field ids, checking each value against its field's type."""
    values: dict[int, str | None] = {}
    for item in items:
        row = catalog.resolve(item)
        if row is None:
            label = item.field_id if item.field_id is not None else item.name
            raise CustomValueError(f"Custom field '{label}' not found.", wrong_format=False)
        value = item.value
        if value is not None and row["field_type"] == "number" and not number_is_valid(value):
            raise CustomValueError(
                f"Custom field '{row['title']}' expects a number.", wrong_format=True
            )
        values[row["id"]] = value
    return values


def custom_values_or_400(
    catalog: FieldCatalog, items: Sequence[CustomValueInput]
) -> dict[int, str | None]:
    try:
        return resolve_custom_values(catalog, items)
    except CustomValueError as error:
        raise bad_request("contact.invalidInput", error.message) from None


def _derived(columns: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(columns)
    if "email" in values:
        values["email_key"] = email_key(values["email"])
    if "linkedin_url" in values:
        values["linkedin_key"] = linkedin_key(values["linkedin_url"])
    if "company" in values:
        values["company_inherited"] = 0
    return values


def insert_contact(
    db: sqlite3.Connection, columns: Mapping[str, Any], *, owner_user_id: int, now: str
) -> int:
    values = _derived(columns)
    if values.get("owner_user_id") is None:
        values["owner_user_id"] = owner_user_id
    values["adding_date"] = now
    for flag, default in (("is_opted_out", 0), ("call_status", "none"), ("meeting_status", "none")):
        if values.get(flag) is None:
            values[flag] = default
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.execute(f"INSERT INTO contacts ({names}) VALUES ({marks})", list(values.values()))
    contact_id = cursor.lastrowid
    assert contact_id is not None
    return contact_id


def update_contact(db: sqlite3.Connection, contact_id: int, columns: Mapping[str, Any]) -> None:
    if not columns:
        return
    values = _derived(columns)
    if "owner_user_id" in values and values["owner_user_id"] is None:
        del values["owner_user_id"]  # an owner cannot be cleared
    # Clearing a flag or status means going back to its default, not to NULL.
    for flag, default in (("is_opted_out", 0), ("call_status", "none"), ("meeting_status", "none")):
        if flag in values and values[flag] is None:
            values[flag] = default
    assignments = ", ".join(f"{name} = ?" for name in values)
    db.execute(f"UPDATE contacts SET {assignments} WHERE id = ?", [*values.values(), contact_id])


def write_custom_values(
    db: sqlite3.Connection, contact_id: int, values: Mapping[int, str | None]
) -> None:
    for field_id, value in values.items():
        if value is None:
            db.execute(
                "DELETE FROM contact_field_values WHERE contact_id = ? AND field_id = ?",
                (contact_id, field_id),
            )
        else:
            db.execute(
                "INSERT INTO contact_field_values (contact_id, field_id, value) VALUES (?, ?, ?) "
                "ON CONFLICT (contact_id, field_id) DO UPDATE SET value = excluded.value",
                (contact_id, field_id, value),
            )


def get_row(db: sqlite3.Connection, contact_id: int) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM contacts WHERE id = ? AND deleted = 0", (contact_id,)
    ).fetchone()
    return row


def find_by_email(
    db: sqlite3.Connection, email: str, *, deleted: bool = False
) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM contacts WHERE email_key = ? AND deleted = ? ORDER BY id LIMIT 1",
        (email_key(email), 1 if deleted else 0),
    ).fetchone()
    return row


def owner_is_team_member(db: sqlite3.Connection, user_id: int) -> bool:
    return db.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone() is not None


def account_exists(db: sqlite3.Connection, account_id: int) -> bool:
    return db.execute("SELECT 1 FROM accounts WHERE id = ?", (account_id,)).fetchone() is not None


def _domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].lower()


def custom_values_for(
    db: sqlite3.Connection, contact_ids: Iterable[int]
) -> dict[int, list[dict[str, str | None]]]:
    ids = list(contact_ids)
    found: dict[int, list[dict[str, str | None]]] = {}
    # SQLite limits bound parameters; 900 per query keeps well under it.
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ", ".join("?" for _ in chunk)
        rows = db.execute(
            "SELECT contact_id, field_id, value FROM contact_field_values "
            f"WHERE contact_id IN ({marks}) ORDER BY field_id",
            chunk,
        ).fetchall()
        for contact_id, field_id, value in rows:
            found.setdefault(contact_id, []).append({"key": str(field_id), "value": value})
    return found


def to_api(row: sqlite3.Row, custom: list[dict[str, str | None]] | None = None) -> dict[str, Any]:
    def text(column: str) -> str | None:
        value: str | None = row[column]
        if value is None and column in EMPTY_STRING_WHEN_UNSET:
            return ""
        return value

    return {
        "id": row["id"],
        "email": row["email"],
        "domain": _domain(row["email"]),
        "firstName": text("first_name"),
        "lastName": text("last_name"),
        "phone": text("phone"),
        "title": text("title"),
        "company": text("company"),
        "companySize": row["company_size"] or "Empty",
        "industry": text("industry"),
        "city": text("city"),
        "state": text("state"),
        "country": text("country"),
        "timeZoneId": text("time_zone_id"),
        "linkedInUrl": text("linkedin_url"),
        "linkedInSalesNavigatorUrl": text("linkedin_sales_navigator_url"),
        "linkedInRecruiterUrl": text("linkedin_recruiter_url"),
        "phoneStatus": "notValidated",
        "notes": text("notes"),
        "ownerUserId": row["owner_user_id"],
        "accountId": row["account_id"],
        "isOptedOut": bool(row["is_opted_out"]),
        "callStatus": row["call_status"],
        "meetingStatus": row["meeting_status"],
        "addingDate": row["adding_date"],
        "createdAt": None,
        "lastModifiedAt": None,
        "customFields": custom or [],
    }


def rows_to_api(db: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
    custom = custom_values_for(db, (row["id"] for row in rows))
    return [to_api(row, custom.get(row["id"])) for row in rows]


def contact_to_api(db: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    return rows_to_api(db, [row])[0]
