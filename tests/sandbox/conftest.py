"""Shared fixtures: the plugin's sandbox, an httpx client whose every response is checked
against the OpenAPI contract, and a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from reply_contacts import pytest_plugin
from reply_contacts.sandbox import Sandbox

from .contract import check_response


def pytest_configure(config: pytest.Config) -> None:
    # The plugin arrives through the pytest11 entry point once the package is installed;
    # register it here too so these tests also run from a plain checkout.
    manager = config.pluginmanager
    if not manager.is_registered(pytest_plugin) and not manager.has_plugin("reply_contacts"):
        manager.register(pytest_plugin, "reply_contacts")


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def sb(reply_sandbox: Sandbox) -> Sandbox:
    return reply_sandbox


def make_client(sandbox: Sandbox, key: str | None = None, *, checked: bool = True) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key or sandbox.api_key}"}
    hooks: dict[str, list[Any]] = {"response": [check_response]} if checked else {}
    return httpx.Client(base_url=sandbox.url, headers=headers, event_hooks=hooks, timeout=30)


@pytest.fixture
def api(sb: Sandbox) -> Iterator[httpx.Client]:
    """An authenticated client (all scopes, user 1) with contract checking on every response."""
    with make_client(sb) as client:
        yield client


@pytest.fixture
def client_for(sb: Sandbox) -> Iterator[Any]:
    """Make clients for other keys: ``client_for("key")``."""
    clients: list[httpx.Client] = []

    def build(key: str | None = None, *, checked: bool = True) -> httpx.Client:
        client = make_client(sb, key, checked=checked)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()


@pytest.fixture
def fake_clock(sb: Sandbox) -> FakeClock:
    clock = FakeClock()
    sb.set_clock(clock)
    return clock


def new_contact(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"firstName": "Ann", "email": f"ann{id(fields)}@example.com", **fields}
    response = api.post("/v3/contacts", json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def assert_problem(
    response: httpx.Response,
    status: int,
    code: str | None = None,
    *,
    pointer: str | None = None,
    detail: str | None = None,
) -> dict[str, Any]:
    """Check a problem+json answer: status, envelope, and code or validation pointer."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and isinstance(body["detail"], str)
    if code is not None:
        assert body.get("code") == code, body
    if pointer is not None:
        assert body["title"] == "Validation failed", body
        pointers = [error["pointer"] for error in body["errors"]]
        assert pointer in pointers, body
    if detail is not None:
        texts = [body["detail"]] + [error["detail"] for error in body.get("errors", [])]
        assert detail in texts, body
    return body
