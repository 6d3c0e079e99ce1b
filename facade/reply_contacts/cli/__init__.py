"""The ``reply-contacts`` command line. Sub-commands live in their own modules and register
themselves on :data:`app` here."""

from __future__ import annotations

import typer

from .sandbox_cmd import sandbox_app

app = typer.Typer(
    name="reply-contacts",
    help="Reply.io Contact Data API (v3): SDK tools and a local sandbox server.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(sandbox_app, name="sandbox")


@app.callback()
def _root() -> None:
    """Reply.io Contact Data API (v3): SDK tools and a local sandbox server."""


def main() -> None:
    app()


__all__ = ["app", "main"]
