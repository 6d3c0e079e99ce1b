"""Account lists (`/v3/contact-account-lists`): team-wide lists of accounts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reply_contact_data_client.contract import Operations

from .._plan import Call, Flow
from .._resource import AsyncResource, SyncResource, operation
from ..results import BulkResult
from ._common import batch_size
from ._lists import ListKind, NamedLists, find_or_create, generated_models

if TYPE_CHECKING:
    from reply_contact_data_client.models import (  # noqa: F401 - base type args
        ContactAccountList,
        ContactAccountListPage,
    )


# Accounts per add or move request (the spec's maxItems).
MEMBERSHIP_BATCH = batch_size(Operations.add_accounts_to_contact_account_list, "/accountIds")

ACCOUNT_LISTS = ListKind(
    noun="account list",
    name_label="an account list name",
    member="account id",
    member_field="account_ids",
    list_op=Operations.get_contact_account_lists,
    get_op=Operations.get_contact_account_list_by_id,
    create_op=Operations.create_contact_account_list,
    update_op=Operations.update_contact_account_list,
    delete_op=Operations.delete_contact_account_list,
    create_request=lambda: generated_models().ContactAccountListCreateRequest,
    update_request=lambda: generated_models().ContactAccountListUpdateRequest,
    member_request=lambda: generated_models().ContactAccountListAccountIdsRequest,
)


class AccountListsOperations(NamedLists["ContactAccountList", "ContactAccountListPage"]):
    """Account lists: team-wide lists of accounts (yours first)."""

    _kind = ACCOUNT_LISTS

    @operation
    def create(self, name: str) -> Call[ContactAccountList]:
        """Create an account list. Raises ConflictError (`contactAccountList.duplicateName`)."""
        return Call(Operations.create_contact_account_list, {"body": self._create_body(name)})

    @operation
    def get_or_create(self, name: str) -> Flow[ContactAccountList]:
        """The account list with this name, created if missing (safe against a concurrent
        creator and against a create whose answer was lost)."""
        return find_or_create(self, name, self.create(name))

    @operation
    def add_accounts(self, list_id: int, account_ids: Iterable[int]) -> Flow[BulkResult]:
        """Add accounts to the list, keeping their other memberships."""
        return self._kind.members(
            Operations.add_accounts_to_contact_account_list, list_id, account_ids
        )

    @operation
    def move_accounts(self, list_id: int, account_ids: Iterable[int]) -> Flow[BulkResult]:
        """Move accounts into the list and out of every other list."""
        return self._kind.members(
            Operations.move_accounts_to_contact_account_list, list_id, account_ids
        )


class AccountLists(AccountListsOperations, SyncResource):
    """`client.account_lists`: lists of accounts."""


class AsyncAccountLists(AccountListsOperations, AsyncResource):
    """`client.account_lists` of the async client."""
