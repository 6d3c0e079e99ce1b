"""Accounts (reference §7, #42-#53): company records, their owner, and the contacts linked
to them. ``companySize`` uses the contract's account literals ("51-200" ...). PUT is a full
replace: optional fields left out are cleared; ``ownerUserId`` left out keeps the owner (D8).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from reply_contact_data_client import contract
from reply_contact_data_client.contract import Limit
from starlette.responses import Response

from .account_filter import read_account_filter
from .account_links import link_contact, unlink_all, unlink_contact
from .contact_model import get_row, owner_is_team_member
from .parsing import TOP_RANGE, BodyReader, PageRules
from .problems import Problem, bad_request, invalid_field, not_found
from .routing import Ctx, Served, json_response, no_content, page_of

ACCOUNT_PAGE = PageRules(code="contactAccount.invalidPagination", detail=TOP_RANGE)
ACCOUNT_TEXT_FIELDS = {
    "description": "description",
    "domainName": "domain_name",
    "domainSecondary": "domain_secondary",
    "industry": "industry",
    "country": "country",
    "state": "state",
    "city": "city",
    "timeZoneId": "time_zone_id",
    "linkedInUrl": "linkedin_url",
    "phone": "phone",
    "twitterUrl": "twitter_url",
    "logoUrl": "logo_url",
    "email": "email",
}
NOT_FOUND_CODE = 1  # numeric per-item codes documented for account endpoints (D6)

# The sandbox makes no DNS lookups; well-known mail domains stand in for MX resolution.
KNOWN_PROVIDERS = {
    "gmail.com": "gmail",
    "googlemail.com": "gmail",
    "outlook.com": "outlook",
    "hotmail.com": "hotmail",
    "live.com": "liveCom",
    "yahoo.com": "yahoo",
    "yandex.ru": "yandex",
    "zoho.com": "zoho",
    "protonmail.com": "protonmail",
    "proton.me": "protonmail",
    "icloud.com": "appleMail",
    "me.com": "appleMail",
    "linkedin.com": "linkedin",
    "bloomberg.net": "bloomberg",
}

ACCOUNT_SELECT = (
    "SELECT a.*, s.name AS stage_name, s.color_id AS stage_color, "
    "(SELECT count(*) FROM contacts c WHERE c.account_id = a.id AND c.deleted = 0) AS linked_count "
    "FROM accounts a LEFT JOIN account_stages s ON s.id = a.stage_id"
)


def email_provider(domain: str | None) -> str | None:
    if not domain:
        return None
    domain = domain.strip().lower()
    if domain.endswith(".onmicrosoft.com"):
        return "office"
    return KNOWN_PROVIDERS.get(domain)


def account_to_api(row: sqlite3.Row, *, details: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": row["id"],
        "ownerUserId": row["owner_user_id"],
        "name": row["name"],
        **{api: row[column] for api, column in ACCOUNT_TEXT_FIELDS.items()},
        "companySize": row["company_size"],
        "stage": (
            {"id": row["stage_id"], "name": row["stage_name"], "colorId": row["stage_color"]}
            if row["stage_id"] is not None and row["stage_name"] is not None
            else None
        ),
        "linkedProspectsCount": row["linked_count"],
        "createdDate": row["created_date"],
        "lastActivityDate": row["last_activity_date"],
    }
    if details:
        body["emailProvider"] = email_provider(row["domain_name"])
    return body


def account_rows(
    db: sqlite3.Connection, where: str = "1 = 1", params: tuple[Any, ...] = ()
) -> list[sqlite3.Row]:
    return db.execute(f"{ACCOUNT_SELECT} WHERE {where} ORDER BY a.id", params).fetchall()


def account_or_404(db: sqlite3.Connection, account_id: int) -> sqlite3.Row:
    rows = account_rows(db, "a.id = ?", (account_id,))
    if not rows:
        raise not_found("contactAccount.notFound", f"Account with ID {account_id} not found.")
    return rows[0]


def read_account_fields(reader: BodyReader) -> dict[str, Any]:
    """Read a create/update body; every optional field comes back (``None`` when left out)."""
    name = reader.string("name", required="Name is required.")
    columns: dict[str, Any] = {"name": name if isinstance(name, str) else None}
    for api, column in ACCOUNT_TEXT_FIELDS.items():
        value = reader.string(api)
        columns[column] = value if isinstance(value, str) else None
    sizes = {size.lower(): size for size in contract.Vocabularies.AccountCompanySize}
    size = reader.enum("companySize", sizes)
    columns["company_size"] = size if isinstance(size, str) else None
    return columns


def _check_name(columns: dict[str, Any], label: str = "Name") -> None:
    if columns["name"] is not None and not columns["name"].strip():
        raise bad_request("contactAccount.invalidInput", f"{label} must not be empty.")
    if columns["name"] is not None:
        columns["name"] = columns["name"].strip()


def _insert_account(db: sqlite3.Connection, columns: dict[str, Any], owner: int, now: str) -> int:
    values = {**columns, "owner_user_id": owner, "created_date": now, "last_activity_date": now}
    cursor = db.execute(
        f"INSERT INTO accounts ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
        list(values.values()),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _touch(db: sqlite3.Connection, account_id: int, now: str) -> None:
    db.execute("UPDATE accounts SET last_activity_date = ? WHERE id = ?", (now, account_id))


def list_accounts(ctx: Ctx) -> Response:
    page = ctx.page(ACCOUNT_PAGE)
    query = ctx.query
    search = query.get("search")
    rows = account_rows(ctx.db)
    if search:
        rows = [row for row in rows if search.lower() in row["name"].lower()]
    items = [account_to_api(row) for row in rows]
    items = sort_accounts(items, query.get("sort_by"), query.get("sort_direction"), prefix="/")
    return page_of(items[page.skip : page.skip + page.top + 1], page)


def sort_accounts(
    items: list[dict[str, Any]], sort_by: str | None, direction: str | None, *, prefix: str
) -> list[dict[str, Any]]:
    descending = False
    direction_name = "sort_direction" if prefix == "/" else "sortDirection"
    if direction:
        directions = contract.Vocabularies.SortDirection
        if direction.strip().lower() not in directions:
            raise invalid_field(
                f"/{direction_name}",
                f"Sort direction must be {' or '.join(repr(d) for d in directions)}.",
            )
        descending = direction.strip().lower() == "desc"
    if not sort_by:
        return sorted(items, key=lambda item: item["id"], reverse=descending)
    name = {field.lower(): field for field in _sortable_names()}.get(sort_by.strip().lower())
    if name is None:
        by_name = "sort_by" if prefix == "/" else "sortBy"
        raise invalid_field(f"/{by_name}", f"Unknown sort field '{sort_by}'.")

    def key(item: dict[str, Any]) -> tuple[bool, Any]:
        value = item[name]
        if isinstance(value, str):
            value = value.lower()
        return (value is None, value if value is not None else 0)

    # Sort by id first so that equal keys keep id order in either direction.
    ordered = sorted(items, key=lambda item: item["id"])
    return sorted(ordered, key=key, reverse=descending)


def _sortable_names() -> set[str]:
    return {
        "id",
        "ownerUserId",
        "name",
        *ACCOUNT_TEXT_FIELDS,
        "companySize",
        "linkedProspectsCount",
        "createdDate",
        "lastActivityDate",
    }


def create_account(ctx: Ctx) -> Response:
    reader = ctx.body()
    columns = read_account_fields(reader)
    reader.finish()
    _check_name(columns)
    account_id = _insert_account(ctx.db, columns, ctx.user_id, ctx.now())
    return json_response(account_to_api(account_or_404(ctx.db, account_id), details=True), 201)


def filter_accounts(ctx: Ctx) -> Response:
    page = ctx.page(ACCOUNT_PAGE)
    reader = ctx.body()
    account_filter = read_account_filter(reader)
    reader.finish()
    rows = account_rows(ctx.db)
    if account_filter.list_id is not None:
        members = {
            account_id
            for (account_id,) in ctx.db.execute(
                "SELECT account_id FROM account_list_members WHERE list_id = ?",
                (account_filter.list_id,),
            )
        }
        rows = [row for row in rows if row["id"] in members]
    items = [account_to_api(row) for row in rows]
    sequences = _sequences_by_account(ctx.db) if account_filter.uses_sequences else {}
    items = [
        item for item in items if account_filter.matches(item, sequences.get(item["id"], set()))
    ]
    items = sort_accounts(items, account_filter.sort_by, account_filter.sort_direction, prefix="")
    return page_of(items[page.skip : page.skip + page.top + 1], page)


def _sequences_by_account(db: sqlite3.Connection) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for account_id, sequence_id in db.execute(
        "SELECT c.account_id, m.sequence_id FROM sequence_members m "
        "JOIN contacts c ON c.id = m.contact_id WHERE c.account_id IS NOT NULL AND c.deleted = 0"
    ):
        found.setdefault(account_id, set()).add(sequence_id)
    return found


def get_account(ctx: Ctx) -> Response:
    return json_response(
        account_to_api(account_or_404(ctx.db, ctx.id(style="param")), details=True)
    )


def update_account(ctx: Ctx) -> Response:
    account_id = ctx.id(style="param")
    reader = ctx.body()
    columns = read_account_fields(reader)
    owner = reader.integer("ownerUserId")
    reader.finish()
    account_or_404(ctx.db, account_id)
    _check_name(columns)
    if isinstance(owner, int):
        if not owner_is_team_member(ctx.db, owner):
            raise bad_request(
                "contactAccount.invalidInput", f"OwnerUserId {owner} is not a member of the team."
            )
        columns["owner_user_id"] = owner
    columns["last_activity_date"] = ctx.now()
    assignments = ", ".join(f"{column} = ?" for column in columns)
    ctx.db.execute(
        f"UPDATE accounts SET {assignments} WHERE id = ?", [*columns.values(), account_id]
    )
    return json_response(account_to_api(account_or_404(ctx.db, account_id), details=True))


def _delete_account(db: sqlite3.Connection, account_id: int) -> None:
    # "Its linked contacts are kept and simply left without an account."
    unlink_all(db, account_id)
    db.execute("DELETE FROM account_list_members WHERE account_id = ?", (account_id,))
    db.execute("DELETE FROM accounts WHERE id = ?", (account_id,))


def delete_account(ctx: Ctx) -> Response:
    account_id = ctx.id(style="param")
    account_or_404(ctx.db, account_id)
    _delete_account(ctx.db, account_id)
    return no_content()


def items_too_many(pointer: str, limit: Limit) -> Problem:
    return bad_request(
        "contactAccount.invalidInput", f"Maximum {limit.max_items} items per request."
    )


def ids_too_many(pointer: str, limit: Limit) -> Problem:
    what = "IDs" if pointer == "/ids" else "contact IDs"
    return bad_request(
        "contactAccount.invalidInput", f"Maximum {limit.max_items} {what} per request."
    )


def bulk_create_accounts(ctx: Ctx) -> Response:
    # More items than the contract's maxItems never get here (intake.py refuses them first).
    reader = ctx.body()
    items = reader.objects("items", required="At least one item is required.")
    if items == []:
        reader.error("items", "At least one item is required.")
    parsed = [read_account_fields(item) for item in items] if isinstance(items, list) else []
    reader.finish()
    # "If any item fails validation the whole request is rejected before anything is created."
    for index, columns in enumerate(parsed):
        _check_name(columns, label=f"items[{index}].name")
    now = ctx.now()
    results = [
        {
            "id": _insert_account(ctx.db, columns, ctx.user_id, now),
            "error": None,
            "errorDetails": None,
        }
        for columns in parsed
    ]
    return json_response(results)


def _read_ids(reader: BodyReader, name: str, *, empty: str) -> list[int]:
    ids = reader.int_list(name, required=empty)
    if ids == []:
        reader.error(name, empty)
    if isinstance(ids, list):
        for index, value in enumerate(ids):
            if value < 1:
                reader.errors.append((f"/{name}/{index}", "Each ID must be a positive integer."))
    reader.finish()
    assert isinstance(ids, list)
    return list(dict.fromkeys(ids))


def bulk_delete_accounts(ctx: Ctx) -> Response:
    ids = _read_ids(
        ctx.body(),
        "ids",
        empty="At least one ID is required.",
    )
    results: dict[str, dict[str, Any]] = {}
    for account_id in ids:
        if ctx.db.execute("SELECT 1 FROM accounts WHERE id = ?", (account_id,)).fetchone() is None:
            results[str(account_id)] = {
                "error": NOT_FOUND_CODE,
                "errorDetails": f"Account with ID {account_id} not found.",
            }
        else:
            _delete_account(ctx.db, account_id)
    return json_response(results)


def change_account_owner(ctx: Ctx) -> Response:
    account_id = ctx.id(style="param")
    reader = ctx.body()
    user_id = reader.integer("userId", required="userId must be a positive integer.")
    if isinstance(user_id, int) and user_id < 1:
        reader.error("userId", "userId must be a positive integer.")
    reader.finish()
    account_or_404(ctx.db, account_id)
    if not owner_is_team_member(ctx.db, user_id):  # type: ignore[arg-type]
        raise bad_request(
            "contactAccount.invalidInput", f"OwnerUserId {user_id} is not a member of the team."
        )
    ctx.db.execute("UPDATE accounts SET owner_user_id = ? WHERE id = ?", (user_id, account_id))
    _touch(ctx.db, account_id, ctx.now())
    return json_response(account_to_api(account_or_404(ctx.db, account_id), details=True))


def account_contacts(ctx: Ctx) -> Response:
    account_id = ctx.id(style="param")
    page = ctx.page(ACCOUNT_PAGE)
    account_or_404(ctx.db, account_id)
    rows = ctx.db.execute(
        "SELECT id, email, first_name, last_name, title, company FROM contacts "
        "WHERE account_id = ? AND deleted = 0 ORDER BY id LIMIT ? OFFSET ?",
        (account_id, page.top + 1, page.skip),
    ).fetchall()
    items = [
        {
            "id": row["id"],
            "email": row["email"],
            "firstName": row["first_name"],
            "lastName": row["last_name"],
            "title": row["title"],
            "company": row["company"],
        }
        for row in rows
    ]
    return page_of(items, page)


def _contact_links(ctx: Ctx, *, link: bool) -> Response:
    account_id = ctx.id(style="param")
    ids = _read_ids(
        ctx.body(),
        "contactIds",
        empty="At least one contact ID is required.",
    )
    account_or_404(ctx.db, account_id)
    results: dict[str, dict[str, Any]] = {}
    for contact_id in ids:
        row = get_row(ctx.db, contact_id)
        if link and row is None:
            results[str(contact_id)] = {
                "error": NOT_FOUND_CODE,
                "errorDetails": f"Contact with ID {contact_id} not found.",
            }
        elif not link and (row is None or row["account_id"] != account_id):
            results[str(contact_id)] = {
                "error": NOT_FOUND_CODE,
                "errorDetails": (
                    f"Contact with ID {contact_id} does not exist or is not linked to this account."
                ),
            }
        elif link:
            # A contact belongs to one account: linking here moves it from any other.
            if row is not None and row["account_id"] not in (None, account_id):
                unlink_contact(ctx.db, contact_id)
            link_contact(ctx.db, contact_id, account_id)
        else:
            unlink_contact(ctx.db, contact_id)
    _touch(ctx.db, account_id, ctx.now())
    return json_response(results)


def link_contacts(ctx: Ctx) -> Response:
    return _contact_links(ctx, link=True)


def unlink_contacts(ctx: Ctx) -> Response:
    return _contact_links(ctx, link=False)


def served() -> list[Served]:
    ops = contract.Operations
    refusal = {
        "forbidden_code": "contactAccount.forbidden",
        "forbidden_detail": "You do not have permission to perform this operation.",
    }
    view: dict[str, Any] = {"feature": "ViewAccount", **refusal}
    manage: dict[str, Any] = {"feature": "ManageAccount", **refusal}
    return [
        Served(ops.get_contact_accounts, list_accounts, **view),
        Served(ops.create_contact_account, create_account, **manage),
        Served(ops.filter_contact_accounts, filter_accounts, **view),
        Served(
            ops.bulk_create_contact_accounts,
            bulk_create_accounts,
            **manage,
            too_many=items_too_many,
        ),
        Served(
            ops.bulk_delete_contact_accounts, bulk_delete_accounts, **manage, too_many=ids_too_many
        ),
        Served(ops.get_contact_account_by_id, get_account, **view),
        Served(ops.update_contact_account, update_account, **manage),
        Served(ops.delete_contact_account, delete_account, **manage),
        Served(ops.update_contact_account_owner, change_account_owner, **manage),
        Served(ops.get_contact_account_contacts, account_contacts, **view),
        Served(
            ops.bulk_add_contacts_to_contact_account,
            link_contacts,
            **manage,
            too_many=ids_too_many,
        ),
        Served(
            ops.bulk_remove_contacts_from_contact_account,
            unlink_contacts,
            **manage,
            too_many=ids_too_many,
        ),
    ]
