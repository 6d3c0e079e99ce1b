from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ContactAccountOwnerUpdateRequest")


@_attrs_define
class ContactAccountOwnerUpdateRequest:
    """The account's new owner."""

    user_id: int
    """ Must be a member of the team. """

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "userId": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = d.pop("userId")

        contact_account_owner_update_request = cls(
            user_id=user_id,
        )

        return contact_account_owner_update_request
