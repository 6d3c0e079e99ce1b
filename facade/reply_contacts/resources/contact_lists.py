"""Contact lists (`/v3/contact-lists`): create, rename, share, and file contacts into them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reply_contact_data_client.contract import Operations

from .._plan import Call, Flow
from .._resource import AsyncResource, SyncResource, operation
from ..results import BulkResult
from ._common import id_list
from ._lists import ListKind, NamedLists, find_or_create, generated_models

if TYPE_CHECKING:
    from reply_contact_data_client.models import ContactList, ContactListPage  # noqa: F401 - base type args


CONTACT_LISTS = ListKind(
    noun="list",
    name_label="a list name",
    member="contact id",
    member_field="contact_ids",
    list_op=Operations.get_contact_lists,
    get_op=Operations.get_contact_list_by_id,
    create_op=Operations.create_contact_list,
    update_op=Operations.update_contact_list,
    delete_op=Operations.delete_contact_list,
    create_request=lambda: generated_models().ContactListCreateRequest,
    update_request=lambda: generated_models().ContactListUpdateRequest,
    member_request=lambda: generated_models().ContactIdsRequest,
)


class ContactListsOperations(NamedLists["ContactList", "ContactListPage"]):
    """Contact lists: every list you own or that is shared with your team."""

    _kind = CONTACT_LISTS

    @operation
    def create(self, name: str, *, shared: bool = False) -> Call[ContactList]:
        """Create a list. Raises ConflictError (`contactsList.duplicateName`)."""
        body = self._create_body(name, is_shared=shared)
        return Call(Operations.create_contact_list, {"body": body})

    @operation
    def get_or_create(self, name: str, *, shared: bool = False) -> Flow[ContactList]:
        """The list with this name, created if missing (safe against a concurrent creator and
        against a create whose answer was lost)."""
        return find_or_create(self, name, self.create(name, shared=shared))

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
        return self._kind.members(Operations.add_contacts_to_contact_list, list_id, contact_ids)

    @operation
    def move_contacts(self, list_id: int, contact_ids: Iterable[int]) -> Flow[BulkResult]:
        """Move contacts into a list and out of every other list."""
        return self._kind.members(Operations.move_contacts_to_contact_list, list_id, contact_ids)


class ContactLists(ContactListsOperations, SyncResource):
    """`client.contact_lists`: contact lists and list membership."""


class AsyncContactLists(ContactListsOperations, AsyncResource):
    """`client.contact_lists` of the async client."""
