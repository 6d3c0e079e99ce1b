"""The ``reply-contacts`` command line (typer + rich, the [cli] extra).

Commands: import, export, whoami, demo, and ``sandbox serve``. Global options come before the
command: ``reply-contacts --debug import prospects.csv --list "Q4"``. Exit codes: 0 success,
1 some rows failed, 2 usage, authentication or any other error; errors are one line, and --debug
prints the traceback before it (the exit code stays the same).
The console script enters through ``reply_contacts.cli.main``, which checks the extra first.
"""

from __future__ import annotations

from typing import Annotated

import typer
from reply_contact_data_client.contract import SERVER_URL

from ._common import API_KEY_HELP, SETTINGS, PlainUsageCommand
from .demo_cmd import DEMO_HELP, demo_command
from .drift_cmd import drift_command
from .export_cmd import export_command
from .import_cmd import import_command
from .sandbox_cmd import sandbox_app
from .whoami_cmd import WHOAMI_HELP, whoami_command

app = typer.Typer(
    name="reply-contacts",
    help="Reply.io Contact Data API (v3): SDK tools and a local sandbox server.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Help texts are plain text: `[@USER_ID]` or `[VALUE]` are syntax shown to the user, not
    # rich markup to interpret.
    rich_markup_mode=None,
)
app.add_typer(sandbox_app, name="sandbox")
app.command("import", cls=PlainUsageCommand)(import_command)
app.command("export", cls=PlainUsageCommand)(export_command)
app.command("whoami", cls=PlainUsageCommand, help=WHOAMI_HELP)(whoami_command)
app.command("demo", cls=PlainUsageCommand, help=DEMO_HELP)(demo_command)
app.command("drift", cls=PlainUsageCommand)(drift_command)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(versions())
        raise typer.Exit()


def versions() -> str:
    """This facade's version and the generated client's it is pinned to."""
    from importlib.metadata import PackageNotFoundError, version

    from reply_contacts import __version__

    try:
        client_version = version("reply-contact-data-client")
    except PackageNotFoundError:  # importable from a source tree without being installed
        from reply_contact_data_client.contract import SPEC_VERSION as client_version
    return f"reply-contacts {__version__} (reply-contact-data-client {client_version})"


@app.callback()
def _root(
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            metavar="KEY",
            envvar="REPLY_API_KEY",
            help=f"API key (or REPLY_API_KEY); {API_KEY_HELP}.",
            show_envvar=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            envvar="REPLY_BASE_URL",
            help=f"API base URL (or REPLY_BASE_URL; default {SERVER_URL}).",
            show_envvar=False,
        ),
    ] = None,
    user_id: Annotated[
        int | None,
        typer.Option(
            "--user-id",
            metavar="ID",
            envvar="REPLY_USER_ID",
            help="Act for this Reply user (or REPLY_USER_ID): master and organization keys.",
            show_envvar=False,
        ),
    ] = None,
    user_email: Annotated[
        str | None,
        typer.Option(
            "--user-email",
            metavar="EMAIL",
            envvar="REPLY_USER_EMAIL",
            help="Act for the user with this email (or REPLY_USER_EMAIL); needs --team-id.",
            show_envvar=False,
        ),
    ] = None,
    team_id: Annotated[
        int | None,
        typer.Option(
            "--team-id",
            metavar="ID",
            envvar="REPLY_TEAM_ID",
            help="Work in this team (or REPLY_TEAM_ID): for users in more than one team.",
            show_envvar=False,
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Print the traceback of an error (exit codes stay the same)."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show versions and exit."
        ),
    ] = False,
) -> None:
    """Reply.io Contact Data API (v3): SDK tools and a local sandbox server."""
    SETTINGS.api_key = api_key
    SETTINGS.base_url = base_url
    SETTINGS.debug = debug
    # Each invocation says anew who it acts for (an embedding process may run several).
    acting = {"user_id": user_id, "user_email": user_email, "team_id": team_id}
    for name, value in acting.items():
        if value is None:
            SETTINGS.client_options.pop(name, None)
        else:
            SETTINGS.client_options[name] = value


def main() -> None:
    # Usage errors exit 2 (click's convention), matching the SDK's "usage or auth" code.
    app()


__all__ = ["app", "main"]
