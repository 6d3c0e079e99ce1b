from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SendDirectLinkedInInMailRequest")


@_attrs_define
class SendDirectLinkedInInMailRequest:
    """A LinkedIn InMail. Which members are required is INFERRED (only the names are published)."""

    linked_in_account_id: int
    """ The user's connected LinkedIn account to send from. """
    subject: str
    """ At most 200 characters (S1). """
    body: str
    """ At most 1,900 characters (S1). Variables (`{{firstName}}`) are filled in before
    sending; a body that grows past the limit then is `directLinkedIn.messageTooLong`.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        linked_in_account_id = self.linked_in_account_id

        subject = self.subject

        body = self.body

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "linkedInAccountId": linked_in_account_id,
                "subject": subject,
                "body": body,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        linked_in_account_id = d.pop("linkedInAccountId")

        subject = d.pop("subject")

        body = d.pop("body")

        send_direct_linked_in_in_mail_request = cls(
            linked_in_account_id=linked_in_account_id,
            subject=subject,
            body=body,
        )

        send_direct_linked_in_in_mail_request.additional_properties = d
        return send_direct_linked_in_in_mail_request

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
