"""A crash-safe journal that makes an import resumable.

JSON Lines, appended and flushed to disk (fsync) after every batch, so a process killed at any
point leaves at most one unfinished batch behind. Before each import call a `sending` record
notes the rows in flight: on resume that batch is replayed (imports upsert by email, so a replay
cannot duplicate a contact) and its rows are flagged as replayed in the report. A torn last line
from a kill mid-write is ignored.

Records:
  {"kind": "start", "format": 1, "settings": {...}}
  {"kind": "sending", "first": 0, "next": 1000}
  {"kind": "batch", "first": 0, "next": 1000, "digest": "...",
   "rows": [[i, status, id, reason], ...]}
  {"kind": "done", "rows": 10000}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..errors import ReplyError
from .import_report import RowOutcome, RowStatus

FORMAT = 1


class JournalMismatchError(ReplyError):
    """The journal belongs to a different import (other settings or other input rows)."""


@dataclass
class JournalState:
    """What a journal says has already happened."""

    settings: dict[str, Any] | None = None
    outcomes: list[RowOutcome] = field(default_factory=list)
    digests: list[tuple[int, int, str]] = field(default_factory=list)
    in_flight: tuple[int, int] | None = None
    done: bool = False

    @property
    def next_row(self) -> int:
        return len(self.outcomes)


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
        except json.JSONDecodeError:
            if number >= len(lines) - 1:
                break  # a torn final write from a killed process: the batch will be replayed
            raise JournalMismatchError(f"{path}:{number}: corrupt journal line") from None
        kind = record.get("kind")
        if kind == "start":
            if record.get("format") != FORMAT:
                raise JournalMismatchError(f"{path}: unsupported journal format")
            state.settings = record["settings"]
        elif kind == "sending":
            state.in_flight = (record["first"], record["next"])
        elif kind == "batch":
            first, nxt = record["first"], record["next"]
            if first != state.next_row:
                raise JournalMismatchError(f"{path}:{number}: batch starts at row {first}")
            replayed = bool(record.get("replayed", False))
            for index, status, contact_id, reason in record["rows"]:
                state.outcomes.append(
                    RowOutcome(index, RowStatus(status), contact_id, reason, bool(replayed))
                )
            state.digests.append((first, nxt, record["digest"]))
            state.in_flight = None
        elif kind == "done":
            state.done = True
    return state


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

    def start(self, settings: dict[str, Any]) -> None:
        self._write({"kind": "start", "format": FORMAT, "settings": settings})

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
