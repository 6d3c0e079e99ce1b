"""Account lists (reference §8, #54-#60): shared team-wide, names 3..128 characters and
unique per team, listed "yours first". Deleting a list keeps its accounts."""

from __future__ import annotations

import sqlite3
from typing import Any

from starlette.responses import Response

from .parsing import BodyReader, PageRules
from .problems import bad_request, conflict, not_found
from .routing import Ctx, Operation, json_response, no_content, page_of

ACCOUNT_LIST_PAGE = PageRules(
    code="contactAccountList.invalidPagination",
    detail="Parameter 'top' must be between 1 and 1000",
    default_top=100,
)
ACCOUNT_NOT_PROCESSED = 7  # numeric per-item code documented for account lists (D6)
MIN_NAME, MAX_NAME, MAX_IDS = 3, 128, 1000


def list_to_api(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"]}


def list_or_404(db: sqlite3.Connection, list_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM account_lists WHERE id = ?", (list_id,)
    ).fetchone()
    if row is None:
        raise not_found("contactAccountList.notFound", f"List with ID {list_id} not found.")
    return row


def _read_name(reader: BodyReader) -> str:
    name = reader.string("name", required="Name is required.")
    reader.finish()
    assert isinstance(name, str)
    name = name.strip()
    if len(name) < MIN_NAME:
        raise bad_request(
            "contactAccountList.nameTooShort", f"Name must be at least {MIN_NAME} characters."
        )
    if len(name) > MAX_NAME:
        raise bad_request(
            "contactAccountList.nameTooLong", f"Name must not exceed {MAX_NAME} characters."
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
    name = _read_name(ctx.body())
    _check_unique(ctx.db, name)
    cursor = ctx.db.execute(
        "INSERT INTO account_lists (name, owner_user_id) VALUES (?, ?)", (name, ctx.user_id)
    )
    return json_response(list_to_api(list_or_404(ctx.db, cursor.lastrowid or 0)), 201)


def get_list(ctx: Ctx) -> Response:
    return json_response(list_to_api(list_or_404(ctx.db, ctx.id(style="param"))))


def rename_list(ctx: Ctx) -> Response:
    list_id = ctx.id(style="param")
    name = _read_name(ctx.body())
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
    ids = reader.int_list("accountIds", required="At least one account ID is required.")
    if isinstance(ids, list):
        if not 1 <= len(ids) <= MAX_IDS:
            reader.error("accountIds", f"Between 1 and {MAX_IDS} account IDs are required.")
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


def move_accounts(ctx: Ctx) -> Response:
    return _file_accounts(ctx, move=True)


def add_accounts(ctx: Ctx) -> Response:
    return _file_accounts(ctx, move=False)


def operations() -> list[Operation]:
    read, write, operate = "contacts:read", "contacts:write", "contacts:operate"
    base = "/v3/contact-account-lists"
    return [
        Operation("GET", base, "GetContactAccountLists", read, get_lists),
        Operation("POST", base, "CreateContactAccountList", write, create_list),
        Operation("GET", base + "/{id}", "GetContactAccountListById", read, get_list),
        Operation("PUT", base + "/{id}", "UpdateContactAccountList", write, rename_list),
        Operation("DELETE", base + "/{id}", "DeleteContactAccountList", write, delete_list),
        Operation(
            "POST",
            base + "/{id}/move-accounts",
            "MoveAccountsToContactAccountList",
            operate,
            move_accounts,
        ),
        Operation(
            "POST",
            base + "/{id}/add-accounts",
            "AddAccountsToContactAccountList",
            operate,
            add_accounts,
        ),
    ]
