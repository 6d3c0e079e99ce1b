"""Clients bound to a hostile loopback server, sync or async, for the hardening tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reply_contacts import AsyncReplyContacts, ReplyContacts, RetryPolicy
from reply_contacts.transport import InMemoryLimiter

# Long and distinctive: it must never be found anywhere but on the wire.
HOSTILE_KEY = "rk_live_hostile_9f27c4e1b8d3a605"

QUICK_RETRY = RetryPolicy(backoff_base=0.01, backoff_cap=0.02, max_wait=1.0, deadline=10.0)


async def call_with(mode: str, url: str, use: Callable[[Any], Any], **options: Any) -> Any:
    """`use(client)` on a fresh sync or async client of `url`; its result (awaited if async).

    The key is passed from the module global, never held in a local: tracebacks through this
    frame are inspected with their locals by the secret tests.
    """
    settings: dict[str, Any] = {
        "base_url": url,
        "rate_limit": None,
        "limiter": InMemoryLimiter(),
        "retry": QUICK_RETRY,
    }
    settings.update(options)
    if mode == "sync":
        with ReplyContacts(api_key=HOSTILE_KEY, **settings) as client:
            return use(client)
    async with AsyncReplyContacts(api_key=HOSTILE_KEY, **settings) as aclient:
        return await use(aclient)


async def failure_of(mode: str, url: str, use: Callable[[Any], Any], **options: Any) -> Exception:
    """The exception `use(client)` raises (the test fails if it raises none)."""
    try:
        await call_with(mode, url, use, **options)
    except Exception as exc:
        return exc
    raise AssertionError("the call succeeded; it was expected to fail")
