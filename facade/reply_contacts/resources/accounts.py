"""Accounts (`/v3/contact-accounts`): companies, their owners and the contacts linked to them."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from reply_contact_data_client.contract import Operation, Operations, Vocabularies

from .._body import SupportsRequestBody, as_body
from .._plan import Call, Flow
from .._resource import AsyncResource, ResourceBase, SyncResource, operation, paginated
from ..pagination import PageQuery
from ..results import BulkResult
from ._common import (
    UNBOUNDED_BATCH,
    batch_size,
    build_model,
    bulk_in_chunks,
    id_list,
    unset_if_none,
)

if TYPE_CHECKING:
    from reply_contact_data_client.models import (
        ContactAccount,
        ContactAccountContact,
        ContactAccountCreateItemResult,
        ContactAccountCreateRequest,
        ContactAccountDetails,
        ContactAccountPage,
        ContactAccountUpdateRequest,
    )

# The spec's maxItems: bulk create takes this many accounts per call.
BULK_CREATE_MAX = Operations.bulk_create_contact_accounts.max_items("/items")
# Contacts per link or unlink request (the spec's maxItems).
LINK_BATCH = batch_size(Operations.bulk_add_contacts_to_contact_account, "/contactIds")
# Names per `Name In` lookup filter. The spec states no maximum for a condition's values; this
# keeps one request's body small. A facade choice, not a fact of the contract.
NAME_LOOKUP_BATCH = UNBOUNDED_BATCH

AccountFilterInput = SupportsRequestBody | Mapping[str, Any] | Any | None


def _sort_direction(direction: str | None) -> Any:
    from reply_contact_data_client.models import SortDirection

    if direction is None:
        return unset_if_none(None)
    if direction not in Vocabularies.SortDirection:
        allowed = " or ".join(repr(value) for value in Vocabularies.SortDirection)
        raise ValueError(f"sort_direction must be {allowed}, got {direction!r}")
    return SortDirection(direction)


def name_key(name: str) -> str:
    """What makes two account names the same name: case and surrounding spaces ignored."""
    return name.strip().casefold()


def _filter_body(filter_: AccountFilterInput) -> Any:
    from reply_contact_data_client.models import ContactAccountFilterRequest

    return ContactAccountFilterRequest.from_dict(as_body(filter_))


class AccountsOperations(ResourceBase):
    @paginated
    def list(
        self,
        *,
        search: str | None = None,
        sort_by: str | None = None,
        sort_direction: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> PageQuery[ContactAccount]:
        """Every account, lazily; `search` matches names."""
        return PageQuery(
            Operations.get_contact_accounts,
            {
                "search": unset_if_none(search),
                "sort_by": unset_if_none(sort_by),
                "sort_direction": _sort_direction(sort_direction),
            },
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def list_page(
        self, *, top: int | None = None, skip: int = 0, search: str | None = None
    ) -> Call[ContactAccountPage]:
        """One page of accounts, exactly as the API returns it (`top=None`: the API's default
        page size)."""
        return Call(
            Operations.get_contact_accounts,
            {"top": unset_if_none(top), "skip": skip, "search": unset_if_none(search)},
        )

    @paginated
    def filter(
        self,
        filter: AccountFilterInput = None,
        *,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> PageQuery[ContactAccount]:
        """Every account matching a filter (an `AccountFilter` builder, a generated
        `ContactAccountFilterRequest`, or an API-shaped dict), lazily."""
        return PageQuery(
            Operations.filter_contact_accounts,
            {"body": _filter_body(filter)},
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def filter_page(
        self, filter: AccountFilterInput = None, *, top: int | None = None, skip: int = 0
    ) -> Call[ContactAccountPage]:
        """One page of a filter, exactly as the API returns it."""
        return Call(
            Operations.filter_contact_accounts,
            {"body": _filter_body(filter), "top": unset_if_none(top), "skip": skip},
        )

    @operation
    def find_by_names(self, names: Iterable[str]) -> Flow[builtins.list[ContactAccount]]:
        """Every account whose name is one of `names`, ignoring case and surrounding spaces.

        One `Name In (...)` filter per `NAME_LOOKUP_BATCH` distinct names, paged at the API's
        maximum: a few requests for any number of names, never one per name. Blank names are
        skipped; no name, no request.
        """
        wanted: dict[str, str] = {}
        for name in names:
            if isinstance(name, str) and name.strip():
                wanted.setdefault(name_key(name), name.strip())
        values = builtins.list(wanted.values())
        found: builtins.list[ContactAccount] = []
        seen: set[int] = set()
        for start in range(0, len(values), NAME_LOOKUP_BATCH):
            same_names = {
                "filters": [
                    {
                        "property": "Name",
                        "condition": "In",
                        "values": values[start : start + NAME_LOOKUP_BATCH],
                    }
                ]
            }
            accounts: builtins.list[ContactAccount] = yield from self.filter(same_names).collect()
            for account in accounts:
                # The server's match decides nothing on its own: the names are compared here.
                if account.id not in seen and name_key(str(account.name)) in wanted:
                    seen.add(account.id)
                    found.append(account)
        return found

    @operation
    def get(self, account_id: int) -> Call[ContactAccountDetails]:
        (account_id,) = id_list(account_id, "account_id")
        return Call(Operations.get_contact_account_by_id, {"id": account_id})

    @operation
    def create(
        self,
        account: ContactAccountCreateRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Call[ContactAccountDetails]:
        """Create an account: `create(name="Acme", domain_name="acme.com")`."""
        from reply_contact_data_client.models import ContactAccountCreateRequest

        body = build_model(ContactAccountCreateRequest, account, fields)
        return Call(Operations.create_contact_account, {"body": body})

    @operation
    def replace(
        self,
        account_id: int,
        account: ContactAccountUpdateRequest | Mapping[str, Any] | None = None,
        /,
        **fields: Any,
    ) -> Call[ContactAccountDetails]:
        """Replace an account in full: every optional field left out is cleared."""
        from reply_contact_data_client.models import ContactAccountUpdateRequest

        (account_id,) = id_list(account_id, "account_id")
        body = build_model(ContactAccountUpdateRequest, account, fields)
        return Call(Operations.update_contact_account, {"id": account_id, "body": body})

    @operation
    def delete(self, account_id: int) -> Call[None]:
        """Delete an account; its contacts are kept, without an account."""
        (account_id,) = id_list(account_id, "account_id")
        return Call(Operations.delete_contact_account, {"id": account_id}, lambda _: None)

    @operation
    def bulk_create(
        self, accounts: Sequence[ContactAccountCreateRequest | Mapping[str, Any]]
    ) -> Call[builtins.list[ContactAccountCreateItemResult]]:
        """Create up to `BULK_CREATE_MAX` accounts (the spec's maxItems) in one call; one result
        per input, in order.

        For more, with every failure reported, use `client.workflows.create_accounts(...)`.
        """
        from reply_contact_data_client.models import (
            ContactAccountBulkCreateRequest,
            ContactAccountCreateRequest,
        )

        if not accounts:
            raise ValueError("bulk_create needs at least one account")
        if len(accounts) > BULK_CREATE_MAX:
            raise ValueError(f"bulk_create takes at most {BULK_CREATE_MAX} accounts")
        items = [build_model(ContactAccountCreateRequest, a, {}) for a in accounts]
        body = ContactAccountBulkCreateRequest(items=items)
        return Call(Operations.bulk_create_contact_accounts, {"body": body})

    @operation
    def bulk_delete(self, account_ids: Iterable[int]) -> Flow[BulkResult]:
        """Delete many accounts; every id that was not deleted is reported, with why."""
        from reply_contact_data_client.models import ContactAccountBulkDeleteRequest

        ids = id_list(account_ids, "account id")
        return bulk_in_chunks(
            Operations.bulk_delete_contact_accounts, ids, ContactAccountBulkDeleteRequest, "ids"
        )

    @operation
    def change_owner(self, account_id: int, user_id: int) -> Call[ContactAccountDetails]:
        """Give the account to a teammate (must be a team member)."""
        from reply_contact_data_client.models import ContactAccountOwnerUpdateRequest

        (account_id,) = id_list(account_id, "account_id")
        body = ContactAccountOwnerUpdateRequest(user_id=id_list(user_id, "user_id")[0])
        return Call(Operations.update_contact_account_owner, {"id": account_id, "body": body})

    @paginated
    def contacts(
        self, account_id: int, *, page_size: int | None = None, max_items: int | None = None
    ) -> PageQuery[ContactAccountContact]:
        """The contacts linked to an account, lazily."""
        (account_id,) = id_list(account_id, "account_id")
        return PageQuery(
            Operations.get_contact_account_contacts,
            {"id": account_id},
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def link_contacts(self, account_id: int, contact_ids: Iterable[int]) -> Flow[BulkResult]:
        """Link contacts to the account (a contact linked elsewhere is moved here)."""
        return (
            yield from self._links(
                Operations.bulk_add_contacts_to_contact_account, account_id, contact_ids
            )
        )

    @operation
    def unlink_contacts(self, account_id: int, contact_ids: Iterable[int]) -> Flow[BulkResult]:
        """Unlink contacts from the account; the contacts themselves are kept."""
        return (
            yield from self._links(
                Operations.bulk_remove_contacts_from_contact_account, account_id, contact_ids
            )
        )

    def _links(
        self, operation: Operation, account_id: int, contact_ids: Iterable[int]
    ) -> Flow[BulkResult]:
        from reply_contact_data_client.models import ContactAccountContactIdsRequest

        (account_id,) = id_list(account_id, "account_id")
        ids = id_list(contact_ids, "contact id")
        return bulk_in_chunks(
            operation, ids, ContactAccountContactIdsRequest, "contact_ids", path={"id": account_id}
        )


class Accounts(AccountsOperations, SyncResource):
    """`client.accounts`: accounts (companies) and their contact links."""


class AsyncAccounts(AccountsOperations, AsyncResource):
    """`client.accounts` of the async client."""
