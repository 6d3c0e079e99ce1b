"""`client.accounts` end to end, sync and async: CRUD, list/search/sort, filter, bulk create and
delete, owner change, linked contacts, link/unlink with every failure reported."""

from __future__ import annotations

from typing import Any

import pytest
from facade_support import collect, run, seeded_contacts
from reply_contact_data_client.models import (
    ContactAccount,
    ContactAccountContact,
    ContactAccountCreateItemResult,
    ContactAccountDetails,
    ContactAccountPage,
)
from reply_contacts import BadRequestError, BulkResult, NotFoundError
from reply_contacts.sandbox import Sandbox


async def test_create_get_replace_delete(api: Any, sb: Sandbox) -> None:
    created = await run(
        api.accounts.create(name="Acme", domain_name="gmail.com", industry="Software")
    )
    assert isinstance(created, ContactAccountDetails)
    assert (created.name, created.domain_name, created.industry) == (
        "Acme",
        "gmail.com",
        "Software",
    )
    assert created.owner_user_id == 1 and created.linked_prospects_count == 0
    assert created.email_provider == "gmail"
    fetched = await run(api.accounts.get(created.id))
    assert isinstance(fetched, ContactAccountDetails) and fetched.name == "Acme"
    replaced = await run(api.accounts.replace(created.id, {"name": "Acme Inc", "city": "Oslo"}))
    assert isinstance(replaced, ContactAccountDetails)
    # A full replace: the fields left out are cleared.
    assert (replaced.name, replaced.city, replaced.domain_name, replaced.industry) == (
        "Acme Inc",
        "Oslo",
        None,
        None,
    )
    assert await run(api.accounts.delete(created.id)) is None
    with pytest.raises(NotFoundError) as caught:
        await run(api.accounts.get(created.id))
    assert caught.value.code == "contactAccount.notFound"


async def test_unknown_field_refused(api: Any) -> None:
    with pytest.raises(TypeError, match="domian"):
        await run(api.accounts.create(name="Acme", domian="acme.com"))
    assert api.requests_sent == 0


async def test_list_search_and_page(api: Any) -> None:
    for name in ("Beta", "Alpha", "Gamma", "Alphaville"):
        await run(api.accounts.create(name=name))
    assert [a.name for a in await collect(api.accounts.list(page_size=3))] == [
        "Beta",
        "Alpha",
        "Gamma",
        "Alphaville",
    ]
    everything = await collect(api.accounts.list())
    assert all(isinstance(a, ContactAccount) for a in everything)
    searched = await collect(api.accounts.list(search="alpha"))
    assert [a.name for a in searched] == ["Alpha", "Alphaville"]
    by_name = await collect(api.accounts.list(sort_by="name"))
    assert [a.name for a in by_name] == ["Alpha", "Alphaville", "Beta", "Gamma"]
    page = await run(api.accounts.list_page(top=2, skip=1, search="a"))
    assert isinstance(page, ContactAccountPage)
    assert [a.name for a in page.items] == ["Alpha", "Gamma"] and page.has_more is True


async def test_list_sorted_descending(api: Any) -> None:
    for name in ("Beta", "Alpha", "Gamma"):
        await run(api.accounts.create(name=name))
    names = [
        a.name for a in await collect(api.accounts.list(sort_by="name", sort_direction="desc"))
    ]
    assert names == ["Gamma", "Beta", "Alpha"]


async def test_filter(api: Any, sb: Sandbox) -> None:
    for name, country in (("A1", "NO"), ("A2", "SE"), ("A3", "NO"), ("A4", "DK")):
        await run(api.accounts.create(name=name, country=country))
    nordic = {
        "filters": [{"property": "Country", "condition": "In", "values": ["NO", "DK"]}],
        "sortBy": "name",
        "sortDirection": "desc",
    }
    matched = await collect(api.accounts.filter(nordic, page_size=2))
    assert [a.name for a in matched] == ["A4", "A3", "A1"]
    assert all(isinstance(a, ContactAccount) for a in matched)
    assert sb.stats()["byOperation"]["FilterContactAccounts"] == 2
    assert len(await collect(api.accounts.filter(max_items=3))) == 3


async def test_bulk_create_and_bulk_delete(api: Any, sb: Sandbox) -> None:
    results = await run(api.accounts.bulk_create([{"name": "B1"}, {"name": "B2", "city": "Rome"}]))
    assert all(isinstance(r, ContactAccountCreateItemResult) for r in results)
    ids = [r.id for r in results]
    assert len(ids) == 2 and all(r.error is None for r in results)
    assert (await run(api.accounts.get(ids[1]))).city == "Rome"
    with pytest.raises(ValueError):
        await run(api.accounts.bulk_create([{"name": f"X{n}"} for n in range(101)]))
    with pytest.raises(ValueError):
        await run(api.accounts.bulk_create([]))
    deleted = await run(api.accounts.bulk_delete([ids[0], 777, 778]))
    assert isinstance(deleted, BulkResult)
    assert deleted.failed_ids == [777, 778] and deleted.succeeded_ids == [ids[0]]
    assert [f.error for f in deleted.failures] == [1, 1]
    assert deleted.failures[0].reason.startswith("NotFound: ")
    assert sb.count_accounts() == 1


async def test_bulk_delete_batches_of_a_thousand(api: Any, sb: Sandbox) -> None:
    created = await run(api.accounts.bulk_create([{"name": f"Co {n}"} for n in range(5)]))
    ids = [r.id for r in created]
    result = await run(api.accounts.bulk_delete([*ids, *range(10_000, 11_100)]))
    assert len(result.failures) == 1100 and sorted(result.succeeded_ids) == sorted(ids)
    assert sb.stats()["byOperation"]["BulkDeleteContactAccounts"] == 2


async def test_change_owner(api: Any) -> None:
    created = await run(api.accounts.create(name="Acme"))
    changed = await run(api.accounts.change_owner(created.id, 3))
    assert isinstance(changed, ContactAccountDetails) and changed.owner_user_id == 3
    with pytest.raises(BadRequestError) as caught:
        await run(api.accounts.change_owner(created.id, 99))
    assert caught.value.code == "contactAccount.invalidInput"


async def test_contacts_link_and_unlink(api: Any, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 5)
    acme = await run(api.accounts.create(name="Acme"))
    other = await run(api.accounts.create(name="Other"))
    linked = await run(api.accounts.link_contacts(acme.id, [*ids, 9001]))
    assert isinstance(linked, BulkResult)
    assert linked.failed_ids == [9001] and linked.succeeded_ids == ids
    members = await collect(api.accounts.contacts(acme.id, page_size=2))
    assert all(isinstance(m, ContactAccountContact) for m in members)
    assert [m.id for m in members] == ids
    assert members[0].email == "p1@example.com" and members[0].first_name == "P1"
    assert len(await collect(api.accounts.contacts(acme.id, max_items=2))) == 2
    # Linking to another account moves the contact.
    assert (await run(api.accounts.link_contacts(other.id, ids[:1]))).ok
    unlinked = await run(api.accounts.unlink_contacts(acme.id, [ids[0], ids[1], 9002]))
    assert unlinked.failed_ids == [ids[0], 9002]
    assert unlinked.succeeded_ids == [ids[1]]
    remaining = [m.id for m in await collect(api.accounts.contacts(acme.id))]
    assert remaining == ids[2:]
    assert (await run(api.accounts.get(acme.id))).linked_prospects_count == 3
    with pytest.raises(NotFoundError):
        await run(api.accounts.link_contacts(999, ids))
