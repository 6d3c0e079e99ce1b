from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactsImportKeys")


@_attrs_define
class ContactsImportKeys:
    """Extra deduplication keys. Email is always the primary key; each flag set here adds a
    field that also identifies an existing contact.

    """

    linked_in_url: bool | Unset = False
    phone: bool | Unset = False
    first_name: bool | Unset = False
    last_name: bool | Unset = False
    company: bool | Unset = False
    custom_field_ids: list[int] | Unset = UNSET
    """ Custom fields whose values also identify a contact. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        linked_in_url = self.linked_in_url

        phone = self.phone

        first_name = self.first_name

        last_name = self.last_name

        company = self.company

        custom_field_ids: list[int] | Unset = UNSET
        if not isinstance(self.custom_field_ids, Unset):
            custom_field_ids = self.custom_field_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if linked_in_url is not UNSET:
            field_dict["linkedInUrl"] = linked_in_url
        if phone is not UNSET:
            field_dict["phone"] = phone
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if company is not UNSET:
            field_dict["company"] = company
        if custom_field_ids is not UNSET:
            field_dict["customFieldIds"] = custom_field_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        linked_in_url = d.pop("linkedInUrl", UNSET)

        phone = d.pop("phone", UNSET)

        first_name = d.pop("firstName", UNSET)

        last_name = d.pop("lastName", UNSET)

        company = d.pop("company", UNSET)

        custom_field_ids = cast(list[int], d.pop("customFieldIds", UNSET))

        contacts_import_keys = cls(
            linked_in_url=linked_in_url,
            phone=phone,
            first_name=first_name,
            last_name=last_name,
            company=company,
            custom_field_ids=custom_field_ids,
        )

        contacts_import_keys.additional_properties = d
        return contacts_import_keys

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
