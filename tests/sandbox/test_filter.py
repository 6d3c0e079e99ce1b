"""POST /v3/contacts/filter and /filter/count: rules, scopes, search, sort, paging."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem


@pytest.fixture
def people(sb: Sandbox) -> dict[str, int]:
    rows: list[dict[str, Any]] = [
        {
            "firstName": "Ann",
            "lastName": "Lee",
            "email": "ann@acme.com",
            "title": "CEO",
            "company": "Acme",
            "country": "France",
            "city": "Paris",
        },
        {
            "firstName": "Joann",
            "lastName": "Smith",
            "email": "joann@globex.com",
            "title": "CTO",
            "company": "Globex",
            "country": "Germany",
        },
        {
            "firstName": "Bob",
            "lastName": "Brown",
            "email": "bob@acme.com",
            "title": "Sales Lead",
            "company": "Acme",
            "country": "France",
            "ownerUserId": 2,
            "isOptedOut": True,
        },
        {"firstName": "Zed", "linkedInUrl": "https://linkedin.com/in/zed", "callStatus": "toCall"},
    ]
    ids = sb.seed_contacts(rows)
    return dict(zip(["ann", "joann", "bob", "zed"], ids, strict=True))


def ids_of(api: httpx.Client, body: dict[str, Any], **params: Any) -> list[int]:
    response = api.post("/v3/contacts/filter", json=body, params=params)
    assert response.status_code == 200, response.text
    return [contact["id"] for contact in response.json()["items"]]


def rule(prop: str, condition: str, value: str | None = None) -> dict[str, Any]:
    return {"property": prop, "condition": condition, "value": value}


def test_conditions(api: httpx.Client, people: dict[str, int]) -> None:
    ann, joann, bob, zed = people["ann"], people["joann"], people["bob"], people["zed"]
    cases: list[tuple[dict[str, Any], list[int]]] = [
        (rule("company", "equals", "ACME"), [ann, bob]),
        (rule("company", "notEquals", "acme"), [joann, zed]),
        (rule("title", "contains", "ce"), [ann]),
        (rule("title", "notContains", "c"), [bob, zed]),
        (rule("email", "startsWith", "jo"), [joann]),
        (rule("email", "endsWith", "@ACME.com"), [ann, bob]),
        (rule("city", "isSet"), [ann]),
        (rule("email", "isNotSet"), [zed]),
        (rule("country", "in", "germany, france"), [ann, joann, bob]),
        (rule("ownerUserId", "equals", "2"), [bob]),
        (rule("isOptedOut", "equals", "true"), [bob]),
        (rule("callStatus", "equals", "toCall"), [zed]),
        (rule("createdAt", "equals", "2020-01-01"), [ann, joann, bob, zed]),  # ignored, as live
    ]
    for body_rule, expected in cases:
        assert ids_of(api, {"rules": [body_rule]}) == expected, body_rule
    both = {"rules": [rule("company", "equals", "acme"), rule("country", "equals", "france")]}
    assert ids_of(api, both) == [ann, bob]


def test_custom_field_rules_by_id_or_title(
    api: httpx.Client, sb: Sandbox, people: dict[str, int]
) -> None:
    field = api.post("/v3/custom-fields", json={"title": "Stage", "fieldType": "text"}).json()
    api.patch(
        f"/v3/contacts/{people['joann']}",
        json={"customFields": [{"id": field["id"], "value": "Won"}]},
    )
    assert ids_of(api, {"rules": [rule(f"customField:{field['id']}", "equals", "won")]}) == [
        people["joann"]
    ]
    assert ids_of(api, {"rules": [rule("customField:Stage", "isSet")]}) == [people["joann"]]
    assert_problem(
        api.post("/v3/contacts/filter", json={"rules": [rule("customField:Nope", "isSet")]}),
        400,
        pointer="/rules/0/property",
    )


def test_unknown_property_or_condition_is_a_validation_error(
    api: httpx.Client, people: dict[str, int]
) -> None:
    assert_problem(
        api.post("/v3/contacts/filter", json={"rules": [rule("shoeSize", "equals", "9")]}),
        400,
        pointer="/rules/0/property",
    )
    body = {"rules": [rule("email", "equals", "x"), rule("email", "resembles", "x")]}
    assert_problem(api.post("/v3/contacts/filter", json=body), 400, pointer="/rules/1/condition")
    assert_problem(
        api.post("/v3/contacts/filter", json={"rules": [{"property": "", "condition": "isSet"}]}),
        400,
        pointer="/rules/0/property",
        detail="'property' must not be empty.",
    )
    assert_problem(
        api.post("/v3/contacts/filter", json={"rules": [rule("email", "equals")]}),
        400,
        pointer="/rules/0/value",
    )
    assert_problem(
        api.post("/v3/contacts/filter", json={"rules": [rule("ownerUserId", "equals", "x")]}),
        400,
        pointer="/rules/0/value",
    )


def test_search_term_is_containment(api: httpx.Client, people: dict[str, int]) -> None:
    assert ids_of(api, {"searchTerm": "ann@"}) == [people["ann"], people["joann"]]
    assert ids_of(api, {"searchTerm": "ann lee"}) == [people["ann"]]
    assert ids_of(api, {"searchTerm": "globex"}) == [people["joann"]]


def test_scopes_list_sequence_and_step(
    api: httpx.Client, sb: Sandbox, people: dict[str, int]
) -> None:
    listed = api.post("/v3/contact-lists", json={"name": "VIP"}).json()
    api.post(f"/v3/contact-lists/{listed['id']}/add-contacts", json={"contactIds": [people["bob"]]})
    assert ids_of(api, {"listId": listed["id"]}) == [people["bob"]]
    sb.enroll(people["ann"], 1)
    second_step = sb.sequence_steps(1)[1]
    api.post(
        f"/v3/contacts/{people['joann']}/move-to-sequence",
        json={"sequenceId": 1, "startStepId": second_step},
    )
    assert ids_of(api, {"sequenceId": 1}) == [people["ann"], people["joann"]]
    assert ids_of(api, {"sequenceStepId": second_step}) == [people["joann"]]


def test_sort_and_stable_paging(api: httpx.Client, sb: Sandbox, people: dict[str, int]) -> None:
    by_name = ids_of(api, {"sortBy": "firstName", "sortDirection": "desc"})
    assert by_name == [people["zed"], people["joann"], people["bob"], people["ann"]]
    ties = ids_of(api, {"sortBy": "company"})  # zed has none; acme tie broken by id
    assert ties == [people["zed"], people["ann"], people["bob"], people["joann"]]
    pages = [ids_of(api, {"sortBy": "company"}, top=1, skip=n) for n in range(4)]
    assert [page[0] for page in pages] == ties
    assert_problem(
        api.post("/v3/contacts/filter", json={"sortBy": "shoeSize"}), 400, pointer="/sortBy"
    )
    assert_problem(
        api.post("/v3/contacts/filter", json={"sortDirection": "up"}), 400, pointer="/sortDirection"
    )
    assert_problem(
        api.post("/v3/contacts/filter", json={}, params={"top": 5000}),
        400,
        "contact.invalidPagination",
    )


def test_count(api: httpx.Client, people: dict[str, int]) -> None:
    response = api.post(
        "/v3/contacts/filter/count", json={"rules": [rule("company", "equals", "acme")]}
    )
    assert response.json() == {"count": 2}
    assert api.post("/v3/contacts/filter/count", json={}).json() == {"count": 4}


def test_filter_body_is_required(api: httpx.Client) -> None:
    assert_problem(
        api.post("/v3/contacts/filter"),
        400,
        pointer="",
        detail="The request body is required and cannot be empty.",
    )
