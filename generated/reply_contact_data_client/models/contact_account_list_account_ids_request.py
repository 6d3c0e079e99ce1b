from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ContactAccountListAccountIdsRequest")


@_attrs_define
class ContactAccountListAccountIdsRequest:
    """1 to 1,000 accounts to move or add to an account list."""

    account_ids: list[int]

    def to_dict(self) -> dict[str, Any]:
        account_ids = self.account_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accountIds": account_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_ids = cast(list[int], d.pop("accountIds"))

        contact_account_list_account_ids_request = cls(
            account_ids=account_ids,
        )

        return contact_account_list_account_ids_request
