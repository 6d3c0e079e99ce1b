"""Fault injection: statuses for N calls or at a rate, latency, and dropped connections."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from reply_contacts.sandbox import ConnectionDropped, FaultRule, Sandbox, SandboxState, create_app


@pytest.fixture
def raw(client_for: Any) -> httpx.Client:
    """A client without contract checks: injected faults are not part of the API contract."""
    client: httpx.Client = client_for(checked=False)
    return client


def test_status_for_the_next_n_calls(raw: httpx.Client, sb: Sandbox) -> None:
    sb.inject_fault("GET", "/v3/contacts*", status=503, retry_after=7, times=2)
    first, second, third = (raw.get("/v3/contacts") for _ in range(3))
    assert first.status_code == second.status_code == 503
    assert first.headers["retry-after"] == "7"
    assert first.headers["content-type"] == "application/problem+json"
    assert third.status_code == 200
    assert raw.post("/v3/contacts/filter", json={}).status_code == 200  # method must match


def test_injected_429_counts_nothing_against_the_quota(raw: httpx.Client, sb: Sandbox) -> None:
    sb.set_rate_limit(per_minute=1)
    sb.inject_fault(path="/v3/whoami", status=429, retry_after=3, times=1)
    limited = raw.get("/v3/whoami")
    assert limited.status_code == 429 and limited.headers["retry-after"] == "3"
    assert limited.json()["detail"] == "Rate limit exceeded. Retry after 3 seconds."
    assert raw.get("/v3/whoami").status_code == 200


def test_rate_is_seeded_and_reproducible(raw: httpx.Client, sb: Sandbox) -> None:
    def pattern() -> list[int]:
        sb.clear_faults()
        sb.inject_fault("GET", "/v3/whoami", status=500, rate=0.5, seed=42)
        return [raw.get("/v3/whoami").status_code for _ in range(30)]

    first, second = pattern(), pattern()
    assert first == second
    assert 5 < first.count(500) < 25


def test_regex_paths_and_latency(raw: httpx.Client, sb: Sandbox) -> None:
    sb.inject_fault("GET", r"re:/v3/contacts/\d+", latency=0.3, times=1)
    started = time.perf_counter()
    assert raw.get("/v3/contacts/5").status_code == 404
    assert time.perf_counter() - started >= 0.3
    started = time.perf_counter()
    raw.get("/v3/contacts/5")
    assert time.perf_counter() - started < 0.25


def test_drop_before_the_handler_writes_nothing(raw: httpx.Client, sb: Sandbox) -> None:
    sb.inject_fault("POST", "/v3/contacts", drop="before", times=1)
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        raw.post("/v3/contacts", json={"firstName": "A", "email": "a@example.com"})
    assert sb.count_contacts() == 0
    assert (
        raw.post("/v3/contacts", json={"firstName": "A", "email": "a@example.com"}).status_code
        == 201
    )


def test_drop_after_apply_keeps_the_write(raw: httpx.Client, sb: Sandbox) -> None:
    sb.inject_fault("POST", "/v3/contacts/import", drop="after", times=1)
    items = [{"firstName": "A", "email": "a@example.com"}]
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        raw.post("/v3/contacts/import", json={"items": items})
    assert sb.count_contacts() == 1  # the client saw a failure, but the write happened
    retry = raw.post("/v3/contacts/import", json={"items": items}).json()
    assert retry["items"][0]["status"] == "updated" and sb.count_contacts() == 1
    stats = sb.stats()
    assert stats["droppedConnections"] == 1 and stats["byStatus"]["dropped"] == 1


def test_drop_with_a_fresh_client_and_keepalive(sb: Sandbox) -> None:
    sb.inject_fault("PATCH", "/v3/contacts/*", drop="after", times=1)
    contact_id = sb.seed_contact(firstName="A", email="a@example.com")
    with httpx.Client(base_url=sb.url, headers={"Authorization": "Bearer sandbox"}) as client:
        assert client.get("/v3/whoami").status_code == 200  # a pooled keep-alive connection
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            client.patch(f"/v3/contacts/{contact_id}", json={"title": "CEO"})
        assert client.get(f"/v3/contacts/{contact_id}").json()["title"] == "CEO"


async def test_drop_under_asgi_transport_raises() -> None:
    state = SandboxState(faults=["POST /v3/contacts drop=before"])
    transport = httpx.ASGITransport(app=create_app(state))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
        with pytest.raises(ConnectionDropped):
            await client.post(
                "/v3/contacts",
                json={"firstName": "A", "email": "a@b.co"},
                headers={"Authorization": "Bearer sandbox"},
            )


def test_admin_endpoint_manages_faults(raw: httpx.Client, sb: Sandbox) -> None:
    added = httpx.post(
        f"{sb.url}/_sandbox/faults",
        json={"method": "GET", "path": "/v3/whoami", "status": 502, "times": 1},
    )
    assert added.status_code == 201 and added.json()["status"] == 502
    by_spec = httpx.post(f"{sb.url}/_sandbox/faults", json={"spec": "GET /v3/contacts status=504"})
    assert by_spec.json()["path"] == "/v3/contacts"
    assert [f["id"] for f in httpx.get(f"{sb.url}/_sandbox/faults").json()] == [
        added.json()["id"],
        by_spec.json()["id"],
    ]
    assert raw.get("/v3/whoami").status_code == 502
    assert httpx.delete(f"{sb.url}/_sandbox/faults").status_code == 204
    assert raw.get("/v3/contacts").status_code == 200
    bad = httpx.post(f"{sb.url}/_sandbox/faults", json={"status": 200})
    assert bad.status_code == 400


def test_spec_parsing() -> None:
    rule = FaultRule.parse("POST /v3/contacts/import status=503 times=2 retry_after=5")
    assert (rule.method, rule.path, rule.status, rule.times, rule.retry_after) == (
        "POST",
        "/v3/contacts/import",
        503,
        2,
        5,
    )
    assert FaultRule.parse("/v3/* drop=after rate=0.1 seed=7").drop == "after"
    for bad in [
        "GET /x status=200",
        "GET /x",
        "GET /x status=500 drop=before",
        "a b c status=500",
        "GET /x colour=red status=500",
    ]:
        with pytest.raises(ValueError):
            FaultRule.parse(bad)
