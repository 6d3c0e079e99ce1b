"""Retry rules as pure functions: what to retry, how long to wait, how to read Retry-After.

The transport asks these functions and does the waiting; keeping them free of I/O lets every
rule be tested on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from reply_contacts.errors import parse_retry_after
from reply_contacts.transport.idempotency import is_idempotent

__all__ = [
    "DEFAULT_RETRY_STATUSES",
    "GATEWAY_STATUSES",
    "NEVER_SENT_ERRORS",
    "RetryPolicy",
    "UniformSource",
    "backoff_delay",
    "never_reached_server",
    "parse_retry_after",
    "retry_after_from_headers",
    "should_retry",
]

DEFAULT_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

GATEWAY_STATUSES = frozenset(range(520, 528))
"""Cloudflare's unregistered 52x codes: the origin could not be reached or answered badly."""

NEVER_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.UnsupportedProtocol,
)
"""Failures that happen before a single byte of the request reaches the server."""

# Failures after the connection was made: the server may have received the request.
_AMBIGUOUS_ERRORS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one call tries.

    `deadline` bounds one call from its first send to its final answer, the waits between
    attempts included (the wait for a rate-limit slot before the first send is bounded by
    `max_wait` alone).

    `max_wait` is the longest single wait (a rate-limit slot, a 429 pause, a Retry-After)
    accepted before raising `RateLimitError(retry_after=...)` instead. The default, None, is the
    longest wait the client's rate-limit policy can impose on a sequential caller
    (`RateLimitPolicy.longest_wait`: 1,865 s with the real limits, the 3,001st request of an
    hour), so a plain loop of calls never raises for budget it spent itself; it only slows
    down, each wait of a second or more logged at INFO. Pass a number (e.g. `max_wait=60`) to
    have a longer wait raise instead, as an interactive program may prefer.
    """

    max_retries: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 20.0
    deadline: float = 120.0
    max_wait: float | None = None
    retry_statuses: frozenset[int] = field(default=DEFAULT_RETRY_STATUSES)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        for name in ("backoff_base", "backoff_cap", "deadline", "max_wait"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must be >= 0")
        object.__setattr__(self, "retry_statuses", frozenset(self.retry_statuses))


class UniformSource(Protocol):
    """What backoff needs from a random generator (`random.Random` fits)."""

    def uniform(self, a: float, b: float, /) -> float: ...


def backoff_delay(
    attempt: int, rng: UniformSource, *, base: float = 0.5, cap: float = 20.0
) -> float:
    """Full-jitter exponential backoff: uniform(0, min(cap, base * 2**attempt)).

    `attempt` counts retries already made (0 before the first retry). Full jitter spreads
    clients that failed together, so they do not return together.
    """
    ceiling = min(cap, base * 2.0 ** min(attempt, 64))
    return rng.uniform(0.0, ceiling)


def never_reached_server(error: BaseException) -> bool:
    """True when the failure proves the request was never received."""
    return isinstance(error, NEVER_SENT_ERRORS)


def should_retry(
    method: str,
    path: str,
    outcome: int | BaseException,
    attempt: int,
    *,
    policy: RetryPolicy | None = None,
    idempotent: bool | None = None,
) -> bool:
    """Whether a request that ended in `outcome` (a status or an exception) may be sent again.

    `attempt` counts retries already made. `idempotent` overrides the table in `idempotency`.
    A 429 and a never-sent failure are retried even for non-idempotent POSTs, because the
    server did nothing with the request; anything else only when repeating it is harmless.
    """
    policy = policy or RetryPolicy()
    if attempt >= policy.max_retries:
        return False
    safe_to_repeat = is_idempotent(method, path) if idempotent is None else idempotent
    if isinstance(outcome, int):
        if outcome == 429 and 429 in policy.retry_statuses:
            return True
        if outcome in policy.retry_statuses or outcome in GATEWAY_STATUSES:
            return safe_to_repeat
        return False
    if never_reached_server(outcome):
        return True
    if isinstance(outcome, _AMBIGUOUS_ERRORS):
        return safe_to_repeat
    return False


def retry_after_from_headers(headers: httpx.Headers, now_wall: float) -> float | None:
    """Seconds the server asked us to wait: `retry-after-ms` if present, else `Retry-After`."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            value = float(millis)
        except ValueError:
            value = math.nan
        if math.isfinite(value):
            return max(0.0, value / 1000.0)
    return parse_retry_after(headers.get("retry-after"), now_wall)
