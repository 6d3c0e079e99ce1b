"""Contacts core (reference §3): create, get, patch, delete, bulk delete, lookup."""

from __future__ import annotations

import httpx
import pytest
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, new_contact


def test_create_returns_the_live_shape(api: httpx.Client) -> None:
    response = api.post(
        "/v3/contacts",
        json={
            "firstName": "Ann",
            "lastName": "Lee",
            "email": "Ann.Lee@Example.com",
            "companySize": "OneThousand",
            "timeZoneId": "Europe/Berlin",
        },
    )
    assert response.status_code == 201
    contact = response.json()
    assert contact["id"] >= 1
    assert contact["domain"] == "example.com"
    assert contact["companySize"] == "OneThousand"  # PascalCase, as the live server answers
    assert contact["company"] is None and contact["title"] == ""  # live nulls and empties
    assert contact["createdAt"] is None and contact["lastModifiedAt"] is None
    assert contact["customFields"] == [] and contact["ownerUserId"] == 1
    assert contact["callStatus"] == "none" and contact["isOptedOut"] is False
    unset = api.post("/v3/contacts", json={"firstName": "Bo", "email": "bo@example.com"}).json()
    assert unset["companySize"] == "Empty"


def test_create_requires_first_name_and_an_identifier(api: httpx.Client) -> None:
    assert_problem(
        api.post("/v3/contacts", json={"email": "x@example.com"}),
        400,
        pointer="/firstName",
        detail="FirstName is required.",
    )
    assert_problem(
        api.post("/v3/contacts", json={"firstName": "Ann"}),
        400,
        "contact.invalidInput",
        detail="A contact must have at least an email or a LinkedIn URL.",
    )
    assert_problem(
        api.post("/v3/contacts", json={"firstName": "Ann", "email": "not-an-email"}),
        400,
        pointer="/email",
    )
    linked_in_only = api.post(
        "/v3/contacts", json={"firstName": "Li", "linkedInUrl": "https://linkedin.com/in/li"}
    )
    assert linked_in_only.status_code == 201
    assert linked_in_only.json()["email"] is None


def test_create_with_existing_email_is_refused(api: httpx.Client, sb: Sandbox) -> None:
    new_contact(api, email="dup@example.com")
    assert_problem(
        api.post("/v3/contacts", json={"firstName": "Other", "email": "DUP@example.com"}),
        400,
        "contact.invalidInput",
        detail="A contact with this email already exists.",
    )
    assert sb.count_contacts() == 1


def test_get_and_not_found(api: httpx.Client) -> None:
    contact = new_contact(api)
    assert api.get(f"/v3/contacts/{contact['id']}").json() == contact
    assert_problem(
        api.get("/v3/contacts/999"),
        404,
        "contact.notFound",
        detail="Contact with ID 999 not found.",
    )


@pytest.mark.parametrize("bad_id", ["0", "-1", "abc", "2147483648", "1.5"])
def test_path_id_must_be_a_positive_int32(api: httpx.Client, bad_id: str) -> None:
    assert_problem(
        api.get(f"/v3/contacts/{bad_id}"),
        400,
        pointer="id",
        detail="The field id must be between 1 and 2147483647.",
    )


def test_patch_omitted_stays_null_clears(api: httpx.Client) -> None:
    contact = new_contact(api, title="CTO", company="Acme", city="Paris")
    response = api.patch(
        f"/v3/contacts/{contact['id']}",
        json={"title": "CEO", "company": None, "callStatus": "toCall", "isOptedOut": True},
    )
    assert response.status_code == 200
    patched = response.json()
    assert patched["title"] == "CEO" and patched["company"] is None and patched["city"] == "Paris"
    assert patched["callStatus"] == "toCall" and patched["isOptedOut"] is True
    cleared = api.patch(f"/v3/contacts/{contact['id']}", json={"callStatus": None}).json()
    assert cleared["callStatus"] == "none"


def test_patch_owner_must_be_a_team_member(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api)
    assert_problem(
        api.patch(f"/v3/contacts/{contact['id']}", json={"ownerUserId": 999999999}),
        400,
        "contact.invalidInput",
        detail="OwnerUserId 999999999 is not a member of the team.",
    )
    moved = api.patch(f"/v3/contacts/{contact['id']}", json={"ownerUserId": 2}).json()
    assert moved["ownerUserId"] == 2
    assert sb.activities(contact["id"])[0]["activity_type"] == "ownerChanged"


def test_patch_validation_and_conflicts(api: httpx.Client) -> None:
    first = new_contact(api, email="one@example.com")
    new_contact(api, email="two@example.com")
    url = f"/v3/contacts/{first['id']}"
    assert_problem(api.patch(url, json={"email": "two@example.com"}), 400, "contact.invalidInput")
    assert_problem(api.patch(url, json={"email": None}), 400, "contact.invalidInput")
    assert_problem(api.patch(url, json={"email": "bad"}), 400, pointer="/email")
    assert_problem(api.patch(url, json={"firstName": ""}), 400, pointer="/firstName")
    assert_problem(api.patch(url, json={"companySize": "Huge"}), 400, pointer="/companySize")
    assert_problem(api.patch(url, json={"timeZoneId": "Mars/Base"}), 400, "contact.invalidInput")
    assert_problem(api.patch(url, json={"accountId": 424242}), 400, "contact.invalidInput")
    assert_problem(api.patch("/v3/contacts/999", json={"title": "x"}), 404, "contact.notFound")


