from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.call_status import CallStatus
from ..models.meeting_status import MeetingStatus

if TYPE_CHECKING:
    from ..models.contact_sequence_status import ContactSequenceStatus


T = TypeVar("T", bound="ContactStatuses")


@_attrs_define
class ContactStatuses:
    """Everything that says where a contact stands."""

    contact_id: int
    is_opted_out: bool
    call_status: CallStatus
    """ Contact-level call flag. `none` clears it. """
    meeting_status: MeetingStatus
    """ Contact-level meeting flag. `none` clears it. """
    sequences: list[ContactSequenceStatus]
    """ One entry per sequence the contact is in; `[]` when in none. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_id = self.contact_id

        is_opted_out = self.is_opted_out

        call_status = self.call_status.value

        meeting_status = self.meeting_status.value

        sequences = []
        for sequences_item_data in self.sequences:
            sequences_item = sequences_item_data.to_dict()
            sequences.append(sequences_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contactId": contact_id,
                "isOptedOut": is_opted_out,
                "callStatus": call_status,
                "meetingStatus": meeting_status,
                "sequences": sequences,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_sequence_status import ContactSequenceStatus  # noqa: PLC0415

        d = dict(src_dict)
        contact_id = d.pop("contactId")

        is_opted_out = d.pop("isOptedOut")

        call_status = CallStatus(d.pop("callStatus"))

        meeting_status = MeetingStatus(d.pop("meetingStatus"))

        sequences = []
        _sequences = d.pop("sequences")
        for sequences_item_data in _sequences:
            sequences_item = ContactSequenceStatus.from_dict(sequences_item_data)

            sequences.append(sequences_item)

        contact_statuses = cls(
            contact_id=contact_id,
            is_opted_out=is_opted_out,
            call_status=call_status,
            meeting_status=meeting_status,
            sequences=sequences,
        )

        contact_statuses.additional_properties = d
        return contact_statuses

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
