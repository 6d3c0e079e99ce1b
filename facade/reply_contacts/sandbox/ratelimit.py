"""Per-user sliding-window rate limits: 100 requests per minute and 3,000 per hour by default.

Both windows are checked; a rejected request is not recorded, so a client that waits the
``Retry-After`` it was told always gets through. The clock is injectable so tests can shrink
windows and move time without sleeping.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

Clock = Callable[[], float]


@dataclass(frozen=True)
class RateLimitConfig:
    per_minute: int = 100
    per_hour: int = 3000
    minute_window: float = 60.0
    hour_window: float = 3600.0
    enabled: bool = True

    @classmethod
    def parse(cls, text: str) -> RateLimitConfig:
        """``"100/3000"`` (per minute / per hour) or ``"off"``, as the CLI takes it."""
        if text.strip().lower() in ("off", "none", "0"):
            return cls(enabled=False)
        minute, _, hour = text.partition("/")
        per_minute = int(minute)
        per_hour = int(hour) if hour else max(per_minute, cls.per_hour)
        if per_minute < 1 or per_hour < 1:
            raise ValueError("rate limits must be positive")
        return cls(per_minute=per_minute, per_hour=per_hour)


class RateLimiter:
    def __init__(
        self, config: RateLimitConfig | None = None, clock: Clock = time.monotonic
    ) -> None:
        self._lock = threading.Lock()
        self.config = config or RateLimitConfig()
        self.clock = clock
        self._hits: dict[int, deque[float]] = {}

    def configure(self, **changes: object) -> RateLimitConfig:
        with self._lock:
            self.config = replace(self.config, **changes)  # type: ignore[arg-type]
            return self.config

    def set_config(self, config: RateLimitConfig) -> None:
        with self._lock:
            self.config = config

    def clear(self) -> None:
        with self._lock:
            self._hits.clear()

    def acquire(self, user_id: int) -> int | None:
        """Record a request for ``user_id``; or return the whole seconds to wait if over a limit."""
        with self._lock:
            config = self.config
            if not config.enabled:
                return None
            now = self.clock()
            hits = self._hits.setdefault(user_id, deque())
            longest = max(config.minute_window, config.hour_window)
            while hits and hits[0] <= now - longest:
                hits.popleft()
            wait = 0.0
            for limit, window in (
                (config.per_minute, config.minute_window),
                (config.per_hour, config.hour_window),
            ):
                in_window = _count_since(hits, now - window)
                if in_window >= limit:
                    # The request that frees a slot is the limit-th most recent one.
                    oldest_blocking = hits[len(hits) - limit]
                    wait = max(wait, oldest_blocking + window - now)
            if wait > 0:
                return max(1, math.ceil(wait))
            hits.append(now)
            return None


def _count_since(hits: deque[float], start: float) -> int:
    """How many timestamps are newer than ``start`` (hits are sorted, so scan from the right)."""
    count = 0
    for stamp in reversed(hits):
        if stamp <= start:
            break
        count += 1
    return count