def test_patch_custom_fields_by_id_or_name(api: httpx.Client) -> None:
    text = api.post("/v3/custom-fields", json={"title": "Lead Source", "fieldType": "text"}).json()
    number = api.post("/v3/custom-fields", json={"title": "Score", "fieldType": "number"}).json()
    contact = new_contact(api)
    url = f"/v3/contacts/{contact['id']}"
    patched = api.patch(
        url,
        json={
            "customFields": [{"id": text["id"], "value": "Web"}, {"name": "score", "value": "42"}]
        },
    ).json()
    assert patched["customFields"] == [
        {"key": str(text["id"]), "value": "Web"},
        {"key": str(number["id"]), "value": "42"},
    ]
    assert_problem(
        api.patch(url, json={"customFields": [{"name": "Score", "value": "lots"}]}),
        400,
        "contact.invalidInput",
    )
    assert_problem(
        api.patch(url, json={"customFields": [{"name": "Nope", "value": "x"}]}),
        400,
        "contact.invalidInput",
    )
    cleared = api.patch(url, json={"customFields": [{"id": text["id"], "value": None}]}).json()
    assert cleared["customFields"] == [{"key": str(number["id"]), "value": "42"}]


def test_create_applies_known_custom_fields_and_checks_types(api: httpx.Client) -> None:
    number = api.post("/v3/custom-fields", json={"title": "Score", "fieldType": "number"}).json()
    created = new_contact(
        api, customFields=[{"key": "Score", "value": "7"}, {"key": "unknown", "value": "x"}]
    )
    assert created["customFields"] == [{"key": str(number["id"]), "value": "7"}]
    assert_problem(
        api.post(
            "/v3/contacts",
            json={
                "firstName": "A",
                "email": "a@b.co",
                "customFields": [{"key": "Score", "value": "x"}],
            },
        ),
        400,
        "contact.invalidInput",
    )


def test_delete_is_soft_and_hides_the_contact(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api)
    assert api.delete(f"/v3/contacts/{contact['id']}").status_code == 204
    assert_problem(api.get(f"/v3/contacts/{contact['id']}"), 404, "contact.notFound")
    assert_problem(api.delete(f"/v3/contacts/{contact['id']}"), 404, "contact.notFound")
    assert sb.count_contacts() == 0 and sb.is_deleted(contact["id"])


def test_bulk_delete_reports_per_id(api: httpx.Client, sb: Sandbox) -> None:
    a, b = new_contact(api, email="a@example.com"), new_contact(api, email="b@example.com")
    ok = api.post("/v3/contacts/bulk-delete", json={"ids": [a["id"]]})
    assert ok.status_code == 200 and ok.json() == {}
    partial = api.post("/v3/contacts/bulk-delete", json={"ids": [b["id"], 777, a["id"]]}).json()
    assert partial == {
        "777": {"error": "notFound", "errorDetails": "Contact with ID 777 not found."},
        str(a["id"]): {
            "error": "notFound",
            "errorDetails": f"Contact with ID {a['id']} not found.",
        },
    }
    assert sb.count_contacts() == 0
    assert_problem(api.post("/v3/contacts/bulk-delete", json={"ids": []}), 400, pointer="/ids")
    assert_problem(api.post("/v3/contacts/bulk-delete", json={"ids": ["x"]}), 400, pointer="/ids/0")


def test_lookup_by_email_and_linkedin(api: httpx.Client) -> None:
    ann = new_contact(api, email="ann@example.com", linkedInUrl="https://www.linkedin.com/in/ann/")
    new_contact(api, email="joann@example.com")
    found = api.get("/v3/contacts", params={"email": "ANN@example.com"}).json()
    assert [c["id"] for c in found["items"]] == [ann["id"]] and found["hasMore"] is False
    by_url = api.get("/v3/contacts", params={"linkedIn": "https://linkedin.com/in/ann"}).json()
    assert [c["id"] for c in by_url["items"]] == [ann["id"]]
    assert api.get("/v3/contacts", params={"email": "none@example.com"}).json()["items"] == []


def test_list_pages_in_id_order(api: httpx.Client, sb: Sandbox) -> None:
    ids = sb.seed_contacts(7)
    first = api.get("/v3/contacts", params={"top": 3}).json()
    second = api.get("/v3/contacts", params={"top": 3, "skip": 3}).json()
    last = api.get("/v3/contacts", params={"top": 3, "skip": 6}).json()
    seen = [c["id"] for page in (first, second, last) for c in page["items"]]
    assert seen == ids
    assert first["hasMore"] and second["hasMore"] and not last["hasMore"]


@pytest.mark.parametrize("params", [{"top": 0}, {"top": 1001}, {"skip": -1}])
def test_pagination_range(api: httpx.Client, params: dict[str, int]) -> None:
    assert_problem(
        api.get("/v3/contacts", params=params),
        400,
        "contact.invalidPagination",
        detail="Invalid requested page view.",
    )


def test_pagination_type(api: httpx.Client) -> None:
    assert_problem(api.get("/v3/contacts", params={"top": "ten"}), 400, pointer="/top")
