"""Contact lists (reference §5)."""

from __future__ import annotations

import httpx
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, new_contact


def test_crud_and_search(api: httpx.Client) -> None:
    created = api.post("/v3/contact-lists", json={"name": "Prospects"})
    assert created.status_code == 201
    body = created.json()
    assert body == {"id": body["id"], "name": "Prospects", "isShared": False}
    api.post("/v3/contact-lists", json={"name": "Customers", "isShared": True})
    assert [
        x["name"] for x in api.get("/v3/contact-lists", params={"search": "PROS"}).json()["items"]
    ] == ["Prospects"]
    renamed = api.put(f"/v3/contact-lists/{body['id']}", json={"name": "Leads"}).json()
    assert renamed["name"] == "Leads"
    assert api.get(f"/v3/contact-lists/{body['id']}").json()["name"] == "Leads"
    assert api.delete(f"/v3/contact-lists/{body['id']}").status_code == 204
    assert_problem(
        api.get(f"/v3/contact-lists/{body['id']}"),
        404,
        "contactsList.notFound",
        detail=f"List with ID {body['id']} not found.",
    )
    assert_problem(api.get("/v3/contact-lists/x"), 400, pointer="id")


def test_name_rules(api: httpx.Client) -> None:
    api.post("/v3/contact-lists", json={"name": "Taken"})
    assert_problem(
        api.post("/v3/contact-lists", json={"name": "taken"}),
        409,
        "contactsList.duplicateName",
        detail="A list with this name already exists.",
    )
    assert_problem(
        api.post("/v3/contact-lists", json={"name": "X"}), 400, "contactsList.nameTooShort"
    )
    assert_problem(
        api.post("/v3/contact-lists", json={"name": "  "}), 400, "contactsList.nameIsEmpty"
    )
    assert_problem(api.post("/v3/contact-lists", json={}), 400, pointer="/name")
    other = api.post("/v3/contact-lists", json={"name": "Other"}).json()
    assert_problem(
        api.put(f"/v3/contact-lists/{other['id']}", json={"name": "TAKEN"}),
        409,
        "contactsList.duplicateName",
    )


def test_share_unshare_conflicts(api: httpx.Client, client_for: object, sb: Sandbox) -> None:
    sb.add_key("alex", user_id=2)
    alex = client_for("alex")  # type: ignore[operator]
    mine = api.post("/v3/contact-lists", json={"name": "Team"}).json()
    alex.post("/v3/contact-lists", json={"name": "Team", "isShared": True})
    assert_problem(
        api.post(f"/v3/contact-lists/{mine['id']}/share"),
        409,
        "contactsList.duplicateName",
        detail="A shared list with this name already exists.",
    )
    shared = api.post("/v3/contact-lists", json={"name": "Board", "isShared": True}).json()
    api.post("/v3/contact-lists", json={"name": "Board"})
    assert_problem(
        api.post(f"/v3/contact-lists/{shared['id']}/unshare"),
        409,
        "contactsList.duplicateName",
        detail="A list with this name already exists.",
    )
    solo = api.post("/v3/contact-lists", json={"name": "Solo"}).json()
    assert api.post(f"/v3/contact-lists/{solo['id']}/share").status_code == 204
    assert api.get(f"/v3/contact-lists/{solo['id']}").json()["isShared"] is True
    assert api.post(f"/v3/contact-lists/{solo['id']}/unshare").status_code == 204
    sb.set_setting("listSharingEnabled", False)
    assert_problem(
        api.post(f"/v3/contact-lists/{solo['id']}/share"), 403, "contactsList.accessChangeRejected"
    )


def test_visibility_and_delete_permissions(
    api: httpx.Client, client_for: object, sb: Sandbox
) -> None:
    sb.add_key("alex", user_id=2)
    alex = client_for("alex")  # type: ignore[operator]
    private = alex.post("/v3/contact-lists", json={"name": "Alex only"}).json()
    shared = alex.post("/v3/contact-lists", json={"name": "Alex shared", "isShared": True}).json()
    names = [x["name"] for x in api.get("/v3/contact-lists").json()["items"]]
    assert names == ["Alex shared"]
    assert_problem(api.get(f"/v3/contact-lists/{private['id']}"), 403, "contactsList.forbidden")
    assert_problem(
        api.delete(f"/v3/contact-lists/{shared['id']}"),
        403,
        "contactsList.forbidden",
        detail="You do not have permission to delete this list.",
    )
    assert_problem(
        api.get("/v3/contact-lists", params={"top": 0}),
        400,
        "contactsList.invalidPagination",
        detail="Parameter 'top' must be between 1 and 1000",
    )


def test_add_keeps_and_move_replaces_memberships(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api)
    first = api.post("/v3/contact-lists", json={"name": "First"}).json()
    second = api.post("/v3/contact-lists", json={"name": "Second"}).json()
    third = api.post("/v3/contact-lists", json={"name": "Third"}).json()
    add = api.post(
        f"/v3/contact-lists/{first['id']}/add-contacts", json={"contactIds": [contact["id"], 999]}
    )
    assert add.json() == {
        "999": {
            "error": 8,
            "errorDetails": "Contact with ID 999 could not be processed: not found.",
        }
    }
    api.post(f"/v3/contact-lists/{second['id']}/add-contacts", json={"contactIds": [contact["id"]]})
    assert sb.lists_of_contact(contact["id"]) == [first["id"], second["id"]]
    moved = api.post(
        f"/v3/contact-lists/{third['id']}/move-contacts", json={"contactIds": [contact["id"]]}
    )
    assert moved.json() == {}
    assert sb.lists_of_contact(contact["id"]) == [third["id"]]
    assert sb.contacts_in_list(third["id"]) == [contact["id"]]
    assert_problem(
        api.post(f"/v3/contact-lists/{third['id']}/add-contacts", json={"contactIds": []}),
        400,
        pointer="/contactIds",
    )
    assert_problem(
        api.post("/v3/contact-lists/999/add-contacts", json={"contactIds": [1]}),
        404,
        "contactsList.notFound",
    )
