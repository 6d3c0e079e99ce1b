"""Import then file to a list: any number of rows, validated locally, in as few imports as the
spec's batch limit allows.

The list is filed through the import call's own `options.listIds`, so N contacts cost
ceil(N / `IMPORT_MAX_ITEMS`) import requests plus a constant few (find or create the list, read
the custom fields at most once, create missing fields if asked) — never a request per contact
or per column. Rows are streamed: one batch sits in memory at a time. Where each column goes is
decided once, for the whole input (`columns.ColumnPlan`), before the list is looked up and
before any row is sent. With a journal file the import resumes where a crashed or killed run
stopped, and re-running a finished import sends nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._identity import whoami
from .._plan import Flow
from .._resource import ResourceBase, operation
from ..errors import (
    DecodeError,
    NotFoundError,
    ReplyError,
    ValidationError,
    WorkflowError,
)
from ..resources.contact_lists import ContactListsOperations
from ..resources.contacts import IMPORT_MAX_ITEMS, ContactsOperations
from .columns import ColumnPlan
from .import_report import ImportReport, RowOutcome, RowStatus
from .journal import (
    ADVICE,
    Journal,
    JournalMismatchError,
    JournalState,
    account_differences,
    journal_settings,
    read_journal,
    rows_digest,
    settings_differences,
)
from .rows import as_mapping
from .sources import NumberedRow, TabularRows
from .validation import RowInvalid, validate_row

if TYPE_CHECKING:
    from reply_contact_data_client.models import ContactList

_ITEM_POINTER = "/items/"
# The import options this workflow sets, as `ContactsOperations.import_batch` names them, by
# their API names (the journal records the API names).
_IMPORT_OPTIONS = {
    "overwriteExisting": "overwrite_existing",
    "skipExisting": "skip_existing",
    "skipWithoutEmails": "skip_without_emails",
    "restoreDeleted": "restore_deleted",
    "detectTimeZone": "detect_time_zone",
    "sequenceId": "sequence_id",
    "keys": "dedupe_keys",
}


class ImportInterruptedError(WorkflowError[ImportReport]):
    """`import_to_list` stopped: a step failed (see `WorkflowError`: the error is also the
    failed step's own class, e.g. `PermissionDeniedError` whether the list lookup, the
    custom-field read or an import batch was refused). `report` holds every row settled so
    far; with a journal, running the same import again resumes."""

    workflow = "import_to_list"


def _interrupted(error: ReplyError, report: ImportReport) -> ImportInterruptedError:
    return ImportInterruptedError.from_step(error, report, f"after {report.total:,} rows")


@dataclass(frozen=True)
class ImportProgress:
    """Sent to `on_progress` after every batch."""

    rows_done: int
    import_requests: int
    created: int
    updated: int
    skipped: int
    restored: int
    failed: int
    invalid: int
    # The file line of the last row settled, when the rows come from a file (`read_csv`).
    line: int | None = None


@dataclass
class _Pending:
    """Rows read but not yet settled: the current batch."""

    first: int
    rows: list[tuple[int, dict[str, Any] | None, str | None, str]]  # index, item, reason, canon
    items: int = 0  # rows with an import item (kept as a count: checked after every row)

    def add(self, index: int, item: dict[str, Any] | None, reason: str | None, canon: str) -> None:
        self.rows.append((index, item, reason, canon))
        self.items += item is not None

    @property
    def next(self) -> int:
        return self.first + len(self.rows)


def _canonical(row: Any) -> str:
    data = row.to_dict() if hasattr(row, "to_dict") else row
    return json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)


def _progress(report: ImportReport) -> ImportProgress:
    return ImportProgress(
        rows_done=report.total,
        import_requests=report.import_requests,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
        restored=report.restored,
        failed=report.failed,
        invalid=report.invalid,
        line=report.line_of(report.total - 1),
    )


def _failed_item_indexes(error: ValidationError, count: int) -> dict[int, str]:
    """Items a whole-request validation problem points at (`/items/3/email`)."""
    found: dict[int, str] = {}
    for field_error in error.errors:
        pointer = field_error.pointer or ""
        if pointer.startswith(_ITEM_POINTER):
            head = pointer[len(_ITEM_POINTER) :].split("/", 1)[0]
            if head.isdigit() and int(head) < count:
                found.setdefault(int(head), f"{pointer}: {field_error.detail}")
    return found


class ImportWorkflows(ResourceBase):
    @operation
    def import_to_list(
        self,
        rows: Iterable[Mapping[str, Any] | Any],
        *,
        list_name: str | None = None,
        list_id: int | None = None,
        create_list: bool = False,
        share_list: bool = False,
        create_missing_fields: bool = False,
        column_map: Mapping[str, str] | None = None,
        ignore_columns: Iterable[str] = (),
        ignore_unknown_columns: bool = False,
        overwrite_existing: bool = False,
        skip_existing: bool = False,
        skip_without_emails: bool = False,
        restore_deleted: bool = False,
        detect_time_zone: bool = False,
        sequence_id: int | None = None,
        dedupe_keys: Mapping[str, Any] | None = None,
        batch_size: int = IMPORT_MAX_ITEMS,
        journal: str | Path | None = None,
        on_progress: Callable[[ImportProgress], None] | None = None,
    ) -> Flow[ImportReport]:
        """Import `rows` (dicts, CSV rows or models; any number, streamed) and file every
        imported contact into one list.

        Field names may be the API's (firstName) or common CSV headers ("First Name",
        "E-mail", "LinkedIn URL"); any other column names a custom field by title.
        `column_map` sends a column to a contact field or a custom field's title
        (`{"Source": "Lead Source"}`); `ignore_columns` leaves columns out.

        A column that matches no contact field and no custom field would lose its values, so it
        is decided once, for the whole input: created as a text custom field with
        `create_missing_fields=True`, left out with `ignore_unknown_columns=True`, or else
        `UnknownColumnsError` names every such column (and every `column_map` target that is
        neither a contact field nor a custom field) before the list is looked up or a row is
        sent. The columns of a file read with `read_csv` are all decided up front; those of
        other rows as they appear.

        Every row is validated locally first; bad rows are reported with their reason and
        never sent. Returns an `ImportReport` that accounts for every input row (with its file
        line, for rows read from a file). With `journal=path` the import is resumable.

        Raises `ImportInterruptedError` (see `WorkflowError`) when anything ends the import,
        whatever the step (the journal check, the columns, the list, a batch): it is also the
        failing step's own class (`JournalMismatchError`, `UnknownColumnsError`,
        `NotFoundError`, `PermissionDeniedError`, `ServerError`...), so `except` either one,
        and its `report` holds every row settled before it (none, when the input was refused
        before a row was sent).
        """
        if (list_name is None) == (list_id is None):
            raise ValueError("pass exactly one of list_name= or list_id=")
        if not 1 <= batch_size <= IMPORT_MAX_ITEMS:
            raise ValueError(f"batch_size must be between 1 and {IMPORT_MAX_ITEMS}")
        options: dict[str, Any] = {
            "overwriteExisting": overwrite_existing,
            "skipExisting": skip_existing,
            "skipWithoutEmails": skip_without_emails,
            "restoreDeleted": restore_deleted,
            "detectTimeZone": detect_time_zone,
        }
        if sequence_id is not None:
            options["sequenceId"] = sequence_id
        if dedupe_keys:
            options["keys"] = dict(dedupe_keys)
        ignore_columns = tuple(ignore_columns)  # iterated per row: a generator would run dry
        column_map = dict(column_map or {})
        # Recorded only when set, so journals written before the option existed still resume.
        newer_settings = {"ignore_unknown_columns": True} if ignore_unknown_columns else {}
        # What a journal binds the import to, by the names of this method's arguments.
        settings = journal_settings(
            list_name=list_name,
            list_id=list_id,
            batch_size=batch_size,
            column_map=column_map,
            ignore_columns=sorted(ignore_columns),
            create_missing_fields=create_missing_fields,
            overwrite_existing=overwrite_existing,
            skip_existing=skip_existing,
            skip_without_emails=skip_without_emails,
            restore_deleted=restore_deleted,
            detect_time_zone=detect_time_zone,
            sequence_id=sequence_id,
            dedupe_keys=dict(dedupe_keys or {}),
            **newer_settings,
        )

        journal_path = Path(journal) if journal is not None else None
        state, account = JournalState(), dict[str, Any]()
        report = ImportReport(list_name=list_name)
        if journal_path is not None:
            try:
                state, account = yield from self._bound_journal(journal_path, settings)
            except ReplyError as exc:
                raise _interrupted(exc, report) from exc
        for outcome in state.outcomes:
            report.record(outcome)
        report.resumed_at_row = state.next_row
        resolved_list_id = state.list_id if state.started else list_id
        if state.done:
            assert journal_path is not None
            try:
                _check_finished_input(rows, state, journal_path, report)
            except ReplyError as exc:
                raise _interrupted(exc, report) from exc
            report.list_id = resolved_list_id
            report.already_complete = True
            return report

        plan = ColumnPlan(
            self._owner,
            column_map=column_map,
            ignore_columns=ignore_columns,
            create_missing_fields=create_missing_fields,
            ignore_unknown_columns=ignore_unknown_columns,
        )
        # The columns known before any row is read (a file's header, column_map's) are decided
        # now: a refusal costs at most the catalog read, and leaves no list behind.
        header = rows.columns if isinstance(rows, TabularRows) else None
        if header is not None:
            plan.check_map_columns(header)
        try:
            yield from plan.decide([*column_map, *(header or ())])
            _refuse_unknown(plan)
        except ReplyError as exc:
            raise _interrupted(exc, report) from exc

        writer = Journal(journal_path) if journal_path is not None else None
        begun = False

        def begin() -> Flow[int]:
            """The list to file into, found or created once the first batch is ready to go
            (so an input refused for its columns leaves no list behind)."""
            nonlocal resolved_list_id, begun
            _refuse_unknown(plan)
            if resolved_list_id is None:
                resolved_list_id = yield from self._resolve_list(
                    str(list_name), create=create_list, shared=share_list
                )
            report.list_id = resolved_list_id
            if not begun and writer is not None and not state.started:
                writer.start(settings, account, resolved_list_id)
            begun = True
            return resolved_list_id

        in_flight = state.in_flight
        settled = _SettledRows(state.digests, journal_path)
        done_until = report.total
        rows_read = 0
        pending: _Pending | None = None
        try:
            for index, row in enumerate(rows):
                rows_read = index + 1
                if isinstance(row, NumberedRow):
                    report.note_line(index, row.line)
                # The digest that lets a resume detect changed input is only needed with a journal.
                canon = _canonical(row) if journal_path is not None else ""
                if index < done_until:
                    settled.check(index, canon)
                    continue
                if pending is None:
                    pending = _Pending(first=index, rows=[])
                mapping = as_mapping(row)
                columns, titles = plan.undecided(mapping)
                if columns or titles:
                    yield from plan.decide(columns, titles)
                normalised = plan.normalise(mapping)
                try:
                    item = validate_row(normalised)
                    pending.add(index, item, None, canon)
                except RowInvalid as exc:
                    pending.add(index, None, f"{exc} ({normalised.describe()})", canon)
                if pending.items >= batch_size:
                    list_to_file = yield from begin()
                    yield from self._send(
                        pending, list_to_file, options, report, writer, in_flight, on_progress
                    )
                    in_flight = None
                    pending = None
            settled.check_count(rows_read, finished=False)
            list_to_file = yield from begin()
            if pending is not None and pending.rows:
                yield from self._send(
                    pending, list_to_file, options, report, writer, in_flight, on_progress
                )
            if writer is not None:
                writer.done(report.total)
        except ReplyError as exc:
            raise _interrupted(exc, report) from exc
        finally:
            if writer is not None:
                writer.close()
        return report

    def _bound_journal(
        self, path: Path, settings: dict[str, Any]
    ) -> Flow[tuple[JournalState, dict[str, Any]]]:
        """The journal's state and this client's account, once the journal is known to belong
        to this import (same settings) and to this account (one whoami request)."""
        state = read_journal(path)
        if state.settings is not None:
            differences = settings_differences(state.settings, settings)
            if differences:
                raise JournalMismatchError(path, differences, ADVICE)
        identity = yield whoami()
        account: dict[str, Any] = {"baseUrl": self._owner.base_url, "userId": identity.user_id}
        if identity.team_id is not None:
            account["teamId"] = identity.team_id
        if state.account is not None:
            differences = account_differences(state.account, account)
            if differences:
                raise JournalMismatchError(path, differences, ADVICE)
        return state, account

    def _resolve_list(self, name: str, *, create: bool, shared: bool) -> Flow[int]:
        lists = ContactListsOperations(self._owner)
        found: ContactList | None
        if create:
            found = yield from lists.get_or_create(name, shared=shared)
        else:
            found = yield from lists.find_by_name(name)
            if found is None:
                raise NotFoundError(
                    f"no contact list named {name!r} (pass create_list=True to create it)",
                    status=404,
                    code="contactsList.notFound",
                )
        return found.id

    def _send(
        self,
        pending: _Pending,
        list_id: int,
        options: dict[str, Any],
        report: ImportReport,
        writer: Journal | None,
        in_flight: tuple[int, int] | None,
        on_progress: Callable[[ImportProgress], None] | None,
    ) -> Flow[None]:
        contacts = ContactsOperations(self._owner)
        import_options = {_IMPORT_OPTIONS[name]: value for name, value in options.items()}
        replayed = in_flight is not None and in_flight[0] == pending.first
        digest = rows_digest(canon for *_, canon in pending.rows) if writer is not None else ""
        outcomes: dict[int, RowOutcome] = {}
        for index, item, reason, _ in pending.rows:
            if item is None:
                outcomes[index] = RowOutcome(index, RowStatus.INVALID, None, reason)
        to_send = [(index, item) for index, item, _, _ in pending.rows if item is not None]
        if to_send and writer is not None:
            writer.sending(pending.first, pending.next)
        # A whole-request 400 that points at items: drop those items (reported as failed) and
        # resend the rest, so one row the local validator missed cannot sink its batch.
        while to_send:
            batch = contacts.import_batch(
                [item for _, item in to_send], list_ids=[list_id], **import_options
            )
            try:
                answer = yield from batch.with_response()
            except ValidationError as exc:
                bad = _failed_item_indexes(exc, len(to_send))
                if not bad:
                    raise
                for position, reason in bad.items():
                    index = to_send[position][0]
                    outcomes[index] = RowOutcome(index, RowStatus.FAILED, None, reason)
                to_send = [pair for pos, pair in enumerate(to_send) if pos not in bad]
                report.import_requests += 1
                continue
            report.import_requests += 1
            replayed = replayed or answer.replayed
            results = list(answer.value.items or [])
            if len(results) != len(to_send):
                raise DecodeError(
                    f"import answered {len(results)} results for {len(to_send)} items",
                    status=answer.status,
                )
            for (index, _), result in zip(to_send, results, strict=True):
                try:
                    status = RowStatus(str(result.status))
                except ValueError:  # a status this SDK does not know: never count it as done
                    status = RowStatus.FAILED
                contact_id = result.id if isinstance(result.id, int) else None
                error = result.error if isinstance(result.error, str) else None
                if status is RowStatus.FAILED and not error:
                    error = f"server status {result.status!s}"
                outcomes[index] = RowOutcome(index, status, contact_id, error, replayed)
            break
        settled = [outcomes[index] for index, _, _, _ in pending.rows]
        for outcome in settled:
            report.record(outcome)
        if writer is not None:
            writer.batch(pending.first, pending.next, digest, settled, replayed=replayed)
        if on_progress is not None:
            on_progress(_progress(report))


def _refuse_unknown(plan: ColumnPlan) -> None:
    error = plan.error()
    if error is not None:
        raise error


def _check_finished_input(
    rows: Iterable[Any], state: JournalState, path: Path, report: ImportReport
) -> None:
    """Refuse a finished journal for any input but the one it imported (reads it, sends nothing)."""
    settled = _SettledRows(state.digests, path)
    count = 0
    for index, row in enumerate(rows):
        if isinstance(row, NumberedRow):
            report.note_line(index, row.line)
        settled.check(index, _canonical(row))
        count = index + 1
    settled.check_count(count, finished=True)


class _SettledRows:
    """Checks that rows a previous run settled are the rows it saw (same digest per batch)."""

    def __init__(self, batches: list[tuple[int, int, str]], journal_path: Path | None) -> None:
        self._batches = batches
        self._journal_path = journal_path
        self._position = 0
        self._canon: list[str] = []

    def check(self, index: int, canon: str) -> None:
        while self._position < len(self._batches) and index >= self._batches[self._position][1]:
            self._position += 1
            self._canon = []
        if self._position >= len(self._batches):
            return
        first, nxt, digest = self._batches[self._position]
        self._canon.append(canon)
        if index == nxt - 1 and rows_digest(self._canon) != digest:
            self._refuse(
                f"rows {first + 1:,} to {nxt:,} of the input differ from the ones it recorded"
                " (the input changed since the journal was written)"
            )

    def check_count(self, rows: int, *, finished: bool) -> None:
        """The input holds every row the journal settled (and, when it finished, no more)."""
        settled = self._batches[-1][1] if self._batches else 0
        if rows < settled or (finished and rows != settled):
            what = "the finished import it records had" if finished else "it already settled"
            self._refuse(f"the input has {rows:,} rows; {what} {settled:,}")

    def _refuse(self, difference: str) -> None:
        raise JournalMismatchError(self._journal_path, [difference], ADVICE)
