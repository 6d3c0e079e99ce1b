"""`reply-contacts import FILE --list NAME`: import a CSV or JSONL file into a contact list.

Before anything is sent the file is read through once: its encoding and delimiter are detected
(or taken from --encoding and --delimiter), it must hold at least one row, and its rows are
counted for the progress display. Then every column is decided: a column that is no contact
field and no custom field stops the import with one message naming them all and the options
that settle them. Rows are named by their file line everywhere (terminal, progress, --report).
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._common import EXIT_OK, EXIT_ROWS_FAILED, EXIT_USAGE, fail, handle_errors, make_client
from ._feedback import progress_display, reporting_activity, status_console

if TYPE_CHECKING:
    from reply_contacts.errors import UnknownColumnsError


def _column_map(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise typer.BadParameter(
                f"{pair!r} is not COLUMN=FIELD (e.g. --map 'Source=Lead Source')",
                param_hint="--map",
            )
        mapping[column.strip()] = target.strip()
    return mapping


def _unknown_columns_message(file: Path, error: UnknownColumnsError) -> str:
    """The choices, spelled as this command's flags."""
    lines = []
    if error.columns:
        count = len(error.columns)
        names = ", ".join(repr(name) for name in error.columns)
        verb = "matches" if count == 1 else "match"
        lines += [
            f"{count} column(s) of {file} {verb} no contact field and no custom field of this"
            f" account: {names}.",
            "Nothing was imported. Choose what to do with them:",
            "  --create-fields            create them as text custom fields",
            "  --ignore-unknown-columns   import the other columns without them",
            "  --ignore-column NAME       leave out one column (repeat for each)",
            "  --map 'COLUMN=FIELD'       send a column to a contact field or custom field",
        ]
    for column, target in error.targets.items():
        lines.append(
            f"--map '{column}={target}': {target!r} is neither a contact field nor a custom"
            " field of this account (correct it, or add --create-fields to create it)."
        )
    return "\n".join(lines)


@handle_errors
def import_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A .csv or .jsonl file of contacts.")
    ],
    list_name: Annotated[
        str, typer.Option("--list", metavar="NAME", help="Contact list to file them into.")
    ],
    create_list: Annotated[
        bool, typer.Option("--create-list", help="Create the list if it is missing.")
    ] = False,
    create_fields: Annotated[
        bool, typer.Option("--create-fields", help="Create unknown columns as text custom fields.")
    ] = False,
    ignore_unknown_columns: Annotated[
        bool,
        typer.Option(
            "--ignore-unknown-columns",
            help="Leave out columns that match no contact or custom field.",
        ),
    ] = False,
    ignore_column: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="Leave out this column (repeatable)."),
    ] = None,
    column_map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Send a column to a contact field or custom field title (repeatable).",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The file's encoding (default: detected; UTF-8/16 or Windows-1252).",
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(metavar="CHAR", help="CSV delimiter: , ; | or tab (default: detected)."),
    ] = None,
    journal: Annotated[
        Path | None,
        typer.Option("--journal", metavar="PATH", help="Journal file: makes the import resumable."),
    ] = None,
    report_path: Annotated[
        Path | None,
        typer.Option("--report", metavar="PATH", help="Write a JSON report of every row here."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Overwrite existing contacts' fields.")
    ] = False,
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="Leave existing contacts alone.")
    ] = False,
    restore_deleted: Annotated[
        bool, typer.Option("--restore-deleted", help="Restore deleted contacts.")
    ] = False,
    sequence_id: Annotated[
        int | None,
        typer.Option(
            "--sequence-id", metavar="ID", help="Enroll imported contacts in this sequence."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress display.")] = False,
) -> None:
    """Import contacts from FILE into the list named --list (1 request per 1,000 rows).

    Exit codes: 0 every row imported; 1 some rows failed or were invalid (listed by file
    line, and in --report); 2 nothing imported: a usage error, an unreadable, empty or
    header-only file, unknown columns, or an authentication or permission error.
    """
    from rich.console import Console

    from reply_contacts._tables import import_summary_table
    from reply_contacts.errors import UnknownColumnsError
    from reply_contacts.workflows.columns import absent_columns
    from reply_contacts.workflows.import_report import RowStatus
    from reply_contacts.workflows.sources import CsvRows, read_rows, require_rows

    if not file.exists():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise typer.BadParameter(
                f"unknown encoding {encoding!r} (e.g. utf-8, cp1252, latin-1, utf-16)",
                param_hint="--encoding",
            ) from None
    mapping = _column_map(column_map or [])
    source = read_rows(file, encoding=encoding, delimiter=delimiter)
    require_rows(source)
    header = source.columns if isinstance(source, CsvRows) else None
    absent = absent_columns(mapping, header) if header is not None else []
    if header is not None and absent:
        raise typer.BadParameter(
            f"{', '.join(map(repr, absent))} is not a column of {file}"
            f" (its columns: {', '.join(repr(c) for c in header if c.strip())})",
            param_hint="--map",
        )
    # One pass before anything is sent: counts rows for the progress bar, and finds a broken
    # record (an unclosed quote) while nothing has been imported yet.
    total = sum(1 for _ in source)
    console = status_console()
    with (
        make_client() as client,
        progress_display(console, "importing", quiet=quiet) as progress,
        reporting_activity(console),
    ):
        task = progress.add_task("import", total=total, status="")

        def on_progress(update: Any) -> None:
            # The summary table's words and counts (created always, the others once non-zero),
            # and the file line reached, as failures are named.
            counts = {str(status): getattr(update, status) for status in RowStatus}
            status = ", ".join(
                f"{name} {count:,}" for name, count in counts.items() if count or name == "created"
            )
            if update.line is not None:
                status += f" (line {update.line:,})"
            progress.update(task, completed=update.rows_done, status=status)

        try:
            report = client.import_to_list(
                source,
                list_name=list_name,
                create_list=create_list,
                create_missing_fields=create_fields,
                column_map=mapping,
                ignore_columns=ignore_column or (),
                ignore_unknown_columns=ignore_unknown_columns,
                journal=journal,
                overwrite_existing=overwrite,
                skip_existing=skip_existing,
                restore_deleted=restore_deleted,
                sequence_id=sequence_id,
                on_progress=on_progress,
            )
        except UnknownColumnsError as error:
            raise fail(_unknown_columns_message(file, error), EXIT_USAGE) from None
        requests = client.requests_sent
    Console(highlight=False).print(import_summary_table(report))
    if report.already_complete:
        console.print(
            f"already done: the journal {journal} records this import as finished;"
            " no row was sent again"
        )
    elif report.resumed_at_row:
        done_before = report.outcome(report.resumed_at_row - 1).location
        console.print(f"resumed after {done_before}, from the journal {journal}")
    for failure in report.failures[:10]:
        console.print(f"  {failure.location}: {failure.status}: {failure.reason}", markup=False)
    if len(report.failures) > 10:
        console.print(f"  ... and {len(report.failures) - 10} more (see --report)")
    console.print(f"{requests} API request(s) used")
    if report_path is not None:
        report_path.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    raise typer.Exit(EXIT_OK if report.ok else EXIT_ROWS_FAILED)
