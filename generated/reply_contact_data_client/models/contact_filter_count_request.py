from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_filter_rule import ContactFilterRule


T = TypeVar("T", bound="ContactFilterCountRequest")


@_attrs_define
class ContactFilterCountRequest:
    """Contact filter without sort order, for counting."""

    rules: list[ContactFilterRule] | Unset = UNSET
    list_id: int | None | Unset = UNSET
    sequence_id: int | None | Unset = UNSET
    sequence_step_id: int | None | Unset = UNSET
    search_term: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = []
            for rules_item_data in self.rules:
                rules_item = rules_item_data.to_dict()
                rules.append(rules_item)

        list_id: int | None | Unset
        if isinstance(self.list_id, Unset):
            list_id = UNSET
        else:
            list_id = self.list_id

        sequence_id: int | None | Unset
        if isinstance(self.sequence_id, Unset):
            sequence_id = UNSET
        else:
            sequence_id = self.sequence_id

        sequence_step_id: int | None | Unset
        if isinstance(self.sequence_step_id, Unset):
            sequence_step_id = UNSET
        else:
            sequence_step_id = self.sequence_step_id

        search_term: None | str | Unset
        if isinstance(self.search_term, Unset):
            search_term = UNSET
        else:
            search_term = self.search_term

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if rules is not UNSET:
            field_dict["rules"] = rules
        if list_id is not UNSET:
            field_dict["listId"] = list_id
        if sequence_id is not UNSET:
            field_dict["sequenceId"] = sequence_id
        if sequence_step_id is not UNSET:
            field_dict["sequenceStepId"] = sequence_step_id
        if search_term is not UNSET:
            field_dict["searchTerm"] = search_term

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_filter_rule import ContactFilterRule  # noqa: PLC0415

        d = dict(src_dict)
        _rules = d.pop("rules", UNSET)
        rules: list[ContactFilterRule] | Unset = UNSET
        if _rules is not UNSET:
            rules = []
            for rules_item_data in _rules:
                rules_item = ContactFilterRule.from_dict(rules_item_data)

                rules.append(rules_item)

        def _parse_list_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        list_id = _parse_list_id(d.pop("listId", UNSET))

        def _parse_sequence_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence_id = _parse_sequence_id(d.pop("sequenceId", UNSET))

        def _parse_sequence_step_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence_step_id = _parse_sequence_step_id(d.pop("sequenceStepId", UNSET))

        def _parse_search_term(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        search_term = _parse_search_term(d.pop("searchTerm", UNSET))

        contact_filter_count_request = cls(
            rules=rules,
            list_id=list_id,
            sequence_id=sequence_id,
            sequence_step_id=sequence_step_id,
            search_term=search_term,
        )

        contact_filter_count_request.additional_properties = d
        return contact_filter_count_request

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
