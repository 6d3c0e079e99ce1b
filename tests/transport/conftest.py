"""Shared fixtures: a virtual clock, a scripted fake server, one way to call it sync or async."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from reply_contacts.transport import (
    FakeClock,
    InMemoryLimiter,
    RateLimitPolicy,
    ReplyTransport,
    RetryPolicy,
    stack,
)
from reply_contacts.transport.budget import IdentityCache, Resolution

API_KEY = "rk_live_4f9c2b7e1d0a8c6b5e3f"
BASE_URL = "https://api.reply.io"


class KeysKeepTheirOwnBudget(IdentityCache):
    """Every credential settled on its own budget, as if its user could not be found: the
    scripted fake server answers in order and knows no whoami. The tests of budgets per user
    (test_transport_budget.py) use a real cache instead (the `user_budgets` fixture)."""

    def claim(self, credential: tuple[str, str, str]) -> tuple[str, Resolution]:
        return "settled", Resolution(key=None, settled=True)


@pytest.fixture(autouse=True)
def keys_keep_their_own_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stack, "identities", KeysKeepTheirOwnBudget())


@pytest.fixture
def user_budgets(monkeypatch: pytest.MonkeyPatch) -> IdentityCache:
    """A fresh process-wide identity cache: keys are resolved to their users with whoami."""
    cache = IdentityCache()
    monkeypatch.setattr(stack, "identities", cache)
    return cache


Reply = httpx.Response | BaseException


@dataclass
class Seen:
    """One request as the fake server received it."""

    at: float
    method: str
    path: str
    headers: httpx.Headers
    body: bytes


@dataclass
class FakeServer:
    """Answers from a script (one reply per request, the last one repeated), recording requests.

    A reply that is an exception is raised by the transport, as a network failure would be.
    """

    clock: FakeClock
    script: list[Reply] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    handler: Callable[[httpx.Request], Reply] | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(
            Seen(
                self.clock.now(),
                request.method,
                request.url.path,
                request.headers,
                request.content,
            )
        )
        if self.handler is not None:
            reply = self.handler(request)
        else:
            index = min(len(self.seen), len(self.script)) - 1
            reply = self.script[index]
        if isinstance(reply, BaseException):
            raise reply
        return reply

    @property
    def times(self) -> list[float]:
        return [s.at for s in self.seen]


def problem(status: int, title: str, detail: str | None = None, **members: Any) -> httpx.Response:
    body: dict[str, Any] = {"title": title, "status": status}
    if detail is not None:
        body["detail"] = detail
    body.update(members)
    headers = {"content-type": "application/problem+json"}
    return httpx.Response(status, json=body, headers=headers)


def ok(payload: Any = None) -> httpx.Response:
    return httpx.Response(200, json={"ok": True} if payload is None else payload)


class Caller:
    """Sends one request through a transport with httpx.Client or httpx.AsyncClient."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def __repr__(self) -> str:
        return self.mode

    def __call__(
        self,
        transport: ReplyTransport,
        method: str,
        path: str,
        *,
        follow_redirects: bool = False,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        client_headers = {"Authorization": f"Bearer {API_KEY}"}
        client_headers.update(headers or {})
        if self.mode == "sync":
            with httpx.Client(
                transport=transport,
                base_url=BASE_URL,
                headers=client_headers,
                follow_redirects=follow_redirects,
            ) as client:
                return client.request(method, path, **kwargs)

        async def send() -> httpx.Response:
            async with httpx.AsyncClient(
                transport=transport,
                base_url=BASE_URL,
                headers=client_headers,
                follow_redirects=follow_redirects,
            ) as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(send())

    def many(
        self, transport: ReplyTransport, requests: Iterable[tuple[str, str]]
    ) -> list[httpx.Response]:
        return [self(transport, method, path) for method, path in requests]


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest) -> Caller:
    """Every scenario runs through both httpx.Client and httpx.AsyncClient."""
    return Caller(request.param)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock: FakeClock) -> FakeServer:
    return FakeServer(clock)


@pytest.fixture
def make_transport(clock: FakeClock, server: FakeServer) -> Callable[..., ReplyTransport]:
    """A transport in front of the fake server, with its own limiter and a seeded RNG."""

    def make(**options: Any) -> ReplyTransport:
        policy = options.pop("policy", RateLimitPolicy(margin=0.0))
        options.setdefault("limiter", InMemoryLimiter(policy, clock=clock))
        options.setdefault("rate_limit", policy)
        options.setdefault("retry", RetryPolicy())
        options.setdefault("rng", random.Random(7))
        options.setdefault("api_key", API_KEY)
        return ReplyTransport(transport=httpx.MockTransport(server), clock=clock, **options)

    return make
