"""`reply-contacts export`: stream contacts (all, a list's, or a filter's) as CSV or JSON Lines.

Everything that can be checked is checked before the first contact is written: the --where rules
locally (before any request), then the custom-field titles they name and the list. The file given
by --output is written aside and renamed into place only once the export is complete, so a failed
export never leaves a file that looks like a (short) export.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, cast

import typer

from ._common import handle_errors, make_client
from ._feedback import progress_display, reporting_activity, status_console

if TYPE_CHECKING:
    from reply_contacts.filters import ContactFilter, ContactRule

# Columns of a CSV export, in the API's names; custom fields follow, by title.
CSV_COLUMNS = (
    "id",
    "email",
    "firstName",
    "lastName",
    "title",
    "company",
    "phone",
    "city",
    "state",
    "country",
    "linkedInUrl",
    "ownerUserId",
    "accountId",
    "isOptedOut",
    "callStatus",
    "meetingStatus",
)

WHERE_HELP = (
    "Rule 'PROPERTY CONDITION [VALUE]', e.g. 'title contains VP' or '\"Deal Stage\" equals Won'"
    " (quote a custom-field title or value with spaces). Repeatable: every rule must match."
)


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def parse_where(texts: list[str]) -> list[ContactRule]:
    """The --where rules, each checked here, before any request is made."""
    from reply_contacts.filters import FilterError
    from reply_contacts.filters.text import parse_contact_rule

    try:
        return [parse_contact_rule(text) for text in texts]
    except FilterError as exc:
        raise typer.BadParameter(str(exc), param_hint="--where") from None


def _check_titles(rules: list[ContactRule], fields: list[Any]) -> None:
    """Every custom field a rule names by title exists (the catalog is loaded: no request)."""
    from reply_contacts.filters.text import known_properties

    titles = {str(f.title).casefold() for f in fields}
    for rule in rules:
        if rule.custom_title is not None and rule.custom_title.casefold() not in titles:
            known = ", ".join(sorted(str(f.title) for f in fields)) or "none"
            raise typer.BadParameter(
                f"{rule.custom_title!r} is neither a contact property"
                f" ({', '.join(known_properties())}) nor a custom field of this account"
                f" (custom fields: {known})",
                param_hint="--where",
            )


def _cell(value: Any) -> Any:
    # The same spelling as JSON Lines: true/false, and an empty cell for null.
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _rows(client: Any, query: ContactFilter, titles: dict[str, str]) -> Iterator[dict[str, Any]]:
    for contact in client.contacts.filter(query):
        data = contact.to_dict()
        custom = {
            titles.get(str(cf.get("key")), str(cf.get("key"))): cf.get("value")
            for cf in data.pop("customFields", []) or []
        }
        yield {**data, **{f"custom:{k}": v for k, v in custom.items()}}


def _write_csv(rows: Iterator[dict[str, Any]], out: TextIO, titles: list[str]) -> int:
    columns = [*CSV_COLUMNS, *(f"custom:{t}" for t in titles)]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def _write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


@contextmanager
def _destination(output: Path | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside `output` renamed over it when the block succeeds."""
    if output is None:
        yield sys.stdout
        return
    target = output.resolve()
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
        "w",
        dir=target.parent,
        prefix=f".{target.name}.",
        suffix=".part",
        delete=False,
        newline="",
        encoding="utf-8",
    )
    try:
        with handle:
            yield cast(TextIO, handle)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


@handle_errors
def export_command(
    list_name: Annotated[
        str | None,
        typer.Option("--list", metavar="NAME", help="Only contacts in this contact list."),
    ] = None,
    where: Annotated[
        list[str] | None, typer.Option("--where", metavar="RULE", help=WHERE_HELP)
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", metavar="TEXT", help="Free-text search term.")
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", help="CSV, or JSON Lines (one object per line).")
    ] = Format.csv,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            metavar="PATH",
            help="File to write (default stdout), complete or not at all.",
        ),
    ] = None,
) -> None:
    """Export contacts, streamed page by page (1,000 per request)."""
    from reply_contacts.filters import ContactFilter

    rules = parse_where(where or [])
    query = ContactFilter(rules, search=search)  # checked here too, before any request
    console = status_console()
    with make_client() as client, reporting_activity(console):
        fields = client.custom_fields.list()
        client.field_catalog.load(fields)  # the rules' titles resolve without another request
        _check_titles(rules, fields)
        if list_name:
            found = client.contact_lists.find_by_name(list_name)
            if found is None:
                raise typer.BadParameter(
                    f"no contact list named {list_name!r}", param_hint="--list"
                )
            query = query.in_list(found.id)
        titles = {str(f.id): str(f.title) for f in fields}
        # No bar over contacts printed to the same terminal; the total is one more request,
        # spent only for a bar someone will see.
        quiet = output is None and sys.stdout.isatty()
        total = client.contacts.count(query) if console.is_terminal and not quiet else None
        with (
            progress_display(console, "exporting", quiet=quiet) as progress,
            _destination(output) as handle,
        ):
            task = progress.add_task("export", total=total, status="")

            def counted(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
                for row in rows:
                    yield row
                    progress.advance(task)

            rows = counted(_rows(client, query, titles))
            if output_format is Format.csv:
                count = _write_csv(rows, handle, sorted(titles.values()))
            else:
                count = _write_jsonl(rows, handle)
    console.print(f"exported {count:,} contact(s)", markup=False)
