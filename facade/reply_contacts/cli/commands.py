"""The ``reply-contacts`` command line (typer + rich, the [cli] extra).

Commands: import, export, whoami, demo, and ``sandbox serve``. Global options come before the
command: ``reply-contacts --debug import prospects.csv --list "Q4"``. Exit codes: 0 success,
1 some rows failed, 2 usage or authentication error; errors are one line unless --debug.
The console script enters through ``reply_contacts.cli.main``, which checks the extra first.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import SETTINGS
from .demo_cmd import demo_command
from .drift_cmd import drift_command
from .export_cmd import export_command
from .import_cmd import import_command
from .sandbox_cmd import sandbox_app
from .whoami_cmd import whoami_command

app = typer.Typer(
    name="reply-contacts",
    help="Reply.io Contact Data API (v3): SDK tools and a local sandbox server.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(sandbox_app, name="sandbox")
app.command("import")(import_command)
app.command("export")(export_command)
app.command("whoami")(whoami_command)
app.command("demo")(demo_command)
app.command("drift")(drift_command)


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
            envvar="REPLY_API_KEY",
            help="API key (or REPLY_API_KEY).",
            show_envvar=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", envvar="REPLY_BASE_URL", help="API base URL.", show_envvar=False
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
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


def main() -> None:
    # Usage errors exit 2 (click's convention), matching the SDK's "usage or auth" code.
    app()


__all__ = ["app", "main"]
