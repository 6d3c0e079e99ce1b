"""Contact lists (reference §5, #28-#36).

Visibility: a user sees the lists they own plus every shared list. Names are unique within a
scope, case-insensitively: among one owner's private lists, and among the team's shared lists.
That is what makes all three 409s reachable: create/rename clash within the list's scope,
``share`` clashes with another shared list ("A shared list with this name already exists."),
``unshare`` with one of the owner's private lists.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from reply_contact_data_client import contract
from starlette.responses import Response

from .contact_model import get_row
from .parsing import TOP_RANGE, BodyReader, PageRules
from .problems import bad_request, conflict, forbidden, not_found
from .routing import Ctx, Served, json_response, no_content, page_of
from .seed import setting_enabled

LIST_PAGE = PageRules(code="contactsList.invalidPagination", detail=TOP_RANGE)
CONTACT_NOT_PROCESSED = 8  # numeric per-item code documented for list endpoints (D6)
NO_ACCESS = "You do not have access to this list."


def list_to_api(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "isShared": bool(row["is_shared"])}


def visible_list_or_error(db: sqlite3.Connection, list_id: int, user_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM contact_lists WHERE id = ?", (list_id,)
    ).fetchone()
    if row is None:
        raise not_found("contactsList.notFound", f"List with ID {list_id} not found.")
    if not row["is_shared"] and row["owner_user_id"] != user_id:
        raise forbidden("contactsList.forbidden", NO_ACCESS)
    return row


def _read_name(reader: BodyReader) -> str:
    name = reader.string("name", required="Name is required.")
    reader.finish()
    assert isinstance(name, str)
    name = name.strip()
    if not name:
        raise bad_request("contactsList.nameIsEmpty", "Name must not be empty.")
    # The contract bounds a new list's name; a rename is held to the same rule.
    shortest = contract.Operations.create_contact_list.limit("/name").min_length or 1
    if len(name) < shortest:
        raise bad_request(
            "contactsList.nameTooShort", f"Name must be at least {shortest} characters."
        )
    return name


def _name_taken(
    db: sqlite3.Connection, name: str, *, shared: bool, owner: int, other_than: int = 0
) -> bool:
    if shared:
        sql = (
            "SELECT 1 FROM contact_lists WHERE is_shared = 1 AND lower(name) = lower(?) AND id != ?"
        )
        params: tuple[Any, ...] = (name, other_than)
    else:
        sql = (
            "SELECT 1 FROM contact_lists WHERE is_shared = 0 AND owner_user_id = ? "
            "AND lower(name) = lower(?) AND id != ?"
        )
        params = (owner, name, other_than)
    return db.execute(sql, params).fetchone() is not None


def get_lists(ctx: Ctx) -> Response:
    page = ctx.page(LIST_PAGE)
    where: list[str] = ["(is_shared = 1 OR owner_user_id = ?)"]
    params: list[object] = [ctx.user_id]
    search = ctx.query.get("search")
    if search:
        where.append("instr(lower(name), lower(?)) > 0")
        params.append(search)
    rows = ctx.db.execute(
        f"SELECT * FROM contact_lists WHERE {' AND '.join(where)} ORDER BY id LIMIT ? OFFSET ?",
        [*params, page.top + 1, page.skip],
    ).fetchall()
    return page_of([list_to_api(row) for row in rows], page)


def create_list(ctx: Ctx) -> Response:
    reader = ctx.body()
    is_shared = reader.boolean("isShared") is True
    name = _read_name(reader)
    if is_shared and not setting_enabled(ctx.db, "listSharingEnabled"):
        raise forbidden(
            "contactsList.accessChangeRejected", "Sharing is not available for your team edition."
        )
    if _name_taken(ctx.db, name, shared=is_shared, owner=ctx.user_id):
        raise conflict("contactsList.duplicateName", "A list with this name already exists.")
    cursor = ctx.db.execute(
        "INSERT INTO contact_lists (name, is_shared, owner_user_id) VALUES (?, ?, ?)",
        (name, int(is_shared), ctx.user_id),
    )
    row = visible_list_or_error(ctx.db, cursor.lastrowid or 0, ctx.user_id)
    return json_response(list_to_api(row), 201)


def get_list(ctx: Ctx) -> Response:
    return json_response(
        list_to_api(visible_list_or_error(ctx.db, ctx.id(style="param"), ctx.user_id))
    )


def rename_list(ctx: Ctx) -> Response:
    list_id = ctx.id(style="param")
    name = _read_name(ctx.body())
    row = visible_list_or_error(ctx.db, list_id, ctx.user_id)
    if _name_taken(
        ctx.db, name, shared=bool(row["is_shared"]), owner=row["owner_user_id"], other_than=list_id
    ):
        raise conflict("contactsList.duplicateName", "A list with this name already exists.")
    ctx.db.execute("UPDATE contact_lists SET name = ? WHERE id = ?", (name, list_id))
    return json_response(list_to_api(visible_list_or_error(ctx.db, list_id, ctx.user_id)))


def delete_list(ctx: Ctx) -> Response:
    list_id = ctx.id(style="param")
    row = visible_list_or_error(ctx.db, list_id, ctx.user_id)
    if row["owner_user_id"] != ctx.user_id:
        raise forbidden("contactsList.forbidden", "You do not have permission to delete this list.")
    ctx.db.execute("DELETE FROM list_members WHERE list_id = ?", (list_id,))
    ctx.db.execute("DELETE FROM contact_lists WHERE id = ?", (list_id,))
    return no_content()


def _change_sharing(ctx: Ctx, *, share: bool) -> Response:
    list_id = ctx.id(style="param")
    row = visible_list_or_error(ctx.db, list_id, ctx.user_id)
    if row["owner_user_id"] != ctx.user_id:
        raise forbidden("contactsList.forbidden", "Only the list's owner can change its sharing.")
    if not setting_enabled(ctx.db, "listSharingEnabled"):
        raise forbidden(
            "contactsList.accessChangeRejected", "Sharing is not available for your team edition."
        )
    if bool(row["is_shared"]) == share:
        return no_content()
    if _name_taken(
        ctx.db, row["name"], shared=share, owner=row["owner_user_id"], other_than=list_id
    ):
        detail = (
            "A shared list with this name already exists."
            if share
            else "A list with this name already exists."
        )
        raise conflict("contactsList.duplicateName", detail)
    ctx.db.execute("UPDATE contact_lists SET is_shared = ? WHERE id = ?", (int(share), list_id))
    return no_content()


def share_list(ctx: Ctx) -> Response:
    return _change_sharing(ctx, share=True)


def unshare_list(ctx: Ctx) -> Response:
    return _change_sharing(ctx, share=False)


def _file_contacts(ctx: Ctx, *, move: bool) -> Response:
    list_id = ctx.id(style="param")
    reader = ctx.body()
    ids = reader.int_list("contactIds", required="At least one contact ID is required.")
    if ids == []:
        reader.error("contactIds", "At least one contact ID is required.")
    reader.finish()
    assert isinstance(ids, list)
    visible_list_or_error(ctx.db, list_id, ctx.user_id)
    results: dict[str, dict[str, Any]] = {}
    # One by one, so partial success sticks (reference §5 #36).
    for contact_id in dict.fromkeys(ids):
        if get_row(ctx.db, contact_id) is None:
            results[str(contact_id)] = {
                "error": CONTACT_NOT_PROCESSED,
                "errorDetails": f"Contact with ID {contact_id} could not be processed: not found.",
            }
            continue
        if move:
            ctx.db.execute(
                "DELETE FROM list_members WHERE contact_id = ? AND list_id != ?",
                (contact_id, list_id),
            )
        ctx.db.execute(
            "INSERT OR IGNORE INTO list_members (list_id, contact_id) VALUES (?, ?)",
            (list_id, contact_id),
        )
    return json_response(results)


def move_contacts(ctx: Ctx) -> Response:
    return _file_contacts(ctx, move=True)


def add_contacts(ctx: Ctx) -> Response:
    return _file_contacts(ctx, move=False)


def served() -> list[Served]:
    ops = contract.Operations
    view = "ViewContactList"
    manage = "ManageContactList"
    return [
        Served(ops.get_contact_lists, get_lists, feature=view),
        Served(ops.create_contact_list, create_list, feature=manage),
        Served(ops.get_contact_list_by_id, get_list, feature=view),
        Served(ops.update_contact_list, rename_list, feature=manage),
        Served(ops.delete_contact_list, delete_list, feature=manage),
        Served(ops.share_contact_list, share_list, feature=manage),
        Served(ops.unshare_contact_list, unshare_list, feature=manage),
        Served(ops.move_contacts_to_contact_list, move_contacts, feature=manage),
        Served(ops.add_contacts_to_contact_list, add_contacts, feature=manage),
    ]
