"""Custom field definitions (reference §6, #37-#41): types ``text`` and ``number``.

Titles are unique case-insensitively. Deleting a field that contacts still hold values for
is refused with 409 ``customField.hasValues`` (D10: the sandbox follows the documented
response, not the prose). Changing a field to ``number`` while it holds non-numeric values is
refused with 400 ``customField.invalidInput``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from reply_contact_data_client import contract
from starlette.responses import Response

from .contact_model import number_is_valid
from .parsing import BodyReader
from .problems import bad_request, conflict, not_found
from .routing import Ctx, Served, json_response, no_content
from .seed import get_setting


def field_to_api(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "fieldType": row["field_type"],
        "metadata": row["metadata"],
        "orgWide": bool(row["org_wide"]),
    }


def field_or_404(db: sqlite3.Connection, field_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM custom_fields WHERE id = ?", (field_id,)
    ).fetchone()
    if row is None:
        raise not_found("customField.notFound", f"Custom field with ID {field_id} not found")
    return row


def _read_definition(ctx: Ctx, reader: BodyReader) -> tuple[str, str, str | None]:
    longest = ctx.operation.max_length("/title")
    title = reader.string("title", required="'Title' must not be empty.")
    if isinstance(title, str):
        if not title.strip():
            reader.error("title", "'Title' must not be empty.")
        elif len(title.strip()) > longest:
            reader.error("title", f"'Title' must be {longest} characters or fewer.")
    field_types = {kind.lower(): kind for kind in contract.Vocabularies.CustomFieldType}
    field_type = reader.enum("fieldType", field_types, required="'FieldType' must not be empty.")
    metadata = reader.string("metadata")
    reader.finish()
    assert isinstance(title, str) and isinstance(field_type, str)
    return title.strip(), field_type, metadata if isinstance(metadata, str) else None


def _title_taken(db: sqlite3.Connection, title: str, other_than: int = 0) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM custom_fields WHERE lower(title) = lower(?) AND id != ?",
            (title, other_than),
        ).fetchone()
        is not None
    )


def list_fields(ctx: Ctx) -> Response:
    rows = ctx.db.execute("SELECT * FROM custom_fields ORDER BY id").fetchall()
    return json_response([field_to_api(row) for row in rows])


def create_field(ctx: Ctx) -> Response:
    reader = ctx.body()
    org_wide = reader.boolean("orgWide") is True
    title, field_type, metadata = _read_definition(ctx, reader)
    if _title_taken(ctx.db, title):
        raise conflict("customField.duplicateName", "A custom field with this name already exists")
    count = ctx.db.execute("SELECT count(*) FROM custom_fields").fetchone()[0]
    if count >= int(get_setting(ctx.db, "customFieldLimit")):
        raise conflict("customField.limitExceeded", "Custom field limit reached for this team")
    cursor = ctx.db.execute(
        "INSERT INTO custom_fields (title, field_type, metadata, org_wide) VALUES (?, ?, ?, ?)",
        (title, field_type, metadata, int(org_wide)),
    )
    return json_response(field_to_api(field_or_404(ctx.db, cursor.lastrowid or 0)), 201)


def get_field(ctx: Ctx) -> Response:
    return json_response(field_to_api(field_or_404(ctx.db, ctx.id())))


def update_field(ctx: Ctx) -> Response:
    field_id = ctx.id()
    title, field_type, metadata = _read_definition(ctx, ctx.body())
    row = field_or_404(ctx.db, field_id)
    if _title_taken(ctx.db, title, other_than=field_id):
        raise conflict("customField.duplicateName", "A custom field with this name already exists")
    if field_type == "number" and row["field_type"] != "number":
        values = ctx.db.execute(
            "SELECT value FROM contact_field_values WHERE field_id = ?", (field_id,)
        ).fetchall()
        if any(not number_is_valid(value) for (value,) in values):
            raise bad_request(
                "customField.invalidInput",
                "The field holds values that are not numbers, so it cannot become a number field.",
            )
    # "Send the complete definition — metadata is replaced, not merged."
    ctx.db.execute(
        "UPDATE custom_fields SET title = ?, field_type = ?, metadata = ? WHERE id = ?",
        (title, field_type, metadata, field_id),
    )
    return json_response(field_to_api(field_or_404(ctx.db, field_id)))


def delete_field(ctx: Ctx) -> Response:
    field_id = ctx.id()
    field_or_404(ctx.db, field_id)
    in_use = ctx.db.execute(
        "SELECT 1 FROM contact_field_values v JOIN contacts c ON c.id = v.contact_id "
        "WHERE v.field_id = ? AND c.deleted = 0 LIMIT 1",
        (field_id,),
    ).fetchone()
    if in_use:
        raise conflict("customField.hasValues", "Custom field has values and cannot be deleted")
    ctx.db.execute("DELETE FROM contact_field_values WHERE field_id = ?", (field_id,))
    ctx.db.execute("DELETE FROM custom_fields WHERE id = ?", (field_id,))
    return no_content()


def served() -> list[Served]:
    ops = contract.Operations
    view = "ViewCustomField"
    manage = "ManageCustomField"
    return [
        Served(ops.get_custom_fields, list_fields, feature=view),
        Served(ops.create_custom_field, create_field, feature=manage),
        Served(ops.get_custom_field_by_id, get_field, feature=view),
        Served(ops.update_custom_field, update_field, feature=manage),
        Served(ops.delete_custom_field, delete_field, feature=manage),
    ]
