"""The ``reply-contacts`` console command: the entry point, and nothing else.

The console script imports this module whether or not the [cli] extra is installed, so it
imports no third-party library at module level: ``main`` first checks that typer and rich are
there (else it says which extra to install and exits 2), then runs the typer application in
:mod:`reply_contacts.cli.commands`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .commands import app

CLI_EXTRA = 'pip install "reply-contacts[cli]"'
EXIT_USAGE = 2


def main() -> None:
    try:
        import rich  # noqa: F401 - imported to find out whether the extra is there
        import typer  # noqa: F401
    except ImportError as missing:
        print(
            f"reply-contacts: the command line needs the [cli] extra ({missing.name} is not "
            f"installed): {CLI_EXTRA}",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_USAGE) from None
    from .commands import main as run

    run()


def __getattr__(name: str) -> Any:
    # `from reply_contacts.cli import app` (tests, embedding) loads the typer application.
    if name == "app":
        from .commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
