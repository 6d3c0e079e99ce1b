"""Contacts (`/v3/contacts`): CRUD, lookup, filter and count, import, and per-contact actions."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from reply_contact_data_client.contract import Operation, Operations, Vocabularies

from .._body import SupportsRequestBody, as_body
from .._plan import Call, Flow
from .._resource import AsyncResource, ResourceBase, SyncResource, operation, paginated
from .._text import check_name
from ..pagination import PageQuery
from ..results import BulkResult
from ._common import build_model, bulk_in_chunks, check_text_lengths, id_list, unset_if_none

if TYPE_CHECKING:
    from reply_contact_data_client.models import (
        ChangeContactsOwnerResult,
        Contact,
        ContactActivity,
        ContactCreateRequest,
        ContactInboxThread,
        ContactListReference,
        ContactPage,
        ContactPatchRequest,
        ContactSequenceMembership,
        ContactsImportResponse,
        ContactStatuses,
        DirectLinkedInSendResult,
        SendDirectEmailResult,
    )

# The spec's maxItems: an import takes this many items per call.
IMPORT_MAX_ITEMS = Operations.import_contacts.max_items("/items")

ContactFilterInput = SupportsRequestBody | Mapping[str, Any] | Any | None


def _filter_body(filter_: ContactFilterInput, *, for_count: bool = False) -> Any:
    from reply_contact_data_client.models import ContactFilterCountRequest, ContactFilterRequest

    body = as_body(filter_)
    if for_count:
        # Count takes the filter without its sort order.
        body.pop("sortBy", None)
        body.pop("sortDirection", None)
        return ContactFilterCountRequest.from_dict(body)
    return ContactFilterRequest.from_dict(body)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _first_or_none(page: ContactPage) -> Contact | None:
    items = list(page.items)
    return items[0] if items else None


class ContactsOperations(ResourceBase):
    # -- reading -----------------------------------------------------------------------------

    @paginated
    def list(
        self, *, page_size: int | None = None, max_items: int | None = None
    ) -> PageQuery[Contact]:
        """Every contact, lazily, one page (the largest the API allows) in memory at a time."""
        return PageQuery(Operations.get_contacts, {}, page_size=page_size, max_items=max_items)

    @operation
    def list_page(self, *, top: int | None = None, skip: int = 0) -> Call[ContactPage]:
        """One page of contacts, exactly as the API returns it (`top=None`: the API's default
        page size)."""
        return Call(Operations.get_contacts, {"top": unset_if_none(top), "skip": skip})

    @operation
    def get(self, contact_id: int) -> Call[Contact]:
        """One contact. Raises NotFoundError (`contact.notFound`)."""
        (contact_id,) = id_list(contact_id, "contact_id")
        return Call(Operations.get_contact_by_id, {"id": contact_id})

    @operation
    def find_by_email(self, email: str) -> Call[Contact | None]:
        """The contact with exactly this email, or None (one request)."""
        check_name(email, "an email address")
        return Call(Operations.get_contacts, {"top": 1, "skip": 0, "email": email}).then(
            _first_or_none
        )

    @operation
    def find_by_linkedin(self, linkedin_url: str) -> Call[Contact | None]:
        """The contact with exactly this LinkedIn profile URL, or None (one request)."""
        return Call(Operations.get_contacts, {"top": 1, "skip": 0, "linked_in": linkedin_url}).then(
            _first_or_none
        )

    @paginated
    def filter(
        self,
        filter: ContactFilterInput = None,
        *,
        page_size: int | None = None,
        max_items: int | None = None,
    ) -> PageQuery[Contact]:
        """Every contact matching a filter (a `ContactFilter` builder, a generated
        `ContactFilterRequest`, or an API-shaped dict), lazily, page by page. Custom fields
        named by title are resolved on the way, through the client's catalog."""
        catalog = self._owner.field_catalog

        def body() -> Flow[Mapping[str, Any]]:
            resolved = yield from catalog.request_body(filter)
            return {"body": _filter_body(resolved)}

        return PageQuery(
            Operations.filter_contacts,
            {},
            page_size=page_size,
            max_items=max_items,
            prepare=body,
        )

    @operation
    def filter_page(
        self,
        filter: ContactFilterInput = None,
        *,
        top: int | None = None,
        skip: int = 0,
    ) -> Flow[ContactPage]:
        """One page of a filter, exactly as the API returns it."""
        body = yield from self._owner.field_catalog.request_body(filter)
        page: ContactPage = yield Call(
            Operations.filter_contacts,
            {"body": _filter_body(body), "top": unset_if_none(top), "skip": skip},
        )
        return page

    @operation
    def count(self, filter: ContactFilterInput = None) -> Flow[int]:
        """How many contacts match a filter (sort order is ignored)."""
        body = yield from self._owner.field_catalog.request_body(filter)
        count: int = yield Call(
            Operations.filter_contacts_count,
            {"body": _filter_body(body, for_count=True)},
            lambda result: int(result.count),
        )
        return count

    # -- writing -----------------------------------------------------------------------------

    @operation
    def create(
        self,
        contact: ContactCreateRequest | Mapping[str, Any] | None = None,
        /,
        *,
        custom_fields: Mapping[str, str | None] | None = None,
        **fields: Any,
    ) -> Flow[Contact]:
        """Create a contact: `create(first_name="Ann", email="ann@example.com")`.

        `custom_fields` maps field titles (or ids) to values. The live API is known to drop
        custom fields sent on create, so they are written with a follow-up update: nothing is
        silently lost. The titles are resolved first, so an unknown one fails before the
        contact exists. An existing email is refused (`contact.invalidInput`); use import to
        upsert.
        """
        from reply_contact_data_client.models import ContactCreateRequest

        body = build_model(ContactCreateRequest, contact, fields)
        patch = (yield from self._custom_field_patch(custom_fields)) if custom_fields else None
        created: Contact = yield Call(Operations.create_contact, {"body": body})
        if patch is None:
            return created
        updated: Contact = yield Call(Operations.update_contact, {"id": created.id, "body": patch})
        return updated

    @operation
    def update(
        self,
        contact_id: int,
        patch: ContactPatchRequest | Mapping[str, Any] | None = None,
        /,
        *,
        custom_fields: Mapping[str, str | None] | None = None,
        **fields: Any,
    ) -> Flow[Contact]:
        """Change some fields; omitted fields stay, `None` clears one.

        `custom_fields` maps titles (or ids) to values; `None` clears a value.
        """
        from reply_contact_data_client.models import ContactPatchRequest

        (contact_id,) = id_list(contact_id, "contact_id")
        body = build_model(ContactPatchRequest, patch, fields)
        if custom_fields:
            extra = yield from self._custom_field_patch(custom_fields)
            body.custom_fields = extra.custom_fields
        updated: Contact = yield Call(Operations.update_contact, {"id": contact_id, "body": body})
        return updated

    def _custom_field_patch(self, values: Mapping[str, str | None]) -> Flow[ContactPatchRequest]:
        from reply_contact_data_client.models import ContactCustomFieldUpdate, ContactPatchRequest

        catalog = self._owner.field_catalog
        entries = []
        for name, value in values.items():
            field = yield from catalog.resolve(name)
            entries.append(ContactCustomFieldUpdate(id=field.id, value=value))
        return ContactPatchRequest(custom_fields=entries)

    @operation
    def delete(self, contact_id: int) -> Call[None]:
        (contact_id,) = id_list(contact_id, "contact_id")
        return Call(Operations.delete_contact, {"id": contact_id}, lambda _: None)

    @operation
    def bulk_delete(self, contact_ids: Iterable[int]) -> Call[BulkResult]:
        """Delete many contacts; the result lists every id that was not deleted, and why."""
        from reply_contact_data_client.models import BulkDeleteRequest

        from ..results import bulk_result

        ids = id_list(contact_ids, "contact id")
        operation = Operations.bulk_delete_contacts
        return Call(
            operation,
            {"body": BulkDeleteRequest(ids=ids)},
            lambda parsed: bulk_result(operation.name, ids, parsed),
        )

    @operation
    def import_batch(
        self,
        items: builtins.list[Mapping[str, Any] | Any],
        *,
        list_ids: Iterable[int] | None = None,
        overwrite_existing: bool = False,
        skip_existing: bool = False,
        skip_without_emails: bool = False,
        detect_time_zone: bool = False,
        restore_deleted: bool = False,
        sequence_id: int | None = None,
        dedupe_keys: Mapping[str, Any] | None = None,
    ) -> Call[ContactsImportResponse]:
        """One import call (≤ `IMPORT_MAX_ITEMS` items, each with firstName): per-item results in
        input order.

        For any number of rows, local validation, list resolution and resumability, use
        `client.workflows.import_to_list(...)`.
        """
        from reply_contact_data_client.models import (
            ContactsImportItem,
            ContactsImportKeys,
            ContactsImportOptions,
            ContactsImportRequest,
        )

        if not items:
            raise ValueError("import needs at least one item")
        if len(items) > IMPORT_MAX_ITEMS:
            raise ValueError(f"import takes at most {IMPORT_MAX_ITEMS} items, got {len(items)}")
        parsed_items = [
            item if isinstance(item, ContactsImportItem) else ContactsImportItem.from_dict(item)
            for item in items
        ]
        options = ContactsImportOptions(
            overwrite_existing=overwrite_existing,
            skip_existing=skip_existing,
            skip_without_emails=skip_without_emails,
            detect_time_zone=detect_time_zone,
            restore_deleted=restore_deleted,
            list_ids=id_list(list_ids, "list id") if list_ids else unset_if_none(None),
            sequence_id=unset_if_none(sequence_id),
            keys=ContactsImportKeys.from_dict(dict(dedupe_keys))
            if dedupe_keys
            else unset_if_none(None),
        )
        body = ContactsImportRequest(items=parsed_items, options=options)
        return Call(Operations.import_contacts, {"body": body})

    # -- per-contact sub-resources -----------------------------------------------------------

    @operation
    def sequences(self, contact_id: int) -> Call[builtins.list[ContactSequenceMembership]]:
        """The sequences the contact is in, with status, current step and when added."""
        (contact_id,) = id_list(contact_id, "contact_id")
        return Call(Operations.get_contact_sequences, {"id": contact_id})

    @paginated
    def activities(
        self, contact_id: int, *, page_size: int | None = None, max_items: int | None = None
    ) -> PageQuery[ContactActivity]:
        """The contact's activity history (emails, calls, notes, status changes), lazily."""
        (contact_id,) = id_list(contact_id, "contact_id")
        return PageQuery(
            Operations.get_contact_activities,
            {"id": contact_id},
            page_size=page_size,
            max_items=max_items,
        )

    @paginated
    def inbox_threads(
        self, contact_id: int, *, page_size: int | None = None, max_items: int | None = None
    ) -> PageQuery[ContactInboxThread]:
        """The contact's inbox threads (Beta on the live API), lazily."""
        (contact_id,) = id_list(contact_id, "contact_id")
        return PageQuery(
            Operations.get_contact_inbox_threads,
            {"id": contact_id},
            page_size=page_size,
            max_items=max_items,
        )

    @operation
    def statuses(self, contact_id: int) -> Call[ContactStatuses]:
        """Opt-out, call and meeting flags, and the status in each sequence."""
        (contact_id,) = id_list(contact_id, "contact_id")
        return Call(Operations.get_contact_statuses, {"id": contact_id})

    @operation
    def lists(self, contact_id: int) -> Call[builtins.list[ContactListReference]]:
        """The contact lists this contact is in."""
        (contact_id,) = id_list(contact_id, "contact_id")
        return Call(Operations.get_contact_lists_for_contact, {"id": contact_id})

    @operation
    def custom_values(self, contact: Contact | int) -> Flow[dict[str, str | None]]:
        """The contact's custom field values keyed by field title (the API keys them by id)."""
        fetched = (yield from self.get(contact)) if isinstance(contact, int) else contact
        raw = [(str(cf.key), _text_or_none(cf.value)) for cf in (fetched.custom_fields or [])]
        titles = yield from self._owner.field_catalog.titles_for([key for key, _ in raw])
        return {titles[key]: value for key, value in raw}

    # -- actions -------------------------------------------------------------------------------

    @operation
    def add_note(self, contact_id: int, note: str) -> Call[None]:
        """Attach a note (it shows in the contact's activities)."""
        from reply_contact_data_client.models import AddContactNoteRequest

        (contact_id,) = id_list(contact_id, "contact_id")
        if not note or not note.strip():
            raise ValueError("a note must not be empty")
        body = AddContactNoteRequest(notes=note)
        return Call(Operations.add_contact_note, {"id": contact_id, "body": body}, lambda _: None)

    @operation
    def move_to_sequence(
        self,
        contact_id: int,
        sequence_id: int,
        *,
        remove_from_existing: bool = False,
        start_step_id: int | None = None,
        ignore_step_delay: bool = False,
        start_from: datetime.datetime | None = None,
    ) -> Call[None]:
        """Enroll the contact in a sequence (this is the call that starts sending)."""
        from reply_contact_data_client.models import MoveContactToSequenceRequest

        (contact_id,) = id_list(contact_id, "contact_id")
        body = MoveContactToSequenceRequest(
            sequence_id=id_list(sequence_id, "sequence_id")[0],
            remove_from_existing=remove_from_existing,
            start_step_id=start_step_id,
            ignore_step_delay=ignore_step_delay,
            start_from=start_from,
        )
        return Call(
            Operations.move_contact_to_sequence, {"id": contact_id, "body": body}, lambda _: None
        )

    @operation
    def change_owner(
        self, contact_ids: Iterable[int], user_id: int, *, reassign_tasks: bool = False
    ) -> Call[ChangeContactsOwnerResult]:
        """Reassign contacts to a teammate (optionally with their tasks)."""
        from reply_contact_data_client.models import ChangeContactsOwnerRequest

        body = ChangeContactsOwnerRequest(
            contact_ids=id_list(contact_ids, "contact id"),
            user_id=id_list(user_id, "user_id")[0],
            reassign_tasks=reassign_tasks,
        )
        return Call(Operations.change_contacts_owner, {"body": body})

    @operation
    def set_replied(self, contact_ids: Iterable[int], replied: bool = True) -> Flow[BulkResult]:
        """Record (or clear) a reply captured outside Reply, in every sequence; stops steps."""
        from reply_contact_data_client.models import SetContactsRepliedRequest

        ids = id_list(contact_ids, "contact id")
        return bulk_in_chunks(
            Operations.set_contacts_replied,
            ids,
            SetContactsRepliedRequest,
            "contact_ids",
            is_replied=replied,
        )

    @operation
    def set_bounced(
        self,
        contact_ids: Iterable[int],
        bounced: bool = True,
        *,
        resend_emails: bool | None = None,
    ) -> Flow[BulkResult]:
        """Record (or clear) a bounce. `resend_emails` is required when clearing and must be
        omitted when marking (the API's rule, checked here before any request)."""
        from reply_contact_data_client.models import SetContactsBouncedRequest

        if bounced and resend_emails is not None:
            raise ValueError("resend_emails must be omitted when marking contacts as bounced")
        if not bounced and resend_emails is None:
            raise ValueError("resend_emails (True or False) is required when clearing a bounce")

        ids = id_list(contact_ids, "contact id")
        return bulk_in_chunks(
            Operations.set_contacts_bounced,
            ids,
            SetContactsBouncedRequest,
            "contact_ids",
            is_bounced=bounced,
            resend_emails=unset_if_none(resend_emails),
        )

    @operation
    def set_opted_out(self, contact_ids: Iterable[int], opted_out: bool = True) -> Flow[BulkResult]:
        """Opt contacts out (finishing them in every sequence) or clear the opt-out."""
        from reply_contact_data_client.models import SetContactsOptedOutRequest

        # The endpoint refuses duplicate ids; drop them here, keeping the first occurrence.
        ids = list(dict.fromkeys(id_list(contact_ids, "contact id")))
        return bulk_in_chunks(
            Operations.set_contacts_opted_out,
            ids,
            SetContactsOptedOutRequest,
            "contact_ids",
            is_opted_out=opted_out,
        )

    @operation
    def set_status_in_sequence(self, contact_ids: Iterable[int], status: str) -> Flow[BulkResult]:
        """Set the in-sequence status: active, paused, finished or outOfOffice."""
        from reply_contact_data_client.models import (
            SetContactsStatusInSequenceRequest,
            WritableStatusInSequence,
        )

        allowed = Vocabularies.WritableStatusInSequence
        if status not in allowed:
            raise ValueError(f"status must be one of {sorted(allowed)}, got {status!r}")

        ids = id_list(contact_ids, "contact id")
        return bulk_in_chunks(
            Operations.set_contacts_status_in_sequence,
            ids,
            SetContactsStatusInSequenceRequest,
            "contact_ids",
            status_in_sequence=WritableStatusInSequence(status),
        )

    # -- direct outreach -----------------------------------------------------------------------

    @operation
    def send_email(
        self, contact_id: int, *, subject: str, body: str, email_account_id: int | None = None
    ) -> Call[SendDirectEmailResult]:
        """Send one email now. Never retried after it may have reached the server."""
        from reply_contact_data_client.models import SendDirectEmailRequest

        (contact_id,) = id_list(contact_id, "contact_id")
        request = SendDirectEmailRequest(
            subject=subject, body=body, email_account_id=unset_if_none(email_account_id)
        )
        return Call(Operations.send_direct_email, {"id": contact_id, "body": request})

    @operation
    def send_linkedin_connect(
        self, contact_id: int, *, linkedin_account_id: int, message: str | None = None
    ) -> Call[DirectLinkedInSendResult]:
        """Send a LinkedIn connection request, with an optional note."""
        from reply_contact_data_client.models import SendDirectLinkedInConnectRequest

        body = SendDirectLinkedInConnectRequest(
            linked_in_account_id=linkedin_account_id, message=unset_if_none(message)
        )
        return self._linkedin(Operations.send_direct_linked_in_connect, contact_id, body)

    @operation
    def send_linkedin_message(
        self, contact_id: int, *, linkedin_account_id: int, message: str
    ) -> Call[DirectLinkedInSendResult]:
        """Send a LinkedIn message to a connected contact."""
        from reply_contact_data_client.models import SendDirectLinkedInMessageRequest

        body = SendDirectLinkedInMessageRequest(
            linked_in_account_id=linkedin_account_id, message=message
        )
        return self._linkedin(Operations.send_direct_linked_in_message, contact_id, body)

    @operation
    def send_linkedin_inmail(
        self, contact_id: int, *, linkedin_account_id: int, subject: str, body: str
    ) -> Call[DirectLinkedInSendResult]:
        """Send a LinkedIn InMail."""
        from reply_contact_data_client.models import SendDirectLinkedInInMailRequest

        request = SendDirectLinkedInInMailRequest(
            linked_in_account_id=linkedin_account_id, subject=subject, body=body
        )
        return self._linkedin(Operations.send_direct_linked_in_in_mail, contact_id, request)

    @operation
    def send_linkedin_voice(
        self, contact_id: int, *, linkedin_account_id: int, voice_attachment_id: int
    ) -> Call[DirectLinkedInSendResult]:
        """Send a recorded LinkedIn voice message (an uploaded attachment)."""
        from reply_contact_data_client.models import SendDirectLinkedInVoiceRequest

        body = SendDirectLinkedInVoiceRequest(
            linked_in_account_id=linkedin_account_id, voice_attachment_id=voice_attachment_id
        )
        return self._linkedin(Operations.send_direct_linked_in_voice, contact_id, body)

    @operation
    def send_linkedin_ai_voice(
        self, contact_id: int, *, linkedin_account_id: int, script: str
    ) -> Call[DirectLinkedInSendResult]:
        """Send an AI-generated LinkedIn voice message read from a short script."""
        from reply_contact_data_client.models import SendDirectLinkedInAiVoiceRequest

        body = SendDirectLinkedInAiVoiceRequest(
            linked_in_account_id=linkedin_account_id, script=script
        )
        return self._linkedin(Operations.send_direct_linked_in_ai_voice, contact_id, body)

    def _linkedin(self, operation: Operation, contact_id: int, body: Any) -> Call[Any]:
        (contact_id,) = id_list(contact_id, "contact_id")
        check_text_lengths(operation, body.to_dict())
        return Call(operation, {"id": contact_id, "body": body})


class Contacts(ContactsOperations, SyncResource):
    """`client.contacts`: contacts, their sub-resources and actions."""


class AsyncContacts(ContactsOperations, AsyncResource):
    """`client.contacts` of the async client."""
