"""A circuit breaker with a background probe, so that a stuck Redis stalls no caller twice.

Closed, callers use Redis. The first failure opens it: from then on callers don't wait on Redis
at all (they raise or fall back at once), while one background thread per breaker probes Redis
every `interval` seconds. The probe that succeeds (it also re-publishes what Redis missed)
closes the breaker. A frozen Redis thus costs the callers that were already talking to it one
socket timeout, and nobody else anything.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable

from reply_contacts.transport.logging import get_logger

__all__ = ["CircuitBreaker"]


class CircuitBreaker:
    def __init__(self, interval: float, probe: Callable[[], object]) -> None:
        self.interval = interval
        # The thread holds the probe weakly, so an abandoned limiter can still be collected.
        self._probe = weakref.WeakMethod(probe) if hasattr(probe, "__self__") else lambda: probe
        self._lock = threading.Lock()
        self._open = False
        self._opened_at = 0.0  # time.monotonic()
        self._reason = ""
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    @property
    def is_open(self) -> bool:
        if not self._open:  # the common case, without taking the lock
            return False
        with self._lock:
            if self._open:
                self._ensure_prober()
            return self._open

    @property
    def reason(self) -> str:
        return self._reason

    @property
    def open_for(self) -> float:
        return time.monotonic() - self._opened_at if self._open else 0.0

    def trip(self, reason: str) -> bool:
        """Open the breaker (True if this call opened it) and make sure a probe is running."""
        with self._lock:
            first = not self._open
            if first:
                self._open, self._opened_at = True, time.monotonic()
            self._reason = reason
            self._ensure_prober()
            return first

    def close(self) -> bool:
        """Close the breaker; True if it was open."""
        with self._lock:
            was_open, self._open = self._open, False
            return was_open

    def stop(self) -> None:
        """End the probe thread for good (the limiter is closed)."""
        self._stopped.set()

    def _ensure_prober(self) -> None:
        # Called with the lock held. A forked child inherits the state but not the thread.
        alive = self._thread is not None and self._thread.is_alive() and self._pid == os.getpid()
        if alive or self._stopped.is_set():
            return
        self._pid = os.getpid()
        self._thread = threading.Thread(
            target=self._run, name="reply-contacts-redis-probe", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            probe = self._probe()
            if probe is None:  # the limiter is gone
                return
            try:
                probe()  # closes the breaker when Redis is back
            except Exception:  # a bug in the probe must not end probing silently
                get_logger().exception("rate limit: probing Redis failed unexpectedly")
            del probe
            with self._lock:  # leaving under the lock: a trip after this starts a new thread
                if not self._open:
                    self._thread = None
                    return
