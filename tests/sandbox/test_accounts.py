"""Accounts and account lists (reference §7, §8)."""

from __future__ import annotations

from typing import Any

import httpx
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, new_contact


def new_account(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    response = api.post("/v3/contact-accounts", json={"name": "Acme", **fields})
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def test_crud_with_full_replace(api: httpx.Client) -> None:
    account = new_account(api, domainName="gmail.com", companySize="51-200", industry="Software")
    assert account["companySize"] == "51-200" and account["emailProvider"] == "gmail"
    assert account["ownerUserId"] == 1 and account["linkedProspectsCount"] == 0
    assert account["stage"] is None and account["createdDate"]
    replaced = api.put(f"/v3/contact-accounts/{account['id']}", json={"name": "Acme Corp"}).json()
    assert replaced["name"] == "Acme Corp"
    assert replaced["industry"] is None and replaced["companySize"] is None  # omitted -> cleared
    assert api.get(f"/v3/contact-accounts/{account['id']}").json()["name"] == "Acme Corp"
    assert api.delete(f"/v3/contact-accounts/{account['id']}").status_code == 204
    assert_problem(
        api.get(f"/v3/contact-accounts/{account['id']}"),
        404,
        "contactAccount.notFound",
        detail=f"Account with ID {account['id']} not found.",
    )
    assert_problem(api.post("/v3/contact-accounts", json={}), 400, pointer="/name")
    assert_problem(
        api.post("/v3/contact-accounts", json={"name": " "}), 400, "contactAccount.invalidInput"
    )
    assert_problem(
        api.get("/v3/contact-accounts/-4"),
        400,
        pointer="id",
        detail="The 'id' parameter must be a positive integer.",
    )


def test_list_search_and_sort(api: httpx.Client) -> None:
    for name in ("Beta", "alpha", "Gamma"):
        new_account(api, name=name)
    listed = api.get(
        "/v3/contact-accounts", params={"sort_by": "name", "sort_direction": "desc"}
    ).json()
    assert [a["name"] for a in listed["items"]] == ["Gamma", "Beta", "alpha"]
    assert [
        a["name"] for a in api.get("/v3/contact-accounts", params={"search": "ALP"}).json()["items"]
    ] == ["alpha"]
    page = api.get("/v3/contact-accounts", params={"top": 2}).json()
    assert len(page["items"]) == 2 and page["hasMore"]
    assert_problem(
        api.get("/v3/contact-accounts", params={"top": 1001}),
        400,
        "contactAccount.invalidPagination",
        detail="Parameter 'top' must be between 1 and 1000",
    )


def test_filter(api: httpx.Client, sb: Sandbox) -> None:
    acme = new_account(api, name="Acme", country="France", companySize="51-200", phone="+33 1 23")
    globex = new_account(api, name="Globex", country="Germany", domainName="globex.com")
    initech = new_account(api, name="Initech", country="France")
    api.put(f"/v3/contact-accounts/{initech['id']}/owner", json={"userId": 2})

    def names(filters: list[dict[str, Any]], **extra: Any) -> list[str]:
        response = api.post("/v3/contact-accounts/filter", json={"filters": filters, **extra})
        assert response.status_code == 200, response.text
        return [a["name"] for a in response.json()["items"]]

    assert names([{"property": "Country", "condition": "Equals", "values": "france"}]) == [
        "Acme",
        "Initech",
    ]
    assert names([{"property": "Country", "condition": "In", "values": ["Germany"]}]) == ["Globex"]
    assert names([{"property": "OwnerId", "condition": "Equals", "values": 2}]) == ["Initech"]
    assert names([{"property": "DomainName", "condition": "IsNull", "values": None}]) == [
        "Acme",
        "Initech",
    ]
    assert names(
        [{"property": "NumericPhoneNumber", "condition": "CollectionContains", "values": "3312"}]
    ) == ["Acme"]
    contact = new_contact(api)
    api.post(
        f"/v3/contact-accounts/{globex['id']}/contact-links/bulk",
        json={"contactIds": [contact["id"]]},
    )
    assert names([{"property": "NumberOfContacts", "condition": "GreaterThan", "values": 0}]) == [
        "Globex"
    ]
    sb.enroll(contact["id"], 2)
    assert names([{"property": "Sequence", "condition": "CollectionContains", "values": [2]}]) == [
        "Globex"
    ]
    assert names([], search="globex.c", sortBy="name") == ["Globex"]
    target = api.post("/v3/contact-account-lists", json={"name": "Targets"}).json()
    api.post(
        f"/v3/contact-account-lists/{target['id']}/add-accounts", json={"accountIds": [acme["id"]]}
    )
    assert names([], listId=target["id"]) == ["Acme"]
    too_many = [{"property": "Name", "condition": "IsNotNull", "values": None}] * 21
    assert_problem(
        api.post("/v3/contact-accounts/filter", json={"filters": too_many}), 400, pointer="/filters"
    )
    assert_problem(
        api.post(
            "/v3/contact-accounts/filter",
            json={"filters": [{"property": "Size", "condition": "Equals", "values": 1}]},
        ),
        400,
        pointer="/filters/0/property",
    )
    assert_problem(
        api.post(
            "/v3/contact-accounts/filter",
            json={
                "filters": [
                    {"property": "CreatedDate", "condition": "GreaterThan", "values": "soon"}
                ]
            },
        ),
        400,
        pointer="/filters/0/values",
    )


def test_bulk_create_is_all_or_nothing(api: httpx.Client, sb: Sandbox) -> None:
    created = api.post(
        "/v3/contact-accounts/bulk", json={"items": [{"name": "A"}, {"name": "B"}]}
    ).json()
    assert [r["error"] for r in created] == [None, None] and all(r["id"] for r in created)
    assert_problem(
        api.post("/v3/contact-accounts/bulk", json={"items": [{"name": "C"}, {"industry": "x"}]}),
        400,
        pointer="/items/1/name",
    )
    assert_problem(
        api.post("/v3/contact-accounts/bulk", json={"items": [{"name": "C"}, {"name": ""}]}),
        400,
        "contactAccount.invalidInput",
    )
    assert_problem(
        api.post(
            "/v3/contact-accounts/bulk", json={"items": [{"name": f"N{n}"} for n in range(101)]}
        ),
        400,
        "contactAccount.invalidInput",
    )
    assert sb.count_accounts() == 2


def test_bulk_delete_and_owner(api: httpx.Client) -> None:
    account = new_account(api)
    assert api.post(
        "/v3/contact-accounts/bulk-delete", json={"ids": [account["id"], 999]}
    ).json() == {"999": {"error": 1, "errorDetails": "Account with ID 999 not found."}}
    assert_problem(
        api.post("/v3/contact-accounts/bulk-delete", json={"ids": []}), 400, pointer="/ids"
    )
    other = new_account(api)
    owned = api.put(f"/v3/contact-accounts/{other['id']}/owner", json={"userId": 3}).json()
    assert owned["ownerUserId"] == 3
    assert_problem(
        api.put(f"/v3/contact-accounts/{other['id']}/owner", json={"userId": 999999999}),
        400,
        "contactAccount.invalidInput",
        detail="OwnerUserId 999999999 is not a member of the team.",
    )
    assert_problem(
        api.put("/v3/contact-accounts/999/owner", json={"userId": 2}),
        404,
        "contactAccount.notFound",
    )
    assert_problem(
        api.put(f"/v3/contact-accounts/{other['id']}/owner", json={"userId": 0}),
        400,
        pointer="/userId",
    )


def test_contact_links(api: httpx.Client, sb: Sandbox) -> None:
    first, second = new_account(api, name="First"), new_account(api, name="Second")
    contact = new_contact(api)
    linked = api.post(
        f"/v3/contact-accounts/{first['id']}/contact-links/bulk",
        json={"contactIds": [contact["id"], 999]},
    ).json()
    assert list(linked) == ["999"] and linked["999"]["error"] == 1
    assert sb.get_contact(contact["id"])["accountId"] == first["id"]  # type: ignore[index]
    assert sb.get_contact(contact["id"])["company"] == "First"  # type: ignore[index]
    page = api.get(f"/v3/contact-accounts/{first['id']}/contacts").json()
    assert [c["id"] for c in page["items"]] == [contact["id"]]
    api.post(
        f"/v3/contact-accounts/{second['id']}/contact-links/bulk",
        json={"contactIds": [contact["id"]]},
    )
    assert api.get(f"/v3/contact-accounts/{first['id']}").json()["linkedProspectsCount"] == 0
    assert api.get(f"/v3/contact-accounts/{second['id']}").json()["linkedProspectsCount"] == 1
    not_here = api.post(
        f"/v3/contact-accounts/{first['id']}/contact-links/bulk-delete",
        json={"contactIds": [contact["id"]]},
    ).json()
    assert not_here[str(contact["id"])]["error"] == 1
    api.post(
        f"/v3/contact-accounts/{second['id']}/contact-links/bulk-delete",
        json={"contactIds": [contact["id"]]},
    )
    kept = sb.get_contact(contact["id"])
    assert kept is not None and kept["accountId"] is None and kept["company"] is None
    assert_problem(
        api.post(f"/v3/contact-accounts/{first['id']}/contact-links/bulk", json={"contactIds": []}),
        400,
        pointer="/contactIds",
    )
    assert_problem(
        api.get(f"/v3/contact-accounts/{first['id']}/contacts", params={"skip": -1}),
        400,
        "contactAccount.invalidPagination",
    )


def test_deleting_an_account_keeps_its_contacts(api: httpx.Client, sb: Sandbox) -> None:
    account = new_account(api)
    contact = new_contact(api, accountId=account["id"])
    assert contact["accountId"] == account["id"]
    api.delete(f"/v3/contact-accounts/{account['id']}")
    kept = sb.get_contact(contact["id"])
    assert kept is not None and kept["accountId"] is None


def test_account_lists(api: httpx.Client, sb: Sandbox) -> None:
    a, b = new_account(api, name="A"), new_account(api, name="B")
    created = api.post("/v3/contact-account-lists", json={"name": "Targets"})
    assert created.status_code == 201
    first = created.json()
    second = api.post("/v3/contact-account-lists", json={"name": "Backlog"}).json()
    assert_problem(
        api.post("/v3/contact-account-lists", json={"name": "targets"}),
        409,
        "contactAccountList.duplicateName",
    )
    assert_problem(
        api.post("/v3/contact-account-lists", json={"name": "ab"}),
        400,
        "contactAccountList.nameTooShort",
    )
    assert_problem(
        api.post("/v3/contact-account-lists", json={"name": "x" * 129}),
        400,
        "contactAccountList.nameTooLong",
    )
    added = api.post(
        f"/v3/contact-account-lists/{first['id']}/add-accounts", json={"accountIds": [a["id"], 999]}
    )
    assert added.json() == {
        "999": {
            "error": 7,
            "errorDetails": "Account with ID 999 could not be processed: not found.",
        }
    }
    api.post(
        f"/v3/contact-account-lists/{second['id']}/add-accounts",
        json={"accountIds": [a["id"], b["id"]]},
    )
    api.post(
        f"/v3/contact-account-lists/{first['id']}/move-accounts", json={"accountIds": [b["id"]]}
    )
    assert sb.accounts_in_list(first["id"]) == [a["id"], b["id"]]
    assert sb.accounts_in_list(second["id"]) == [a["id"]]
    renamed = api.put(f"/v3/contact-account-lists/{second['id']}", json={"name": "Later"}).json()
    assert renamed == {"id": second["id"], "name": "Later"}
    listed = api.get("/v3/contact-account-lists", params={"search": "LAT"}).json()
    assert listed == {"items": [renamed], "hasMore": False}
    assert api.delete(f"/v3/contact-account-lists/{second['id']}").status_code == 204
    assert sb.count_accounts() == 2
    assert_problem(
        api.get(f"/v3/contact-account-lists/{second['id']}"), 404, "contactAccountList.notFound"
    )
    assert_problem(
        api.post(f"/v3/contact-account-lists/{first['id']}/move-accounts", json={"accountIds": []}),
        400,
        pointer="/accountIds",
    )
    assert_problem(
        api.get("/v3/contact-account-lists", params={"top": 0}),
        400,
        "contactAccountList.invalidPagination",
    )
