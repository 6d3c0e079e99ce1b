"""Helpers for the shared-limiter tests: rate-limit arithmetic and the worker processes.

A module of its own (not a test module) so `multiprocessing`'s spawn start method can import the
worker function by name in each child process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx

SLACK = 0.05  # local timestamps against Redis's slots: they agree to well under this


def fastest_schedule(
    per_minute: int, per_hour: int, minute_window: float, hour_window: float, count: int
) -> list[float]:
    """Send times, from 0, of the fastest `count` sends two sliding windows allow.

    Sending each request at the earliest moment both windows have room is optimal (no schedule
    has more sends by any time), so this is the theoretical maximum a limiter can reach.
    """
    times: list[float] = []
    for _ in range(count):
        slot = 0.0
        if len(times) >= per_minute:
            slot = max(slot, times[-per_minute] + minute_window)
        if len(times) >= per_hour:
            slot = max(slot, times[-per_hour] + hour_window)
        times.append(slot)
    return times


def allowed_by(
    per_minute: int, per_hour: int, minute_window: float, hour_window: float, elapsed: float
) -> int:
    """The most sends both windows allow within [0, elapsed], the first burst included."""
    schedule: list[float] = []
    while True:
        schedule = fastest_schedule(
            per_minute, per_hour, minute_window, hour_window, len(schedule) + per_minute
        )
        if schedule[-1] > elapsed:
            return sum(1 for t in schedule if t <= elapsed)


def assert_within_windows(
    times: Sequence[float], limits: Sequence[tuple[int, float]], slack: float = SLACK
) -> None:
    """What a server with these windows would check: no window (t - w, t] too full."""
    ordered = sorted(times)
    for limit, window in limits:
        for i, t in enumerate(ordered):
            in_window = sum(1 for s in ordered[: i + 1] if s > t - window + slack)
            assert in_window <= limit, f"{in_window} sends in ({t - window:.3f}, {t:.3f}] > {limit}"


def warm_up(transport: Any, base_url: str, api_key: str, connections: int) -> None:
    """Open the HTTP connections (and build the SSL context) before the clock starts.

    These requests bypass the limiter; the parent resets the sandbox's windows afterwards. Without
    them each process's first request leaves a few hundred milliseconds after its slot, more
    than the margin, and the server counts the first burst later than the limiter did.
    """
    inner = transport.inner_transports()[0]
    headers = {"Authorization": f"Bearer {api_key}"}
    with httpx.Client(transport=_Unclosed(inner), base_url=base_url, headers=headers) as raw:
        gate = threading.Barrier(connections)

        def one() -> None:
            gate.wait(10)  # all at once, so the pool opens one connection per thread
            raw.get("/v3/contacts", params={"top": 1})

        openers = [threading.Thread(target=one) for _ in range(connections)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join()


class _Unclosed(httpx.BaseTransport):
    """Lends a transport to a short-lived client without letting the client close it."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)

    def close(self) -> None:
        pass


def paused_client_request(
    base_url: str,
    api_key: str,
    redis_url: str,
    namespace: str,
    policy_fields: dict[str, Any],
    ready: Any,
    go: Any,
    results: Any,
) -> None:
    """Another process: one request once told to go; reports (went, answered, status)."""
    from reply_contacts.transport import RateLimitPolicy, build_transport
    from reply_contacts.transport.redis_limiter import RedisLimiter

    try:
        policy = RateLimitPolicy(**policy_fields)
        limiter = RedisLimiter(redis_url, policy, namespace=namespace)
        transport = build_transport(
            api_key=api_key, base_url=base_url, limiter=limiter, rate_limit=policy
        )
        with httpx.Client(transport=transport, base_url=base_url) as client:
            warm_up(transport, base_url, api_key, 1)
            limiter.paused_for("warm-up")
            ready.put("ready")
            go.wait(60)
            went = time.monotonic()
            status = client.get("/v3/contacts", params={"top": 1}).status_code
            results.put((went, time.monotonic(), status))
    except BaseException as exc:
        ready.put("ready")
        results.put(f"{type(exc).__name__}: {exc}")
