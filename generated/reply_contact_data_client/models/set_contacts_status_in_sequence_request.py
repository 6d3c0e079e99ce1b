from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.writable_status_in_sequence import WritableStatusInSequence

T = TypeVar("T", bound="SetContactsStatusInSequenceRequest")


@_attrs_define
class SetContactsStatusInSequenceRequest:
    """Contacts and the in-sequence status to give them."""

    contact_ids: list[int]
    status_in_sequence: WritableStatusInSequence
    """ The in-sequence statuses a client may set. Replied and bounced have their own
    endpoints; opted-out, call and meeting flags are contact-level.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_ids = self.contact_ids

        status_in_sequence = self.status_in_sequence.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contactIds": contact_ids,
                "statusInSequence": status_in_sequence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_ids = cast(list[int], d.pop("contactIds"))

        status_in_sequence = WritableStatusInSequence(d.pop("statusInSequence"))

        set_contacts_status_in_sequence_request = cls(
            contact_ids=contact_ids,
            status_in_sequence=status_in_sequence,
        )

        set_contacts_status_in_sequence_request.additional_properties = d
        return set_contacts_status_in_sequence_request

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
