"""``reply-contacts sandbox serve``: run the local Contact Data API sandbox in the foreground.

The first line printed is ``Sandbox listening on http://HOST:PORT`` (flushed at once, with the
real port when ``--port 0``), so scripts can start it and read where it is. Bound to an
interface other than loopback, the second line is ``Admin token (X-Sandbox-Admin-Token): TOKEN``:
the ``/_sandbox`` admin routes then need it in that header (a warning says so on stderr). The
next line gives the API key beside the URL, as the two variables that point the SDK and the
command line at it: ``  export REPLY_BASE_URL=URL REPLY_API_KEY=KEY``.
"""

from __future__ import annotations

import shlex
import signal
from types import FrameType
from typing import Annotated

import typer

from ._common import PlainUsageCommand
from ._extras import require_sandbox

sandbox_app = typer.Typer(help="A stateful local Contact Data API server.", no_args_is_help=True)


def parse_key(spec: str) -> tuple[str, list[str], int]:
    """``KEY=SCOPE,SCOPE`` with an optional ``@USER_ID`` suffix (default user 1)."""
    key, sep, rest = spec.partition("=")
    if not sep or not key:
        raise typer.BadParameter(f"expected KEY=SCOPE[,SCOPE...][@USER_ID], got {spec!r}")
    scopes_text, _, user_text = rest.partition("@")
    scopes = [scope.strip() for scope in scopes_text.split(",") if scope.strip()]
    try:
        user_id = int(user_text) if user_text else 1
    except ValueError:
        raise typer.BadParameter(f"user id must be an integer in {spec!r}") from None
    return key, scopes or ["*:*"], user_id


def _ignore_signal(signum: int, frame: FrameType | None) -> None:
    """uvicorn re-raises the stop signal after shutting down; ending quietly means exit 0."""


@sandbox_app.command(cls=PlainUsageCommand)
def serve(
    host: Annotated[
        str, typer.Option("--host", metavar="HOST", help="Interface to bind.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", metavar="PORT", help="Port; 0 picks a free one.")
    ] = 0,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="PATH", help="SQLite file to keep data in (default: memory)."),
    ] = None,
    api_key: Annotated[
        str,
        typer.Option("--api-key", metavar="KEY", help="The all-scopes key (replaces 'sandbox')."),
    ] = "sandbox",
    key: Annotated[
        list[str] | None,
        typer.Option(
            "--key", metavar="SPEC", help="Extra key: KEY=SCOPE,SCOPE[@USER_ID]. Repeatable."
        ),
    ] = None,
    rate_limit: Annotated[
        str, typer.Option("--rate-limit", metavar="LIMITS", help="PER_MINUTE/PER_HOUR, or 'off'.")
    ] = "100/3000",
    fault: Annotated[
        list[str] | None,
        typer.Option(
            "--fault",
            metavar="RULE",
            help="Fault rule, e.g. 'POST /v3/contacts/import status=503 times=2'. Repeatable.",
        ),
    ] = None,
    seed: Annotated[bool, typer.Option(help="Seed users, sequences and accounts.")] = True,
    log_level: Annotated[
        str, typer.Option("--log-level", metavar="LEVEL", help="uvicorn log level.")
    ] = "warning",
) -> None:
    """Serve the sandbox until SIGINT or SIGTERM."""
    require_sandbox()  # without the [sandbox] extra: one line naming it, exit 2
    # Imported here so that `reply-contacts --help` stays fast.
    from reply_contacts.sandbox.admin import ADMIN_TOKEN_HEADER, protect_if_exposed
    from reply_contacts.sandbox.app import create_app
    from reply_contacts.sandbox.faults import FaultRule
    from reply_contacts.sandbox.ratelimit import RateLimitConfig
    from reply_contacts.sandbox.server import SandboxServer
    from reply_contacts.sandbox.state import SandboxState

    try:
        limits = RateLimitConfig.parse(rate_limit)
        rules = [FaultRule.parse(spec) for spec in fault or []]
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    state = SandboxState(db_path=db, api_key=api_key, seed=seed, rate_limit=limits, faults=rules)
    for spec in key or []:
        name, scopes, user_id = parse_key(spec)
        state.ensure_user(user_id)
        try:
            state.keys.add(name, scopes, user_id=user_id)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None
    state.default_keys = state.keys.snapshot()
    server = SandboxServer(
        create_app(state), state.connections, host=host, port=port, log_level=log_level
    )
    admin_token = protect_if_exposed(state, server.socket)
    print(f"Sandbox listening on {server.url}", flush=True)
    if admin_token is not None:
        # protect_if_exposed has logged the warning (stderr); the token goes with the URL.
        print(f"Admin token ({ADMIN_TOKEN_HEADER}): {admin_token}", flush=True)
    variables = f"REPLY_BASE_URL={shlex.quote(server.url)} REPLY_API_KEY={shlex.quote(api_key)}"
    print(f"  export {variables}", flush=True)
    signal.signal(signal.SIGTERM, _ignore_signal)
    signal.signal(signal.SIGINT, _ignore_signal)
    try:
        server.serve_forever()
    finally:
        server.socket.close()
        state.store.close()
