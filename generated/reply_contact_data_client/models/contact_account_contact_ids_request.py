from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ContactAccountContactIdsRequest")


@_attrs_define
class ContactAccountContactIdsRequest:
    """1 to 1,000 contacts to link to or unlink from an account."""

    contact_ids: list[int]

    def to_dict(self) -> dict[str, Any]:
        contact_ids = self.contact_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contactIds": contact_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_ids = cast(list[int], d.pop("contactIds"))

        contact_account_contact_ids_request = cls(
            contact_ids=contact_ids,
        )

        return contact_account_contact_ids_request
