from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.sort_direction import SortDirection
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_account_filter_item import ContactAccountFilterItem


T = TypeVar("T", bound="ContactAccountFilterRequest")


@_attrs_define
class ContactAccountFilterRequest:
    """Account filter with sort order."""

    search: None | str | Unset = UNSET
    """ Search by name or domain. """
    sort_by: None | str | Unset = UNSET
    """ Field to sort by. """
    sort_direction: None | SortDirection | Unset = UNSET
    list_id: int | None | Unset = UNSET
    """ Only accounts in this list. Documented as "contact list ID"; it is taken to be an
    account-list id (INFERRED).
     """
    filters: list[ContactAccountFilterItem] | None | Unset = UNSET
    """ Up to 20 conditions, all of which must match. """

    def to_dict(self) -> dict[str, Any]:
        search: None | str | Unset
        if isinstance(self.search, Unset):
            search = UNSET
        else:
            search = self.search

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

        list_id: int | None | Unset
        if isinstance(self.list_id, Unset):
            list_id = UNSET
        else:
            list_id = self.list_id

        filters: list[dict[str, Any]] | None | Unset
        if isinstance(self.filters, Unset):
            filters = UNSET
        elif isinstance(self.filters, list):
            filters = []
            for filters_type_0_item_data in self.filters:
                filters_type_0_item = filters_type_0_item_data.to_dict()
                filters.append(filters_type_0_item)

        else:
            filters = self.filters

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if search is not UNSET:
            field_dict["search"] = search
        if sort_by is not UNSET:
            field_dict["sortBy"] = sort_by
        if sort_direction is not UNSET:
            field_dict["sortDirection"] = sort_direction
        if list_id is not UNSET:
            field_dict["listId"] = list_id
        if filters is not UNSET:
            field_dict["filters"] = filters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_account_filter_item import ContactAccountFilterItem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_search(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        search = _parse_search(d.pop("search", UNSET))

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

        def _parse_list_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        list_id = _parse_list_id(d.pop("listId", UNSET))

        def _parse_filters(data: object) -> list[ContactAccountFilterItem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                filters_type_0 = []
                _filters_type_0 = data
                for filters_type_0_item_data in _filters_type_0:
                    filters_type_0_item = ContactAccountFilterItem.from_dict(filters_type_0_item_data)

                    filters_type_0.append(filters_type_0_item)

                return filters_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContactAccountFilterItem] | None | Unset, data)

        filters = _parse_filters(d.pop("filters", UNSET))

        contact_account_filter_request = cls(
            search=search,
            sort_by=sort_by,
            sort_direction=sort_direction,
            list_id=list_id,
            filters=filters,
        )

        return contact_account_filter_request
