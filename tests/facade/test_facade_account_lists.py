"""`client.account_lists` end to end, sync and async: CRUD, search, find/get-or-create, and
adding or moving accounts with every failure reported."""

from __future__ import annotations

from typing import Any

import pytest
from facade_support import collect, run
from reply_contact_data_client.models import ContactAccountList, ContactAccountListPage
from reply_contacts import BulkResult, ConflictError, NotFoundError
from reply_contacts.sandbox import Sandbox


async def _accounts(api: Any, n: int) -> list[int]:
    created = await run(api.accounts.bulk_create([{"name": f"Co {i}"} for i in range(n)]))
    return [r.id for r in created]


async def test_create_get_rename_delete(api: Any, sb: Sandbox) -> None:
    created = await run(api.account_lists.create("Targets"))
    assert isinstance(created, ContactAccountList) and created.name == "Targets"
    fetched = await run(api.account_lists.get(created.id))
    assert isinstance(fetched, ContactAccountList) and fetched.id == created.id
    renamed = await run(api.account_lists.rename(created.id, "Top targets"))
    assert isinstance(renamed, ContactAccountList) and renamed.name == "Top targets"
    ids = await _accounts(api, 2)
    await run(api.account_lists.add_accounts(created.id, ids))
    assert await run(api.account_lists.delete(created.id)) is None
    assert sb.count_accounts() == 2, "deleting a list keeps its accounts"
    with pytest.raises(NotFoundError) as caught:
        await run(api.account_lists.get(created.id))
    assert caught.value.code == "contactAccountList.notFound"


async def test_names_are_checked_locally_and_unique(api: Any) -> None:
    with pytest.raises(ValueError, match="3 to 128"):
        await run(api.account_lists.create("ab"))
    with pytest.raises(ValueError):
        await run(api.account_lists.rename(1, "x" * 129))
    assert api.requests_sent == 0
    await run(api.account_lists.create("Targets"))
    with pytest.raises(ConflictError) as caught:
        await run(api.account_lists.create("TARGETS"))
    assert caught.value.code == "contactAccountList.duplicateName"


async def test_list_search_and_page(api: Any) -> None:
    for name in ("North", "South", "Northeast"):
        await run(api.account_lists.create(name))
    names = [item.name for item in await collect(api.account_lists.list(page_size=2))]
    assert names == ["North", "South", "Northeast"]
    searched = await collect(api.account_lists.list(search="NORTH"))
    assert [item.name for item in searched] == ["North", "Northeast"]
    page = await run(api.account_lists.list_page(top=1, skip=1))
    assert isinstance(page, ContactAccountListPage)
    assert [item.name for item in page.items] == ["South"] and page.has_more is True
    default_page = await run(api.account_lists.list_page())
    assert len(default_page.items) == 3 and default_page.has_more is False


async def test_find_by_name_and_get_or_create(api: Any, sb: Sandbox) -> None:
    await run(api.account_lists.create("Targets EMEA"))
    target = await run(api.account_lists.create("Targets"))
    found = await run(api.account_lists.find_by_name("targets"))
    assert found is not None and found.id == target.id
    assert await run(api.account_lists.find_by_name("Target")) is None
    assert (await run(api.account_lists.get_or_create("TARGETS"))).id == target.id
    sb.reset_stats()
    fresh = await run(api.account_lists.get_or_create("Partners"))
    assert isinstance(fresh, ContactAccountList) and fresh.name == "Partners"
    assert sb.stats()["byOperation"] == {
        "GetContactAccountLists": 1,
        "CreateContactAccountList": 1,
    }


async def test_add_and_move_accounts_report_every_failure(api: Any, sb: Sandbox) -> None:
    ids = await _accounts(api, 4)
    first = await run(api.account_lists.create("First"))
    second = await run(api.account_lists.create("Second"))
    added = await run(api.account_lists.add_accounts(first.id, [*ids, 5001, 5002]))
    assert isinstance(added, BulkResult)
    assert added.failed_ids == [5001, 5002] and added.succeeded_ids == ids
    assert {f.error for f in added.failures} == {7}
    assert added.failures[0].reason.startswith("AccountNotProcessed: ")
    assert sb.accounts_in_list(first.id) == ids
    assert (await run(api.account_lists.add_accounts(second.id, ids[:1]))).ok
    assert sb.accounts_in_list(first.id) == ids, "add keeps other memberships"
    moved = await run(api.account_lists.move_accounts(second.id, ids[1:3]))
    assert moved.ok
    assert sb.accounts_in_list(first.id) == [ids[0], ids[3]]
    assert sb.accounts_in_list(second.id) == ids[:3]
    with pytest.raises(NotFoundError):
        await run(api.account_lists.move_accounts(999, ids))
