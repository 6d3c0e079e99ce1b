"""The `reply_contacts` logger: retries at INFO, wire traffic at DEBUG, secrets never.

Nothing is printed unless the application configures logging or sets `REPLY_LOG=info|debug`,
which installs one stderr handler (`configure_from_env`, done once per process).
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from reply_contacts.transport.redaction import scrub

__all__ = [
    "LIBRARY_LOGGERS",
    "LOGGER_NAME",
    "SecretFilter",
    "configure_from_env",
    "get_logger",
    "protect_library_loggers",
]

LOGGER_NAME = "reply_contacts"
ENV_VAR = "REPLY_LOG"

# The HTTP libraries under the SDK. httpcore logs raw request and response headers at DEBUG
# (a header in which a server echoes the Authorization value among them), httpx the URL at INFO.
LIBRARY_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class SecretFilter(logging.Filter):
    """Rewrites each record so no registered secret survives in its message or traceback.

    The message is formatted here (args merged in) and the exception text pre-rendered, because
    formatters would otherwise render the raw values again after the filter has run.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken format string; leave it to the handler to report
            return True
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


_filter = SecretFilter()
_configure_lock = threading.Lock()
_configured = False


def get_logger(name: str = LOGGER_NAME) -> logging.Logger:
    """A logger of the `reply_contacts` tree with the secret filter attached.

    Logger filters only see records logged on that very logger (not on its children), so every
    logger the package uses must come from here.
    """
    logger = logging.getLogger(name)
    if _filter not in logger.filters:
        logger.addFilter(_filter)
    return logger


def protect_library_loggers() -> None:
    """Attach the secret filter to httpx's and httpcore's loggers, children included.

    A logger's filters only see records logged on that very logger, so every child gets its
    own: the known ones, and any other `httpx.*` or `httpcore.*` logger that exists by now.
    Whoever turns their DEBUG output on (REPLY_LOG or the application's logging config) then
    sees the key masked. Cheap and idempotent: the transport calls it whenever it is built.
    """
    existing = [
        name
        for name in list(logging.Logger.manager.loggerDict)
        if name.startswith(("httpx.", "httpcore."))
    ]
    for name in (*LIBRARY_LOGGERS, *existing):
        get_logger(name)


def configure_from_env() -> None:
    """Install a stderr handler at the level named by `REPLY_LOG` (debug or info), once."""
    global _configured  # noqa: PLW0603 - configure once per process
    with _configure_lock:
        if _configured:
            return
        _configured = True
        level_name = os.environ.get(ENV_VAR, "").strip().upper()
        if level_name not in {"DEBUG", "INFO"}:
            return
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(_filter)  # also covers records propagated from child loggers
        logger = get_logger()
        logger.addHandler(handler)
        logger.setLevel(level_name)
