from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactListCreateRequest")


@_attrs_define
class ContactListCreateRequest:
    """A new contact list."""

    name: str
    is_shared: bool | Unset = False
    """ Share with the team on creation. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        is_shared = self.is_shared

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if is_shared is not UNSET:
            field_dict["isShared"] = is_shared

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        is_shared = d.pop("isShared", UNSET)

        contact_list_create_request = cls(
            name=name,
            is_shared=is_shared,
        )

        return contact_list_create_request
