"""Proactive rate limiting: stay under 100 requests/minute and 3,000/hour per Reply user.

The server counts requests per user in sliding windows and answers 429 past either limit. The
limiter keeps every client of one budget under both windows before the server has to say so,
serves waiting callers first-come first-served, and carries the "server said wait" pause from a
429 to every later request of that budget. A budget is named by its key, which the transport
derives in one place (`budget.budget_key`: the Reply user a request acts for).

`InMemoryLimiter` is written here rather than taken from `limits` or `pyrate-limiter`: those
answer "may I send now?" against the system clock, while fairness needs each caller to reserve
the next free slot in arrival order (shared by threads and asyncio tasks alike) and the tests
need an injectable clock. A Redis-backed limiter for many processes can implement `Limiter`
on top of one of them.

Waits are announced before they start: a limiter about to hold a request back calls
`announce_budget_wait(BudgetWait(key, seconds, window))`, and whoever is listening in the current
context (`listening_for_budget_waits(listener)`; the transport does, to log it, and so can an
application or the command line, to show it) hears how long and which window is full.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from reply_contacts.errors import RateLimitError
from reply_contacts.transport.clock import Clock, SystemClock

__all__ = [
    "HOUR_WINDOW",
    "MINUTE_WINDOW",
    "NOTICEABLE_WAIT",
    "PAUSE_WINDOW",
    "BudgetWait",
    "BudgetWaitListener",
    "InMemoryLimiter",
    "Limiter",
    "RateLimitPolicy",
    "announce_budget_wait",
    "key_fingerprint",
    "listening_for_budget_waits",
    "shared_limiter",
]

# What holds a request back, as events and errors name it.
MINUTE_WINDOW = "minute"
HOUR_WINDOW = "hour"
PAUSE_WINDOW = "429 pause"  # the server answered 429: every request of the key waits it out

NOTICEABLE_WAIT = 2.0
"""Waits at least this long are worth telling a person about (the transport logs them at INFO,
the command line prints them); shorter ones are the normal pacing of a busy budget."""


@dataclass(frozen=True)
class BudgetWait:
    """A request spending budget `key` (a Reply user's, see `budget.py`) is about to wait
    `seconds` because `window` is full: `MINUTE_WINDOW`, `HOUR_WINDOW` or `PAUSE_WINDOW`."""

    key: str
    seconds: float
    window: str

    def describe(self) -> str:
        """`waiting 12 s for the rate limit (minute window)`."""
        seconds = max(1, round(self.seconds))
        where = "a 429 from the server" if self.window == PAUSE_WINDOW else f"{self.window} window"
        return f"waiting {seconds} s for the rate limit ({where})"


BudgetWaitListener = Callable[[BudgetWait], None]

# A stack, so a listener set around a whole command and the one the transport sets around each
# acquire both hear the wait. Context-local: asyncio tasks inherit it, new threads do not.
_budget_wait_listeners: ContextVar[tuple[BudgetWaitListener, ...]] = ContextVar(
    "reply_contacts_budget_wait_listeners", default=()
)


@contextmanager
def listening_for_budget_waits(listener: BudgetWaitListener) -> Iterator[None]:
    """Call `listener` with a `BudgetWait` before every rate-limit wait in this context.

    Listeners run on the waiting thread or task, just before the sleep; they should be quick
    and must not raise (an exception would fail the request).
    """
    token = _budget_wait_listeners.set((*_budget_wait_listeners.get(), listener))
    try:
        yield
    finally:
        _budget_wait_listeners.reset(token)


def announce_budget_wait(event: BudgetWait) -> None:
    """Tell this context's listeners, innermost first, that a wait is about to start.

    Limiters call it before they sleep for a slot; the transport before it sits out a 429.
    """
    for listener in reversed(_budget_wait_listeners.get()):
        listener(event)


@dataclass(frozen=True)
class RateLimitPolicy:
    """Both windows of the budget. Windows can be shrunk for tests.

    `margin` (0.25 s) widens both windows a little, so that a send which leaves a moment after
    its slot (a thread or event loop waking late, clock granularity, network jitter) still
    reaches the server outside its window: without it, the 101st request of a minute can arrive
    a few milliseconds inside the server's window and be refused with a 429. A quarter second
    covers wake-up lag on a loaded machine and costs under 0.5% of the minute's throughput;
    slower sends widen it further on their own, by the largest recent slot-to-answer delay
    (up to `MAX_OBSERVED_DELAY`, see `Limiter.observe`). Set it to 0 for exact arithmetic in
    tests.

    `longest_wait` is the longest the limiter can make a sequential caller (one request after
    another) wait for budget it spent itself; the client's default `max_wait` is that long, so
    a plain loop never raises for its own budget.
    """

    per_minute: int = 100
    per_hour: int = 3000
    minute_window: float = 60.0
    hour_window: float = 3600.0
    margin: float = 0.25

    def __post_init__(self) -> None:
        if self.per_minute < 1 or self.per_hour < 1:
            raise ValueError("rate limits must allow at least one request per window")
        if self.minute_window <= 0 or self.hour_window <= 0 or self.margin < 0:
            raise ValueError("windows must be positive and the margin non-negative")

    @property
    def longest_wait(self) -> float:
        """Seconds a sequential caller can wait, at most, for a slot of this budget.

        The minute window: a burst fills it at once, and the next request waits for the
        oldest send to leave it (the window plus the margin, which observed delays widen to
        at most `MAX_OBSERVED_DELAY`). The hour window: before its budget is spent, the minute
        window has made the caller wait through `per_hour / per_minute - 1` full minute
        windows, so what is left of the hour is the rest. With the defaults: 3,600 + 5 - 29 x
        60 = 1,865 s (about 31 minutes, the wait of the 3,001st request of an hour).
        """
        margin = max(self.margin, MAX_OBSERVED_DELAY)
        minute = self.minute_window + margin
        windows_spent = max(0, math.ceil(self.per_hour / self.per_minute) - 1)
        hour = self.hour_window + margin - windows_spent * self.minute_window
        return max(minute, hour)


@runtime_checkable
class Limiter(Protocol):
    """The plug-in point for rate limiting, in process or shared through a store like Redis."""

    def acquire(self, key: str, *, max_wait: float) -> float:
        """Block until a request of `key` may be sent under every window; return seconds waited.

        Raises `RateLimitError(retry_after=..., window=...)` instead of waiting longer than
        `max_wait`. Before sleeping, calls `announce_budget_wait` (so listeners can show it).
        """
        ...

    async def acquire_async(self, key: str, *, max_wait: float) -> float:
        """`acquire` for asyncio callers; shares the queue with synchronous callers."""
        ...

    def pause(self, key: str, seconds: float) -> None:
        """The server said Retry-After: hold every later request of `key` for `seconds`.

        A pause is only ever extended, never shortened.
        """
        ...

    def paused_for(self, key: str) -> float:
        """Seconds left in the current pause of `key` (0 when not paused)."""
        ...

    def observe(self, key: str, seconds: float) -> None:
        """A request of `key` took `seconds` from its slot to its answer.

        The server counts a request when it arrives, which can be that much later than the
        slot (a cold TLS handshake, a slow proxy): limiters widen their windows by the largest
        recent delay so the next window's requests never reach the server too early.
        """
        ...


def key_fingerprint(api_key: str) -> str:
    """A stable, non-reversible name for an API key, safe to log and to use as a limiter key."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:16]


# Longest send delay the window margin grows to; recent delays are what count.
MAX_OBSERVED_DELAY = 5.0
OBSERVED_DELAYS_KEPT = 32


class DelayTracker:
    """The largest of the recent slot-to-answer delays of each key, capped."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._delays: dict[str, deque[float]] = {}

    def observe(self, key: str, seconds: float) -> None:
        with self._lock:
            recent = self._delays.setdefault(key, deque(maxlen=OBSERVED_DELAYS_KEPT))
            recent.append(min(max(0.0, seconds), MAX_OBSERVED_DELAY))

    def margin(self, key: str, floor: float) -> float:
        with self._lock:
            recent = self._delays.get(key)
            return max(floor, *recent) if recent else floor


@dataclass
class _Slot:
    """A reserved send time in the future, and the window that put it there."""

    at: float
    window: str
    announced: bool = False


@dataclass
class _KeyBudget:
    # Send times reserved so far, in non-decreasing order; only those that can still fall
    # inside a window are kept.
    sends: deque[float] = field(default_factory=deque)
    paused_until: float = float("-inf")


class InMemoryLimiter:
    """Sliding-window limiter for one process, FIFO across threads and asyncio tasks.

    A caller reserves the earliest slot at which both windows have room, under a lock, then
    sleeps until it. Reservations are made in arrival order and never move earlier, so the lock
    order is the queue. A reservation counts as a send from the moment it is made (a cancelled
    waiter keeps its slot), which can only make the limiter more cautious.
    """

    def __init__(self, policy: RateLimitPolicy | None = None, *, clock: Clock | None = None):
        self.policy = policy or RateLimitPolicy()
        self.clock: Clock = clock or SystemClock()
        self._lock = threading.Lock()
        self._budgets: dict[str, _KeyBudget] = {}
        self._delays = DelayTracker()

    def __repr__(self) -> str:
        return f"InMemoryLimiter({self.policy!r}, keys={len(self._budgets)})"

    def observe(self, key: str, seconds: float) -> None:
        self._delays.observe(key, seconds)

    def acquire(self, key: str, *, max_wait: float) -> float:
        started = self.clock.now()
        slot = self._reserve(key, started, max_wait)
        while slot is not None:
            self.clock.sleep(self._until(key, slot))
            slot = self._recheck(key, slot, started, max_wait)
        return self.clock.now() - started

    async def acquire_async(self, key: str, *, max_wait: float) -> float:
        started = self.clock.now()
        slot = self._reserve(key, started, max_wait)
        while slot is not None:
            await self.clock.asleep(self._until(key, slot))
            slot = self._recheck(key, slot, started, max_wait)
        return self.clock.now() - started

    def _until(self, key: str, slot: _Slot) -> float:
        """Seconds to sleep until `slot`, announced first (a wake-up re-check is not a new wait)."""
        wait = slot.at - self.clock.now()
        if not slot.announced:
            slot.announced = True
            announce_budget_wait(BudgetWait(key, wait, slot.window))
        return wait

    def pause(self, key: str, seconds: float) -> None:
        with self._lock:
            budget = self._budgets.setdefault(key, _KeyBudget())
            budget.paused_until = max(budget.paused_until, self.clock.now() + max(0.0, seconds))

    def paused_for(self, key: str) -> float:
        with self._lock:
            budget = self._budgets.get(key)
            if budget is None:
                return 0.0
            return max(0.0, budget.paused_until - self.clock.now())

    def record_sends(self, key: str, times: Iterable[float]) -> None:
        """Count sends of `key` made at `times` (this clock) through another limiter.

        A limiter that takes over from another (a shared one whose store went away) starts
        from what was already spent rather than from a full budget.
        """
        with self._lock:
            budget = self._budgets.setdefault(key, _KeyBudget())
            budget.sends = deque(sorted([*budget.sends, *times]))
            self._forget_expired(budget, self.clock.now())

    def _reserve(self, key: str, started: float, max_wait: float) -> _Slot | None:
        """Reserve the next slot; None when it is now (no sleep needed)."""
        with self._lock:
            return self._reserve_locked(
                self._budgets.setdefault(key, _KeyBudget()), started, max_wait, key
            )

    def _reserve_locked(
        self, budget: _KeyBudget, started: float, max_wait: float, key: str = ""
    ) -> _Slot | None:
        now = self.clock.now()
        slot, window = self._earliest_slot(
            budget, now, self._delays.margin(key, self.policy.margin)
        )
        if slot > now and slot - started > max_wait:
            raise self._too_long(slot - now, max_wait, window)
        budget.sends.append(slot)
        self._forget_expired(budget, now)
        return _Slot(slot, window) if slot > now else None

    def _recheck(self, key: str, slot: _Slot, started: float, max_wait: float) -> _Slot | None:
        """After waking: go if the slot has come and no 429 pause began meanwhile.

        A pause that started while we slept outranks the reservation: the server is refusing
        this key. The unused slot is given back (dropping a send that never happened can only
        loosen the constraints later reservations were computed under) and a fresh one is taken
        after the pause.
        """
        with self._lock:
            now = self.clock.now()
            if now < slot.at:
                return slot  # woke early (the clock's sleep granularity): keep waiting
            budget = self._budgets[key]
            if budget.paused_until <= now:
                return None
            if slot.at in budget.sends:  # it is gone if we overslept past every window
                budget.sends.remove(slot.at)
            return self._reserve_locked(budget, started, max_wait, key)

    def _earliest_slot(self, budget: _KeyBudget, now: float, margin: float) -> tuple[float, str]:
        """The earliest send time under every constraint, and the constraint that sets it."""
        policy = self.policy
        candidates = [(now, MINUTE_WINDOW), (budget.paused_until, PAUSE_WINDOW)]
        sends = budget.sends
        # With sends sorted, the window ending at t has room when the n-th most recent send is
        # at or before t - window (windows are half-open: (t - window, t]).
        if len(sends) >= policy.per_minute:
            candidates.append(
                (sends[-policy.per_minute] + policy.minute_window + margin, MINUTE_WINDOW)
            )
        if len(sends) >= policy.per_hour:
            candidates.append((sends[-policy.per_hour] + policy.hour_window + margin, HOUR_WINDOW))
        return max(candidates, key=lambda candidate: candidate[0])

    def _forget_expired(self, budget: _KeyBudget, now: float) -> None:
        longest = max(self.policy.hour_window, self.policy.minute_window)
        horizon = now - longest - self.policy.margin - MAX_OBSERVED_DELAY
        sends = budget.sends
        while sends and sends[0] <= horizon:
            sends.popleft()

    def _too_long(self, wait: float, max_wait: float, window: str) -> RateLimitError:
        return RateLimitError(
            f"Rate limit budget exhausted ({describe_window(window, self.policy)}): the next"
            f" request slot is {wait:.2f}s away, longer than max_wait={max_wait:g}s",
            retry_after=wait,
            window=window,
        )


def describe_window(window: str, policy: RateLimitPolicy) -> str:
    """`minute window: 100 requests per 60 s`, for messages."""
    if window == MINUTE_WINDOW:
        return f"minute window: {policy.per_minute} requests per {policy.minute_window:g} s"
    if window == HOUR_WINDOW:
        return f"hour window: {policy.per_hour} requests per {policy.hour_window:g} s"
    return "paused after a 429 from the server"


_registry_lock = threading.Lock()
_registry: dict[tuple[RateLimitPolicy, Clock], InMemoryLimiter] = {}


def shared_limiter(
    policy: RateLimitPolicy | None = None, *, clock: Clock | None = None
) -> InMemoryLimiter:
    """The process-wide limiter for `policy`: every client of a key shares one budget."""
    policy = policy or RateLimitPolicy()
    clock = clock or SystemClock()
    with _registry_lock:
        limiter = _registry.get((policy, clock))
        if limiter is None:
            limiter = _registry[(policy, clock)] = InMemoryLimiter(policy, clock=clock)
        return limiter
