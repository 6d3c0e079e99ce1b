"""`reply-contacts export`: stream contacts (all, a list's, or a filter's) as CSV or JSON Lines."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from ._common import handle_errors, make_client

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


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def parse_where(text: str) -> tuple[str, str, str | None]:
    """`"title contains VP"` -> ("title", "contains", "VP"); `"phone isSet"` has no value."""
    parts = text.strip().split(None, 2)
    if len(parts) < 2:
        raise typer.BadParameter(
            f"--where takes 'PROPERTY CONDITION [VALUE]', got {text!r}", param_hint="--where"
        )
    return parts[0], parts[1], parts[2] if len(parts) == 3 else None


def _rows(client: Any, body: dict[str, Any], titles: dict[str, str]) -> Iterator[dict[str, Any]]:
    for contact in client.contacts.filter(body):
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
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        count += 1
    return count


def _write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


@handle_errors
def export_command(
    list_name: Annotated[
        str | None, typer.Option("--list", help="Only contacts in this contact list.")
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(help="Rule 'PROPERTY CONDITION [VALUE]', e.g. 'title contains VP'."),
    ] = None,
    search: Annotated[str | None, typer.Option(help="Free-text search term.")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="csv or jsonl.")] = Format.csv,
    output: Annotated[Path | None, typer.Option(help="File to write (default stdout).")] = None,
) -> None:
    """Export contacts, streamed page by page (1,000 per request)."""
    with make_client() as client:
        body: dict[str, Any] = {}
        if where:
            body["rules"] = [
                {"property": p, "condition": c, "value": v}
                for p, c, v in (parse_where(w) for w in where)
            ]
        if search:
            body["searchTerm"] = search
        if list_name:
            found = client.contact_lists.find_by_name(list_name)
            if found is None:
                raise typer.BadParameter(
                    f"no contact list named {list_name!r}", param_hint="--list"
                )
            body["listId"] = found.id
        fields = client.custom_fields.list()
        titles = {str(f.id): str(f.title) for f in fields}
        rows = _rows(client, body, titles)
        handle = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
        try:
            if output_format is Format.csv:
                count = _write_csv(rows, handle, sorted(titles.values()))
            else:
                count = _write_jsonl(rows, handle)
        finally:
            if output:
                handle.close()
    typer.echo(f"exported {count:,} contact(s)", err=True)
