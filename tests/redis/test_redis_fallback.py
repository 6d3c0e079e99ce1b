"""The fallback's arithmetic: each limiter's share of the budget, and the ledger it starts from."""

from __future__ import annotations

import pytest
from reply_contacts.errors import RateLimitError
from reply_contacts.transport import FakeClock, InMemoryLimiter, RateLimitPolicy
from reply_contacts.transport.redis_fallback import (
    Ledger,
    ServerTime,
    fair_share,
    fallback_limiter,
)
from reply_contacts.transport.redis_scripts import Usage

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


def fallback_after(usage: Usage, *, local_sends: tuple[float, ...] = ()) -> InMemoryLimiter:
    """The fallback for "k" at local time 100, Redis's clock being 4,900 s ahead."""
    clock = FakeClock(start=100.0)
    server = ServerTime()
    server.observe(sent=100.0, received=100.0, server_now=5000.0)
    ledger = Ledger(horizon=61.0, keep=100)
    ledger.note_usage("k", usage)
    for index, at in enumerate(local_sends):
        ledger.record_local("k", f"local-{index}", at)
    return fallback_limiter(SMALL, "k", ledger, server, clock)


SMALL = RateLimitPolicy(per_minute=20, per_hour=1000, minute_window=60.0, margin=0.0)


def sends_at_once(limiter: InMemoryLimiter) -> int:
    count = 0
    while count < 100:
        try:
            limiter.acquire("k", max_wait=0)
        except RateLimitError:
            return count
        count += 1
    return count


def test_the_fallback_takes_its_share_of_what_the_fleet_left() -> None:
    # Four limiters had reserved 12 of the 20 in the window, the latest 10 s ago: this one may
    # send 2 (a quarter of the 8 left) until that window has passed, then its 5.
    limiter = fallback_after(Usage(now=5000.0, fleet=4, latest=4990.0, in_minute=12, in_hour=12))
    assert sends_at_once(limiter) == 2
    assert limiter.acquire("k", max_wait=60) == pytest.approx(50.0)  # 4990 + 60 s, local 150
    assert sends_at_once(limiter) == 2  # 5 in all since the stand-ins left


def test_the_fallback_waits_behind_the_fleet_queue() -> None:
    # A saturated fleet had booked slots up to 3 s ahead: nothing new before the queue's end,
    # and only what is left of the window after that.
    limiter = fallback_after(Usage(now=5000.0, fleet=2, latest=5003.0, in_minute=20, in_hour=20))
    assert limiter.paused_for("k") == pytest.approx(3.0)
    with pytest.raises(RateLimitError):
        limiter.acquire("k", max_wait=10)
    assert limiter.acquire("k", max_wait=100) == pytest.approx(63.0)


def test_the_fallback_counts_unpublished_local_sends_and_knows_no_fleet_alone() -> None:
    limiter = fallback_after(
        Usage(now=5000.0, fleet=0, latest=0.0, in_minute=0, in_hour=0), local_sends=(90.0,) * 19
    )
    assert sends_at_once(limiter) == 1


def test_the_ledger_keeps_the_witness_and_trims() -> None:
    ledger = Ledger(horizon=10.0, keep=3)
    for index in range(200):
        ledger.record("k", f"m{index}", float(index), now=float(index))
    assert ledger.witness("k") == ("m199", 199.0)
    assert [member for member, _ in ledger.sends("k", now=199.0)] == ["m197", "m198", "m199"]
    ledger.drop("k", "m199")
    assert ledger.witness("k") == ("m198", 198.0)
    assert ledger.witness("other") == ("", 0.0)
