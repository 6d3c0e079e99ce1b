"""Per-user rate limits with shrunken windows and a fake clock."""

from __future__ import annotations

from typing import Any

import httpx
from reply_contacts.sandbox import Sandbox
from reply_contacts.sandbox.ratelimit import RateLimitConfig, RateLimiter

from .conftest import FakeClock, assert_problem


def test_minute_window_429_with_retry_after(
    api: httpx.Client, sb: Sandbox, fake_clock: FakeClock
) -> None:
    sb.set_rate_limit(per_minute=3, per_hour=100, minute_window=10.0, hour_window=1000.0)
    for _ in range(3):
        assert api.get("/v3/whoami").status_code == 200
    fake_clock.advance(2.5)
    limited = api.get("/v3/whoami")
    body = assert_problem(limited, 429)
    assert body == {
        "title": "Too Many Requests",
        "status": 429,
        "detail": "Rate limit exceeded. Retry after 8 seconds.",
    }
    assert limited.headers["retry-after"] == "8"  # 10 - 2.5 = 7.5, rounded up
    fake_clock.advance(7.4)
    assert api.get("/v3/whoami").status_code == 429
    fake_clock.advance(0.2)
    assert api.get("/v3/whoami").status_code == 200
    stats = sb.stats()
    assert stats["rateLimited"] == 2 and stats["byStatus"]["429"] == 2


def test_hour_window_and_rejections_do_not_count(
    api: httpx.Client, sb: Sandbox, fake_clock: FakeClock
) -> None:
    sb.set_rate_limit(per_minute=100, per_hour=4, minute_window=1.0, hour_window=30.0)
    for _ in range(4):
        assert api.get("/v3/whoami").status_code == 200
        fake_clock.advance(2)
    for _ in range(5):  # rejected calls must not extend the wait
        assert api.get("/v3/whoami").status_code == 429
    wait = int(api.get("/v3/whoami").headers["retry-after"])
    assert wait == 22  # the first call (t=0) leaves the 30 s window at t=30; now t=8
    fake_clock.advance(wait)
    assert api.get("/v3/whoami").status_code == 200


def test_limits_are_per_user(sb: Sandbox, client_for: Any, fake_clock: FakeClock) -> None:
    sb.set_rate_limit(per_minute=1, per_hour=10)
    sb.add_key("alex", user_id=2)
    sb.add_key("also-user-1", user_id=1)
    assert client_for().get("/v3/whoami").status_code == 200
    assert client_for("also-user-1").get("/v3/whoami").status_code == 429  # same user, shared
    assert client_for("alex").get("/v3/whoami").status_code == 200


def test_disabled(api: httpx.Client, sb: Sandbox) -> None:
    sb.set_rate_limit(per_minute=1, enabled=False)
    assert all(api.get("/v3/whoami").status_code == 200 for _ in range(5))


def test_retry_after_is_at_least_one_second() -> None:
    now = [0.0]
    limiter = RateLimiter(RateLimitConfig(per_minute=1, minute_window=0.2), clock=lambda: now[0])
    assert limiter.acquire(1) is None
    now[0] = 0.1
    assert limiter.acquire(1) == 1


def test_parse() -> None:
    assert RateLimitConfig.parse("10/200") == RateLimitConfig(per_minute=10, per_hour=200)
    assert RateLimitConfig.parse("off").enabled is False


def test_reset_restores_limits_and_clock(sb: Sandbox, fake_clock: FakeClock) -> None:
    sb.set_rate_limit(per_minute=1)
    sb.reset()
    assert sb.state.limiter.clock is not fake_clock
    assert sb.state.limiter.config == RateLimitConfig()
