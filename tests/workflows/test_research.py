"""annotate: a note, fields and custom fields by title in one call; checked before any write."""

from __future__ import annotations

from typing import Any

import pytest
from import_support import run
from reply_contacts import AsyncReplyContacts, ReplyContacts
from reply_contacts.resources.custom_fields import UnknownCustomFieldError
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.research import AnnotateReport


@pytest.fixture
def contact_id(client: ReplyContacts) -> int:
    client.custom_fields.create(title="Deal Stage", field_type="text")
    client.custom_fields.create(title="Seats", field_type="number")
    created = client.contacts.create(first_name="Ann", email="ann@acme.io", title="Engineer")
    return int(created.id)


def _notes(sb: Sandbox, contact_id: int) -> list[str]:
    return [
        row["content"]["notes"]
        for row in sb.activities(contact_id)
        if row["activity_type"] == "note"
    ]


def test_annotate_writes_fields_custom_fields_and_note(
    client: ReplyContacts, sb: Sandbox, contact_id: int
) -> None:
    sb.reset_stats()
    report = client.workflows.annotate(
        contact_id,
        note="Budget approved for Q3",
        custom_fields={"deal stage": "Negotiation", "Seats": 40},
        title="VP Engineering",
    )
    assert report.note_added and report.fields_updated and report.contact_id == contact_id
    contact = report.contact
    assert contact is not None
    assert contact.id == contact_id and contact.title == "VP Engineering"
    assert client.contacts.custom_values(contact) == {"Deal Stage": "Negotiation", "Seats": "40"}
    assert _notes(sb, contact_id) == ["Budget approved for Q3"]
    assert sb.stats()["byOperation"] == {
        "GetCustomFields": 1,
        "UpdateContact": 1,
        "AddContactNote": 1,
    }


def test_annotate_clears_with_none(client: ReplyContacts, contact_id: int) -> None:
    client.workflows.annotate(contact_id, custom_fields={"Deal Stage": "Won"})
    report = client.workflows.annotate(contact_id, custom_fields={"Deal Stage": None}, title=None)
    contact = report.contact
    assert contact is not None and not report.note_added
    assert client.contacts.custom_values(contact).get("Deal Stage") is None
    assert not contact.title


async def test_a_note_alone_costs_one_request(api: Any, sb: Sandbox, contact_id: int) -> None:
    sb.reset_stats()
    report = await run(api.workflows.annotate(contact_id, note="Called, left voicemail"))
    assert report == AnnotateReport(contact_id, None, note_added=True)
    assert not report.fields_updated
    assert sb.stats()["byOperation"] == {"AddContactNote": 1}
    assert _notes(sb, contact_id) == ["Called, left voicemail"]
    # Fields alone: one PATCH (the custom-field catalog is already loaded or not needed).
    sb.reset_stats()
    updated = await run(api.workflows.annotate(contact_id, title="CTO"))
    assert updated.contact.title == "CTO" and not updated.note_added
    assert sb.stats()["byOperation"] == {"UpdateContact": 1}


def test_unknown_custom_field_fails_before_any_write(
    client: ReplyContacts, sb: Sandbox, contact_id: int
) -> None:
    sb.reset_stats()
    with pytest.raises(UnknownCustomFieldError, match="Deal Stag"):
        client.workflows.annotate(
            contact_id, note="x", custom_fields={"Deal Stag": "Won"}, title="CTO"
        )
    writes = {k for k in sb.stats()["byOperation"] if not k.startswith("Get")}
    assert writes == set()
    assert sb.get_contact(contact_id)["title"] == "Engineer"  # type: ignore[index]
    assert _notes(sb, contact_id) == []


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"note": "  "}, ValueError, "non-empty"),
        ({}, ValueError, "needs a note"),
        ({"note": "x", "job_title": "CTO"}, TypeError, "job_title"),
        ({"custom_fields": {"Deal Stage": ["a"]}}, TypeError, "text or a number"),
    ],
)
def test_bad_input_sends_nothing(
    client: ReplyContacts,
    sb: Sandbox,
    contact_id: int,
    kwargs: dict[str, object],
    error: type[Exception],
    message: str,
) -> None:
    sb.reset_stats()
    with pytest.raises(error, match=message):
        client.workflows.annotate(contact_id, **kwargs)  # type: ignore[arg-type]
    assert not {k for k in sb.stats()["byOperation"] if not k.startswith("Get")}


async def test_annotate_async(aclient: AsyncReplyContacts, sb: Sandbox, contact_id: int) -> None:
    report = await aclient.workflows.annotate(
        contact_id, note="Async note", custom_fields={"Deal Stage": "Demo"}, city="Berlin"
    )
    contact = report.contact
    assert contact is not None and contact.city == "Berlin"
    assert await aclient.contacts.custom_values(contact) == {"Deal Stage": "Demo"}
    assert _notes(sb, contact_id) == ["Async note"]
    with pytest.raises(UnknownCustomFieldError):
        await aclient.workflows.annotate(contact_id, custom_fields={"Nope": "x"})
