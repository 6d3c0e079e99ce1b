"""`client.contact_lists` end to end, sync and async: CRUD, find/get-or-create (including the
race with a concurrent creator), sharing, and filing contacts with every failure reported."""

from __future__ import annotations

from typing import Any

import pytest
from facade_support import API_KEY, collect, run, seeded_contacts
from reply_contact_data_client.contract import Operations
from reply_contact_data_client.models import ContactList, ContactListPage
from reply_contacts import BulkResult, ConflictError, NotFoundError, PermissionDeniedError
from reply_contacts._plan import call_sync
from reply_contacts.resources.contact_lists import ContactListsOperations
from reply_contacts.sandbox import Sandbox


async def test_create_get_rename_delete(api: Any, sb: Sandbox) -> None:
    created = await run(api.contact_lists.create("Leads"))
    assert isinstance(created, ContactList)
    assert (created.name, created.is_shared) == ("Leads", False)
    shared = await run(api.contact_lists.create("Team leads", shared=True))
    assert shared.is_shared is True
    fetched = await run(api.contact_lists.get(created.id))
    assert isinstance(fetched, ContactList) and fetched.name == "Leads"
    renamed = await run(api.contact_lists.rename(created.id, "Hot leads"))
    assert isinstance(renamed, ContactList) and renamed.name == "Hot leads"
    assert await run(api.contact_lists.delete(created.id)) is None
    with pytest.raises(NotFoundError) as caught:
        await run(api.contact_lists.get(created.id))
    assert caught.value.code == "contactsList.notFound"


async def test_list_search_and_pages(api: Any) -> None:
    for name in ("Alpha", "Beta", "Alphabet", "Gamma"):
        await run(api.contact_lists.create(name))
    names = [item.name for item in await collect(api.contact_lists.list(page_size=2))]
    assert names == ["Alpha", "Beta", "Alphabet", "Gamma"]
    searched = await collect(api.contact_lists.list(search="alpha"))
    assert [item.name for item in searched] == ["Alpha", "Alphabet"]
    page = await run(api.contact_lists.list_page(top=3, skip=1))
    assert isinstance(page, ContactListPage)
    assert [item.name for item in page.items] == ["Beta", "Alphabet", "Gamma"]
    assert page.has_more is False
    assert len(await collect(api.contact_lists.list(max_items=3))) == 3


async def test_duplicate_name_is_a_conflict(api: Any) -> None:
    await run(api.contact_lists.create("Leads"))
    with pytest.raises(ConflictError) as caught:
        await run(api.contact_lists.create("LEADS"))
    assert caught.value.code == "contactsList.duplicateName"
    assert caught.value.status == 409


async def test_find_by_name_and_get_or_create(api: Any, sb: Sandbox) -> None:
    await run(api.contact_lists.create("Leads 2024"))
    target = await run(api.contact_lists.create("Leads"))
    # Search matches substrings; find_by_name wants the exact name, case-insensitively.
    found = await run(api.contact_lists.find_by_name("  leads "))
    assert found is not None and found.id == target.id
    assert await run(api.contact_lists.find_by_name("Lead")) is None
    same = await run(api.contact_lists.get_or_create("LEADS"))
    assert same.id == target.id
    sb.reset_stats()
    fresh = await run(api.contact_lists.get_or_create("Brand new", shared=True))
    assert isinstance(fresh, ContactList) and fresh.is_shared is True
    assert sb.stats()["byOperation"] == {"GetContactLists": 1, "CreateContactList": 1}
    again = await run(api.contact_lists.get_or_create("brand NEW"))
    assert again.id == fresh.id


async def test_find_by_name_walks_every_page(api: Any, sb: Sandbox) -> None:
    with sb.state.store.transaction() as db:
        db.executemany(
            "INSERT INTO contact_lists (name, is_shared, owner_user_id) VALUES (?, 0, 1)",
            [(f"Campaign {n:04d}",) for n in range(1, 1201)],
        )
        db.execute(
            "INSERT INTO contact_lists (name, is_shared, owner_user_id) VALUES ('Campaign', 0, 1)"
        )
    found = await run(api.contact_lists.find_by_name("campaign"))
    assert found is not None and found.name == "Campaign"
    assert sb.stats()["byOperation"]["GetContactLists"] == 2


