"""rich tables of SDK results, shared by the command line and the demo.

rich comes with the [cli] extra; this module is imported only by the CLI and the demo, which
need that extra anyway. It sits below both so that neither imports the other for a table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from .workflows.import_report import ImportReport


def import_summary_table(report: ImportReport) -> Group:
    """Which list, then rows per outcome (outcomes with no row left out, except created and
    total). The list is named on a line of its own: as a table title it would be wrapped to the
    narrow table's width, a long name over several lines."""
    heading = Text(f"Imported into contact list {report.list_name!r} (id {report.list_id})")
    table = Table()
    table.add_column("outcome")
    table.add_column("rows", justify="right")
    for name, value in report.totals().items():
        if value or name in {"created", "total"}:
            table.add_row(name, f"{value:,}")
    return Group(heading, table)
