"""A crash-safe journal that makes an import resumable, and never hides work.

JSON Lines, appended and flushed to disk (fsync) after every batch, so a process killed at any
point leaves at most one unfinished batch behind. Before each import call a `sending` record
notes the rows in flight: on resume that batch is replayed (imports upsert by email, so a replay
cannot duplicate a contact) and its rows are flagged as replayed in the report. A torn last line
from a kill mid-write is ignored.

A journal is bound to one import: its settings (list, options, batch size...), the account it
imported into (base URL and the Reply user whoami names) and its input rows (a digest per
batch, and the row count once done). Used for anything else it is refused with
`JournalMismatchError`, naming what differs, before a single row is sent: a journal must never
report another input's rows as done, nor rows done in another account.

Records:
  {"kind": "start", "format": 2, "settings": {...}, "account": {"baseUrl": ..., "userId": ...},
   "listId": 42}
  {"kind": "sending", "first": 0, "next": 1000}
  {"kind": "batch", "first": 0, "next": 1000, "digest": "...",
   "rows": [[i, status, id, reason], ...]}
  {"kind": "done", "rows": 10000}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import JournalMismatchError
from .import_report import RowOutcome, RowStatus

__all__ = [
    "ADVICE",
    "FORMAT",
    "Journal",
    "JournalMismatchError",
    "JournalState",
    "account_differences",
    "journal_settings",
    "read_journal",
    "rows_digest",
    "settings_differences",
]

FORMAT = 2

ADVICE = (
    "no row was sent; use the input, settings and account this journal was written for, "
    "or another journal file"
)


@dataclass
class JournalState:
    """What a journal says has already happened."""

    settings: dict[str, Any] | None = None
    account: dict[str, Any] | None = None
    list_id: int | None = None
    outcomes: list[RowOutcome] = field(default_factory=list)
    digests: list[tuple[int, int, str]] = field(default_factory=list)
    in_flight: tuple[int, int] | None = None
    done: bool = False

    @property
    def started(self) -> bool:
        return self.settings is not None

    @property
    def next_row(self) -> int:
        return len(self.outcomes)


def journal_settings(**settings: Any) -> dict[str, Any]:
    """`settings` as a journal records them (through JSON), so a fresh import and a journal
    read back from disk compare equal (tuples are lists, keys are strings)."""
    recorded: dict[str, Any] = json.loads(json.dumps(settings, sort_keys=True, default=str))
    return recorded


def settings_differences(recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """One entry per setting whose value differs, naming the import's argument."""
    return [
        f"{name} is {_shown(current.get(name))} but the journal has {_shown(recorded.get(name))}"
        for name in sorted(set(recorded) | set(current))
        if recorded.get(name) != current.get(name)
    ]


def account_differences(recorded: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """Empty when both name the same account, else one entry saying which was which."""
    if dict(recorded) == dict(current):
        return []
    return [f"it was written for {_account(recorded)}; this client is {_account(current)}"]


def _account(account: Mapping[str, Any]) -> str:
    text = f"user {account.get('userId')}"
    if account.get("teamId") is not None:
        text += f" (team {account.get('teamId')})"
    return f"{text} at {account.get('baseUrl')}"


def _shown(value: Any) -> str:
    return "unset" if value is None else repr(value)


def rows_digest(items: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for item in items:
        digest.update(item.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()[:32]


def read_journal(path: Path) -> JournalState:
    state = JournalState()
    if not path.exists():
        return state
    with path.open(encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            _apply(state, record, number)
        except json.JSONDecodeError:
            if number >= len(lines) - 1:
                break  # a torn final write from a killed process: the batch will be replayed
            raise _damaged(path, f"line {number} is not JSON") from None
        except _Unreadable as exc:
            raise _damaged(path, f"line {number}: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise _damaged(path, f"line {number} is not a journal record ({exc!r})") from None
    return state


class _Unreadable(Exception):
    """A record that parses as JSON but cannot be part of this journal."""


def _apply(state: JournalState, record: dict[str, Any], number: int) -> None:
    kind = record["kind"]
    if kind == "start":
        if record.get("format") != FORMAT:
            raise _Unreadable(
                f"journal format {record.get('format')!r}, while this version of reply-contacts"
                f" reads format {FORMAT} (finish that import with the version that started it)"
            )
        state.settings = dict(record["settings"])
        state.account = dict(record["account"])
        state.list_id = record.get("listId")
    elif not state.started:
        raise _Unreadable(f"a {kind!r} record before the start record")
    elif kind == "sending":
        state.in_flight = (record["first"], record["next"])
    elif kind == "batch":
        first, nxt = record["first"], record["next"]
        if first != state.next_row:
            raise _Unreadable(f"a batch that starts at row {first}, not {state.next_row}")
        replayed = bool(record.get("replayed", False))
        for index, status, contact_id, reason in record["rows"]:
            state.outcomes.append(
                RowOutcome(index, RowStatus(status), contact_id, reason, bool(replayed))
            )
        state.digests.append((first, nxt, record["digest"]))
        state.in_flight = None
    elif kind == "done":
        if record.get("rows") != state.next_row:
            raise _Unreadable(f"done after {record.get('rows')!r} rows, not {state.next_row}")
        state.done = True


def _damaged(path: Path, what: str) -> JournalMismatchError:
    return JournalMismatchError(path, [f"unreadable journal: {what}"], "use another journal file")


def _drop_torn_tail(path: Path) -> None:
    """Cut a final line left unfinished by a kill mid-write, so new records start on a line
    of their own (read_journal already ignored it; the batch it described is replayed)."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as handle:
            handle.truncate(data.rfind(b"\n") + 1)


class Journal:
    """Appends records durably; one writer per journal file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: TextIO | None = None

    def _write(self, record: dict[str, Any]) -> None:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _drop_torn_tail(self.path)
            self._handle = self.path.open("a", encoding="utf-8")
        self._handle.write(json.dumps(record, separators=(",", ":")) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def start(self, settings: dict[str, Any], account: dict[str, Any], list_id: int) -> None:
        self._write(
            {
                "kind": "start",
                "format": FORMAT,
                "settings": settings,
                "account": account,
                "listId": list_id,
            }
        )

    def sending(self, first: int, nxt: int) -> None:
        self._write({"kind": "sending", "first": first, "next": nxt})

    def batch(
        self, first: int, nxt: int, digest: str, outcomes: list[RowOutcome], *, replayed: bool
    ) -> None:
        rows = [[o.index, str(o.status), o.contact_id, o.reason] for o in outcomes]
        record = {"kind": "batch", "first": first, "next": nxt, "digest": digest, "rows": rows}
        if replayed:
            record["replayed"] = True
        self._write(record)

    def done(self, rows: int) -> None:
        self._write({"kind": "done", "rows": rows})

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
