from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeContactsOwnerResult")


@_attrs_define
class ChangeContactsOwnerResult:
    """Outcome of an owner change."""

    is_success: bool | Unset = UNSET
    affected_ids: list[int] | Unset = UNSET
    """ Contacts whose owner changed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        affected_ids: list[int] | Unset = UNSET
        if not isinstance(self.affected_ids, Unset):
            affected_ids = self.affected_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_success is not UNSET:
            field_dict["isSuccess"] = is_success
        if affected_ids is not UNSET:
            field_dict["affectedIds"] = affected_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_success = d.pop("isSuccess", UNSET)

        affected_ids = cast(list[int], d.pop("affectedIds", UNSET))

        change_contacts_owner_result = cls(
            is_success=is_success,
            affected_ids=affected_ids,
        )

        change_contacts_owner_result.additional_properties = d
        return change_contacts_owner_result

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
