"""Sandbox throughput: requests per second for a mixed Contact Data workload over loopback,
against a trivial Starlette endpoint served by the same uvicorn setup in the same run.

Workload (repeating, per 10 requests): 3 contact creates, 4 gets, 2 filters, 1 import of 100.
``bulk_contacts`` additionally imports that many contacts (1,000 per request) and times a
filter over the grown table. ``hostile`` times the refusal of hostile requests (a 2,000,000-id
bulk delete, a body over the size limit) against one legitimate 1,000-item import.

    python -m bench.bench_sandbox            # 2,000 mixed requests + 100,000 imported contacts
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx
from reply_contacts.sandbox import Sandbox
from reply_contacts.sandbox.connections import ConnectionRegistry
from reply_contacts.sandbox.server import SandboxServer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

AUTH = {"Authorization": "Bearer sandbox"}


def _timed(count: int, step: Callable[[int], object]) -> float:
    started = time.perf_counter()
    for index in range(count):
        step(index)
    return time.perf_counter() - started


def baseline_rps(n_requests: int) -> float:
    """The same server stack (bound socket, uvicorn, tracked protocol) with a trivial app."""

    async def ping(request: Request) -> Response:
        return JSONResponse({"userId": 1})

    server = SandboxServer(Starlette(routes=[Route("/ping", ping)]), ConnectionRegistry())
    server.start()
    try:
        with httpx.Client(base_url=server.url) as client:
            client.get("/ping")
            elapsed = _timed(n_requests, lambda _: client.get("/ping").raise_for_status())
    finally:
        server.stop()
    return n_requests / elapsed


def _mixed_step(client: httpx.Client, created: list[int]) -> Callable[[int], None]:
    filter_body = {
        "rules": [{"property": "company", "condition": "contains", "value": "bench"}],
        "sortBy": "lastName",
    }

    def step(index: int) -> None:
        kind = index % 10
        if kind in (0, 1, 2):
            body = {
                "firstName": "B",
                "lastName": f"L{index}",
                "email": f"m{index}@bench.example",
                "company": "Bench Co",
            }
            response = client.post("/v3/contacts", json=body)
            response.raise_for_status()
            created.append(response.json()["id"])
        elif kind in (3, 4, 5, 6):
            target = created[index % len(created)] if created else 1
            response = client.get(f"/v3/contacts/{target}")
            if response.status_code != 404:
                response.raise_for_status()
        elif kind in (7, 8):
            client.post(
                "/v3/contacts/filter", json=filter_body, params={"top": 25}
            ).raise_for_status()
        else:
            items = [
                {"firstName": "I", "email": f"i{index}-{n}@bench.example", "company": "Bench"}
                for n in range(100)
            ]
            client.post("/v3/contacts/import", json={"items": items}).raise_for_status()

    return step


def _median_seconds(send: Callable[[], httpx.Response], expected: int, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = send()
        times.append(time.perf_counter() - started)
        assert response.status_code == expected, response.text[:300]
    return sorted(times)[len(times) // 2]


def hostile(client: httpx.Client) -> dict[str, float]:
    """Seconds to refuse hostile requests, and their ratio to one legitimate 1,000-item import.

    Bodies are encoded once beforehand, so the figures are the server's (plus the upload)."""
    from reply_contacts.sandbox.intake import MAX_BODY_BYTES

    json_type = {"content-type": "application/json"}
    ids = json.dumps({"ids": list(range(1, 2_000_001))}).encode()
    counter = iter(range(10**9))

    def legit() -> httpx.Response:
        batch = next(counter)
        items = [
            {"firstName": "H", "email": f"h{batch}-{n}@bench.example", "company": "Hostile"}
            for n in range(1000)
        ]
        return client.post("/v3/contacts/import", json={"items": items})

    result = {
        "import_1000_s": _median_seconds(legit, 200),
        "refuse_2m_contact_ids_s": _median_seconds(
            lambda: client.post("/v3/contacts/bulk-delete", content=ids, headers=json_type), 400
        ),
        "refuse_2m_account_ids_s": _median_seconds(
            lambda: client.post("/v3/contact-accounts/bulk-delete", content=ids, headers=json_type),
            400,
        ),
        "refuse_oversized_body_s": _median_seconds(
            lambda: client.post(
                "/v3/contacts/import", content=b" " * (MAX_BODY_BYTES + 1), headers=json_type
            ),
            413,
        ),
    }
    for key in ("refuse_2m_contact_ids_s", "refuse_2m_account_ids_s", "refuse_oversized_body_s"):
        result[key.replace("_s", "_ratio")] = result[key] / result["import_1000_s"]
    return result


