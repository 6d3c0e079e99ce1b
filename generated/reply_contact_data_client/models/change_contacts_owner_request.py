from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChangeContactsOwnerRequest")


@_attrs_define
class ChangeContactsOwnerRequest:
    """Contacts to reassign and their new owner."""

    contact_ids: list[int]
    user_id: int
    """ New owner; must be a member of the team. """
    reassign_tasks: bool | Unset = False
    """ Move the contacts' tasks to the new owner too. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_ids = self.contact_ids

        user_id = self.user_id

        reassign_tasks = self.reassign_tasks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contactIds": contact_ids,
                "userId": user_id,
            }
        )
        if reassign_tasks is not UNSET:
            field_dict["reassignTasks"] = reassign_tasks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_ids = cast(list[int], d.pop("contactIds"))

        user_id = d.pop("userId")

        reassign_tasks = d.pop("reassignTasks", UNSET)

        change_contacts_owner_request = cls(
            contact_ids=contact_ids,
            user_id=user_id,
            reassign_tasks=reassign_tasks,
        )

        change_contacts_owner_request.additional_properties = d
        return change_contacts_owner_request

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
