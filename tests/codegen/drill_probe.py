"""What the facade and the sandbox do with whatever contract is importable; prints JSON.

Run by test_spec_change_drill.py with PYTHONPATH pointing at a scratch generation, so the
`reply_contact_data_client` (and its contract) imported here is the one built from a changed
spec, while `reply_contacts` is this checkout's facade, unedited.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
import reply_contact_data_client
from reply_contact_data_client.contract import Operations
from reply_contacts import ReplyContacts, RetryPolicy, ServerError
from reply_contacts.sandbox import Sandbox

NEW_ACCOUNT_SIZE = "50001+"


def import_requests(sb: Sandbox, client: ReplyContacts, rows: int) -> int:
    """How many import calls `import_to_list` spends on `rows` rows."""
    sb.reset_stats()
    report = client.import_to_list(
        ({"firstName": f"P{i}", "email": f"p{i}@drill.example"} for i in range(rows)),
        list_name="Drill",
        create_list=True,
    )
    assert report.totals()["created"] == rows, report.totals()
    return int(sb.stats()["byOperation"].get("ImportContacts", 0))


def sandbox_status_for_import_of(sb: Sandbox, items: int) -> int:
    body = {"items": [{"firstName": f"S{i}", "email": f"s{i}@drill.example"} for i in range(items)]}
    response = httpx.post(
        f"{sb.url}/v3/contacts/import",
        json=body,
        headers={"Authorization": f"Bearer {sb.api_key}"},
        timeout=30,
    )
    return response.status_code


def sandbox_status_for_account_size(sb: Sandbox, size: str) -> int:
    response = httpx.post(
        f"{sb.url}/v3/contact-accounts",
        json={"name": f"Size {size}", "domainName": "size.example", "companySize": size},
        headers={"Authorization": f"Bearer {sb.api_key}"},
        timeout=30,
    )
    return response.status_code


def note_attempts() -> int:
    """How many times the transport sends an add-note that first fails with a 503."""
    attempts = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            return httpx.Response(503, json={"title": "Unavailable", "status": 503})
        return httpx.Response(204)  # the spec's answer to an added note

    client = ReplyContacts(
        api_key="k",
        base_url="http://127.0.0.1:9",
        http_transport=httpx.MockTransport(handler),
        rate_limit=None,
        retry=RetryPolicy(max_retries=2, backoff_base=0.0, backoff_cap=0.0),
    )
    with contextlib.suppress(ServerError):
        client.contacts.add_note(7, "hi")
    return attempts


def filter_accepts_account_size(size: str) -> bool:
    from reply_contacts.filters import AccountFields, FilterError

    try:
        AccountFields.company_size == size  # noqa: B015 - building the condition validates it
    except FilterError:
        return False
    return True


def main() -> None:
    limit = Operations.import_contacts.max_items("/items")
    result: dict[str, Any] = {
        "contract_file": reply_contact_data_client.__file__,
        "import_max_items": limit,
        "note_idempotent": Operations.add_contact_note.idempotent,
        "note_attempts": note_attempts(),
    }
    with Sandbox(rate_limiting=False) as sb:
        with ReplyContacts(api_key=sb.api_key, base_url=sb.url, rate_limit=None) as client:
            result["import_requests_1200_rows"] = import_requests(sb, client, 1200)
        result["sandbox_import_at_limit"] = sandbox_status_for_import_of(sb, limit)
        result["sandbox_import_over_limit"] = sandbox_status_for_import_of(sb, limit + 1)
        result["sandbox_new_account_size"] = sandbox_status_for_account_size(sb, NEW_ACCOUNT_SIZE)
    result["filter_new_account_size"] = filter_accepts_account_size(NEW_ACCOUNT_SIZE)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
