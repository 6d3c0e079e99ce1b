from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendDirectEmailRequest")


@_attrs_define
class SendDirectEmailRequest:
    """A one-off email."""

    subject: str
    body: str
    """ HTML body. """
    email_account_id: int | None | Unset = UNSET
    """ Mailbox to send from; omitted or `null` uses the user's default. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        subject = self.subject

        body = self.body

        email_account_id: int | None | Unset
        if isinstance(self.email_account_id, Unset):
            email_account_id = UNSET
        else:
            email_account_id = self.email_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "subject": subject,
                "body": body,
            }
        )
        if email_account_id is not UNSET:
            field_dict["emailAccountId"] = email_account_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        subject = d.pop("subject")

        body = d.pop("body")

        def _parse_email_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        email_account_id = _parse_email_account_id(d.pop("emailAccountId", UNSET))

        send_direct_email_request = cls(
            subject=subject,
            body=body,
            email_account_id=email_account_id,
        )

        send_direct_email_request.additional_properties = d
        return send_direct_email_request

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
