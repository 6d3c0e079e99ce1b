"""What every API command shares: the client from options or environment, and error handling.

Exit codes: 0 success, 1 some rows failed, 2 usage, authentication or any other error. An error
is one line on stderr in the command line's own terms (its flags and variables, not the Python
arguments behind them); --debug adds the traceback above that line and keeps the exit code.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import typer
from typer.core import TyperCommand

# Usage errors and exits, which typer reports itself (usage errors exit 2). Its exception classes
# are click's in older typer releases and a vendored copy in newer ones: found from BadParameter.
_CLICK_EXCEPTION = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_TYPER_EXITS: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort, _CLICK_EXCEPTION)

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_USAGE = 2

API_KEY_HELP = "Reply: Settings → API Key"
NO_API_KEY = f"no API key: pass --api-key KEY or set REPLY_API_KEY (get one in {API_KEY_HELP})"
BAD_KEY_HINT = (
    f"check the API key given by --api-key or REPLY_API_KEY (a key is in {API_KEY_HELP});"
    " a sandbox's key is printed by `reply-contacts sandbox serve`"
)

# The SDK's messages name its Python arguments; the command line has flags for them. One table,
# so every message of every command speaks the same language.
FLAG_OF_ARGUMENT = {
    "api_key": "--api-key",
    "base_url": "--base-url",
    "create_list": "--create-list",
    "create_missing_fields": "--create-fields",
    "journal": "--journal",
    "list_name": "--list",
    "overwrite_existing": "--overwrite",
    "skip_existing": "--skip-existing",
    "restore_deleted": "--restore-deleted",
    "sequence_id": "--sequence-id",
}
# `create_list=True`, `api_key=...`, `journal=<path>`: an argument as Python code passes it.
_PASSED = re.compile(
    r"\b(" + "|".join(map(re.escape, FLAG_OF_ARGUMENT)) + r")=(?:True\b|\.\.\.|<[^>]*>|[\w./-]+)"
)
# A bare name with an underscore is code, never prose (`base_url must be ...`).
_NAMED = re.compile(r"\b(" + "|".join(n for n in FLAG_OF_ARGUMENT if "_" in n) + r")\b")


def in_cli_terms(message: str) -> str:
    """`pass create_list=True to create it` -> `pass --create-list to create it`."""
    message = _PASSED.sub(lambda m: FLAG_OF_ARGUMENT[m.group(1)], message)
    return _NAMED.sub(lambda m: FLAG_OF_ARGUMENT[m.group(1)], message)


@dataclass
class Settings:
    """Global options given before the command (`reply-contacts --debug import ...`)."""

    api_key: str | None = None
    base_url: str | None = None
    debug: bool = False
    # More ReplyContacts keyword arguments, for a program embedding the app (and for tests).
    client_options: dict[str, Any] = field(default_factory=dict)


SETTINGS = Settings()


def make_client() -> Any:
    from reply_contacts import ReplyContacts

    if SETTINGS.api_key is None or not SETTINGS.api_key.strip():
        raise fail(NO_API_KEY)
    return ReplyContacts(
        api_key=SETTINGS.api_key, base_url=SETTINGS.base_url, **SETTINGS.client_options
    )


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


# The identity problems of master and organization keys, and the flags that answer them.
ACTING_CODES = frozenset(
    {"USER_REQUIRED", "USER_NOT_FOUND", "TEAM_REQUIRED", "TEAM_NOT_ACCESSIBLE"}
)
ACTING_HINT = (
    "choose who to act for with --user-id (or --user-email with --team-id) and the team with"
    " --team-id (or REPLY_USER_ID, REPLY_USER_EMAIL, REPLY_TEAM_ID)"
)
BAD_SERVER_HINT = "check the server: --base-url or REPLY_BASE_URL (default https://api.reply.io)"


def describe_error(exc: BaseException) -> str:
    """The one line the command line prints for an error, in its own terms."""
    from reply_contacts.errors import (
        APIConnectionError,
        AuthenticationError,
        InsecureURLError,
        ReplyError,
    )

    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    line = f"{type(exc).__name__}: {in_cli_terms(text)}"
    if isinstance(exc, AuthenticationError):
        line += f"; {BAD_KEY_HINT}"
    elif isinstance(exc, APIConnectionError | InsecureURLError):
        line += f"; {BAD_SERVER_HINT}"
    elif getattr(exc, "code", None) in ACTING_CODES:
        line += f"; {ACTING_HINT}"
    elif not isinstance(exc, ReplyError | OSError | ValueError | KeyError | TypeError):
        line += " (an unexpected error: --debug shows where; please report it)"
    return line


def _print_traceback(exc: BaseException) -> None:
    from reply_contacts.transport.redaction import scrub

    sys.stderr.write(scrub("".join(traceback.format_exception(exc))))
    sys.stderr.flush()


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every failure into one line and exit code 2; --debug adds the traceback first."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except _TYPER_EXITS:
            raise
        except BrokenPipeError:
            # The reader went away (`reply-contacts export | head`): end quietly, as `cat` does,
            # and point stdout at nothing so the interpreter's final flush cannot fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:
            if SETTINGS.debug:
                _print_traceback(exc)
            raise fail(describe_error(exc)) from None

    return wrapper


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class PlainUsageCommand(TyperCommand):
    """A command whose usage line shows a required argument as `FILE`, not typer's `{FILE}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [
            piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
            for piece in super().collect_usage_pieces(ctx)
        ]
