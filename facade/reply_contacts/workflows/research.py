"""Research notes: what an agent learned about a contact, written back in as few calls as it
takes (one for a note alone or for fields alone, two for both)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._plan import Flow
from .._resource import ResourceBase, operation
from ..errors import ReplyError, WorkflowError
from ..resources._common import build_model, id_list
from ..resources.contacts import ContactsOperations

if TYPE_CHECKING:
    from reply_contact_data_client.models import Contact


@dataclass(frozen=True)
class AnnotateReport:
    """What `annotate` wrote.

    `contact` is the contact as the update answered it when fields or custom fields were set,
    and None when only a note was added (no request is spent reading the contact back: call
    `contacts.get` for it). `note_added` says whether the note was written.
    """

    contact_id: int
    contact: Contact | None = None
    note_added: bool = False

    @property
    def fields_updated(self) -> bool:
        return self.contact is not None


class AnnotateInterruptedError(WorkflowError[AnnotateReport]):
    """`annotate` stopped: a step failed (see `WorkflowError`). `report` says what was written
    before it (the fields, if the note is what failed)."""

    workflow = "annotate"


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
    ) -> Flow[AnnotateReport]:
        """Attach a note and set fields and custom fields (by title) in one call.

        `fields` are contact patch fields by their Python names (`title="VP Sales"`; `None`
        clears one); `custom_fields` maps custom-field titles (or ids) to values (`None`
        clears). Everything is checked before the first write: an unknown field name raises
        TypeError, an empty note ValueError, and nothing is changed; an unknown custom field
        title ends it before any write too (resolving titles may read the custom-field list
        once). Then one PATCH (if there is anything to set) and one note POST: a note alone
        costs one request, fields alone one. The PATCH goes first: the server validates more
        there, and re-running after a failed note re-applies the same values harmlessly.

        Returns an `AnnotateReport` (the updated contact when fields were set). Raises
        `AnnotateInterruptedError` (see `WorkflowError`: also the failed step's own class,
        e.g. `UnknownCustomFieldError` or `PermissionDeniedError`) when a step fails.
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
        report = AnnotateReport(contact_id)
        try:
            if patch is not None or values:
                # Custom-field titles are resolved before the PATCH is sent: an unknown one
                # raises with nothing changed.
                contact = yield from contacts.update(
                    contact_id, patch or ContactPatchRequest(), custom_fields=values
                )
                report = AnnotateReport(contact_id, contact)
            if note is not None:
                yield from contacts.add_note(contact_id, note)
                report = AnnotateReport(contact_id, report.contact, note_added=True)
        except ReplyError as exc:
            progress = "after updating the fields" if report.fields_updated else ""
            raise AnnotateInterruptedError.from_step(exc, report, progress) from exc
        return report
