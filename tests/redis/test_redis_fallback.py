"""The fallback's arithmetic: each limiter's share of the budget, and the ledger it starts from."""

from __future__ import annotations

import pytest
from reply_contacts.transport import FakeClock, RateLimitPolicy
from reply_contacts.transport.redis_fallback import (
    Ledger,
    ServerTime,
    fair_share,
    fallback_limiter,
)

POLICY = RateLimitPolicy(per_minute=100, per_hour=3000, margin=0.25)


@pytest.mark.parametrize(
    ("fleet", "per_minute", "minute_window", "per_hour", "hour_window"),
    [
        (1, 100, 60.0, 3000, 3600.0),
        (4, 25, 60.0, 750, 3600.0),
        (3, 33, 60.0, 1000, 3600.0),  # rounded down: together never more than the budget
        (250, 1, 180.0, 12, 3600.0),  # more limiters than a window's limit: one per 3 windows
        (0, 100, 60.0, 3000, 3600.0),  # unknown fleet: alone
    ],
)
def test_fair_share_divides_each_window(
    fleet: int, per_minute: int, minute_window: float, per_hour: int, hour_window: float
) -> None:
    share = fair_share(POLICY, fleet)
    assert (share.per_minute, share.minute_window) == (per_minute, minute_window)
    assert (share.per_hour, share.hour_window) == (per_hour, hour_window)
    assert share.margin == POLICY.margin
    # the fleet's rate under the shares never exceeds the budget's
    n = max(1, fleet)
    assert n * share.per_minute / share.minute_window <= POLICY.per_minute / POLICY.minute_window
    assert n * share.per_hour / share.hour_window <= POLICY.per_hour / POLICY.hour_window


def test_the_fallback_starts_from_what_this_limiter_spent() -> None:
    clock = FakeClock(start=100.0)
    server = ServerTime()
    server.observe(sent=100.0, received=100.0, server_now=5000.0)  # server = local + 4900
    ledger = Ledger(horizon=61.0, keep=100)
    policy = RateLimitPolicy(per_minute=4, per_hour=100, minute_window=60.0, margin=0.0)
    ledger.note_fleet("k", 2)  # two limiters share it: two per minute each
    ledger.record("k", "a", 4950.0, now=5000.0)  # 50 s ago
    ledger.record_local("k", "b", 90.0)  # 10 s ago, made without Redis
    ledger.pause("k", 5003.0)  # a 429 pause for 3 more seconds
    limiter = fallback_limiter(policy, "k", ledger, server, clock)
    assert limiter.paused_for("k") == pytest.approx(3.0)
    # Its two sends count: the next slot is when the older leaves the window, after the pause.
    waited = limiter.acquire("k", max_wait=60)
    assert waited == pytest.approx(10.0)  # 50 s ago + 60 s window


def test_the_ledger_keeps_the_witness_and_trims() -> None:
    ledger = Ledger(horizon=10.0, keep=3)
    for index in range(200):
        ledger.record("k", f"m{index}", float(index), now=float(index))
    assert ledger.witness("k") == ("m199", 199.0)
    assert [member for member, _ in ledger.sends("k", now=199.0)] == ["m197", "m198", "m199"]
    ledger.drop("k", "m199")
    assert ledger.witness("k") == ("m198", 198.0)
    assert ledger.witness("other") == ("", 0.0)
