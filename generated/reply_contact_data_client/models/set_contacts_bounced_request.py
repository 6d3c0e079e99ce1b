from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SetContactsBouncedRequest")


@_attrs_define
class SetContactsBouncedRequest:
    """Contacts to mark (or unmark) as bounced. `resendEmails` is required (non-null) when
    `isBounced` is false and must be omitted when it is true.

    """

    contact_ids: list[int]
    is_bounced: bool
    resend_emails: bool | None | Unset = UNSET
    """ When true, the previously bounced step is rescheduled. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_ids = self.contact_ids

        is_bounced = self.is_bounced

        resend_emails: bool | None | Unset
        if isinstance(self.resend_emails, Unset):
            resend_emails = UNSET
        else:
            resend_emails = self.resend_emails

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contactIds": contact_ids,
                "isBounced": is_bounced,
            }
        )
        if resend_emails is not UNSET:
            field_dict["resendEmails"] = resend_emails

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_ids = cast(list[int], d.pop("contactIds"))

        is_bounced = d.pop("isBounced")

        def _parse_resend_emails(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        resend_emails = _parse_resend_emails(d.pop("resendEmails", UNSET))

        set_contacts_bounced_request = cls(
            contact_ids=contact_ids,
            is_bounced=is_bounced,
            resend_emails=resend_emails,
        )

        set_contacts_bounced_request.additional_properties = d
        return set_contacts_bounced_request

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
