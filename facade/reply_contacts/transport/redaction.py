"""Keep API keys out of logs, reprs, exception messages and tracebacks.

Every transport registers its key here when it is created. `scrub` then replaces any registered
secret in a piece of text, and `redact_headers` masks credential-bearing headers. The logging
filter and the transport's error paths both go through these two functions.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Mapping
from types import TracebackType

import httpx

from reply_contacts.errors import SECRET_HEADERS, install_scrubber

__all__ = [
    "MASK",
    "redact_headers",
    "redact_url",
    "register_secret",
    "scrub",
    "scrub_exception_chain",
]

MASK = "***"

# Shorter strings are not treated as secrets: masking them would mangle ordinary text.
_MIN_SECRET_LENGTH = 6

_lock = threading.Lock()
_secrets: frozenset[str] = frozenset()


def register_secret(secret: str) -> None:
    """Remember `secret` so that `scrub` removes it from any text from now on."""
    global _secrets  # noqa: PLW0603 - a process-wide registry is the point
    if len(secret) < _MIN_SECRET_LENGTH:
        return
    with _lock:
        _secrets = _secrets | {secret}


def scrub(text: str) -> str:
    """Replace every registered secret in `text` with `***`."""
    for secret in _secrets:  # the frozenset is swapped atomically, so no lock is needed to read
        if secret in text:
            text = text.replace(secret, MASK)
    return text


install_scrubber(scrub)


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """A copy of `headers` safe to log: credentials masked, the auth scheme kept for debugging."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    safe: dict[str, str] = {}
    for name, value in items:
        if name.lower() in SECRET_HEADERS:
            scheme, _, rest = value.partition(" ")
            is_auth = name.lower().endswith("authorization")
            safe[name] = f"{scheme} {MASK}" if is_auth and rest else MASK
        else:
            safe[name] = scrub(value)
    return safe


def redact_url(url: httpx.URL) -> str:
    """The URL without user info and with registered secrets masked (a key could sit in a query)."""
    port = f":{url.port}" if url.port is not None else ""
    target = url.raw_path.decode("ascii", errors="replace")
    return scrub(f"{url.scheme}://{url.host}{port}{target}")


def scrub_exception_chain(error: BaseException) -> None:
    """Make `error` and every exception chained to it safe to print.

    Secrets are masked in their string arguments, and the frames their tracebacks unwound (all
    finished) forget their local variables: such a frame may hold a raw response, a parsed body
    or a header in which a server echoed the key, and `TracebackException(capture_locals=True)`
    or a post-mortem tool would show it. File, line and function of every frame stay.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    pending: list[BaseException] = []
    while current is not None or pending:
        if current is None:
            current = pending.pop()
        if id(current) in seen:
            current = None
            continue
        seen.add(id(current))
        with contextlib.suppress(AttributeError, TypeError):  # exotic exception types
            current.args = tuple(scrub(a) if isinstance(a, str) else a for a in current.args)
        _forget_locals(current.__traceback__)
        if current.__context__ is not None:
            pending.append(current.__context__)
        current = current.__cause__


def _forget_locals(trace: TracebackType | None) -> None:
    while trace is not None:
        # A frame still running (the one that caught the error, its callers) refuses: skipped.
        with contextlib.suppress(RuntimeError):
            trace.tb_frame.clear()
        trace = trace.tb_next
