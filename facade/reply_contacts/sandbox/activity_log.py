"""A contact's activity history: notes, status and owner changes, emails and LinkedIn sends,
sequence moves. Read back newest first by ``GET /v3/contacts/{id}/activities``."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .clock import utc_now

SOURCE_API = "api"


def record(
    db: sqlite3.Connection,
    contact_id: int,
    activity_type: str,
    user_id: int,
    content: dict[str, Any] | None = None,
) -> int:
    cursor = db.execute(
        "INSERT INTO activities (contact_id, date, activity_type, source_type, user_id, content) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            contact_id,
            utc_now(),
            activity_type,
            SOURCE_API,
            user_id,
            json.dumps(content) if content is not None else None,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def to_api(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "date": row["date"],
        "activityType": row["activity_type"],
        "sourceType": row["source_type"],
        "userName": row["user_name"],
        "userId": row["user_id"],
        "content": json.loads(row["content"]) if row["content"] else None,
    }


def page(db: sqlite3.Connection, contact_id: int, top: int, skip: int) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT a.*, u.name AS user_name FROM activities a LEFT JOIN users u ON u.id = a.user_id "
        "WHERE a.contact_id = ? ORDER BY a.id DESC LIMIT ? OFFSET ?",
        (contact_id, top + 1, skip),
    ).fetchall()
    return [to_api(row) for row in rows]