def test_get_or_create_uses_the_winner_of_a_race(client: Any, sb: Sandbox) -> None:
    """A list created by someone else between our lookup and our create is used, not a 409."""
    other = type(client)(api_key=API_KEY, base_url=sb.url, rate_limit=None)
    generated = client._generated
    flow = ContactListsOperations(client).get_or_create("Raced")  # the plan, run by hand
    lookup = next(flow)
    create = flow.send(call_sync(generated, lookup))
    assert create.operation == Operations.create_contact_list
    winner = other.contact_lists.create("Raced")  # the concurrent creator gets there first
    with pytest.raises(ConflictError) as lost:
        call_sync(generated, create)
    second_lookup = flow.throw(lost.value)
    with pytest.raises(StopIteration) as done:
        flow.send(call_sync(generated, second_lookup))
    assert done.value.value.id == winner.id
    other.close()


async def test_share_and_unshare(api: Any, sb: Sandbox) -> None:
    created = await run(api.contact_lists.create("Leads"))
    assert await run(api.contact_lists.share(created.id)) is None
    assert (await run(api.contact_lists.get(created.id))).is_shared is True
    assert await run(api.contact_lists.share(created.id)) is None  # already shared: a no-op
    assert await run(api.contact_lists.unshare(created.id)) is None
    assert (await run(api.contact_lists.get(created.id))).is_shared is False
    sb.set_setting("listSharingEnabled", False)
    with pytest.raises(PermissionDeniedError) as caught:
        await run(api.contact_lists.share(created.id))
    assert caught.value.code == "contactsList.accessChangeRejected"


async def test_sharing_into_a_name_clash_is_a_conflict(api: Any) -> None:
    await run(api.contact_lists.create("Leads", shared=True))
    private = await run(api.contact_lists.create("leads"))
    with pytest.raises(ConflictError):
        await run(api.contact_lists.share(private.id))


async def test_add_and_move_contacts_report_every_failure(api: Any, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 4)
    first = await run(api.contact_lists.create("First"))
    second = await run(api.contact_lists.create("Second"))
    added = await run(api.contact_lists.add_contacts(first.id, [*ids, 9001, 9002]))
    assert isinstance(added, BulkResult)
    assert added.failed_ids == [9001, 9002]
    assert {f.error for f in added.failures} == {8}
    assert added.failures[0].reason.startswith("ContactNotProcessed: ")
    assert added.succeeded_ids == ids
    assert sb.contacts_in_list(first.id) == ids
    kept = await run(api.contact_lists.add_contacts(second.id, ids[:1]))
    assert kept.ok
    assert sb.lists_of_contact(ids[0]) == [first.id, second.id]
    moved = await run(api.contact_lists.move_contacts(second.id, ids[1:3]))
    assert moved.ok and moved.requested == tuple(ids[1:3])
    assert sb.lists_of_contact(ids[1]) == [second.id]
    assert sb.contacts_in_list(first.id) == [ids[0], ids[3]]
    with pytest.raises(NotFoundError):
        await run(api.contact_lists.add_contacts(999, ids))


async def test_membership_batches_over_a_thousand_ids(api: Any, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 1150)
    target = await run(api.contact_lists.create("Big"))
    result = await run(api.contact_lists.add_contacts(target.id, [*ids, 99999]))
    assert result.failed_ids == [99999] and len(result.succeeded_ids) == 1150
    assert sb.stats()["byOperation"]["AddContactsToContactList"] == 2
    assert len(sb.contacts_in_list(target.id)) == 1150


async def test_bad_ids_fail_locally(api: Any) -> None:
    with pytest.raises(ValueError):
        await run(api.contact_lists.add_contacts(1, []))
    with pytest.raises(ValueError):
        await run(api.contact_lists.move_contacts(0, [1]))
    assert api.requests_sent == 0
