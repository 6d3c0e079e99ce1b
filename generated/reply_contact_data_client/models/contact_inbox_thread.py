from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.inbox_channel import InboxChannel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.inbox_thread_category import InboxThreadCategory
    from ..models.inbox_thread_sequence import InboxThreadSequence
    from ..models.inbox_thread_status import InboxThreadStatus


T = TypeVar("T", bound="ContactInboxThread")


@_attrs_define
class ContactInboxThread:
    """One conversation with the contact in the unified inbox."""

    id: int
    channel: InboxChannel
    """ Channel of an inbox thread. """
    is_read: bool
    last_activity_date: datetime.datetime
    has_meeting_intent: bool
    """ Whether the conversation shows intent to meet. """
    status: InboxThreadStatus
    """ Attention state of an inbox thread. """
    subject: None | str | Unset = UNSET
    """ Subject line (email threads only). """
    sequence: InboxThreadSequence | None | Unset = UNSET
    category: InboxThreadCategory | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.inbox_thread_category import InboxThreadCategory  # noqa: PLC0415
        from ..models.inbox_thread_sequence import InboxThreadSequence  # noqa: PLC0415

        id = self.id

        channel = self.channel.value

        is_read = self.is_read

        last_activity_date = self.last_activity_date.isoformat()

        has_meeting_intent = self.has_meeting_intent

        status = self.status.to_dict()

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        sequence: dict[str, Any] | None | Unset
        if isinstance(self.sequence, Unset):
            sequence = UNSET
        elif isinstance(self.sequence, InboxThreadSequence):
            sequence = self.sequence.to_dict()
        else:
            sequence = self.sequence

        category: dict[str, Any] | None | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, InboxThreadCategory):
            category = self.category.to_dict()
        else:
            category = self.category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "channel": channel,
                "isRead": is_read,
                "lastActivityDate": last_activity_date,
                "hasMeetingIntent": has_meeting_intent,
                "status": status,
            }
        )
        if subject is not UNSET:
            field_dict["subject"] = subject
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if category is not UNSET:
            field_dict["category"] = category

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inbox_thread_category import InboxThreadCategory  # noqa: PLC0415
        from ..models.inbox_thread_sequence import InboxThreadSequence  # noqa: PLC0415
        from ..models.inbox_thread_status import InboxThreadStatus  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        channel = InboxChannel(d.pop("channel"))

        is_read = d.pop("isRead")

        last_activity_date = datetime.datetime.fromisoformat(d.pop("lastActivityDate"))

        has_meeting_intent = d.pop("hasMeetingIntent")

        status = InboxThreadStatus.from_dict(d.pop("status"))

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_sequence(data: object) -> InboxThreadSequence | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sequence_type_0 = InboxThreadSequence.from_dict(data)

                return sequence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InboxThreadSequence | None | Unset, data)

        sequence = _parse_sequence(d.pop("sequence", UNSET))

        def _parse_category(data: object) -> InboxThreadCategory | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                category_type_0 = InboxThreadCategory.from_dict(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InboxThreadCategory | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        contact_inbox_thread = cls(
            id=id,
            channel=channel,
            is_read=is_read,
            last_activity_date=last_activity_date,
            has_meeting_intent=has_meeting_intent,
            status=status,
            subject=subject,
            sequence=sequence,
            category=category,
        )

        contact_inbox_thread.additional_properties = d
        return contact_inbox_thread

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
