"""rich tables of SDK results, shared by the command line and the demo.

rich comes with the [cli] extra; this module is imported only by the CLI and the demo, which
need that extra anyway. It sits below both so that neither imports the other for a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from .workflows.import_report import ImportReport


def import_summary_table(report: ImportReport) -> Table:
    """Rows per outcome of an import (outcomes with no row left out, except created and total)."""
    table = Table(title=f"Import into list {report.list_name!r} (id {report.list_id})")
    table.add_column("outcome")
    table.add_column("rows", justify="right")
    for name, value in report.totals().items():
        if value or name in {"created", "total"}:
            table.add_row(name, f"{value:,}")
    return table
