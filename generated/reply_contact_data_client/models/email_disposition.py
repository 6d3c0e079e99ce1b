from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EmailDisposition")


@_attrs_define
class EmailDisposition:
    """Whether the contact replied to or bounced emails of a sequence."""

    is_replied: bool
    is_bounced: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_replied = self.is_replied

        is_bounced = self.is_bounced

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "isReplied": is_replied,
                "isBounced": is_bounced,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_replied = d.pop("isReplied")

        is_bounced = d.pop("isBounced")

        email_disposition = cls(
            is_replied=is_replied,
            is_bounced=is_bounced,
        )

        email_disposition.additional_properties = d
        return email_disposition

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
