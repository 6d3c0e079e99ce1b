"""LinkedIn's own send caps: so many sends per LinkedIn account per day and per week.

They are not the API's rate limit (that one counts requests per Reply user): a LinkedIn account
that reached its cap refuses sends with a 429 whose ``code`` names the cap, while every other
call of the same user goes on. Windows slide (the last 24 hours, the last 7 days) on the
sandbox's injectable clock, so tests can move time instead of waiting a day. A refused send is
not counted.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

DAY = 24 * 3600.0
WEEK = 7 * DAY


@dataclass(frozen=True)
class CapReached:
    """Which cap refused the send, its size, and whole seconds until a send is free again."""

    period: str  # "daily" | "weekly"
    limit: int
    retry_after: int


class SendCaps:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._sends: dict[tuple[int, int], deque[float]] = {}

    def clear(self) -> None:
        with self._lock:
            self._sends.clear()

    def take(self, account: tuple[int, int], *, daily: int, weekly: int) -> CapReached | None:
        """Count a send of ``account`` (team id, LinkedIn account id), or say which cap refuses."""
        with self._lock:
            now = self._clock()
            sends = self._sends.setdefault(account, deque())
            while sends and sends[0] <= now - WEEK:
                sends.popleft()
            for period, limit, window in (("daily", daily, DAY), ("weekly", weekly, WEEK)):
                in_window = [stamp for stamp in sends if stamp > now - window]
                if len(in_window) >= limit:
                    # The send that frees a place is the limit-th most recent one.
                    frees_at = in_window[len(in_window) - limit] + window if limit > 0 else now
                    wait = max(1, math.ceil(frees_at - now)) if limit > 0 else math.ceil(window)
                    return CapReached(period, limit, wait)
            sends.append(now)
            return None
