from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactFilterRule")


@_attrs_define
class ContactFilterRule:
    """One field rule of a contact filter. The property and condition vocabularies are not
    published (Reply's own CLI says so), so both are free strings. Known or likely values:
    properties such as `title`, `email`, `firstName`, `lastName`, `company`, `country`,
    `city`, `state`, `industry`, `ownerUserId`; conditions such as `equals`, `notEquals`,
    `contains`, `notContains`, `startsWith`, `isSet`, `isNotSet`. Rules on time fields are
    ignored by the live server (D16).

    """

    property_: str
    """ Contact property to filter on, e.g. `title`. """
    condition: str
    """ Filter condition, e.g. `contains`. """
    value: None | str | Unset = UNSET
    """ Value to compare with; omitted or `null` for conditions such as `isSet`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        property_ = self.property_

        condition = self.condition

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "property": property_,
                "condition": condition,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        property_ = d.pop("property")

        condition = d.pop("condition")

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        contact_filter_rule = cls(
            property_=property_,
            condition=condition,
            value=value,
        )

        contact_filter_rule.additional_properties = d
        return contact_filter_rule

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
