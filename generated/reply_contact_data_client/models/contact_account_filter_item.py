from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.account_filter_condition import AccountFilterCondition
from ..models.account_filter_property import AccountFilterProperty

T = TypeVar("T", bound="ContactAccountFilterItem")


@_attrs_define
class ContactAccountFilterItem:
    """One condition on an account field."""

    property_: AccountFilterProperty
    """ Account field an account filter condition applies to. """
    condition: AccountFilterCondition
    """ Comparison an account filter condition applies. """
    values: Any
    """ Value(s) to compare with; the type depends on the property and condition (a string,
    a number, a date-time string, or an array of them for `In` / `NotIn`).
     """

    def to_dict(self) -> dict[str, Any]:
        property_ = self.property_.value

        condition = self.condition.value

        values = self.values

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "property": property_,
                "condition": condition,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        property_ = AccountFilterProperty(d.pop("property"))

        condition = AccountFilterCondition(d.pop("condition"))

        values = d.pop("values")

        contact_account_filter_item = cls(
            property_=property_,
            condition=condition,
            values=values,
        )

        return contact_account_filter_item
