"""POST /v3/contacts/import: per-item results, options, dedupe keys, idempotency, volume."""

from __future__ import annotations

import time
from typing import Any

import httpx
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, new_contact


def run_import(api: httpx.Client, items: list[dict[str, Any]], **options: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"items": items}
    if options:
        body["options"] = options
    response = api.post("/v3/contacts/import", json=body)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def statuses(result: dict[str, Any]) -> list[str]:
    return [item["status"] for item in result["items"]]


def test_per_item_results_in_input_order(api: httpx.Client, sb: Sandbox) -> None:
    api.post("/v3/custom-fields", json={"title": "Score", "fieldType": "number"})
    new_contact(api, email="old@example.com", firstName="Old")
    result = run_import(
        api,
        [
            {"firstName": "New", "email": "new@example.com"},
            {"firstName": "Old", "email": "old@example.com", "title": "CTO"},
            {"lastName": "NoFirst", "email": "nofirst@example.com"},
            {"firstName": "Bad", "email": "bad-email"},
            {
                "firstName": "Num",
                "email": "num@example.com",
                "customFields": [{"name": "Score", "value": "x"}],
            },
            {"firstName": "Tz", "email": "tz@example.com", "timeZoneId": "Mars/Olympus"},
        ],
    )
    assert statuses(result) == ["created", "updated", "failed", "failed", "failed", "failed"]
    errors = [item["error"] for item in result["items"]]
    assert errors[:5] == [None, None, "Invalid data", "Invalid data", "Wrong field format"]
    assert "Mars/Olympus" in errors[5]
    assert result["items"][2]["id"] is None
    assert (result["added"], result["updated"], result["skipped"], result["failed"]) == (1, 1, 0, 4)
    assert sb.count_contacts() == 2


def test_default_fills_only_empty_fields(api: httpx.Client, sb: Sandbox) -> None:
    old = new_contact(api, email="old@example.com", title="CTO")
    run_import(
        api, [{"firstName": "Old", "email": "old@example.com", "title": "CEO", "city": "Rome"}]
    )
    contact = sb.get_contact(old["id"])
    assert contact is not None
    assert contact["title"] == "CTO" and contact["city"] == "Rome"


def test_overwrite_and_skip_existing(api: httpx.Client, sb: Sandbox) -> None:
    old = new_contact(api, email="old@example.com", title="CTO")
    item = {"firstName": "Old", "email": "old@example.com", "title": "CEO"}
    skipped = run_import(api, [item], skipExisting=True)
    assert skipped["items"][0] == {
        "id": old["id"],
        "status": "skipped",
        "error": None,
        "skipReason": "contactExists",
    }
    assert sb.get_contact(old["id"])["title"] == "CTO"  # type: ignore[index]
    run_import(api, [item], overwriteExisting=True)
    assert sb.get_contact(old["id"])["title"] == "CEO"  # type: ignore[index]


def test_skip_without_emails(api: httpx.Client) -> None:
    result = run_import(
        api,
        [{"firstName": "Li", "linkedInUrl": "https://linkedin.com/in/li"}],
        skipWithoutEmails=True,
    )
    assert result["items"][0]["status"] == "skipped" and result["skipped"] == 1


def test_deleted_contacts_are_skipped_unless_restored(api: httpx.Client, sb: Sandbox) -> None:
    old = new_contact(api, email="gone@example.com")
    api.delete(f"/v3/contacts/{old['id']}")
    item = {"firstName": "Back", "email": "gone@example.com"}
    skipped = run_import(api, [item])["items"][0]
    assert skipped["status"] == "skipped" and skipped["skipReason"] == "contactDeleted"
    restored = run_import(api, [item], restoreDeleted=True)["items"][0]
    assert restored == {"id": old["id"], "status": "restored", "error": None}
    assert sb.get_contact(old["id"])["firstName"] == "Back"  # type: ignore[index]


def test_list_ids_file_every_touched_contact(api: httpx.Client, sb: Sandbox) -> None:
    target = api.post("/v3/contact-lists", json={"name": "Imported"}).json()
    existing = new_contact(api, email="old@example.com")
    result = run_import(
        api,
        [
            {"firstName": "Old", "email": "old@example.com"},
            {"firstName": "New", "email": "new@example.com"},
            {"firstName": "Skip"},
        ],
        listIds=[target["id"]],
        sequenceId=2,
    )
    created = result["items"][1]["id"]
    assert sb.contacts_in_list(target["id"]) == sorted([existing["id"], created])
    assert [m["sequence_id"] for m in sb.sequence_memberships(created)] == [2]
    assert_problem(
        api.post(
            "/v3/contacts/import",
            json={
                "items": [{"firstName": "A", "email": "a@example.com"}],
                "options": {"listIds": [999]},
            },
        ),
        400,
        "contactsList.notFound",
    )
    assert sb.find_contact("a@example.com") is None  # the whole request was refused


