"""What a `RedisLimiter` remembers of the shared budget, for when Redis forgets or goes away.

Redis replicates asynchronously: a failover can promote a replica that never received the last
reservations, and a restart without persistence forgets them all. And while Redis cannot be
reached, a limiter with ``on_unavailable="local"`` spends the budget without it. Each limiter
instance therefore keeps a `Ledger` of its own sends still inside a window (server time), and
its 429 pause, and re-publishes them when Redis is back or turns out to have lost them.

While Redis is away the instance spends its `fair_share` of what the fleet left of the budget
(`fallback_limiter`): every reply of Redis says how many instances use the budget and how much
of each window they have reserved (`Usage`), so each instance takes 1/N of the rest, after the
fleet's queue, and 1/N of the whole budget once the reserved sends have left the window. The
instances together stay within the budget; what they reserved in the moment before Redis went
away and an instance had not heard of yet is the only thing it cannot count.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field, replace

from reply_contacts.transport.clock import Clock
from reply_contacts.transport.ratelimit import InMemoryLimiter, RateLimitPolicy
from reply_contacts.transport.redis_scripts import Usage

__all__ = ["Ledger", "ServerTime", "fair_share", "fallback_limiter"]


@dataclass
class _Budget:
    sends: dict[str, float] = field(default_factory=dict)  # published: id -> server seconds
    local_sends: dict[str, float] = field(default_factory=dict)  # made without Redis: local clock
    paused_until: float = 0.0  # server seconds
    local_paused_until: float = float("-inf")  # local clock, for a pause learnt without Redis
    usage: Usage | None = None  # the budget's use, as Redis last said
    latest: tuple[str, float] | None = None  # the latest of `sends`, kept as they come

    def find_latest(self) -> None:
        self.latest = max(self.sends.items(), key=_slot) if self.sends else None


class Ledger:
    """This instance's sends and pause per budget key, trimmed to what can still matter.

    Sends reserved through Redis are kept in server seconds. Sends made while Redis was away
    are kept on the local clock until they are published: the server's clock may not even be
    known yet (Redis was away from the start), and is when they are.
    """

    def __init__(self, horizon: float, keep: int) -> None:
        self._horizon = horizon  # the longest window, margin included
        self._keep = keep  # the most sends the windows ever look at
        self._lock = threading.Lock()
        self._budgets: dict[str, _Budget] = {}

    def record(self, key: str, member: str, slot: float, now: float) -> None:
        """A send reserved through Redis at `slot` (server seconds; `now` is the server's)."""
        with self._lock:
            budget = self._budget(key)
            budget.sends[member] = slot
            if budget.latest is None or slot >= budget.latest[1]:
                budget.latest = (member, slot)
            if len(budget.sends) > 2 * self._keep + 64:  # trim now and then, not on every send
                budget.sends = dict(self._recent(budget.sends, now))

    def record_local(self, key: str, member: str, at: float) -> None:
        """A send made without Redis, at local time `at`."""
        with self._lock:
            budget = self._budget(key)
            budget.local_sends[member] = at
            if len(budget.local_sends) > 2 * self._keep + 64:
                budget.local_sends = dict(self._recent(budget.local_sends, at))

    def drop(self, key: str, member: str) -> None:
        """Redis released the reservation `member` (it was moved, or too late to keep)."""
        with self._lock:
            budget = self._budgets.get(key)
            if budget is None or budget.sends.pop(member, None) is None:
                return
            if budget.latest is not None and budget.latest[0] == member:
                budget.find_latest()

    def witness(self, key: str) -> tuple[str, float]:
        """The latest send Redis should hold, to check that it still does ("", 0 for none)."""
        with self._lock:
            budget = self._budgets.get(key)
            return budget.latest if budget and budget.latest else ("", 0.0)

    def sends(self, key: str, now: float) -> list[tuple[str, float]]:
        """Published sends of `key` inside the longest window at server time `now`."""
        with self._lock:
            budget = self._budgets.get(key)
            return self._recent(budget.sends, now) if budget else []

    def local_sends(self, key: str) -> list[tuple[str, float]]:
        with self._lock:
            budget = self._budgets.get(key)
            return sorted(budget.local_sends.items(), key=_slot) if budget else []

    def published(self, key: str, sends: list[tuple[str, float]]) -> None:
        """Local sends have reached Redis, at these server times."""
        with self._lock:
            budget = self._budget(key)
            for member, slot in sends:
                budget.local_sends.pop(member, None)
                budget.sends[member] = slot
            budget.find_latest()
            budget.local_paused_until = float("-inf")

    def pause(self, key: str, until: float) -> None:
        with self._lock:
            budget = self._budget(key)
            budget.paused_until = max(budget.paused_until, until)

    def pause_local(self, key: str, until: float) -> None:
        with self._lock:
            budget = self._budget(key)
            budget.local_paused_until = max(budget.local_paused_until, until)

    def paused_until(self, key: str) -> tuple[float, float]:
        """(server seconds, local clock): the pause as Redis said it, and as learnt without it."""
        with self._lock:
            budget = self._budgets.get(key)
            if budget is None:
                return 0.0, float("-inf")
            return budget.paused_until, budget.local_paused_until

    def note_usage(self, key: str, usage: Usage) -> None:
        with self._lock:
            self._budget(key).usage = usage

    def usage(self, key: str) -> Usage | None:
        with self._lock:
            budget = self._budgets.get(key)
            return budget.usage if budget else None

    def unpublished(self, key: str) -> bool:
        with self._lock:
            budget = self._budgets.get(key)
            return bool(budget and budget.local_sends)

    def budgets(self) -> list[str]:
        with self._lock:
            return list(self._budgets)

    def _budget(self, key: str) -> _Budget:
        budget = self._budgets.get(key)
        if budget is None:
            budget = self._budgets[key] = _Budget()
        return budget

    def _recent(self, sends: dict[str, float], now: float) -> list[tuple[str, float]]:
        recent = sorted(
            (item for item in sends.items() if item[1] > now - self._horizon), key=_slot
        )
        return recent[-self._keep :]


def _slot(item: tuple[str, float]) -> float:
    return item[1]


class ServerTime:
    """Redis's clock as seen from here: its offset from the local clock, and the round trip.

    Each reply carries the server's `now`, taken somewhere between the request leaving and the
    reply arriving; the midpoint is the best guess, wrong by at most half the round trip.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset: float | None = None
        self._round_trip: float | None = None

    def observe(self, sent: float, received: float, server_now: float) -> None:
        trip = max(0.0, received - sent)
        with self._lock:
            self._offset = server_now - (sent + received) / 2
            # A smoothed round trip: one slow reply does not move it much.
            previous = self._round_trip
            self._round_trip = trip if previous is None else 0.8 * previous + 0.2 * trip

    @property
    def known(self) -> bool:
        return self._offset is not None

    @property
    def round_trip(self) -> float:
        return self._round_trip or 0.0

    def to_server(self, local: float) -> float:
        return local + (self._offset or 0.0)

    def to_local(self, server: float) -> float:
        return server - (self._offset or 0.0)


def fair_share(policy: RateLimitPolicy, fleet: int) -> RateLimitPolicy:
    """`policy` for one of `fleet` instances: each window's limit divided among them.

    With more instances than a window's limit, each gets one request per several windows.
    """
    fleet = max(1, fleet)

    def share(limit: int, window: float) -> tuple[int, float]:
        if limit >= fleet:
            return limit // fleet, window
        return 1, window * math.ceil(fleet / limit)

    per_minute, minute_window = share(policy.per_minute, policy.minute_window)
    per_hour, hour_window = share(policy.per_hour, policy.hour_window)
    return replace(
        policy,
        per_minute=per_minute,
        minute_window=minute_window,
        per_hour=per_hour,
        hour_window=hour_window,
    )


def fallback_limiter(
    policy: RateLimitPolicy, key: str, ledger: Ledger, server: ServerTime, clock: Clock
) -> InMemoryLimiter:
    """The limiter for `key` while Redis is away: this instance's share of what the fleet left.

    What the fleet had reserved when Redis last answered (`Usage`) is counted as if all of it
    were sent at the latest reserved slot: it leaves the short window one window after that
    slot, not before (cautious: none of it leaves earlier). Until then this instance may use
    its share of what the fleet left of the budget, and new slots come after the fleet's queue;
    from then on, its share of the whole budget. Sends this instance made in an earlier outage
    and has not published yet count too, and so does a 429 pause it knows of.
    """
    local_now = clock.now()
    usage = ledger.usage(key)
    fleet = usage.fleet if usage else 1
    share = fair_share(policy, fleet)
    limiter = InMemoryLimiter(share, clock=clock)
    seeds = [at for _, at in ledger.local_sends(key)]
    queue_ends = local_now
    if usage is not None:
        latest = server.to_local(usage.latest)
        queue_ends = max(local_now, latest)
        # Stand-ins for the fleet's use of each window, placed so each counts in its own window
        # only: the short window's at the latest slot, the long window's just before the short
        # window (they leave it a short window early, a cautious estimate all the same).
        before_short = local_now - policy.minute_window - policy.margin
        for used, limit, shared, at in (
            (usage.in_minute, policy.per_minute, share.per_minute, latest),
            (usage.in_hour, policy.per_hour, share.per_hour, before_short),
        ):
            left = max(0, limit - used) // max(1, fleet)
            seeds += [at] * max(0, shared - left)
    limiter.record_sends(key, seeds)
    paused_until, local_paused_until = ledger.paused_until(key)
    until = max(server.to_local(paused_until), local_paused_until, queue_ends)
    if until > local_now:
        limiter.pause(key, until - local_now)
    return limiter
