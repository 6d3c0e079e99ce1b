"""Extras a command needs beyond [cli], checked before it starts: a missing one is one line
naming what to install (exit 2), not a traceback from deep inside the command."""

from __future__ import annotations

from ._common import fail


def require_sandbox() -> None:
    """`demo` and `sandbox serve` run the local server: the [sandbox] extra."""
    try:
        import reply_contacts.sandbox  # noqa: F401 - imported to find out whether it can be
    except ImportError as missing:
        # The sandbox's own message names the extra and the pip command.
        raise fail(str(missing)) from None
