"""Account lists (`/v3/contact-account-lists`): team-wide lists of accounts."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from reply_contact_data_client.contract import Operation, Operations

from .._plan import Call, Flow
from .._resource import AsyncResource, ResourceBase, SyncResource, operation, paginated
from .._text import check_name as check_name_text
from ..pagination import PageQuery
from ..results import BulkResult
from ._common import bulk_in_chunks, create_or_find, find_by_name, id_list, unset_if_none

if TYPE_CHECKING:
    from reply_contact_data_client.models import ContactAccountList, ContactAccountListPage


LIST_NAME_MIN, LIST_NAME_MAX = 3, 128  # documented account-list name length


def check_name(name: str) -> str:
    """The stripped name, checked here so a bad one costs no request."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"an account list name must be a non-empty string, got {name!r}")
    stripped = check_name_text(name.strip(), "an account list name")
    if not LIST_NAME_MIN <= len(stripped) <= LIST_NAME_MAX:
        raise ValueError(
            f"an account list name must be {LIST_NAME_MIN} to {LIST_NAME_MAX} characters, "
            f"got {len(stripped)}"
        )
    return stripped


class AccountListsOperations(ResourceBase):
    @paginated
    def list(
        self,
        *,
        search: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> PageQuery[ContactAccountList]:
        """Every account list (yours first); `search` is a case-insensitive name substring."""
        return PageQuery(
            Operations.get_contact_account_lists,
            {"search": unset_if_none(search)},
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def list_page(
        self, *, top: int = 100, skip: int = 0, search: str | None = None
    ) -> Call[ContactAccountListPage]:
        return Call(
            Operations.get_contact_account_lists,
            {"top": top, "skip": skip, "search": unset_if_none(search)},
        )

    @operation
    def get(self, list_id: int) -> Call[ContactAccountList]:
        (list_id,) = id_list(list_id, "list_id")
        return Call(Operations.get_contact_account_list_by_id, {"id": list_id})

    @operation
    def find_by_name(self, name: str) -> Flow[ContactAccountList | None]:
        """The account list named exactly `name` (case-insensitive), or None."""
        return (yield from self._find_by_name(name))

    def _find_by_name(self, name: str) -> Flow[ContactAccountList | None]:
        found = yield from find_by_name(Operations.get_contact_account_lists, name)
        return cast("ContactAccountList | None", found)

    @operation
    def create(self, name: str) -> Call[ContactAccountList]:
        """Create an account list. Raises ConflictError (`contactAccountList.duplicateName`)."""
        from reply_contact_data_client.models import ContactAccountListCreateRequest

        body = ContactAccountListCreateRequest(name=check_name(name))
        return Call(Operations.create_contact_account_list, {"body": body})

    @operation
    def get_or_create(self, name: str) -> Flow[ContactAccountList]:
        """The account list with this name, created if missing."""
        found = yield from self._find_by_name(name)
        if found is not None:
            return found
        return (yield from self._create_or_find(name))

    def _create_or_find(self, name: str) -> Flow[ContactAccountList]:
        """Create the list; names are unique per team, so a repeated create finds the first."""
        from reply_contact_data_client.models import ContactAccountListCreateRequest

        body = ContactAccountListCreateRequest(name=check_name(name))
        create: Call[ContactAccountList] = Call(
            Operations.create_contact_account_list, {"body": body}
        )
        found = yield from create_or_find(create, lambda: self._find_by_name(name))
        return cast("ContactAccountList", found)

    @operation
    def rename(self, list_id: int, name: str) -> Call[ContactAccountList]:
        from reply_contact_data_client.models import ContactAccountListUpdateRequest

        (list_id,) = id_list(list_id, "list_id")
        body = ContactAccountListUpdateRequest(name=check_name(name))
        return Call(Operations.update_contact_account_list, {"id": list_id, "body": body})

    @operation
    def delete(self, list_id: int) -> Call[None]:
        """Delete an account list; the accounts are kept."""
        (list_id,) = id_list(list_id, "list_id")
        return Call(Operations.delete_contact_account_list, {"id": list_id}, lambda _: None)

    @operation
    def add_accounts(self, list_id: int, account_ids: Iterable[int]) -> Flow[BulkResult]:
        """Add accounts to the list, keeping their other memberships."""
        return (
            yield from self._membership(
                Operations.add_accounts_to_contact_account_list, list_id, account_ids
            )
        )

    @operation
    def move_accounts(self, list_id: int, account_ids: Iterable[int]) -> Flow[BulkResult]:
        """Move accounts into the list and out of every other list."""
        return (
            yield from self._membership(
                Operations.move_accounts_to_contact_account_list, list_id, account_ids
            )
        )

    def _membership(
        self, operation: Operation, list_id: int, account_ids: Iterable[int]
    ) -> Flow[BulkResult]:
        from reply_contact_data_client.models import ContactAccountListAccountIdsRequest

        (list_id,) = id_list(list_id, "list_id")
        ids = id_list(account_ids, "account id")

        def make_call(chunk: builtins.list[int]) -> Call[Any]:
            body = ContactAccountListAccountIdsRequest(account_ids=chunk)
            return Call(operation, {"id": list_id, "body": body})

        return (yield from bulk_in_chunks(operation, "/accountIds", ids, make_call))


class AccountLists(AccountListsOperations, SyncResource):
    """`client.account_lists`: lists of accounts."""


class AsyncAccountLists(AccountListsOperations, AsyncResource):
    """`client.account_lists` of the async client."""
