"""What a command tells a person while it works, so that nothing long is silent.

On a terminal (stderr is a tty) rich draws the progress display, a wait for rate-limit budget of
2 s or more is a line above it (`waiting 12 s for the rate limit (minute window)`, heard from the
transport's announcement, before the wait starts) and so is each retry. Anywhere else (a pipe, a CI
log) nothing is drawn: the same waits and retries are INFO log lines on stderr.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
)

from reply_contacts.transport.logging import SecretFilter, get_logger
from reply_contacts.transport.ratelimit import (
    NOTICEABLE_WAIT,
    BudgetWait,
    listening_for_budget_waits,
)
from reply_contacts.transport.stack import BUDGET_WAIT_RECORD

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


def status_console() -> Console:
    """stderr, where progress and notices go (stdout is for the command's output)."""
    console = Console(stderr=True, highlight=False)
    # Words wrap at a terminal's width; in a log or a pipe a long line (a row's reason, an
    # error) stays one line, for grep.
    console.soft_wrap = not console.is_terminal
    return console


def progress_display(console: Console, verb: str, *, quiet: bool = False) -> Progress:
    """A progress bar for `verb` ("importing"), drawn only on a terminal and not when quiet."""
    columns: list[ProgressColumn] = [
        TextColumn(verb),
        # Short, and no clock, so the counts and a status such as
        # "created 2,995, updated 1, invalid 4 (line 3,001)" fit in 80 columns.
        BarColumn(bar_width=10),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
    ]
    return Progress(
        *columns,
        console=console,
        disable=quiet or not console.is_terminal,
        transient=True,
        # The command's output goes to stdout as it is written, never through the display.
        redirect_stdout=False,
        redirect_stderr=False,
    )


class _ConsoleHandler(logging.Handler):
    """INFO records (retries) as plain lines on the console, above any progress display."""

    def __init__(self, console: Console) -> None:
        super().__init__(logging.INFO)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, BUDGET_WAIT_RECORD):
            return  # shown from the announcement itself, in the terminal's words
        try:
            self.console.print(self.format(record), style="dim", markup=False)
        except Exception:  # a handler must never fail the command
            self.handleError(record)


@contextmanager
def reporting_activity(console: Console) -> Iterator[None]:
    """Show rate-limit waits and retries while the block runs (see the module docstring)."""
    logger = get_logger()
    with ExitStack() as stack:
        if console.is_terminal:
            handler: logging.Handler = _ConsoleHandler(console)

            def show_wait(event: BudgetWait) -> None:
                if event.seconds >= NOTICEABLE_WAIT:
                    console.print(event.describe(), style="yellow", markup=False)

            stack.enter_context(listening_for_budget_waits(show_wait))
        elif logger.handlers:  # the application or REPLY_LOG configured logging already
            yield
            return
        else:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler.setLevel(logging.INFO)
        handler.addFilter(SecretFilter())
        previous_level = logger.level
        if logger.getEffectiveLevel() > logging.INFO:
            logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(previous_level)
