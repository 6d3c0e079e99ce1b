"""What every API command shares: the client from options or environment, and error handling.

Exit codes: 0 success, 1 some rows failed, 2 usage or authentication/permission error (and any
other failure). An error is one clear line on stderr, never a traceback, unless --debug.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import typer

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_USAGE = 2


@dataclass
class Settings:
    """Global options given before the command (`reply-contacts --debug import ...`)."""

    api_key: str | None = None
    base_url: str | None = None
    debug: bool = False


SETTINGS = Settings()


def make_client() -> Any:
    from reply_contacts import ReplyContacts

    return ReplyContacts(api_key=SETTINGS.api_key, base_url=SETTINGS.base_url)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn SDK and OS errors into one line and exit code 2 (a traceback only with --debug)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from reply_contacts.errors import ReplyError

        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except (ReplyError, OSError, ValueError, KeyError, TypeError) as exc:
            if SETTINGS.debug:
                raise
            text = str(exc) if not isinstance(exc, KeyError) else str(exc.args[0])
            raise fail(f"{type(exc).__name__}: {text}") from None

    return wrapper


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
