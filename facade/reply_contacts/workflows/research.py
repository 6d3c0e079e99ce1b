"""Research notes: what an agent learned about a contact, written back in one call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._plan import Flow
from .._resource import ResourceBase, operation
from ..resources._common import build_model, id_list
from ..resources.contacts import ContactsOperations

if TYPE_CHECKING:
    from reply_contact_data_client.models import Contact


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
        from reply_contact_data_client.models import ContactPatchRequest

        (contact_id,) = id_list(contact_id, "contact_id")
        if note is not None and (not isinstance(note, str) or not note.strip()):
            raise ValueError("a note must be a non-empty string (or None for no note)")
        patch = build_model(ContactPatchRequest, None, fields) if fields else None
        if patch is not None and patch.additional_properties:
            # from_dict keeps unknown names as extra properties; a typo must not be sent
            # (the server would ignore it silently).
            unknown = ", ".join(sorted(patch.additional_properties))
            raise TypeError(f"a contact has no field(s) {unknown}")
        values: dict[str, str | None] = {}
        for title, value in (custom_fields or {}).items():
            if value is not None and not isinstance(value, str | int | float):
                raise TypeError(f"custom field {title!r}: value must be text or a number")
            values[title] = None if value is None else str(value)
        if patch is None and not values and note is None:
            raise ValueError("annotate needs a note, fields or custom_fields")

        contacts = ContactsOperations(self._owner)
        contact: Contact | None = None
        if patch is not None or values:
            # Custom-field titles are resolved before the PATCH is sent: an unknown one raises
            # with nothing changed.
            contact = yield from contacts.update(
                contact_id, patch or ContactPatchRequest(), custom_fields=values
            )
        if note is not None:
            yield from contacts.add_note(contact_id, note)
        if contact is None:
            contact = yield from contacts.get(contact_id)
        return contact
