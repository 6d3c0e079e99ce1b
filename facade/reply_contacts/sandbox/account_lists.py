"""Account lists (reference §8, #54-#60): shared team-wide, names within the contract's
length bounds (3..128) and unique per team, listed "yours first". Deleting a list keeps its
accounts."""

from __future__ import annotations

import sqlite3
from typing import Any

from reply_contact_data_client import contract
from reply_contact_data_client.contract import Limit
from starlette.responses import Response

from .parsing import TOP_RANGE, PageRules
from .problems import Problem, bad_request, conflict, not_found, validation
from .routing import Ctx, Served, json_response, no_content, page_of

ACCOUNT_LIST_PAGE = PageRules(code="contactAccountList.invalidPagination", detail=TOP_RANGE)
ACCOUNT_NOT_PROCESSED = 7  # numeric per-item code documented for account lists (D6)


def list_to_api(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"]}


def list_or_404(db: sqlite3.Connection, list_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM account_lists WHERE id = ?", (list_id,)
    ).fetchone()
    if row is None:
        raise not_found("contactAccountList.notFound", f"List with ID {list_id} not found.")
    return row


def _read_name(ctx: Ctx) -> str:
    bounds = ctx.operation.limit("/name")
    reader = ctx.body()
    name = reader.string("name", required="Name is required.")
    reader.finish()
    assert isinstance(name, str)
    name = name.strip()
    if bounds.min_length is not None and len(name) < bounds.min_length:
        raise bad_request(
            "contactAccountList.nameTooShort",
            f"Name must be at least {bounds.min_length} characters.",
        )
    if bounds.max_length is not None and len(name) > bounds.max_length:
        raise bad_request(
            "contactAccountList.nameTooLong",
            f"Name must not exceed {bounds.max_length} characters.",
        )
    return name


def _check_unique(db: sqlite3.Connection, name: str, other_than: int = 0) -> None:
    taken = db.execute(
        "SELECT 1 FROM account_lists WHERE lower(name) = lower(?) AND id != ?", (name, other_than)
    ).fetchone()
    if taken:
        raise conflict("contactAccountList.duplicateName", "A list with this name already exists.")


def get_lists(ctx: Ctx) -> Response:
    page = ctx.page(ACCOUNT_LIST_PAGE)
    search = ctx.query.get("search") or ""
    rows = ctx.db.execute(
        "SELECT * FROM account_lists WHERE instr(lower(name), lower(?)) > 0 "
        "ORDER BY owner_user_id != ?, id LIMIT ? OFFSET ?",
        (search, ctx.user_id, page.top + 1, page.skip),
    ).fetchall()
    return page_of([list_to_api(row) for row in rows], page)


def create_list(ctx: Ctx) -> Response:
    name = _read_name(ctx)
    _check_unique(ctx.db, name)
    cursor = ctx.db.execute(
        "INSERT INTO account_lists (name, owner_user_id) VALUES (?, ?)", (name, ctx.user_id)
    )
    return json_response(list_to_api(list_or_404(ctx.db, cursor.lastrowid or 0)), 201)


def get_list(ctx: Ctx) -> Response:
    return json_response(list_to_api(list_or_404(ctx.db, ctx.id(style="param"))))


def rename_list(ctx: Ctx) -> Response:
    list_id = ctx.id(style="param")
    name = _read_name(ctx)
    list_or_404(ctx.db, list_id)
    _check_unique(ctx.db, name, other_than=list_id)
    ctx.db.execute("UPDATE account_lists SET name = ? WHERE id = ?", (name, list_id))
    return json_response(list_to_api(list_or_404(ctx.db, list_id)))


def delete_list(ctx: Ctx) -> Response:
    list_id = ctx.id(style="param")
    list_or_404(ctx.db, list_id)
    ctx.db.execute("DELETE FROM account_list_members WHERE list_id = ?", (list_id,))
    ctx.db.execute("DELETE FROM account_lists WHERE id = ?", (list_id,))
    return no_content()


def _file_accounts(ctx: Ctx, *, move: bool) -> Response:
    list_id = ctx.id(style="param")
    reader = ctx.body()
    # More ids than the contract's maxItems never get here (intake.py refuses them first).
    ids = reader.int_list("accountIds", required="At least one account ID is required.")
    if isinstance(ids, list):
        if not ids:
            reader.error("accountIds", _ids_range(ctx.operation.limit("/accountIds")))
        for index, value in enumerate(ids):
            if value < 1:
                reader.errors.append(
                    (f"/accountIds/{index}", "Each ID must be a positive integer.")
                )
    reader.finish()
    assert isinstance(ids, list)
    list_or_404(ctx.db, list_id)
    results: dict[str, dict[str, Any]] = {}
    for account_id in dict.fromkeys(ids):
        if ctx.db.execute("SELECT 1 FROM accounts WHERE id = ?", (account_id,)).fetchone() is None:
            results[str(account_id)] = {
                "error": ACCOUNT_NOT_PROCESSED,
                "errorDetails": f"Account with ID {account_id} could not be processed: not found.",
            }
            continue
        if move:
            ctx.db.execute(
                "DELETE FROM account_list_members WHERE account_id = ? AND list_id != ?",
                (account_id, list_id),
            )
        ctx.db.execute(
            "INSERT OR IGNORE INTO account_list_members (list_id, account_id) VALUES (?, ?)",
            (list_id, account_id),
        )
    return json_response(results)


def _ids_range(limit: Limit) -> str:
    return f"Between {limit.min_items or 0} and {limit.max_items} account IDs are required."


def ids_too_many(pointer: str, limit: Limit) -> Problem:
    return validation([(pointer, _ids_range(limit))])


def move_accounts(ctx: Ctx) -> Response:
    return _file_accounts(ctx, move=True)


def add_accounts(ctx: Ctx) -> Response:
    return _file_accounts(ctx, move=False)


def served() -> list[Served]:
    ops = contract.Operations
    return [
        Served(ops.get_contact_account_lists, get_lists),
        Served(ops.create_contact_account_list, create_list),
        Served(ops.get_contact_account_list_by_id, get_list),
        Served(ops.update_contact_account_list, rename_list),
        Served(ops.delete_contact_account_list, delete_list),
        Served(ops.move_accounts_to_contact_account_list, move_accounts, too_many=ids_too_many),
        Served(ops.add_accounts_to_contact_account_list, add_accounts, too_many=ids_too_many),
    ]
