from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contacts_import_item_result import ContactsImportItemResult


T = TypeVar("T", bound="ContactsImportResponse")


@_attrs_define
class ContactsImportResponse:
    """Per-item results and counters of an import."""

    items: list[ContactsImportItemResult]
    added: int | Unset = UNSET
    """ Number of items created (status `created`). """
    updated: int | Unset = UNSET
    skipped: int | Unset = UNSET
    failed: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        added = self.added

        updated = self.updated

        skipped = self.skipped

        failed = self.failed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if added is not UNSET:
            field_dict["added"] = added
        if updated is not UNSET:
            field_dict["updated"] = updated
        if skipped is not UNSET:
            field_dict["skipped"] = skipped
        if failed is not UNSET:
            field_dict["failed"] = failed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contacts_import_item_result import ContactsImportItemResult  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ContactsImportItemResult.from_dict(items_item_data)

            items.append(items_item)

        added = d.pop("added", UNSET)

        updated = d.pop("updated", UNSET)

        skipped = d.pop("skipped", UNSET)

        failed = d.pop("failed", UNSET)

        contacts_import_response = cls(
            items=items,
            added=added,
            updated=updated,
            skipped=skipped,
            failed=failed,
        )

        contacts_import_response.additional_properties = d
        return contacts_import_response

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
