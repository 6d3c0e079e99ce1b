from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sort_direction import SortDirection
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_filter_rule import ContactFilterRule


T = TypeVar("T", bound="ContactFilterRequest")


@_attrs_define
class ContactFilterRequest:
    """Contact filter with sort order. Every member is optional; `{}` matches every contact."""

    rules: list[ContactFilterRule] | Unset = UNSET
    """ Field rules, all of which must match. """
    list_id: int | None | Unset = UNSET
    """ Only contacts in this contact list. """
    sequence_id: int | None | Unset = UNSET
    """ Only contacts in this sequence. """
    sequence_step_id: int | None | Unset = UNSET
    """ Only contacts at this sequence step. """
    search_term: None | str | Unset = UNSET
    """ Free-text search, matched by containment. """
    sort_by: None | str | Unset = UNSET
    """ Field to sort by (free string). Likely values, from the sequence-contacts endpoint:
    `addingDate`, `email`, `firstName`, `lastName`, `company`, `statusInSequence`.
     """
    sort_direction: None | SortDirection | Unset = UNSET
    """ Sort direction (published as a free string "asc or desc"). """
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

        sort_by: None | str | Unset
        if isinstance(self.sort_by, Unset):
            sort_by = UNSET
        else:
            sort_by = self.sort_by

        sort_direction: None | str | Unset
        if isinstance(self.sort_direction, Unset):
            sort_direction = UNSET
        elif isinstance(self.sort_direction, SortDirection):
            sort_direction = self.sort_direction.value
        else:
            sort_direction = self.sort_direction

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
        if sort_by is not UNSET:
            field_dict["sortBy"] = sort_by
        if sort_direction is not UNSET:
            field_dict["sortDirection"] = sort_direction

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

        def _parse_sort_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sort_by = _parse_sort_by(d.pop("sortBy", UNSET))

        def _parse_sort_direction(data: object) -> None | SortDirection | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sort_direction_type_0 = SortDirection(data)

                return sort_direction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SortDirection | Unset, data)

        sort_direction = _parse_sort_direction(d.pop("sortDirection", UNSET))

        contact_filter_request = cls(
            rules=rules,
            list_id=list_id,
            sequence_id=sequence_id,
            sequence_step_id=sequence_step_id,
            search_term=search_term,
            sort_by=sort_by,
            sort_direction=sort_direction,
        )

        contact_filter_request.additional_properties = d
        return contact_filter_request

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
