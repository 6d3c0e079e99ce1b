"""`client.custom_fields` end to end, sync and async, and the title catalog: cached, refreshed
once on a miss (e.g. after another client created a field)."""

from __future__ import annotations

from typing import Any

import pytest
from facade_support import run, seeded_contacts
from reply_contact_data_client.models import CustomField, CustomFieldType
from reply_contacts import ConflictError, NotFoundError, ValidationError
from reply_contacts.resources.custom_fields import UnknownCustomFieldError
from reply_contacts.sandbox import Sandbox


def catalog_loads(sb: Sandbox) -> int:
    return int(sb.stats()["byOperation"].get("GetCustomFields", 0))


async def test_crud(api: Any) -> None:
    assert await run(api.custom_fields.list()) == []
    created = await run(api.custom_fields.create(title="Deal Stage", field_type="text"))
    assert isinstance(created, CustomField)
    assert (created.title, created.field_type, created.org_wide) == (
        "Deal Stage",
        CustomFieldType.TEXT,
        False,
    )
    org = await run(
        api.custom_fields.create({"title": "Seats", "fieldType": "number", "orgWide": True})
    )
    assert org.org_wide is True and org.field_type == "number"
    fetched = await run(api.custom_fields.get(created.id))
    assert isinstance(fetched, CustomField) and fetched.title == "Deal Stage"
    updated = await run(
        api.custom_fields.update(created.id, title="Stage", field_type="text", metadata="m")
    )
    assert isinstance(updated, CustomField)
    assert (updated.title, updated.metadata) == ("Stage", "m")
    listed = await run(api.custom_fields.list())
    assert [f.title for f in listed] == ["Stage", "Seats"]
    assert all(isinstance(f, CustomField) for f in listed)
    assert await run(api.custom_fields.delete(org.id)) is None
    with pytest.raises(NotFoundError) as caught:
        await run(api.custom_fields.get(org.id))
    assert caught.value.code == "customField.notFound"


async def test_conflicts_and_validation(api: Any, sb: Sandbox) -> None:
    field = await run(api.custom_fields.create(title="Tier", field_type="text"))
    with pytest.raises(ConflictError) as duplicate:
        await run(api.custom_fields.create(title="tier", field_type="number"))
    assert duplicate.value.code == "customField.duplicateName"
    (cid,) = seeded_contacts(sb, 1)
    await run(api.contacts.update(cid, custom_fields={"Tier": "gold"}))
    with pytest.raises(ConflictError) as in_use:
        await run(api.custom_fields.delete(field.id))
    assert in_use.value.code == "customField.hasValues"
    with pytest.raises(ValidationError) as invalid:
        await run(api.custom_fields.create(title="", field_type="text"))
    assert [e.pointer for e in invalid.value.errors] == ["/title"]


async def test_by_title_uses_the_cached_catalog(api: Any, sb: Sandbox) -> None:
    await run(api.custom_fields.create(title="Deal Stage", field_type="text"))
    await run(api.custom_fields.create(title="Seats", field_type="number"))
    sb.reset_stats()
    stage = await run(api.custom_fields.by_title("deal STAGE"))
    seats = await run(api.custom_fields.by_title("Seats"))
    by_id = await run(api.custom_fields.by_title(str(stage.id)))
    assert isinstance(stage, CustomField) and stage.title == "Deal Stage"
    assert seats.field_type == "number" and by_id.id == stage.id
    assert catalog_loads(sb) == 1, "one load serves every lookup"


async def test_catalog_refreshes_on_a_miss_after_another_client_creates(
    api: Any, make_api: Any, sb: Sandbox
) -> None:
    other = make_api()
    await run(api.custom_fields.create(title="Deal Stage", field_type="text"))
    await run(api.custom_fields.by_title("Deal Stage"))  # catalog loaded, without "Region"
    region = await run(other.custom_fields.create(title="Region", field_type="text"))
    sb.reset_stats()
    found = await run(api.custom_fields.by_title("region"))
    assert found.id == region.id
    assert catalog_loads(sb) == 1
    # Writing and reading values by title now works without another load...
    (cid,) = seeded_contacts(sb, 1)
    await run(api.contacts.update(cid, custom_fields={"Region": "EU", "Deal Stage": "won"}))
    assert await run(api.contacts.custom_values(cid)) == {"Region": "EU", "Deal Stage": "won"}
    assert catalog_loads(sb) == 1
    # ...and a value of a field this client has never seen is named after one refresh.
    await run(other.custom_fields.create(title="Tier", field_type="text"))
    await run(other.contacts.update(cid, custom_fields={"Tier": "gold"}))
    sb.reset_stats()
    values = await run(api.contacts.custom_values(cid))
    assert values == {"Region": "EU", "Deal Stage": "won", "Tier": "gold"}
    assert catalog_loads(sb) == 1


async def test_unknown_title_after_refresh(api: Any, sb: Sandbox) -> None:
    await run(api.custom_fields.create(title="Deal Stage", field_type="text"))
    await run(api.custom_fields.list())
    sb.reset_stats()
    with pytest.raises(UnknownCustomFieldError, match="Deal Stage") as caught:
        await run(api.custom_fields.by_title("Nope"))
    assert isinstance(caught.value, KeyError)
    assert caught.value.known == ["Deal Stage"]
    assert catalog_loads(sb) == 1, "exactly one refresh on a miss"


async def test_rename_through_this_client_is_seen(api: Any) -> None:
    field = await run(api.custom_fields.create(title="Old", field_type="text"))
    await run(api.custom_fields.by_title("Old"))
    await run(api.custom_fields.update(field.id, title="New", field_type="text"))
    assert (await run(api.custom_fields.by_title("New"))).id == field.id


async def test_a_cold_catalog_is_loaded_once_for_an_unknown_title(api: Any, sb: Sandbox) -> None:
    with pytest.raises(UnknownCustomFieldError):
        await run(api.custom_fields.by_title("Nope"))
    assert catalog_loads(sb) == 1
