"""The transport stack: one place for headers, rate limits, retries, typed errors and logging.

Hand `build_transport(api_key=..., base_url=...)` to the generated client as
`httpx_args={"transport": ...}`; generated, facade and raw calls then behave alike, sync and async.
"""

from reply_contacts.transport.clock import Clock, FakeClock, SystemClock
from reply_contacts.transport.headers import ActingAs, default_base_url, default_user_agent
from reply_contacts.transport.idempotency import is_idempotent
from reply_contacts.transport.logging import LOGGER_NAME, SecretFilter, configure_from_env
from reply_contacts.transport.ratelimit import (
    BudgetWait,
    InMemoryLimiter,
    Limiter,
    RateLimitPolicy,
    key_fingerprint,
    listening_for_budget_waits,
    shared_limiter,
)
from reply_contacts.transport.redaction import redact_headers, register_secret, scrub
from reply_contacts.transport.retry import (
    RetryPolicy,
    backoff_delay,
    parse_retry_after,
    should_retry,
)
from reply_contacts.transport.security import ensure_secure_url, is_loopback_host
from reply_contacts.transport.stack import (
    EXT_EXPECT_JSON,
    EXT_IDEMPOTENT,
    EXT_RETRY,
    ReplyTransport,
    build_transport,
)

__all__ = [
    "EXT_EXPECT_JSON",
    "EXT_IDEMPOTENT",
    "EXT_RETRY",
    "LOGGER_NAME",
    "ActingAs",
    "BudgetWait",
    "Clock",
    "FakeClock",
    "InMemoryLimiter",
    "Limiter",
    "RateLimitPolicy",
    "ReplyTransport",
    "RetryPolicy",
    "SecretFilter",
    "SystemClock",
    "backoff_delay",
    "build_transport",
    "configure_from_env",
    "default_base_url",
    "default_user_agent",
    "ensure_secure_url",
    "is_idempotent",
    "is_loopback_host",
    "key_fingerprint",
    "listening_for_budget_waits",
    "parse_retry_after",
    "redact_headers",
    "register_secret",
    "scrub",
    "shared_limiter",
    "should_retry",
]


def __getattr__(name: str) -> object:
    # The Redis limiter needs the optional `redis` package (reply-contacts[redis]); import it
    # only when asked for, so the core SDK never requires redis.
    if name in {"RedisLimiter", "LimiterUnavailableError"}:
        from reply_contacts.transport import redis_limiter

        return getattr(redis_limiter, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
