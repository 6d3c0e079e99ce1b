from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_item_status import ImportItemStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactsImportItemResult")


@_attrs_define
class ContactsImportItemResult:
    """Outcome of one import item, in input order."""

    id: int | None
    """ Id of the created or updated contact; `null` when the item failed. """
    status: ImportItemStatus
    """ Outcome of one import item. Note the counter for `created` items is named `added`.
     """
    error: None | str | Unset = UNSET
    """ Why the item failed: `"Invalid data"` (no firstName, or a malformed email),
    `"Wrong field format"` (custom-field value of the wrong type), `"Not processed"`, or
    a message naming an unrecognised `timeZoneId`.
     """
    skip_reason: None | str | Unset = UNSET
    """ Why the item was skipped, e.g. `contactDeleted`. Observed from the live server, not in
    the published reference.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | None
        id = self.id

        status = self.status.value

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        skip_reason: None | str | Unset
        if isinstance(self.skip_reason, Unset):
            skip_reason = UNSET
        else:
            skip_reason = self.skip_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if skip_reason is not UNSET:
            field_dict["skipReason"] = skip_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        id = _parse_id(d.pop("id"))

        status = ImportItemStatus(d.pop("status"))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_skip_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        skip_reason = _parse_skip_reason(d.pop("skipReason", UNSET))

        contacts_import_item_result = cls(
            id=id,
            status=status,
            error=error,
            skip_reason=skip_reason,
        )

        contacts_import_item_result.additional_properties = d
        return contacts_import_item_result

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
