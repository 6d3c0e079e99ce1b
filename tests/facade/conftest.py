"""Fixtures for end-to-end tests of the facade against the sandbox over real HTTP (loopback).

One sandbox server per session, reset before every test. Its rate limits are off (they are the
real 100/min, which would make the suite crawl); the rate-limit tests switch on shrunken ones.
Clients get `rate_limit=None`, a private limiter (a 429 pause of one test must not leak into the
next through the process-wide limiter), and fast retry backoff.

Most tests take the `api` fixture, parametrised over the sync and the async client, and wrap each
call in `await run(...)`: a sync call has already happened and `run` returns its value, an async
one is awaited. That keeps one test body for both surfaces.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from facade_support import API_KEY, client_options, run
from reply_contacts import AsyncReplyContacts, ReplyContacts
from reply_contacts.sandbox import Sandbox


@pytest.fixture(scope="session")
def facade_sandbox() -> Iterator[Sandbox]:
    with Sandbox(api_key=API_KEY, rate_limiting=False) as sandbox:
        yield sandbox


@pytest.fixture
def sb(facade_sandbox: Sandbox) -> Sandbox:
    """The session's sandbox with fresh data, default keys, no rate limit and no faults."""
    facade_sandbox.reset()
    return facade_sandbox


@pytest.fixture
def client(sb: Sandbox) -> Iterator[ReplyContacts]:
    with ReplyContacts(**client_options(sb)) as sync_client:
        yield sync_client


@pytest.fixture
async def aclient(sb: Sandbox) -> AsyncIterator[AsyncReplyContacts]:
    async with AsyncReplyContacts(**client_options(sb)) as async_client:
        yield async_client


@pytest.fixture(params=["sync", "async"])
async def api(request: pytest.FixtureRequest, sb: Sandbox) -> AsyncIterator[Any]:
    """The sync or the async client, bound to the sandbox; call through `await run(...)`."""
    if request.param == "sync":
        with ReplyContacts(**client_options(sb)) as sync_client:
            yield sync_client
    else:
        async with AsyncReplyContacts(**client_options(sb)) as async_client:
            yield async_client


@pytest.fixture
async def make_api(request: pytest.FixtureRequest, sb: Sandbox) -> AsyncIterator[Any]:
    """Build more clients of the same kind as `api` (e.g. another key); closed at teardown."""
    built: list[Any] = []
    callspec = getattr(request.node, "callspec", None)
    is_async = callspec is not None and callspec.params.get("api") == "async"

    def build(**overrides: Any) -> Any:
        cls = AsyncReplyContacts if is_async else ReplyContacts
        made = cls(**client_options(sb, **overrides))
        built.append(made)
        return made

    yield build
    for made in built:
        await run(made.close())
