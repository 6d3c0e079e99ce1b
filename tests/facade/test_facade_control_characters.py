"""The resources refuse control characters in names and emails before sending anything (and NUL
in any text), with a ValueError naming the field and the character; sync and async."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from facade_support import run

CALLS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "list name": (lambda api: api.contact_lists.create("Q4\x00 prospects"), "a list name"),
    "list rename": (lambda api: api.contact_lists.rename(1, "Q4\n"), "a list name"),
    "list lookup": (lambda api: api.contact_lists.get_or_create("Q\x1b4"), "a list name"),
    "account list name": (
        lambda api: api.account_lists.create("Key\x07accounts"),
        "an account list name",
    ),
    "contact first name": (
        lambda api: api.contacts.create(first_name="A\x00nn", email="ann@example.com"),
        "ContactCreateRequest: firstName",
    ),
    "contact email": (
        lambda api: api.contacts.create({"firstName": "Ann", "email": "ann\t@example.com"}),
        "ContactCreateRequest: email",
    ),
    "contact update": (
        lambda api: api.contacts.update(1, last_name="Lee\x00"),
        "ContactPatchRequest: lastName",
    ),
    "NUL in other text": (
        lambda api: api.contacts.update(1, notes="fine\nbut\x00not"),
        "ContactPatchRequest: notes",
    ),
    "email lookup": (
        lambda api: api.contacts.find_by_email("ann\x00@example.com"),
        "an email address",
    ),
    "account name": (lambda api: api.accounts.create(name="Acme\x00"), "name"),
    "custom field title": (
        lambda api: api.custom_fields.create(title="Stage\x00", field_type="text"),
        "CustomFieldCreateRequest: title",
    ),
}


@pytest.mark.parametrize("what", list(CALLS))
async def test_control_characters_are_refused_locally(api: Any, what: str) -> None:
    call, named = CALLS[what]
    before = api.requests_sent
    with pytest.raises(ValueError, match="contains a control character") as caught:
        await run(call(api))
    assert named in str(caught.value)
    assert "(U+00" in str(caught.value)
    assert api.requests_sent == before


async def test_tabs_and_line_breaks_are_fine_in_notes(api: Any) -> None:
    created = await run(api.contacts.create(first_name="Ann", email="ann@example.com"))
    updated = await run(api.contacts.update(created.id, notes="line 1\nline 2\tend"))
    assert updated.notes == "line 1\nline 2\tend"