def run(n_requests: int, *, bulk_contacts: int = 0, hostile_inputs: bool = False) -> dict[str, Any]:
    """Measure the mixed workload (and optionally a bulk import); return the numbers."""
    result: dict[str, Any] = {"n_requests": n_requests}
    result["baseline_rps"] = baseline_rps(n_requests)
    with (
        Sandbox(rate_limiting=False) as sandbox,
        httpx.Client(base_url=sandbox.url, headers=AUTH, timeout=60) as client,
    ):
        created: list[int] = []
        elapsed = _timed(n_requests, _mixed_step(client, created))
        result["sandbox_rps"] = n_requests / elapsed
        result["ratio_to_baseline"] = result["sandbox_rps"] / result["baseline_rps"]
        result["contacts_after_mixed"] = sandbox.count_contacts()
        if bulk_contacts:
            batches = (bulk_contacts + 999) // 1000

            def import_batch(batch: int) -> None:
                items = [
                    {
                        "firstName": "Bulk",
                        "lastName": f"N{n}",
                        "email": f"bulk{batch}-{n}@bench.example",
                        "company": f"Company {n % 500}",
                    }
                    for n in range(min(1000, bulk_contacts - batch * 1000))
                ]
                client.post("/v3/contacts/import", json={"items": items}).raise_for_status()

            bulk_elapsed = _timed(batches, import_batch)
            result["bulk_contacts"] = bulk_contacts
            result["bulk_contacts_per_second"] = bulk_contacts / bulk_elapsed
            result["bulk_import_seconds"] = bulk_elapsed
            total = sandbox.count_contacts()
            result["contacts_total"] = total
            body = {"rules": [{"property": "company", "condition": "equals", "value": "company 7"}]}
            started = time.perf_counter()
            client.post("/v3/contacts/filter", json=body, params={"top": 100}).raise_for_status()
            result["filter_ms_at_total"] = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            client.get("/v3/contacts", params={"email": "bulk7-7@bench.example"}).raise_for_status()
            result["lookup_ms_at_total"] = (time.perf_counter() - started) * 1000
        if hostile_inputs:
            result["hostile"] = hostile(client)
    return result


def main(argv: list[str]) -> None:
    n_requests = int(argv[1]) if len(argv) > 1 else 2000
    bulk = int(argv[2]) if len(argv) > 2 else 100_000
    result = run(n_requests, bulk_contacts=bulk, hostile_inputs=True)
    print(
        f"mixed workload: {result['sandbox_rps']:.0f} req/s vs trivial endpoint "
        f"{result['baseline_rps']:.0f} req/s -> ratio {result['ratio_to_baseline']:.2f}"
    )
    if bulk:
        print(
            f"bulk import: {result['bulk_contacts']} contacts in "
            f"{result['bulk_import_seconds']:.1f}s ({result['bulk_contacts_per_second']:.0f}/s); "
            f"with {result['contacts_total']} contacts a filter takes "
            f"{result['filter_ms_at_total']:.1f} ms, an email lookup "
            f"{result['lookup_ms_at_total']:.1f} ms"
        )
    refused = result["hostile"]
    print(
        f"hostile input: a 1,000-item import takes {refused['import_1000_s'] * 1000:.0f} ms; "
        f"refusing a 2,000,000-id bulk delete {refused['refuse_2m_contact_ids_s'] * 1000:.0f} ms "
        f"(contacts, ratio {refused['refuse_2m_contact_ids_ratio']:.2f}) and "
        f"{refused['refuse_2m_account_ids_s'] * 1000:.0f} ms "
        f"(accounts, ratio {refused['refuse_2m_account_ids_ratio']:.2f}); "
        f"a body over the limit {refused['refuse_oversized_body_s'] * 1000:.0f} ms "
        f"(ratio {refused['refuse_oversized_body_ratio']:.2f})"
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv)
