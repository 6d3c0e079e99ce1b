"""Named contact segments that read like the business question they answer.

segments.re_engagement(list_id=12, custom_fields={"Deal Stage": "Closed Lost"})
"""

from __future__ import annotations

from collections.abc import Mapping

from ._base import check_id, fail
from .contact import ContactFields, ContactFilter

__all__ = ["Segments", "segments"]


class Segments:
    """Ready-made contact filters; each returns a `ContactFilter` that can be refined further."""

    @staticmethod
    def by_owner(user_id: int) -> ContactFilter:
        """Contacts owned by this teammate."""
        return ContactFilter(ContactFields.owner_user_id == check_id(user_id, "user_id"))

    @staticmethod
    def by_custom_field(field: str | int, value: str | float | None) -> ContactFilter:
        """Contacts whose custom field (by title or id) equals `value` (None: has no value)."""
        return ContactFilter(ContactFields.custom(field) == value)

    @staticmethod
    def by_status(
        *,
        call_status: str | None = None,
        meeting_status: str | None = None,
        opted_out: bool | None = None,
    ) -> ContactFilter:
        """Contacts by their contact-level flags; every given flag must match."""
        rules = []
        if call_status is not None:
            rules.append(ContactFields.call_status == call_status)
        if meeting_status is not None:
            rules.append(ContactFields.meeting_status == meeting_status)
        if opted_out is not None:
            rules.append(ContactFields.is_opted_out == opted_out)
        if not rules:
            fail("by_status needs call_status, meeting_status or opted_out")
        return ContactFilter(rules)

    @staticmethod
    def re_engagement(
        *,
        list_id: int | None = None,
        owner_user_id: int | None = None,
        custom_fields: Mapping[str | int, str | float | None] | None = None,
        exclude_called: bool = False,
    ) -> ContactFilter:
        """Contacts worth another try: not opted out and no meeting booked, optionally in a
        list, owned by someone, with given custom-field values, and never called."""
        rules = [
            ContactFields.is_opted_out == False,  # noqa: E712
            ContactFields.meeting_status == "none",
        ]
        if exclude_called:
            rules.append(ContactFields.call_status != "called")
        if owner_user_id is not None:
            rules.append(ContactFields.owner_user_id == check_id(owner_user_id, "owner_user_id"))
        for title, value in (custom_fields or {}).items():
            rules.append(ContactFields.custom(title) == value)
        return ContactFilter(rules, list_id=list_id)


segments = Segments()
