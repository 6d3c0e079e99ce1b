"""Things the API can act on but not create: team users, sequences, sending accounts,
the email blacklist, inbox threads, background jobs, account stages and team settings.

The default seed is what a fresh sandbox holds: user 1 (whom the default key acts for) and two
teammates, two sequences with steps, one email account and one LinkedIn account.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from reply_contact_data_client import contract

from .clock import utc_now
from .contact_model import STRING_FIELDS, company_size_input, insert_contact, write_custom_values

# Team switches a test can flip to reach the API's rarer refusals.
SETTING_DEFAULTS: dict[str, str] = {
    "listSharingEnabled": "true",  # false -> contactsList.accessChangeRejected
    "directLinkedInEnabled": "true",  # false -> directLinkedIn.featureDisabled
    "inboxEnabled": "true",  # false -> inboxThread.forbidden
    "backgroundJobsAvailable": "true",  # false -> backgroundJob.upstreamUnavailable
    "customFieldLimit": "100",  # reached -> customField.limitExceeded
    "linkedInInviteNoteLimit": "300",  # exceeded -> directLinkedIn.invitesNotesLimit
}


def seed_user(
    db: sqlite3.Connection,
    *,
    user_id: int | None = None,
    name: str | None = None,
    email: str | None = None,
    denied_features: Iterable[str] = (),
) -> int:
    """Add a team member; ``denied_features`` (e.g. ``ViewProspect``) make operations 403."""
    cursor = db.execute(
        "INSERT INTO users (id, name, email, denied_features) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, "
        "denied_features = excluded.denied_features",
        (user_id, name or "", email or "", ",".join(denied_features)),
    )
    new_id = user_id if user_id is not None else cursor.lastrowid
    assert new_id is not None
    if not name or not email:
        db.execute(
            "UPDATE users SET name = coalesce(nullif(name, ''), ?), "
            "email = coalesce(nullif(email, ''), ?) WHERE id = ?",
            (f"User {new_id}", f"user{new_id}@sandbox.test", new_id),
        )
    return new_id


def seed_sequence(db: sqlite3.Connection, *, name: str, steps: Sequence[str] | int = 3) -> int:
    cursor = db.execute("INSERT INTO sequences (name) VALUES (?)", (name,))
    sequence_id = cursor.lastrowid
    assert sequence_id is not None
    names = [f"Email step {n}" for n in range(1, steps + 1)] if isinstance(steps, int) else steps
    for position, display_name in enumerate(names, start=1):
        db.execute(
            "INSERT INTO sequence_steps (sequence_id, position, display_name) VALUES (?, ?, ?)",
            (sequence_id, position, display_name),
        )
    return sequence_id


def seed_email_account(db: sqlite3.Connection, *, email: str, user_id: int = 1) -> int:
    cursor = db.execute(
        "INSERT INTO email_accounts (email, user_id) VALUES (?, ?)", (email, user_id)
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def seed_linkedin_account(
    db: sqlite3.Connection,
    *,
    name: str,
    user_id: int = 1,
    active: bool = True,
    cookie_valid: bool = True,
) -> int:
    cursor = db.execute(
        "INSERT INTO linkedin_accounts (name, user_id, is_active, cookie_valid) "
        "VALUES (?, ?, ?, ?)",
        (name, user_id, int(active), int(cookie_valid)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def seed_linkedin_connection(
    db: sqlite3.Connection, *, contact_id: int, linkedin_account_id: int
) -> None:
    db.execute(
        "INSERT OR IGNORE INTO linkedin_connections (contact_id, linkedin_account_id) "
        "VALUES (?, ?)",
        (contact_id, linkedin_account_id),
    )


def seed_blacklist(db: sqlite3.Connection, pattern: str) -> None:
    """Block an exact email (``a@b.com``) or a whole domain (``b.com`` or ``@b.com``)."""
    db.execute("INSERT OR IGNORE INTO blacklist (pattern) VALUES (?)", (pattern.strip().lower(),))


def seed_inbox_thread(
    db: sqlite3.Connection,
    *,
    contact_id: int,
    channel: str = "email",
    subject: str | None = None,
    is_read: bool = False,
    last_activity_date: str | None = None,
    sequence_id: int | None = None,
    category_id: int | None = None,
    category_name: str | None = None,
    has_meeting_intent: bool = False,
    state: str = "ok",
) -> int:
    channels, states = contract.Vocabularies.InboxChannel, contract.Vocabularies.InboxThreadState
    if channel not in channels:
        raise ValueError(f"channel must be one of {channels}")
    if state not in states:
        raise ValueError(f"state must be one of {states}")
    cursor = db.execute(
        "INSERT INTO inbox_threads (contact_id, channel, is_read, subject, last_activity_date, "
        "sequence_id, category_id, category_name, has_meeting_intent, state) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            contact_id,
            channel,
            int(is_read),
            subject if channel == "email" else None,
            last_activity_date or utc_now(),
            sequence_id,
            category_id,
            category_name,
            int(has_meeting_intent),
            state,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def seed_background_job(
    db: sqlite3.Connection,
    *,
    category: str = "email-validation",
    status: str = "Processing",
    progress: float | None = None,
    json_data: Any = None,
    json_data_result: Any = None,
    job_id: str | None = None,
    started_at: str | None = None,
    finished_at: str | None = None,
) -> str:
    """Add a job; ``category`` is the suffix after ``r2/bg-jobs/`` (a full path is kept as is)."""
    statuses = contract.Vocabularies.BackgroundJobStatus
    if status not in statuses:
        raise ValueError(f"status must be one of {statuses}")
    job_id = str(uuid.UUID(job_id)) if job_id else str(uuid.uuid4())
    full_category = category if category.startswith("r2/") else f"r2/bg-jobs/{category}"
    settled = status in ("Done", "Failed", "Cancelled", "Expired")
    db.execute(
        "INSERT INTO background_jobs (job_id, status, category, started_at, finished_at, "
        "progress, json_data, json_data_result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            job_id,
            status,
            full_category,
            started_at or utc_now(),
            finished_at or (utc_now() if settled else None),
            progress if progress is not None else (1.0 if status == "Done" else None),
            _as_json_text(json_data),
            _as_json_text(json_data_result) if status in ("Done", "Failed") else None,
        ),
    )
    return job_id


def _as_json_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


def seed_account_stage(db: sqlite3.Connection, *, name: str, color_id: int = 1) -> int:
    cursor = db.execute(
        "INSERT INTO account_stages (name, color_id) VALUES (?, ?)", (name, color_id)
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def enroll_contact(
    db: sqlite3.Connection,
    *,
    contact_id: int,
    sequence_id: int,
    status: str = "active",
    step_id: int | None = None,
    email_account_id: int | None = None,
    linkedin_account_id: int | None = None,
) -> None:
    """Put a contact into a sequence at ``step_id`` (default: its first step)."""
    if step_id is None:
        first_step = db.execute(
            "SELECT id FROM sequence_steps WHERE sequence_id = ? ORDER BY position LIMIT 1",
            (sequence_id,),
        ).fetchone()
        step_id = first_step[0] if first_step else None
    db.execute(
        "INSERT INTO sequence_members (contact_id, sequence_id, status, current_step_id, "
        "adding_date, email_account_id, linkedin_account_id, is_replied, is_bounced) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0) "
        "ON CONFLICT (contact_id, sequence_id) DO UPDATE SET status = excluded.status, "
        "current_step_id = excluded.current_step_id, is_replied = 0, is_bounced = 0",
        (
            contact_id,
            sequence_id,
            status,
            step_id,
            utc_now(),
            email_account_id,
            linkedin_account_id,
        ),
    )


def get_setting(db: sqlite3.Connection, name: str) -> str:
    row = db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
    return str(row[0]) if row else SETTING_DEFAULTS[name]


def setting_enabled(db: sqlite3.Connection, name: str) -> bool:
    return get_setting(db, name).lower() == "true"


def set_setting(db: sqlite3.Connection, name: str, value: object) -> None:
    if name not in SETTING_DEFAULTS:
        raise ValueError(f"unknown setting {name!r}; known: {', '.join(SETTING_DEFAULTS)}")
    text = str(value).lower() if isinstance(value, bool) else str(value)
    db.execute(
        "INSERT INTO settings (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, text),
    )


def seed_default(db: sqlite3.Connection) -> None:
    seed_user(db, user_id=1, name="Sandbox Owner", email="owner@sandbox.test")
    seed_user(db, user_id=2, name="Alex Teammate", email="alex@sandbox.test")
    seed_user(db, user_id=3, name="Sam Teammate", email="sam@sandbox.test")
    seed_sequence(
        db, name="Sandbox Outreach", steps=["Email step 1", "LinkedIn connect", "Email step 3"]
    )
    seed_sequence(db, name="Sandbox Re-engagement", steps=["Email step 1", "Email step 2"])
    seed_email_account(db, email="owner@sandbox.test", user_id=1)
    seed_linkedin_account(db, name="Sandbox Owner (LinkedIn)", user_id=1)
    seed_account_stage(db, name="New", color_id=1)
    seed_account_stage(db, name="Qualified", color_id=2)
    seed_account_stage(db, name="Customer", color_id=3)


def seed_contact(db: sqlite3.Connection, data: Mapping[str, Any], *, owner_user_id: int = 1) -> int:
    """Insert a contact from API-style fields (camelCase), bypassing validation."""
    columns: dict[str, Any] = {
        column: data[name] for name, column in STRING_FIELDS.items() if name in data
    }
    if "companySize" in data:
        columns["company_size"] = company_size_input().get(str(data["companySize"]).lower())
    for name, column in (
        ("ownerUserId", "owner_user_id"),
        ("accountId", "account_id"),
        ("callStatus", "call_status"),
        ("meetingStatus", "meeting_status"),
    ):
        if name in data:
            columns[column] = data[name]
    if "isOptedOut" in data:
        columns["is_opted_out"] = int(bool(data["isOptedOut"]))
    contact_id = insert_contact(db, columns, owner_user_id=owner_user_id, now=utc_now())
    custom = data.get("customFields") or {}
    if isinstance(custom, Mapping):
        write_custom_values(db, contact_id, {int(k): str(v) for k, v in custom.items()})
    return contact_id


def apply_seed(db: sqlite3.Connection, spec: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Seed from a JSON-style document (the admin endpoint and ``Sandbox.seed``).

    Keys: users, sequences, emailAccounts, linkedInAccounts, linkedInConnections, blacklist,
    inboxThreads, backgroundJobs, accountStages, contacts, enrollments, settings.
    Returns the ids created, per key.
    """
    created: dict[str, list[Any]] = {}

    def each(key: str) -> list[Mapping[str, Any]]:
        items = spec.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
            raise ValueError(f"'{key}' must be a list of objects")
        return items

    for item in each("users"):
        created.setdefault("users", []).append(
            seed_user(
                db,
                user_id=item.get("id"),
                name=item.get("name"),
                email=item.get("email"),
                denied_features=item.get("deniedFeatures", ()),
            )
        )
    for item in each("sequences"):
        created.setdefault("sequences", []).append(
            seed_sequence(db, name=item["name"], steps=item.get("steps", 3))
        )
    for item in each("emailAccounts"):
        created.setdefault("emailAccounts", []).append(
            seed_email_account(db, email=item["email"], user_id=item.get("userId", 1))
        )
    for item in each("linkedInAccounts"):
        created.setdefault("linkedInAccounts", []).append(
            seed_linkedin_account(
                db,
                name=item.get("name", "LinkedIn account"),
                user_id=item.get("userId", 1),
                active=item.get("active", True),
                cookie_valid=item.get("cookieValid", True),
            )
        )
    patterns = spec.get("blacklist") or []
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ValueError("'blacklist' must be a list of strings")
    for pattern in patterns:
        seed_blacklist(db, pattern)
    for item in each("accountStages"):
        created.setdefault("accountStages", []).append(
            seed_account_stage(db, name=item["name"], color_id=item.get("colorId", 1))
        )
    for item in each("contacts"):
        created.setdefault("contacts", []).append(
            seed_contact(db, item, owner_user_id=item.get("ownerUserId", 1))
        )
    for item in each("linkedInConnections"):
        seed_linkedin_connection(
            db, contact_id=item["contactId"], linkedin_account_id=item["linkedInAccountId"]
        )
    for item in each("enrollments"):
        enroll_contact(
            db,
            contact_id=item["contactId"],
            sequence_id=item["sequenceId"],
            status=item.get("status", "active"),
        )
    for item in each("inboxThreads"):
        created.setdefault("inboxThreads", []).append(
            seed_inbox_thread(
                db,
                contact_id=item["contactId"],
                channel=item.get("channel", "email"),
                subject=item.get("subject"),
                is_read=item.get("isRead", False),
                sequence_id=item.get("sequenceId"),
                has_meeting_intent=item.get("hasMeetingIntent", False),
                state=item.get("state", "ok"),
            )
        )
    for item in each("backgroundJobs"):
        created.setdefault("backgroundJobs", []).append(
            seed_background_job(
                db,
                category=item.get("category", "email-validation"),
                status=item.get("status", "Processing"),
                progress=item.get("progress"),
                json_data=item.get("jsonData"),
                json_data_result=item.get("jsonDataResult"),
                job_id=item.get("jobId"),
            )
        )
    settings = spec.get("settings") or {}
    if not isinstance(settings, Mapping):
        raise ValueError("'settings' must be an object")
    for name, value in settings.items():
        set_setting(db, name, value)
    return created
