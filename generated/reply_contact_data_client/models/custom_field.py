from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_field_type import CustomFieldType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomField")


@_attrs_define
class CustomField:
    """A custom-field definition."""

    id: int
    """ Definition id; contacts refer to it in `customFields[].key` (as a string). """
    title: str
    field_type: CustomFieldType
    """ Value type of a custom field. Only these two types exist (D9). """
    metadata: None | str | Unset = UNSET
    """ Opaque metadata (e.g. dropdown options, D9). """
    org_wide: bool | Unset = UNSET
    """ Defined for the whole organization rather than one team. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        field_type = self.field_type.value

        metadata: None | str | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        else:
            metadata = self.metadata

        org_wide = self.org_wide

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "fieldType": field_type,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if org_wide is not UNSET:
            field_dict["orgWide"] = org_wide

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        field_type = CustomFieldType(d.pop("fieldType"))

        def _parse_metadata(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        org_wide = d.pop("orgWide", UNSET)

        custom_field = cls(
            id=id,
            title=title,
            field_type=field_type,
            metadata=metadata,
            org_wide=org_wide,
        )

        custom_field.additional_properties = d
        return custom_field

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
