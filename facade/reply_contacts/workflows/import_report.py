"""The report of an import: one outcome for every input row, compact enough for a million rows.

Per-row statuses and contact ids are kept in flat arrays (9 bytes a row); only failures keep
their reasons as objects. The row index is the position in the input (0-based), so a report can
be joined back to the source; a row read from a file (`read_csv`, `read_jsonl`) also has its
`line`, the file line it starts on (the header is line 1), which is what a person looks for.
Lines cost nothing per row: only the places where line and index stop moving together (a blank
line, a cell spanning lines) are kept.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RowStatus(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    SKIPPED = "skipped"
    RESTORED = "restored"
    FAILED = "failed"  # refused by the server, with its reason
    INVALID = "invalid"  # refused by local validation, never sent


_CODES = list(RowStatus)
_CODE_OF = {status: code for code, status in enumerate(_CODES)}
_NO_ID = -1
_BIG_ID = -2  # the id does not fit the int64 array: kept in a side table
_INT64 = range(-(2**63), 2**63)


@dataclass(frozen=True)
class RowOutcome:
    index: int
    status: RowStatus
    contact_id: int | None = None
    reason: str | None = None
    # The row was in a batch replayed after a failure whose effect was unknown (a connection
    # dropped after sending): "updated" may then mean "created by the first, lost attempt".
    replayed: bool = False
    # The file line the row starts on, when it was read from a file.
    line: int | None = None

    @property
    def ok(self) -> bool:
        return self.status not in (RowStatus.FAILED, RowStatus.INVALID)

    @property
    def location(self) -> str:
        """Where the row is, for people: "line 14" of its file, else "row 3" (1-based)."""
        return f"line {self.line:,}" if self.line is not None else f"row {self.index + 1:,}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"row": self.index, "status": str(self.status)}
        if self.line is not None:
            out["line"] = self.line
        if self.contact_id is not None:
            out["contactId"] = self.contact_id
        if self.reason:
            out["reason"] = self.reason
        if self.replayed:
            out["replayed"] = True
        return out


@dataclass
class ImportReport:
    """What happened to every row of an import."""

    list_id: int | None = None
    list_name: str | None = None
    import_requests: int = 0
    resumed_at_row: int = 0
    already_complete: bool = False
    _statuses: bytearray = field(default_factory=bytearray, repr=False)
    _ids: array[int] = field(default_factory=lambda: array("q"), repr=False)
    _reasons: dict[int, str] = field(default_factory=dict, repr=False)
    _big_ids: dict[int, int] = field(default_factory=dict, repr=False)
    _replayed: set[int] = field(default_factory=set, repr=False)
    # (first index, line - index) wherever that difference changes; lines known below _lined.
    _line_steps: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _lined: int = field(default=0, repr=False)

    def note_line(self, index: int, line: int) -> None:
        """Record the file line row `index` starts on (rows in input order)."""
        if index != self._lined:
            raise ValueError(f"line of row {index} noted out of order")
        shift = line - index
        if not self._line_steps or self._line_steps[-1][1] != shift:
            self._line_steps.append((index, shift))
        self._lined = index + 1

    def line_of(self, index: int) -> int | None:
        """The file line row `index` starts on, or None when its rows have no lines."""
        if not 0 <= index < self._lined:
            return None
        step = bisect_right(self._line_steps, (index, float("inf"))) - 1
        return index + self._line_steps[step][1]

    def record(self, outcome: RowOutcome) -> None:
        if outcome.index != len(self._statuses):
            raise ValueError(f"row {outcome.index} recorded out of order")
        self._statuses.append(_CODE_OF[outcome.status])
        contact_id = outcome.contact_id
        if contact_id is None:
            self._ids.append(_NO_ID)
        elif contact_id in _INT64 and contact_id >= 0:
            self._ids.append(contact_id)
        else:
            self._big_ids[outcome.index] = contact_id
            self._ids.append(_BIG_ID)
        if outcome.reason:
            self._reasons[outcome.index] = outcome.reason
        if outcome.replayed:
            self._replayed.add(outcome.index)
        if outcome.line is not None and outcome.index == self._lined:
            self.note_line(outcome.index, outcome.line)

    def __len__(self) -> int:
        return len(self._statuses)

    def outcome(self, index: int) -> RowOutcome:
        stored = self._ids[index]
        contact_id = self._big_ids[index] if stored == _BIG_ID else stored
        return RowOutcome(
            index=index,
            status=_CODES[self._statuses[index]],
            contact_id=None if contact_id == _NO_ID else contact_id,
            reason=self._reasons.get(index),
            replayed=index in self._replayed,
            line=self.line_of(index),
        )

    def __iter__(self) -> Iterator[RowOutcome]:
        return (self.outcome(i) for i in range(len(self)))

    def count(self, status: RowStatus) -> int:
        return self._statuses.count(_CODE_OF[status])

    @property
    def total(self) -> int:
        return len(self)

    @property
    def created(self) -> int:
        return self.count(RowStatus.CREATED)

    @property
    def updated(self) -> int:
        return self.count(RowStatus.UPDATED)

    @property
    def skipped(self) -> int:
        return self.count(RowStatus.SKIPPED)

    @property
    def restored(self) -> int:
        return self.count(RowStatus.RESTORED)

    @property
    def failed(self) -> int:
        return self.count(RowStatus.FAILED)

    @property
    def invalid(self) -> int:
        return self.count(RowStatus.INVALID)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.invalid == 0

    @property
    def failures(self) -> list[RowOutcome]:
        bad = (_CODE_OF[RowStatus.FAILED], _CODE_OF[RowStatus.INVALID])
        return [self.outcome(i) for i, code in enumerate(self._statuses) if code in bad]

    def contact_ids(self) -> list[int]:
        """Distinct contact ids the import touched, in input order."""
        ids = (
            self._big_ids[index] if stored == _BIG_ID else stored
            for index, stored in enumerate(self._ids)
            if stored != _NO_ID
        )
        return list(dict.fromkeys(ids))

    def totals(self) -> dict[str, int]:
        return {str(status): self.count(status) for status in RowStatus} | {"total": self.total}

    def to_dict(self, *, rows: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "listId": self.list_id,
            "listName": self.list_name,
            "totals": self.totals(),
            "importRequests": self.import_requests,
            "resumedAtRow": self.resumed_at_row,
            "alreadyComplete": self.already_complete,
            "failures": [f.to_dict() for f in self.failures],
        }
        if rows:
            out["rows"] = [o.to_dict() for o in self]
        return out

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={v}" for k, v in self.totals().items() if v)
        return f"ImportReport(list={self.list_name!r}, {parts or 'empty'})"
