"""Helpers shared by the facade tests (fixtures live in conftest.py)."""

from __future__ import annotations

import inspect
from typing import Any

import httpx
from reply_contacts import RetryPolicy
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import InMemoryLimiter

# Not the sandbox's default key "sandbox": every key a transport sees is registered as a secret
# and scrubbed from messages process-wide, and "sandbox" appears in ordinary sandbox text.
API_KEY = "rk_test_facade_7d41c0e2b9"

FAST_RETRY = RetryPolicy(backoff_base=0.01, backoff_cap=0.05, max_wait=5.0, deadline=20.0)


async def run(value: Any) -> Any:
    """The result of a sync call as is, or of an async call awaited."""
    if inspect.isawaitable(value):
        return await value
    return value


async def collect(paginator: Any) -> list[Any]:
    """Every item of a `Paginator` or an `AsyncPaginator`."""
    return list(await run(paginator.to_list()))


async def collect_pages(paginator: Any) -> list[Any]:
    pages = paginator.pages()
    if hasattr(pages, "__aiter__"):
        return [page async for page in pages]
    return list(pages)


def client_options(sb: Sandbox, **overrides: Any) -> dict[str, Any]:
    options: dict[str, Any] = {
        "api_key": API_KEY,
        "base_url": sb.url,
        "rate_limit": None,
        "limiter": InMemoryLimiter(),
        "retry": FAST_RETRY,
    }
    options.update(overrides)
    return options


def seeded_contacts(sb: Sandbox, n: int, **fields: Any) -> list[int]:
    return sb.seed_contacts(
        {"firstName": f"P{i}", "lastName": "Person", "email": f"p{i}@example.com", **fields}
        for i in range(1, n + 1)
    )


class Recorder:
    """An `httpx.MockTransport` handler that records requests and answers from a function."""

    def __init__(self, answer: Any = None) -> None:
        self.requests: list[httpx.Request] = []
        self._answer = answer

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self._answer is not None:
            response: httpx.Response = self._answer(request)
            return response
        return httpx.Response(200, json={"userId": 7})
