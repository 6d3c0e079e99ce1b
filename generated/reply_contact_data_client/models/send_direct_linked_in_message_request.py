from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SendDirectLinkedInMessageRequest")


@_attrs_define
class SendDirectLinkedInMessageRequest:
    """A LinkedIn direct message."""

    linked_in_account_id: int
    """ The user's connected LinkedIn account to send from. """
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        linked_in_account_id = self.linked_in_account_id

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "linkedInAccountId": linked_in_account_id,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        linked_in_account_id = d.pop("linkedInAccountId")

        message = d.pop("message")

        send_direct_linked_in_message_request = cls(
            linked_in_account_id=linked_in_account_id,
            message=message,
        )

        send_direct_linked_in_message_request.additional_properties = d
        return send_direct_linked_in_message_request

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
