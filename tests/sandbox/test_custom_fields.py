"""Custom fields (reference §6)."""

from __future__ import annotations

import httpx
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, new_contact


def test_crud(api: httpx.Client) -> None:
    created = api.post(
        "/v3/custom-fields", json={"title": "Deal Stage", "fieldType": "text", "orgWide": True}
    )
    assert created.status_code == 201
    field = created.json()
    assert field == {
        "id": field["id"],
        "title": "Deal Stage",
        "fieldType": "text",
        "metadata": None,
        "orgWide": True,
    }
    assert api.get("/v3/custom-fields").json() == [field]
    updated = api.put(
        f"/v3/custom-fields/{field['id']}",
        json={"title": "Stage", "fieldType": "number", "metadata": "m"},
    ).json()
    assert (
        updated["title"] == "Stage"
        and updated["fieldType"] == "number"
        and updated["metadata"] == "m"
    )
    assert api.delete(f"/v3/custom-fields/{field['id']}").status_code == 204
    assert_problem(
        api.get(f"/v3/custom-fields/{field['id']}"),
        404,
        "customField.notFound",
        detail=f"Custom field with ID {field['id']} not found",
    )
    assert_problem(
        api.get("/v3/custom-fields/0"),
        400,
        pointer="id",
        detail="The field id must be between 1 and 2147483647.",
    )


def test_validation_and_conflicts(api: httpx.Client, sb: Sandbox) -> None:
    api.post("/v3/custom-fields", json={"title": "Score", "fieldType": "number"})
    assert_problem(
        api.post("/v3/custom-fields", json={"title": "score", "fieldType": "text"}),
        409,
        "customField.duplicateName",
    )
    assert_problem(
        api.post("/v3/custom-fields", json={"title": "x" * 91, "fieldType": "text"}),
        400,
        pointer="/title",
    )
    assert_problem(
        api.post("/v3/custom-fields", json={"title": "", "fieldType": "text"}),
        400,
        pointer="/title",
        detail="'Title' must not be empty.",
    )
    assert_problem(
        api.post("/v3/custom-fields", json={"title": "D", "fieldType": "dropdown"}),
        400,
        pointer="/fieldType",
    )
    sb.set_setting("customFieldLimit", 1)
    assert_problem(
        api.post("/v3/custom-fields", json={"title": "More", "fieldType": "text"}),
        409,
        "customField.limitExceeded",
    )


def test_fields_with_values(api: httpx.Client) -> None:
    field = api.post("/v3/custom-fields", json={"title": "Source", "fieldType": "text"}).json()
    contact = new_contact(api)
    api.patch(
        f"/v3/contacts/{contact['id']}",
        json={"customFields": [{"id": field["id"], "value": "web"}]},
    )
    assert_problem(
        api.put(
            f"/v3/custom-fields/{field['id']}", json={"title": "Source", "fieldType": "number"}
        ),
        400,
        "customField.invalidInput",
    )
    assert_problem(
        api.delete(f"/v3/custom-fields/{field['id']}"),
        409,
        "customField.hasValues",
        detail="Custom field has values and cannot be deleted",
    )
    api.patch(
        f"/v3/contacts/{contact['id']}", json={"customFields": [{"id": field["id"], "value": None}]}
    )
    assert api.delete(f"/v3/custom-fields/{field['id']}").status_code == 204
