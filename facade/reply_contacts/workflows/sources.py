"""Files of rows to import: CSV as spreadsheets write it, and JSON Lines.

A CSV file's encoding (`encodings.detect_encoding`) and delimiter (`,` `;` tab `|`) are
detected unless given; CRLF or LF line ends and quoted cells spanning lines are read as the
spreadsheet meant them. Every row carries the line of the file it starts on (the header is
line 1; a record whose quoted cell spans three lines takes the number of its first), so a
report, a progress display and an editor agree on where a row is.

Readers are re-iterable objects, not one-shot generators: each pass streams the file again,
with one row in memory at a time, so a caller can count or check the rows and then import them.
Problems with the file itself are `InputFileError`s naming the file and the line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, Protocol, TextIO, runtime_checkable

from ..errors import EmptyInputError, InputFileError
from .encodings import detect_encoding

__all__ = [
    "DELIMITERS",
    "CsvRows",
    "JsonlRows",
    "NumberedRow",
    "TabularRows",
    "read_csv",
    "read_jsonl",
    "read_rows",
    "require_rows",
    "sniff_delimiter",
]

# The delimiters spreadsheets write: comma, semicolon (where the comma is the decimal mark),
# tab ("Text (tab delimited)") and pipe. In order of preference when a sample cannot tell.
DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_RECORDS = 50
_DELIMITER_NAMES = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}


class NumberedRow(dict[str, Any]):
    """One row of a file: its cells by column name (a plain dict to every reader), plus `line`,
    the file line it starts on, and `stray`, the non-empty cells that have no column name (past
    the header's last column, or under a blank header) and so cannot be imported."""

    __slots__ = ("line", "stray")

    def __init__(self, cells: Iterable[tuple[str, Any]], line: int, stray: tuple[str, ...] = ()):
        super().__init__(cells)
        self.line = line
        self.stray = stray


@runtime_checkable
class TabularRows(Protocol):
    """Rows whose column names are known before the first row is read (a CSV file's header):
    an import decides every column up front, before it sends anything."""

    columns: tuple[str, ...]

    def __iter__(self) -> Iterator[Any]: ...


def sniff_delimiter(sample: str, *, complete: bool = True) -> str:
    """The delimiter of CSV text that begins with `sample` (`complete`: the sample is all of it).

    Each candidate parses the sample (quotes respected); the winner splits the header into the
    most columns among those that give the following records the header's width most often.
    A file of one column has no delimiter to find: comma.
    """
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
        records: list[list[str]] = []
        try:
            for cells in reader:
                if cells:
                    records.append(cells)
                if len(records) > _SAMPLE_RECORDS:
                    break
        except csv.Error:
            continue
        if not complete and len(records) > 1:
            records.pop()  # the sample may end inside the last record
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        body = records[1:]
        agreeing = sum(len(cells) == width for cells in body) / len(body) if body else 1.0
        score = (agreeing, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _check_delimiter(delimiter: str | None) -> str | None:
    if delimiter is None:
        return None
    if delimiter.lower() in {"tab", "\\t"}:
        return "\t"
    if len(delimiter) != 1 or delimiter in {'"', "\r", "\n"}:
        raise ValueError(f"a CSV delimiter is one character (or 'tab'), got {delimiter!r}")
    return delimiter


class CsvRows:
    """The rows of a CSV file, each a `NumberedRow` keyed by the header's column names.

    `encoding` and `delimiter` are detected when not given (`.encoding` and `.delimiter` say
    what was used) and `columns` is the header. Creating it checks the whole file decodes and
    reads the header, so an unreadable file fails here, before anything is sent. Iterating
    streams the file; a malformed record (a quote never closed) raises `InputFileError` naming
    the line it starts on.
    """

    def __init__(
        self, path: str | Path, *, encoding: str | None = None, delimiter: str | None = None
    ) -> None:
        self.path = Path(path)
        chosen = _check_delimiter(delimiter)
        self.encoding = detect_encoding(self.path, encoding)
        with self._open() as handle:
            sample = handle.read(_SAMPLE_CHARS)
            complete = not handle.read(1)
        if not sample.strip():
            raise EmptyInputError(self.path, "the file is empty: no header and no rows")
        self.delimiter = chosen or sniff_delimiter(sample, complete=complete)
        with closing(self._records()) as records:
            self.header_line, header = next(records)
        header[0] = header[0].lstrip("\ufeff")  # a byte-order mark the encoding left in place
        self.columns = tuple(header)
        _check_header(self.path, self.columns)

    def __repr__(self) -> str:
        delimiter = _DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))
        return f"CsvRows({str(self.path)!r}, encoding={self.encoding!r}, delimiter={delimiter})"

    def _open(self) -> TextIO:
        # newline="": the csv module reads CRLF, LF and line breaks inside quoted cells itself.
        return self.path.open(encoding=self.encoding, newline="")

    def _records(self) -> Generator[tuple[int, list[str]], None, None]:
        """(line the record starts on, its cells) for each non-blank record."""
        with self._open() as handle:
            # strict: a quote never closed is an error, not a cell that swallows every row
            # after it.
            reader = csv.reader(handle, delimiter=self.delimiter, strict=True)
            ended = 0  # the line the previous record ended on
            while True:
                line = ended + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise InputFileError(
                        self.path, f"line {line}: not valid CSV ({exc}; is a quote unclosed?)"
                    ) from None
                ended = reader.line_num
                if cells:
                    yield line, cells

    def __iter__(self) -> Iterator[NumberedRow]:
        columns = self.columns
        width = len(columns)
        blank = {position for position, name in enumerate(columns) if not name.strip()}
        with closing(self._records()) as records:
            next(records)  # the header
            for line, cells in records:
                if len(cells) == width and not blank:  # the common case, kept cheap
                    yield NumberedRow(zip(columns, cells, strict=True), line)
                    continue
                # A short row's missing cells are None, as csv.DictReader has them.
                padded = cells + [None] * (width - len(cells))
                values = [(name, padded[i]) for i, name in enumerate(columns) if i not in blank]
                stray = tuple(
                    cell
                    for position, cell in enumerate(cells)
                    if cell.strip() and (position >= width or position in blank)
                )
                yield NumberedRow(values, line, stray)


