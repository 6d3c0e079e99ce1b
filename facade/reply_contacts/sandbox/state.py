"""Everything one sandbox instance knows: its database, keys, limits, faults and counters."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from .auth import ALL_SCOPES, KeyRing
from .connections import ConnectionRegistry
from .faults import FaultInjector, FaultRule
from .ratelimit import Clock, RateLimitConfig, RateLimiter
from .seed import seed_default, seed_user
from .stats import Stats
from .store import Store

DEFAULT_API_KEY = "sandbox"


class SandboxState:
    def __init__(
        self,
        *,
        db_path: str | None = None,
        api_key: str | None = DEFAULT_API_KEY,
        keys: Mapping[str, Iterable[str]] | None = None,
        seed: bool = True,
        rate_limit: RateLimitConfig | None = None,
        clock: Clock = time.monotonic,
        faults: Iterable[FaultRule | str] = (),
    ) -> None:
        self.store = Store(db_path)
        self.keys = KeyRing()
        self.limiter = RateLimiter(rate_limit, clock)
        self.default_rate_limit = self.limiter.config
        self.default_clock = clock
        self.faults = FaultInjector()
        self.connections = ConnectionRegistry()
        self.stats = Stats()
        self.seeded_by_default = seed
        # Set when the server is reachable from other machines: /_sandbox then requires it.
        self.admin_token: str | None = None
        if api_key:
            self.keys.add(api_key, ALL_SCOPES, user_id=1)
        for key, scopes in (keys or {}).items():
            self.keys.add(key, scopes, user_id=1)
        self.default_keys = self.keys.snapshot()
        for fault in faults:
            self.faults.add(FaultRule.parse(fault) if isinstance(fault, str) else fault)
        # A file database keeps its data between runs; seed it only the first time.
        with self.store.transaction() as db:
            empty = db.execute("SELECT count(*) FROM users").fetchone()[0] == 0
            if seed and empty:
                seed_default(db)

    def reset(self, *, seed: bool | None = None) -> None:
        """Back to a fresh sandbox: data, keys, limits (and their clock), faults, counters."""
        self.store.wipe()
        if self.seeded_by_default if seed is None else seed:
            with self.store.transaction() as db:
                seed_default(db)
        self.keys.replace_all(self.default_keys)
        self.limiter.set_config(self.default_rate_limit)
        self.limiter.clock = self.default_clock
        self.limiter.clear()
        self.faults.clear()
        self.stats.reset()

    def ensure_user(self, user_id: int) -> None:
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone() is None:
                seed_user(db, user_id=user_id)
