"""Shared fixtures of the workflow tests: the plugin's sandbox (reset per test) with rate
limiting off, and sync and async clients bound to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

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
