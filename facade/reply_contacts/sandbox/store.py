"""The sandbox's SQLite database: schema, one shared connection, and a lock around it.

uvicorn serves from its own thread while tests read state from theirs, so every access goes
through :meth:`Store.transaction`, which holds a re-entrant lock and commits (or rolls back
when a handler raises a problem) as one unit: a rejected request leaves nothing behind.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    denied_features TEXT NOT NULL DEFAULT '',
    -- A cloned voice for AI voice messages (without one: directLinkedIn.voiceProfileMissing).
    voice_profile INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT,
    email_key TEXT,
    first_name TEXT,
    last_name TEXT,
    phone TEXT,
    phone2 TEXT,
    title TEXT,
    company TEXT,
    company_inherited INTEGER NOT NULL DEFAULT 0,
    company_size TEXT,
    industry TEXT,
    city TEXT,
    state TEXT,
    country TEXT,
    time_zone_id TEXT,
    linkedin_url TEXT,
    linkedin_key TEXT,
    linkedin_sales_navigator_url TEXT,
    linkedin_recruiter_url TEXT,
    notes TEXT,
    owner_user_id INTEGER NOT NULL,
    account_id INTEGER,
    is_opted_out INTEGER NOT NULL DEFAULT 0,
    call_status TEXT NOT NULL DEFAULT 'none',
    meeting_status TEXT NOT NULL DEFAULT 'none',
    adding_date TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS contacts_email ON contacts(email);
CREATE INDEX IF NOT EXISTS contacts_email_key ON contacts(email_key);
CREATE INDEX IF NOT EXISTS contacts_linkedin_key ON contacts(linkedin_key);
CREATE INDEX IF NOT EXISTS contacts_account ON contacts(account_id);
CREATE TABLE IF NOT EXISTS custom_fields (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    field_type TEXT NOT NULL,
    metadata TEXT,
    org_wide INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS contact_field_values (
    contact_id INTEGER NOT NULL,
    field_id INTEGER NOT NULL,
    value TEXT,
    PRIMARY KEY (contact_id, field_id)
);
CREATE INDEX IF NOT EXISTS field_values_field ON contact_field_values(field_id);
CREATE TABLE IF NOT EXISTS contact_lists (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    is_shared INTEGER NOT NULL DEFAULT 0,
    owner_user_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS list_members (
    list_id INTEGER NOT NULL,
    contact_id INTEGER NOT NULL,
    PRIMARY KEY (list_id, contact_id)
);
CREATE INDEX IF NOT EXISTS list_members_contact ON list_members(contact_id);
CREATE TABLE IF NOT EXISTS sequences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sequence_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sequence_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    display_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sequence_members (
    contact_id INTEGER NOT NULL,
    sequence_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    current_step_id INTEGER,
    adding_date TEXT NOT NULL,
    email_account_id INTEGER,
    linkedin_account_id INTEGER,
    is_replied INTEGER NOT NULL DEFAULT 0,
    is_bounced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (contact_id, sequence_id)
);
CREATE INDEX IF NOT EXISTS sequence_members_sequence ON sequence_members(sequence_id);
CREATE TABLE IF NOT EXISTS activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    activity_type TEXT NOT NULL,
    source_type TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    content TEXT
);
CREATE INDEX IF NOT EXISTS activities_contact ON activities(contact_id, id);
CREATE TABLE IF NOT EXISTS email_accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    user_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS linkedin_accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1,
    cookie_valid INTEGER NOT NULL DEFAULT 1,
    -- InMail needs Sales Navigator: 'connected', 'disconnected' or 'none'.
    sales_navigator TEXT NOT NULL DEFAULT 'connected',
    inmail_credits INTEGER NOT NULL DEFAULT 50,
    -- This account's send caps; NULL takes the team's settings.
    daily_limit INTEGER,
    weekly_limit INTEGER
);
CREATE TABLE IF NOT EXISTS voice_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    duration_seconds REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS linkedin_connections (
    contact_id INTEGER NOT NULL,
    linkedin_account_id INTEGER NOT NULL,
    PRIMARY KEY (contact_id, linkedin_account_id)
);
CREATE TABLE IF NOT EXISTS blacklist (
    pattern TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS inbox_threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER NOT NULL,
    channel TEXT NOT NULL,
    is_read INTEGER NOT NULL,
    subject TEXT,
    last_activity_date TEXT NOT NULL,
    sequence_id INTEGER,
    category_id INTEGER,
    category_name TEXT,
    has_meeting_intent INTEGER NOT NULL,
    state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inbox_threads_contact ON inbox_threads(contact_id);
CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_user_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    domain_name TEXT,
    domain_secondary TEXT,
    industry TEXT,
    company_size TEXT,
    country TEXT,
    state TEXT,
    city TEXT,
    time_zone_id TEXT,
    linkedin_url TEXT,
    phone TEXT,
    twitter_url TEXT,
    logo_url TEXT,
    email TEXT,
    stage_id INTEGER,
    created_date TEXT NOT NULL,
    last_activity_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS account_stages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    color_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS account_lists (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    owner_user_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS account_list_members (
    list_id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    PRIMARY KEY (list_id, account_id)
);
CREATE INDEX IF NOT EXISTS account_list_members_account ON account_list_members(account_id);
CREATE TABLE IF NOT EXISTS background_jobs (
    job_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    category TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    progress REAL,
    json_data TEXT,
    json_data_result TEXT
);
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

TABLES = [
    line.split()[5] for line in SCHEMA.splitlines() if line.startswith("CREATE TABLE IF NOT EXISTS")
]


AUTOINCREMENT_TABLES = [
    line.split()[5]
    for line, following in zip(SCHEMA.splitlines(), SCHEMA.splitlines()[1:], strict=False)
    if line.startswith("CREATE TABLE IF NOT EXISTS") and "AUTOINCREMENT" in following
]


class Store:
    """One SQLite connection (``:memory:`` or a file) shared by the server and the test thread.

    ``id_base``: row ids of this store start after it (one store per team, ids unique across).
    """

    def __init__(self, db_path: str | None = None, *, id_base: int = 0) -> None:
        self.id_base = id_base
        self.db_path = db_path or ":memory:"
        self._lock = threading.RLock()
        self._depth = 0
        self.conn = sqlite3.connect(self.db_path, check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        if self.db_path != ":memory:":
            # A sandbox file needs no crash durability; WAL + NORMAL keeps imports fast.
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)
        self._start_ids()

    def _start_ids(self) -> None:
        if not self.id_base:
            return
        with self.transaction() as db:
            for table in AUTOINCREMENT_TABLES:
                db.execute(
                    "INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS "
                    "(SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                    (table, self.id_base, table),
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock; the outermost level commits, or rolls back if the block raised."""
        with self._lock:
            outermost = self._depth == 0
            if outermost:
                self.conn.execute("BEGIN")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if outermost:
                    self.conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outermost:
                self.conn.execute("COMMIT")

    def wipe(self) -> None:
        """Delete every row and restart id counters, keeping the schema."""
        with self.transaction() as db:
            for table in TABLES:
                db.execute(f"DELETE FROM {table}")
            db.execute("DELETE FROM sqlite_sequence")
            self._start_ids()

    def close(self) -> None:
        with self._lock:
            self.conn.close()


def fetch_all(db: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
    return db.execute(sql, params).fetchall()


def fetch_one(db: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
    row: sqlite3.Row | None = db.execute(sql, params).fetchone()
    return row


def scalar(db: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = db.execute(sql, params).fetchone()
    return None if row is None else row[0]
