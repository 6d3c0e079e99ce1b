"""Account lists (`/v3/contact-account-lists`): team-wide lists of accounts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from reply_contact_data_client.contract import Operation, Operations

from .._plan import Call, Flow
from .._resource import AsyncResource, ResourceBase, SyncResource, operation, paginated
from .._text import check_name as check_name_text
from ..pagination import PageQuery
from ..results import BulkResult
from ._common import (
    batch_size,
    bulk_in_chunks,
    create_or_find,
    find_by_name,
    id_list,
    unset_if_none,
)

if TYPE_CHECKING:
    from reply_contact_data_client.models import ContactAccountList, ContactAccountListPage


# The spec's bounds on an account list's name (the same for create and rename).
LIST_NAME_MIN = Operations.create_contact_account_list.limit("/name").min_length or 1
LIST_NAME_MAX = Operations.create_contact_account_list.max_length("/name")
# Accounts per add or move request (the spec's maxItems).
MEMBERSHIP_BATCH = batch_size(Operations.add_accounts_to_contact_account_list, "/accountIds")


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


def _membership(operation: Operation, list_id: int, account_ids: Iterable[int]) -> Flow[BulkResult]:
    from reply_contact_data_client.models import ContactAccountListAccountIdsRequest

    (list_id,) = id_list(list_id, "list_id")
    ids = id_list(account_ids, "account id")
    return bulk_in_chunks(
        operation, ids, ContactAccountListAccountIdsRequest, "account_ids", path={"id": list_id}
    )


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
        self, *, top: int | None = None, skip: int = 0, search: str | None = None
    ) -> Call[ContactAccountListPage]:
        """One page of account lists, exactly as the API returns it (`top=None`: the API's
        default page size)."""
        return Call(
            Operations.get_contact_account_lists,
            {"top": unset_if_none(top), "skip": skip, "search": unset_if_none(search)},
        )

    @operation
    def get(self, list_id: int) -> Call[ContactAccountList]:
        (list_id,) = id_list(list_id, "list_id")
        return Call(Operations.get_contact_account_list_by_id, {"id": list_id})

    @operation
    def find_by_name(self, name: str) -> Flow[ContactAccountList | None]:
        """The account list named exactly `name` (case-insensitive), or None."""
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
        """The account list with this name, created if missing. Names are unique per team, so
        a create that already happened (a concurrent creator, or our own request whose answer
        was lost) is found and used instead of a second list."""
        found = yield from self.find_by_name(name)
        if found is None:
            found = yield from create_or_find(self.create(name), lambda: self.find_by_name(name))
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
        return _membership(Operations.add_accounts_to_contact_account_list, list_id, account_ids)

    @operation
    def move_accounts(self, list_id: int, account_ids: Iterable[int]) -> Flow[BulkResult]:
        """Move accounts into the list and out of every other list."""
        return _membership(Operations.move_accounts_to_contact_account_list, list_id, account_ids)


class AccountLists(AccountListsOperations, SyncResource):
    """`client.account_lists`: lists of accounts."""


class AsyncAccountLists(AccountListsOperations, AsyncResource):
    """`client.account_lists` of the async client."""
