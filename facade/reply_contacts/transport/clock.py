"""Time as a dependency: the system clock in production, a virtual clock in tests.

Every wait in the transport (rate-limit slots, Retry-After, backoff) goes through a `Clock`, so
tests can cover minutes and hours of rate-limit windows without sleeping through them.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "FakeClock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds, for measuring waits and windows."""
        ...

    def wall(self) -> float:
        """Epoch seconds, for resolving HTTP-date headers."""
        ...

    def sleep(self, seconds: float) -> None: ...

    async def asleep(self, seconds: float) -> None: ...


# Frozen and field-less, so every SystemClock is equal and hashes alike: the shared-limiter
# registry can key on the clock without callers having to reuse one instance.
@dataclass(frozen=True)
class SystemClock:
    """The real clock: `time.monotonic`, `time.time`, `time.sleep`, `asyncio.sleep`."""

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class FakeClock:
    """Virtual time for tests. Thread-safe; sync and async sleeps never wait in real time.

    Two modes:

    * By default a sleep moves virtual time forward to the sleeper's wake-up time at once
      (time only moves forward, so concurrent sleepers wake at the latest target).
    * Inside `with clock.actor():` blocks (one per thread or task taking part), the clock runs as
      a discrete-event simulation: time advances only when every actor is asleep, and then only
      to the earliest wake-up time. Work done between two sleeps takes zero virtual time, exactly
      as a server with the same clock would observe it. Use it for concurrency tests whose
      assertions depend on when each actor acts.

    `sleeps` records every requested sleep duration, so tests can assert that none happened.
    """

    def __init__(self, start: float = 1000.0, *, wall_start: float = 1_750_000_000.0) -> None:
        self._cond = threading.Condition()
        self._now = start
        self._wall_offset = wall_start - start
        self._actors = 0
        self._wake_times: list[float] = []
        self.sleeps: list[float] = []

    def __repr__(self) -> str:
        return f"FakeClock(now={self._now:.3f}, actors={self._actors})"

    def now(self) -> float:
        with self._cond:
            return self._now

    def wall(self) -> float:
        with self._cond:
            return self._now + self._wall_offset

    def advance(self, seconds: float) -> None:
        """Move time forward by hand (e.g. to let a rate-limit window pass)."""
        with self._cond:
            self._now += max(0.0, seconds)
            self._cond.notify_all()

    @property
    def sleepers(self) -> int:
        """How many callers are currently asleep (simulation mode)."""
        with self._cond:
            return len(self._wake_times)

    @contextlib.contextmanager
    def actor(self) -> Iterator[None]:
        """Take part in the simulation: time waits for this thread or task to sleep or leave."""
        with self._cond:
            self._actors += 1
            self._cond.notify_all()
        try:
            yield
        finally:
            with self._cond:
                self._actors -= 1
                self._cond.notify_all()

    def sleep(self, seconds: float) -> None:
        with self._cond:
            target = self._begin_sleep(seconds)
            if target is None:
                return
            try:
                while not self._try_wake(target):
                    self._cond.wait()
            finally:
                self._wake_times.remove(target)

    async def asleep(self, seconds: float) -> None:
        with self._cond:
            target = self._begin_sleep(seconds)
        if target is None:
            await asyncio.sleep(0)  # a real sleep yields to other tasks; so does this one
            return
        try:
            while True:
                with self._cond:
                    if self._try_wake(target):
                        return
                await asyncio.sleep(0)
        finally:
            with self._cond:
                self._wake_times.remove(target)

    # Both helpers run with self._cond held.

    def _begin_sleep(self, seconds: float) -> float | None:
        """Record the sleep; return its wake-up time if the caller must wait for other actors."""
        seconds = max(0.0, seconds)
        self.sleeps.append(seconds)
        target = self._now + seconds
        if self._actors == 0:
            self._now = max(self._now, target)
            return None
        self._wake_times.append(target)
        self._cond.notify_all()
        return target

    def _try_wake(self, target: float) -> bool:
        if self._now >= target:
            return True
        if len(self._wake_times) >= self._actors:
            # Everyone is asleep: jump to the earliest wake-up time.
            self._now = max(self._now, min(self._wake_times))
            self._cond.notify_all()
        return self._now >= target
