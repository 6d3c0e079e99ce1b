"""The contact -> account link. A contact belongs to at most one account and, while linked
without a company of its own, shows the account's name as its company (reference §7 #53:
"Each one loses the company details it inherited" when unlinked)."""

from __future__ import annotations

import sqlite3


def link_contact(db: sqlite3.Connection, contact_id: int, account_id: int) -> None:
    db.execute(
        "UPDATE contacts SET account_id = ?, "
        "company_inherited = CASE WHEN coalesce(company, '') = '' OR company_inherited = 1 "
        "  THEN 1 ELSE 0 END, "
        "company = CASE WHEN coalesce(company, '') = '' OR company_inherited = 1 "
        "  THEN (SELECT name FROM accounts WHERE id = ?) ELSE company END "
        "WHERE id = ?",
        (account_id, account_id, contact_id),
    )


def unlink_contact(db: sqlite3.Connection, contact_id: int) -> None:
    db.execute(
        "UPDATE contacts SET account_id = NULL, "
        "company = CASE WHEN company_inherited = 1 THEN NULL ELSE company END, "
        "company_inherited = 0 WHERE id = ?",
        (contact_id,),
    )


def unlink_all(db: sqlite3.Connection, account_id: int) -> None:
    for (contact_id,) in db.execute(
        "SELECT id FROM contacts WHERE account_id = ?", (account_id,)
    ).fetchall():
        unlink_contact(db, contact_id)
