from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contacts_import_item import ContactsImportItem
    from ..models.contacts_import_options import ContactsImportOptions


T = TypeVar("T", bound="ContactsImportRequest")


@_attrs_define
class ContactsImportRequest:
    """1 to 1,000 contacts to add or update, with options."""

    items: list[ContactsImportItem]
    """ More than 1,000 items is refused with 400 `contact.limitExceeded`. """
    options: ContactsImportOptions | Unset = UNSET
    """ How an import treats existing contacts, and where it files the results. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contacts_import_item import ContactsImportItem  # noqa: PLC0415
        from ..models.contacts_import_options import ContactsImportOptions  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ContactsImportItem.from_dict(items_item_data)

            items.append(items_item)

        _options = d.pop("options", UNSET)
        options: ContactsImportOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = ContactsImportOptions.from_dict(_options)

        contacts_import_request = cls(
            items=items,
            options=options,
        )

        contacts_import_request.additional_properties = d
        return contacts_import_request

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
