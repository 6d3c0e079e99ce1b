"""Research notes: what an agent learned about a contact, written back in one call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reply_contact_data_client.contract import Operations

from .._plan import Call, Flow
from .._resource import ResourceBase, operation
from ..resources._common import build_model, id_list

if TYPE_CHECKING:
    from reply_contact_data_client.models import Contact, ContactCustomFieldUpdate


class ResearchWorkflows(ResourceBase):
    @operation
    def annotate(
        self,
        contact_id: int,
        /,
        *,
        note: str | None = None,
        custom_fields: Mapping[str, str | None] | None = None,
        **fields: Any,
    ) -> Flow[Contact]:
        """Attach a note and set fields and custom fields (by title) in one call.

        `fields` are contact patch fields by their Python names (`title="VP Sales"`; `None`
        clears one); `custom_fields` maps custom-field titles (or ids) to values (`None`
        clears). Everything is checked before the first write: an unknown field name or custom
        field title, or an empty note, raises and nothing is changed (resolving titles may read
        the custom-field list once). Then one PATCH (if there is anything to set) and one note
        POST. The PATCH goes first: the server validates more there, and re-running after a
        failed note re-applies the same values harmlessly. Returns the updated contact (fetched
        when only a note was given).
        """
        from reply_contact_data_client.models import ContactCustomFieldUpdate, ContactPatchRequest

        (contact_id,) = id_list(contact_id, "contact_id")
        if note is not None and (not isinstance(note, str) or not note.strip()):
            raise ValueError("a note must be a non-empty string (or None for no note)")
        patch = build_model(ContactPatchRequest, None, fields) if fields else None
        if patch is not None and patch.additional_properties:
            # from_dict keeps unknown names as extra properties; a typo must not be sent
            # (the server would ignore it silently).
            unknown = ", ".join(sorted(patch.additional_properties))
            raise TypeError(f"a contact has no field(s) {unknown}")
        updates: list[ContactCustomFieldUpdate] = []
        catalog = self._owner.field_catalog
        for title, value in (custom_fields or {}).items():
            if value is not None and not isinstance(value, str | int | float):
                raise TypeError(f"custom field {title!r}: value must be text or a number")
            field = yield from catalog.resolve(title)
            updates.append(
                ContactCustomFieldUpdate(id=field.id, value=None if value is None else str(value))
            )
        if updates:
            patch = patch or ContactPatchRequest()
            patch.custom_fields = updates
        if patch is None and note is None:
            raise ValueError("annotate needs a note, fields or custom_fields")

        contact: Contact | None = None
        if patch is not None:
            contact = yield Call(Operations.update_contact, {"id": contact_id, "body": patch})
        if note is not None:
            from reply_contact_data_client.models import AddContactNoteRequest

            yield Call(
                Operations.add_contact_note,
                {"id": contact_id, "body": AddContactNoteRequest(notes=note)},
                lambda _: None,
            )
        if contact is None:
            contact = yield Call(Operations.get_contact_by_id, {"id": contact_id})
        return contact
