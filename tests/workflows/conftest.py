"""Shared fixtures of the workflow tests: the plugin's sandbox (reset per test) with rate
limiting off, and sync and async clients bound to it (`api`, or `importer`, is either, one test
body for both: wrap each call in `await run(...)` from import_support)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from reply_contacts import AsyncReplyContacts, ReplyContacts
from reply_contacts.sandbox import Sandbox


@pytest.fixture
def sb(reply_sandbox: Sandbox) -> Sandbox:
    reply_sandbox.disable_rate_limit()
    return reply_sandbox


@pytest.fixture
def client(sb: Sandbox) -> Iterator[ReplyContacts]:
    with ReplyContacts(api_key=sb.api_key, base_url=sb.url, rate_limit=None) as c:
        yield c


@pytest.fixture
async def aclient(sb: Sandbox) -> AsyncIterator[AsyncReplyContacts]:
    async with AsyncReplyContacts(api_key=sb.api_key, base_url=sb.url, rate_limit=None) as c:
        yield c


@pytest.fixture
def api_options() -> dict[str, Any]:
    """More settings for `api` (a test module overrides this fixture, e.g. no retries)."""
    return {}


@pytest.fixture(params=["sync", "async"])
async def api(
    request: pytest.FixtureRequest, sb: Sandbox, api_options: dict[str, Any]
) -> AsyncIterator[Any]:
    """The sync or the async client, bound to the sandbox; call through `await run(...)`
    (`import_support.run`), so one test body covers both surfaces."""
    options: dict[str, Any] = {"api_key": sb.api_key, "base_url": sb.url, "rate_limit": None}
    options.update(api_options)
    if request.param == "sync":
        with ReplyContacts(**options) as sync_client:
            yield sync_client
    else:
        async with AsyncReplyContacts(**options) as async_client:
            yield async_client


@pytest.fixture
def importer(api: Any) -> Any:
    """`api`, named for the import tests."""
    return api
