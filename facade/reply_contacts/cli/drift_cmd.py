"""`reply-contacts drift`: does the contract still match my account? (read-only)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ._common import EXIT_OK, EXIT_ROWS_FAILED, fail, handle_errors, make_client

KEY_REFUSED = (
    "the server refused the API key (401 Unauthorized): check the key (in Reply: Settings → API"
    " Key) and what --api-key or REPLY_API_KEY holds"
)


@handle_errors
def drift_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    save_fixtures: Annotated[
        Path | None,
        typer.Option(
            "--save-fixtures",
            help="Write each response here, personal data replaced by stable fakes.",
            file_okay=False,
        ),
    ] = None,
    max_requests: Annotated[
        int, typer.Option("--max-requests", min=1, help="Most requests the check may send.")
    ] = 40,
) -> None:
    """Call every read-only operation of the contract and compare each answer with the spec.

    Exit 0 when nothing drifts, 1 when something does, 2 for usage or authentication errors.
    Never writes: only the contract's read-only operations are sent.
    """
    from reply_contacts.drift import DriftPlan, check_contract, render_text, require_drift_extra
    from reply_contacts.drift import as_json as report_json
    from reply_contacts.errors import AuthenticationError

    try:
        require_drift_extra()
    except ImportError as missing:
        raise fail(str(missing)) from None
    plan = DriftPlan(max_requests=max_requests)
    with make_client() as client:
        typer.echo(
            f"checking {len(plan.operations)} read-only operations against {client.base_url}"
            f" with {plan.requests} request(s) (--max-requests {max_requests})",
            err=True,
        )
        try:
            report = check_contract(client, plan, save_fixtures=save_fixtures)
        except AuthenticationError:
            raise fail(KEY_REFUSED) from None
    if as_json:
        typer.echo(json.dumps(report_json(report), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(report))
    if save_fixtures is not None:
        typer.echo(f"wrote {len(report.fixtures)} fixture(s) to {save_fixtures}", err=True)
    raise typer.Exit(EXIT_ROWS_FAILED if report.drifted else EXIT_OK)