def test_duplicate_emails_in_one_request_update_the_first(api: httpx.Client, sb: Sandbox) -> None:
    result = run_import(
        api,
        [
            {"firstName": "Ann", "email": "ann@example.com"},
            {"firstName": "Ann", "email": "ANN@example.com", "title": "CEO"},
        ],
    )
    assert statuses(result) == ["created", "updated"]
    assert result["items"][0]["id"] == result["items"][1]["id"]
    assert sb.count_contacts() == 1
    assert sb.find_contact("ann@example.com")["title"] == "CEO"  # type: ignore[index]


def test_dedupe_keys_match_on_the_combination(api: httpx.Client, sb: Sandbox) -> None:
    run_import(api, [{"firstName": "Ann", "lastName": "Lee", "email": "ann@example.com"}])
    same = run_import(
        api,
        [{"firstName": "Ann", "lastName": "Lee", "email": "ann@example.com"}],
        keys={"lastName": True},
    )
    assert statuses(same) == ["updated"]
    differs = run_import(
        api,
        [{"firstName": "Ann", "lastName": "Other", "email": "ann@example.com"}],
        keys={"lastName": True},
    )
    assert differs["items"][0]["error"] == "Not processed"
    by_url = [{"firstName": "Li", "linkedInUrl": "https://linkedin.com/in/li", "company": "Acme"}]
    first = run_import(api, by_url, keys={"linkedInUrl": True, "company": True})
    again = run_import(api, by_url, keys={"linkedInUrl": True, "company": True})
    assert statuses(first) == ["created"] and statuses(again) == ["updated"]
    assert sb.count_contacts() == 2


def test_custom_field_keys(api: httpx.Client, sb: Sandbox) -> None:
    field = api.post("/v3/custom-fields", json={"title": "CRM id", "fieldType": "text"}).json()
    item = {
        "firstName": "A",
        "email": "a@example.com",
        "customFields": [{"id": field["id"], "value": "c-1"}],
    }
    run_import(api, [item])
    assert statuses(run_import(api, [item], keys={"customFieldIds": [field["id"]]})) == ["updated"]


def test_reimport_is_idempotent(api: httpx.Client, sb: Sandbox) -> None:
    items = [{"firstName": f"P{n}", "email": f"p{n}@example.com"} for n in range(50)]
    items.append({"firstName": "Li", "linkedInUrl": "https://linkedin.com/in/li-only"})
    first = run_import(api, items)
    second = run_import(api, items)
    assert first["added"] == 51 and second["added"] == 0 and second["updated"] == 51
    assert [i["id"] for i in first["items"]] == [i["id"] for i in second["items"]]
    assert sb.count_contacts() == 51


def test_limits_and_validation(api: httpx.Client) -> None:
    too_many = [{"firstName": "x", "email": f"x{n}@example.com"} for n in range(1001)]
    assert_problem(
        api.post("/v3/contacts/import", json={"items": too_many}),
        400,
        "contact.limitExceeded",
        detail="Maximum 1000 items per import request.",
    )
    assert_problem(api.post("/v3/contacts/import", json={"items": []}), 400, pointer="/items")
    assert_problem(api.post("/v3/contacts/import", json={}), 400, pointer="/items")
    assert_problem(
        api.post("/v3/contacts/import", json={"items": [{"firstName": 5}]}),
        400,
        pointer="/items/0/firstName",
        detail="Value has an invalid type.",
    )


def test_ten_thousand_contacts_in_ten_calls(api: httpx.Client, sb: Sandbox) -> None:
    started = time.perf_counter()
    for batch in range(10):
        items = [
            {"firstName": f"F{n}", "email": f"bulk{batch}-{n}@example.com", "company": "Bulk"}
            for n in range(1000)
        ]
        assert run_import(api, items)["added"] == 1000
    assert sb.count_contacts() == 10_000
    assert time.perf_counter() - started < 20
    count = api.post(
        "/v3/contacts/filter/count",
        json={"rules": [{"property": "company", "condition": "equals", "value": "bulk"}]},
    )
    assert count.json() == {"count": 10_000}
