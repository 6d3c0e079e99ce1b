"""Contact lists (`/v3/contact-lists`): create, rename, share, and file contacts into them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from reply_contact_data_client.contract import Operation, Operations

from .._plan import Call, Flow
from .._resource import AsyncResource, ResourceBase, SyncResource, operation, paginated
from .._text import check_name
from ..pagination import PageQuery
from ..results import BulkResult
from ._common import bulk_in_chunks, create_or_find, find_by_name, id_list, unset_if_none

if TYPE_CHECKING:
    from reply_contact_data_client.models import ContactList, ContactListPage


def _membership(operation: Operation, list_id: int, contact_ids: Iterable[int]) -> Flow[BulkResult]:
    from reply_contact_data_client.models import ContactIdsRequest

    (list_id,) = id_list(list_id, "list_id")
    ids = id_list(contact_ids, "contact id")
    return bulk_in_chunks(operation, ids, ContactIdsRequest, "contact_ids", path={"id": list_id})


class ContactListsOperations(ResourceBase):
    @paginated
    def list(
        self,
        *,
        search: str | None = None,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> PageQuery[ContactList]:
        """Every list you own or that is shared with your team; `search` matches names."""
        return PageQuery(
            Operations.get_contact_lists,
            {"search": unset_if_none(search)},
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def list_page(
        self, *, top: int | None = None, skip: int = 0, search: str | None = None
    ) -> Call[ContactListPage]:
        """One page of lists, exactly as the API returns it (`top=None`: the API's default
        page size)."""
        return Call(
            Operations.get_contact_lists,
            {"top": unset_if_none(top), "skip": skip, "search": unset_if_none(search)},
        )

    @operation
    def get(self, list_id: int) -> Call[ContactList]:
        (list_id,) = id_list(list_id, "list_id")
        return Call(Operations.get_contact_list_by_id, {"id": list_id})

    @operation
    def find_by_name(self, name: str) -> Flow[ContactList | None]:
        """The list named exactly `name` (case-insensitive), or None."""
        check_name(name, "a list name")
        found = yield from find_by_name(Operations.get_contact_lists, name)
        return cast("ContactList | None", found)

    @operation
    def create(self, name: str, *, shared: bool = False) -> Call[ContactList]:
        """Create a list. Raises ConflictError (`contactsList.duplicateName`)."""
        from reply_contact_data_client.models import ContactListCreateRequest

        body = ContactListCreateRequest(name=check_name(name, "a list name"), is_shared=shared)
        return Call(Operations.create_contact_list, {"body": body})

    @operation
    def get_or_create(self, name: str, *, shared: bool = False) -> Flow[ContactList]:
        """The list with this name, created if missing. List names are unique, so a create
        that already happened (a concurrent creator, or our own request whose answer was lost)
        is found and used instead of a second list."""
        found = yield from self.find_by_name(name)
        if found is None:
            created = create_or_find(
                self.create(name, shared=shared), lambda: self.find_by_name(name)
            )
            found = yield from created
        return cast("ContactList", found)

    @operation
    def rename(self, list_id: int, name: str) -> Call[ContactList]:
        from reply_contact_data_client.models import ContactListUpdateRequest

        (list_id,) = id_list(list_id, "list_id")
        body = ContactListUpdateRequest(name=check_name(name, "a list name"))
        return Call(Operations.update_contact_list, {"id": list_id, "body": body})

    @operation
    def delete(self, list_id: int) -> Call[None]:
        """Delete a list; its contacts are kept."""
        (list_id,) = id_list(list_id, "list_id")
        return Call(Operations.delete_contact_list, {"id": list_id}, lambda _: None)

    @operation
    def share(self, list_id: int) -> Call[None]:
        (list_id,) = id_list(list_id, "list_id")
        return Call(Operations.share_contact_list, {"id": list_id}, lambda _: None)

    @operation
    def unshare(self, list_id: int) -> Call[None]:
        (list_id,) = id_list(list_id, "list_id")
        return Call(Operations.unshare_contact_list, {"id": list_id}, lambda _: None)

    @operation
    def add_contacts(self, list_id: int, contact_ids: Iterable[int]) -> Flow[BulkResult]:
        """File contacts into a list, keeping their other memberships. Every failed id is
        reported in the result (per-item code 8, ContactNotProcessed)."""
        return _membership(Operations.add_contacts_to_contact_list, list_id, contact_ids)

    @operation
    def move_contacts(self, list_id: int, contact_ids: Iterable[int]) -> Flow[BulkResult]:
        """Move contacts into a list and out of every other list."""
        return _membership(Operations.move_contacts_to_contact_list, list_id, contact_ids)


class ContactLists(ContactListsOperations, SyncResource):
    """`client.contact_lists`: contact lists and list membership."""


class AsyncContactLists(ContactListsOperations, AsyncResource):
    """`client.contact_lists` of the async client."""
