"""`reply-contacts import FILE --list NAME`: import a CSV or JSONL file into a contact list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ._common import EXIT_OK, EXIT_ROWS_FAILED, handle_errors, make_client
from ._feedback import progress_display, reporting_activity, status_console


def _count_rows(path: Path) -> int | None:
    """Rows in the file, streamed once for the progress bar (no row is kept in memory)."""
    from reply_contacts.workflows.rows import read_rows

    try:
        return sum(1 for _ in read_rows(path))
    except (OSError, ValueError):
        return None


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
    """Import contacts from FILE into the list named --list (1 request per 1,000 rows)."""
    from rich.console import Console

    from reply_contacts._tables import import_summary_table
    from reply_contacts.workflows.rows import read_rows

    if not file.exists():
        raise typer.BadParameter(f"no such file: {file}", param_hint="FILE")
    console = status_console()
    # Counted only for a bar someone will see (it reads the file once more).
    total = None if quiet or not console.is_terminal else _count_rows(file)
    with (
        make_client() as client,
        progress_display(console, "importing", quiet=quiet) as progress,
        reporting_activity(console),
    ):
        task = progress.add_task("import", total=total, status="")

        def on_progress(update: Any) -> None:
            status = f"created {update.created:,}, updated {update.updated:,}"
            if update.failed or update.invalid:
                status += f", failed {update.failed + update.invalid:,}"
            progress.update(task, completed=update.rows_done, status=status)

        report = client.import_to_list(
            read_rows(file),
            list_name=list_name,
            create_list=create_list,
            create_missing_fields=create_fields,
            journal=journal,
            overwrite_existing=overwrite,
            skip_existing=skip_existing,
            restore_deleted=restore_deleted,
            sequence_id=sequence_id,
            on_progress=on_progress,
        )
        requests = client.requests_sent
    Console(highlight=False).print(import_summary_table(report))
    if report.already_complete:
        console.print(
            f"already done: the journal {journal} records this import as finished;"
            " no row was sent again"
        )
    elif report.resumed_at_row:
        console.print(f"resumed at row {report.resumed_at_row + 1:,} from the journal {journal}")
    for failure in report.failures[:10]:
        console.print(
            f"  row {failure.index + 1}: {failure.status}: {failure.reason}", markup=False
        )
    if len(report.failures) > 10:
        console.print(f"  ... and {len(report.failures) - 10} more (see --report)")
    console.print(f"{requests} API request(s) used")
    if report_path is not None:
        report_path.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    raise typer.Exit(EXIT_OK if report.ok else EXIT_ROWS_FAILED)
