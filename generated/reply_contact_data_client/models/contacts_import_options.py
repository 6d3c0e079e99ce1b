from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contacts_import_keys import ContactsImportKeys


T = TypeVar("T", bound="ContactsImportOptions")


@_attrs_define
class ContactsImportOptions:
    """How an import treats existing contacts, and where it files the results."""

    overwrite_existing: bool | Unset = False
    """ Overwrite existing contacts that match (by default only their empty fields are filled). """
    skip_existing: bool | Unset = False
    """ Leave existing contacts that match untouched. """
    skip_without_emails: bool | Unset = False
    """ Skip items that have no email. """
    detect_time_zone: bool | Unset = False
    """ Derive the time zone from the location fields. """
    restore_deleted: bool | Unset = False
    """ Restore previously deleted contacts that match (reported as `restored`). """
    list_ids: list[int] | Unset = UNSET
    """ Contact lists to add the imported contacts to, in the same call. """
    sequence_id: int | None | Unset = UNSET
    """ Sequence to enroll the imported contacts in. """
    keys: ContactsImportKeys | Unset = UNSET
    """ Extra deduplication keys. Email is always the primary key; each flag set here adds a
    field that also identifies an existing contact.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        overwrite_existing = self.overwrite_existing

        skip_existing = self.skip_existing

        skip_without_emails = self.skip_without_emails

        detect_time_zone = self.detect_time_zone

        restore_deleted = self.restore_deleted

        list_ids: list[int] | Unset = UNSET
        if not isinstance(self.list_ids, Unset):
            list_ids = self.list_ids

        sequence_id: int | None | Unset
        if isinstance(self.sequence_id, Unset):
            sequence_id = UNSET
        else:
            sequence_id = self.sequence_id

        keys: dict[str, Any] | Unset = UNSET
        if not isinstance(self.keys, Unset):
            keys = self.keys.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if overwrite_existing is not UNSET:
            field_dict["overwriteExisting"] = overwrite_existing
        if skip_existing is not UNSET:
            field_dict["skipExisting"] = skip_existing
        if skip_without_emails is not UNSET:
            field_dict["skipWithoutEmails"] = skip_without_emails
        if detect_time_zone is not UNSET:
            field_dict["detectTimeZone"] = detect_time_zone
        if restore_deleted is not UNSET:
            field_dict["restoreDeleted"] = restore_deleted
        if list_ids is not UNSET:
            field_dict["listIds"] = list_ids
        if sequence_id is not UNSET:
            field_dict["sequenceId"] = sequence_id
        if keys is not UNSET:
            field_dict["keys"] = keys

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contacts_import_keys import ContactsImportKeys  # noqa: PLC0415

        d = dict(src_dict)
        overwrite_existing = d.pop("overwriteExisting", UNSET)

        skip_existing = d.pop("skipExisting", UNSET)

        skip_without_emails = d.pop("skipWithoutEmails", UNSET)

        detect_time_zone = d.pop("detectTimeZone", UNSET)

        restore_deleted = d.pop("restoreDeleted", UNSET)

        list_ids = cast(list[int], d.pop("listIds", UNSET))

        def _parse_sequence_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sequence_id = _parse_sequence_id(d.pop("sequenceId", UNSET))

        _keys = d.pop("keys", UNSET)
        keys: ContactsImportKeys | Unset
        if isinstance(_keys, Unset):
            keys = UNSET
        else:
            keys = ContactsImportKeys.from_dict(_keys)

        contacts_import_options = cls(
            overwrite_existing=overwrite_existing,
            skip_existing=skip_existing,
            skip_without_emails=skip_without_emails,
            detect_time_zone=detect_time_zone,
            restore_deleted=restore_deleted,
            list_ids=list_ids,
            sequence_id=sequence_id,
            keys=keys,
        )

        contacts_import_options.additional_properties = d
        return contacts_import_options

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
