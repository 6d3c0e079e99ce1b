"""Shared pieces of the reliability tests: the fault profile, the input rows, and an inner
transport that records what the client saw on the wire."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from reply_contacts.transport import RetryPolicy

if TYPE_CHECKING:  # the import worker process needs neither (nor their import time)
    from reply_contacts.sandbox import Sandbox
    from reply_contacts.sandbox.faults import FaultRule

# Marginal probabilities per request (the sandbox evaluates rules in order and the first
# terminal one wins, so each rule's own rate is conditioned on the earlier ones not firing).
SERVER_ERROR_RATE = 0.10  # split evenly over 500, 502, 503
TOO_MANY_REQUESTS_RATE = 0.05  # 429 with Retry-After: 1
LATENCY_RATE = 0.05
LATENCY_SECONDS = 0.15

# Generous retries: with a quarter of the requests failing, the default 4 retries would give up
# on roughly one request in a thousand; the claim under test is about what survives, not that.
# The clock is virtual (FakeClock), so backoff and Retry-After cost no real time.
RETRY = RetryPolicy(max_retries=8)


@dataclass
class FaultProfile:
    """The rules injected into a sandbox, by role, to report how often each fired."""

    rules: dict[str, FaultRule] = field(default_factory=dict)

    def fired(self) -> dict[str, int]:
        return {name: rule.triggered for name, rule in self.rules.items()}


def inject_faults(
    sb: Sandbox,
    *,
    seed: int,
    drops_after: Mapping[str, float] = {},
    extra_latency: Mapping[str, float] = {},
) -> FaultProfile:
    """Latency spikes, 5xx (500/502/503) and 429s on every API path, and connections dropped
    after the server applied the write on the POST paths in `drops_after` (path -> rate).

    `extra_latency` (path -> seconds) slows every call of a path down (always, not at a rate).
    """
    profile = FaultProfile()
    seeds = iter(range(seed, seed + 100))
    for path, seconds in extra_latency.items():
        profile.rules[f"latency {path}"] = sb.inject_fault(
            "*", path, latency=seconds, seed=next(seeds)
        )
    # Latency is not terminal: it is evaluated on every request, independently of the rest.
    profile.rules["latency spike"] = sb.inject_fault(
        "*", "/v3/*", latency=LATENCY_SECONDS, rate=LATENCY_RATE, seed=next(seeds)
    )
    already = 0.0
    share = SERVER_ERROR_RATE / 3
    for status in (500, 502, 503):
        profile.rules[str(status)] = sb.inject_fault(
            "*", "/v3/*", status=status, rate=share / (1 - already), seed=next(seeds)
        )
        already += share
    profile.rules["429"] = sb.inject_fault(
        "*",
        "/v3/*",
        status=429,
        retry_after=1,
        rate=TOO_MANY_REQUESTS_RATE / (1 - already),
        seed=next(seeds),
    )
    already += TOO_MANY_REQUESTS_RATE
    for path, rate in drops_after.items():
        profile.rules[f"drop after {path}"] = sb.inject_fault(
            "POST", path, drop="after", rate=rate / (1 - already), seed=next(seeds)
        )
    return profile


def people(count: int) -> list[dict[str, str]]:
    return [
        {"firstName": f"Person{i}", "lastName": "Reliable", "email": f"person{i}@example.com"}
        for i in range(count)
    ]


def ids_by_email(sb: Sandbox) -> dict[str, int]:
    """Every live contact's id by lower-cased email; fails if an email is held twice."""
    rows = sb.query("SELECT id, lower(email) AS email FROM contacts WHERE deleted = 0")
    found: dict[str, int] = {}
    for row in rows:
        assert row["email"] not in found, f"{row['email']} is held by two contacts"
        found[row["email"]] = row["id"]
    return found


@dataclass(frozen=True)
class Exchange:
    """One request the client put on the wire and what came back: a status or an error."""

    method: str
    path: str
    outcome: int | str
    emails: tuple[str, ...] = ()  # the items of an import request


class RecordingTransport(httpx.BaseTransport):
    """The innermost transport: real HTTP, with every exchange recorded."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self._lock = threading.Lock()
        self.exchanges: list[Exchange] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        emails: tuple[str, ...] = ()
        if request.url.path.endswith("/contacts/import"):
            body = json.loads(request.content)
            emails = tuple(str(item.get("email", "")).lower() for item in body["items"])
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError as exc:
            self._record(Exchange(request.method, request.url.path, type(exc).__name__, emails))
            raise
        self._record(Exchange(request.method, request.url.path, response.status_code, emails))
        return response

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)

    def close(self) -> None:
        self._inner.close()

    def failed(self, path_suffix: str) -> Iterable[Exchange]:
        """Exchanges on a path ending in `path_suffix` that did not come back 2xx."""
        for exchange in self.exchanges:
            if exchange.path.endswith(path_suffix) and not (
                isinstance(exchange.outcome, int) and exchange.outcome < 300
            ):
                yield exchange


def summary(sb: Sandbox, profile: FaultProfile) -> str:
    stats = sb.stats()
    return (
        f"requests={stats['requests']} faults={stats['faultsInjected']}"
        f" dropped={stats['droppedConnections']} byStatus={stats['byStatus']}"
        f" fired={profile.fired()}"
    )


def as_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True)
