"""Per-contact sub-resources and actions (reference §4 #10-#21)."""

from __future__ import annotations

import httpx
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem, new_contact


def test_notes_appear_in_activities_newest_first(api: httpx.Client) -> None:
    contact = new_contact(api)
    url = f"/v3/contacts/{contact['id']}"
    assert api.post(f"{url}/notes", json={"notes": "first"}).status_code == 204
    api.post(f"{url}/notes", json={"notes": "second"})
    api.patch(url, json={"ownerUserId": 2})
    activities = api.get(f"{url}/activities").json()
    types = [a["activityType"] for a in activities["items"]]
    assert types == ["ownerChanged", "note", "note"]
    assert activities["items"][1]["content"] == {"notes": "second"}
    assert activities["items"][1]["userId"] == 1 and activities["items"][1]["userName"]
    page = api.get(f"{url}/activities", params={"top": 1, "skip": 1}).json()
    assert page["hasMore"] and page["items"][0]["content"] == {"notes": "second"}
    assert_problem(api.post(f"{url}/notes", json={"notes": ""}), 400, pointer="/notes")
    assert_problem(api.post("/v3/contacts/999/notes", json={"notes": "x"}), 404, "contact.notFound")
    assert_problem(api.get("/v3/contacts/999/activities"), 404, "contact.notFound")


def test_move_to_sequence(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api)
    url = f"/v3/contacts/{contact['id']}"
    assert api.post(f"{url}/move-to-sequence", json={"sequenceId": 1}).status_code == 204
    api.post(f"{url}/move-to-sequence", json={"sequenceId": 2})
    assert [s["sequenceId"] for s in api.get(f"{url}/sequences").json()] == [1, 2]
    api.post(f"{url}/move-to-sequence", json={"sequenceId": 1, "removeFromExisting": True})
    memberships = api.get(f"{url}/sequences").json()
    assert [m["sequenceId"] for m in memberships] == [1]
    assert memberships[0]["statusInSequence"] == "active"
    assert memberships[0]["currentStep"]["displayName"] == "Email step 1"
    assert memberships[0]["emailAccountId"] == 1
    assert sb.activities(contact["id"])[0]["activity_type"] == "sequenceMove"
    assert_problem(
        api.post(f"{url}/move-to-sequence", json={"sequenceId": 99}),
        404,
        "contact.sequenceNotFound",
        detail="Sequence not found.",
    )
    assert_problem(
        api.post(f"{url}/move-to-sequence", json={"sequenceId": 0}), 400, pointer="/sequenceId"
    )
    assert_problem(
        api.post(f"{url}/move-to-sequence", json={"sequenceId": 1, "startStepId": 999}),
        400,
        "contact.invalidInput",
        detail="Contact could not be added to the sequence.",
    )


def test_statuses_and_lists_of_a_contact(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api, email="s@example.com")
    url = f"/v3/contacts/{contact['id']}"
    empty = api.get(f"{url}/statuses").json()
    assert empty == {
        "contactId": contact["id"],
        "isOptedOut": False,
        "callStatus": "none",
        "meetingStatus": "none",
        "sequences": [],
    }
    sb.enroll(contact["id"], 1)
    api.post("/v3/contacts/set-replied", json={"contactIds": [contact["id"]], "isReplied": True})
    statuses = api.get(f"{url}/statuses").json()
    assert statuses["sequences"] == [
        {
            "sequenceId": 1,
            "sequenceName": "Sandbox Outreach",
            "statusInSequence": "replied",
            "emailDisposition": {"isReplied": True, "isBounced": False},
        }
    ]
    finished = api.get(f"{url}/sequences").json()[0]
    assert finished["statusInSequence"] == "finished"
    assert finished["currentStep"]["displayName"] == "Finished"
    first = api.post("/v3/contact-lists", json={"name": "First"}).json()
    api.post(f"/v3/contact-lists/{first['id']}/add-contacts", json={"contactIds": [contact["id"]]})
    assert api.get(f"{url}/lists").json() == [{"id": first["id"], "name": "First"}]
    assert_problem(api.get("/v3/contacts/999/statuses"), 404, "contact.notFound")
    assert_problem(
        api.get("/v3/contacts/0/lists"),
        400,
        pointer="id",
        detail="The 'id' parameter must be a positive integer.",
    )


def test_change_owner(api: httpx.Client, sb: Sandbox) -> None:
    a, b = new_contact(api, email="a@example.com"), new_contact(api, email="b@example.com")
    response = api.put("/v3/contacts/owner", json={"contactIds": [a["id"], b["id"]], "userId": 3})
    assert response.json() == {"isSuccess": True, "affectedIds": [a["id"], b["id"]]}
    assert sb.get_contact(a["id"])["ownerUserId"] == 3  # type: ignore[index]
    assert_problem(
        api.put("/v3/contacts/owner", json={"contactIds": [a["id"]], "userId": 7}),
        404,
        "contact.notFound",
        detail="User 7 is not a member of the team.",
    )
    assert_problem(
        api.put("/v3/contacts/owner", json={"contactIds": [a["id"], 999], "userId": 2}),
        404,
        "contact.notFound",
    )
    assert sb.get_contact(a["id"])["ownerUserId"] == 3  # type: ignore[index]  # all or nothing
    assert_problem(
        api.put("/v3/contacts/owner", json={"contactIds": [], "userId": 2}),
        400,
        pointer="/contactIds",
    )


