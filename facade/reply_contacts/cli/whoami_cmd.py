"""`reply-contacts whoami`: check the API key and show what it can do, where that is knowable."""

from __future__ import annotations

import typer

from ._common import ACTING_CODES, ACTING_HINT, handle_errors, make_client
from ._feedback import reporting_activity, status_console

# Paragraphs as single lines: the help display keeps a docstring's line breaks as they are.
WHOAMI_HELP = (
    "Show the user the key acts as, and whether it can read contacts (one or two requests).\n\n"
    "The API does not reveal a key's scopes: write and operate access show only when used, so"
    " they are reported as unknown rather than probed with a write."
)


@handle_errors
def whoami_command() -> None:
    """Show the user the key acts as and whether it can read contacts (see WHOAMI_HELP)."""
    from reply_contacts.errors import PermissionDeniedError

    with make_client() as client, reporting_activity(status_console()):
        identity = client.whoami()
        typer.echo(f"user id:        {identity.user_id}")
        typer.echo(f"username:       {identity.username or '(not given)'}")
        typer.echo(f"team id:        {identity.team_id or '(not given)'}")
        typer.echo(f"base URL:       {client.base_url}")
        try:
            client.contacts.list_page(top=1)
            readable = "yes"
        except PermissionDeniedError as exc:
            if exc.missing_scope:
                readable = f"no (the key lacks {exc.missing_scope})"
            elif exc.code in ACTING_CODES:  # not the key's scopes: who or which team to act as
                readable = f"not checked ({exc.code}: {ACTING_HINT})"
            else:
                readable = f"no ({exc.code or 'forbidden'})"
        typer.echo(f"contacts:read:  {readable}")
        typer.echo("contacts:write / contacts:operate: not reported by the API")
