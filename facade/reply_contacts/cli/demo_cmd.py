"""`reply-contacts demo`: the SDK's main job end to end against the embedded sandbox
(the [sandbox] extra; without it, one line says how to install it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import handle_errors
from ._extras import require_sandbox

DEMO_HELP = (
    "Import prospects into a list, build a segment, check contacts before outreach, group them"
    " under accounts, and report the requests used: all against a local sandbox."
)


@handle_errors
def demo_command(
    csv_path: Annotated[
        Path | None,
        typer.Option(
            "--csv", metavar="PATH", help="Prospects CSV (default: examples/prospects.csv)."
        ),
    ] = None,
) -> None:
    """The SDK's main job end to end against a local sandbox (see DEMO_HELP)."""
    require_sandbox()
    from reply_contacts.demo import run_demo

    result = run_demo(csv_path)
    if result.server_429s:
        raise typer.Exit(1)