def test_set_replied_and_bounced_per_id(api: httpx.Client, sb: Sandbox) -> None:
    enrolled = new_contact(api, email="e@example.com")
    loose = new_contact(api, email="l@example.com")
    sb.enroll(enrolled["id"], 1)
    ids = [enrolled["id"], loose["id"], 999]
    result = api.post(
        "/v3/contacts/set-replied", json={"contactIds": ids, "isReplied": True}
    ).json()
    assert set(result) == {str(loose["id"]), "999"}
    assert result[str(loose["id"])]["error"] == "sequenceNotFound"
    assert result["999"]["error"] == "notFound"
    bounced = api.post(
        "/v3/contacts/set-bounced", json={"contactIds": [enrolled["id"]], "isBounced": True}
    )
    assert bounced.json() == {}
    assert sb.sequence_memberships(enrolled["id"])[0]["is_bounced"] == 1
    unbounce = {"contactIds": [enrolled["id"]], "isBounced": False, "resendEmails": True}
    assert api.post("/v3/contacts/set-bounced", json=unbounce).json() == {}
    assert sb.sequence_memberships(enrolled["id"])[0]["is_bounced"] == 0
    assert_problem(
        api.post("/v3/contacts/set-bounced", json={"contactIds": [1], "isBounced": False}),
        400,
        pointer="/resendEmails",
        detail="resendEmails is required when isBounced is false.",
    )
    assert_problem(
        api.post(
            "/v3/contacts/set-bounced",
            json={"contactIds": [1], "isBounced": True, "resendEmails": False},
        ),
        400,
        pointer="/resendEmails",
    )
    assert_problem(
        api.post(
            "/v3/contacts/set-replied", json={"contactIds": list(range(1, 102)), "isReplied": True}
        ),
        400,
        pointer="/contactIds",
        detail="ContactIds must contain between 1 and 100 positive integers.",
    )


def test_set_opted_out_finishes_sequences(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api)
    sb.enroll(contact["id"], 1)
    body = {"contactIds": [contact["id"], 999], "isOptedOut": True}
    result = api.post("/v3/contacts/set-opted-out", json=body).json()
    assert list(result) == ["999"]
    assert sb.get_contact(contact["id"])["isOptedOut"] is True  # type: ignore[index]
    assert sb.sequence_memberships(contact["id"])[0]["status"] == "finished"
    again = api.post(
        "/v3/contacts/set-opted-out", json={"contactIds": [contact["id"]], "isOptedOut": True}
    )
    assert again.json() == {}  # already in that state counts as done
    assert_problem(
        api.post("/v3/contacts/set-opted-out", json={"contactIds": [1, 1], "isOptedOut": True}),
        400,
        pointer="/contactIds",
    )


def test_set_status_in_sequence(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api)
    sb.enroll(contact["id"], 1)
    body = {"contactIds": [contact["id"]], "statusInSequence": "paused"}
    assert api.post("/v3/contacts/set-status-in-sequence", json=body).json() == {}
    assert (
        api.get(f"/v3/contacts/{contact['id']}/sequences").json()[0]["statusInSequence"] == "paused"
    )
    assert_problem(
        api.post(
            "/v3/contacts/set-status-in-sequence",
            json={"contactIds": [contact["id"]], "statusInSequence": "replied"},
        ),
        400,
        pointer="/statusInSequence",
        detail=(
            "Invalid statusInSequence value 'replied'. "
            "Allowed: active, paused, finished, outOfOffice."
        ),
    )
    api.patch(f"/v3/contacts/{contact['id']}", json={"isOptedOut": True})
    refused = api.post(
        "/v3/contacts/set-status-in-sequence",
        json={"contactIds": [contact["id"]], "statusInSequence": "active"},
    ).json()
    assert refused[str(contact["id"])]["error"] == "invalidInput"


def test_inbox_threads_are_seedable_and_paged(api: httpx.Client, sb: Sandbox) -> None:
    contact = new_contact(api)
    for n in range(3):
        sb.seed_inbox_thread(
            contact["id"],
            subject=f"Re: {n}",
            last_activity_date=f"2026-01-0{n + 1}T00:00:00+00:00",
            sequence_id=1,
        )
    url = f"/v3/contacts/{contact['id']}/inbox-threads"
    page = api.get(url, params={"top": 2}).json()
    assert [t["subject"] for t in page["items"]] == ["Re: 2", "Re: 1"] and page["hasMore"]
    assert page["items"][0]["sequence"] == {"id": 1, "name": "Sandbox Outreach"}
    assert page["items"][0]["status"] == {"state": "ok"}
    assert_problem(api.get("/v3/contacts/999/inbox-threads"), 404, "inboxThread.notFound")
    assert_problem(api.get(url, params={"top": 0}), 400, "inboxThread.invalidPagination")
    sb.set_setting("inboxEnabled", False)
    assert_problem(api.get(url), 403, "inboxThread.forbidden")
