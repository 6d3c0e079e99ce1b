"""The current call's deadline, seen by every socket wait inside it.

Kept apart from `deadline.py` (the httpcore network layer that obeys it) so the transport can
open a scope without importing httpcore: building a client stays cheap, and httpcore is loaded
with the first connection pool.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

__all__ = ["deadline_scope", "seconds_left"]

# Monotonic time (time.monotonic) by which the current call must be over; None outside a call.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "reply_contacts_deadline", default=None
)


@contextlib.contextmanager
def deadline_scope(seconds: float) -> Iterator[None]:
    """Every socket wait inside the block (this thread, or this task) ends within `seconds`."""
    token = _deadline.set(time.monotonic() + max(seconds, 0.0))
    try:
        yield
    finally:
        _deadline.reset(token)


def seconds_left() -> float | None:
    """Time left in the current deadline scope; None outside one."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()