def _check_header(path: Path, columns: tuple[str, ...]) -> None:
    seen: dict[str, int] = {}
    for position, name in enumerate(columns, start=1):
        key = name.strip()
        if not key:
            continue
        if key in seen:
            raise InputFileError(
                path,
                f"the header names column {key!r} twice (columns {seen[key]} and {position}):"
                " rename one, or the second would overwrite the first",
            )
        seen[key] = position


class JsonlRows:
    """The objects of a JSON Lines file, each a `NumberedRow` with its line; blank lines are
    skipped. Its encoding is detected (or given) and checked as a CSV file's is."""

    def __init__(self, path: str | Path, *, encoding: str | None = None) -> None:
        self.path = Path(path)
        self.encoding = detect_encoding(self.path, encoding)

    def __repr__(self) -> str:
        return f"JsonlRows({str(self.path)!r}, encoding={self.encoding!r})"

    def __iter__(self) -> Iterator[NumberedRow]:
        with self.path.open(encoding=self.encoding) as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    value = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise InputFileError(self.path, f"line {number}: not JSON: {exc.msg}") from None
                if not isinstance(value, dict):
                    raise InputFileError(self.path, f"line {number}: expected a JSON object")
                yield NumberedRow(value.items(), number)


def read_csv(
    path: str | Path, *, encoding: str | None = None, delimiter: str | None = None
) -> CsvRows:
    """The rows of a CSV file (see `CsvRows`): encoding and delimiter detected unless given."""
    return CsvRows(path, encoding=encoding, delimiter=delimiter)


def read_jsonl(path: str | Path, *, encoding: str | None = None) -> JsonlRows:
    """The objects of a JSON Lines file (see `JsonlRows`)."""
    return JsonlRows(path, encoding=encoding)


def read_rows(
    path: str | Path, *, encoding: str | None = None, delimiter: str | None = None
) -> CsvRows | JsonlRows:
    """The rows of a .csv (also .tsv, .txt) or .jsonl/.ndjson file, by extension."""
    suffix = Path(path).suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        return read_csv(path, encoding=encoding, delimiter=delimiter)
    if suffix in {".jsonl", ".ndjson", ".json"}:
        if delimiter is not None:
            raise ValueError("a delimiter applies to CSV files only")
        return read_jsonl(path, encoding=encoding)
    raise ValueError(f"unsupported input {path}: use .csv or .jsonl")


def require_rows(rows: CsvRows | JsonlRows) -> None:
    """`EmptyInputError` unless the file holds at least one row (reads one, no more)."""
    if next(iter(rows), None) is None:
        what = "a header and no rows" if isinstance(rows, CsvRows) else "no rows"
        raise EmptyInputError(rows.path, f"the file has {what}: nothing to import")
