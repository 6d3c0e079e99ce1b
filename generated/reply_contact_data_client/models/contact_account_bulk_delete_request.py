from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ContactAccountBulkDeleteRequest")


@_attrs_define
class ContactAccountBulkDeleteRequest:
    """1 to 1,000 accounts to delete."""

    ids: list[int]

    def to_dict(self) -> dict[str, Any]:
        ids = self.ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ids": ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ids = cast(list[int], d.pop("ids"))

        contact_account_bulk_delete_request = cls(
            ids=ids,
        )

        return contact_account_bulk_delete_request
