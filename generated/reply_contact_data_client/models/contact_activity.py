from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_activity_content import ContactActivityContent


T = TypeVar("T", bound="ContactActivity")


@_attrs_define
class ContactActivity:
    """One event in a contact's history."""

    id: int
    date: datetime.datetime | Unset = UNSET
    activity_type: str | Unset = UNSET
    """ Kind of event (free string, no published vocabulary). """
    source_type: str | Unset = UNSET
    """ What produced the event (free string, no published vocabulary). """
    user_name: None | str | Unset = UNSET
    """ User who performed the activity, if any. """
    user_id: int | Unset = UNSET
    content: ContactActivityContent | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_activity_content import ContactActivityContent  # noqa: PLC0415

        id = self.id

        date: str | Unset = UNSET
        if not isinstance(self.date, Unset):
            date = self.date.isoformat()

        activity_type = self.activity_type

        source_type = self.source_type

        user_name: None | str | Unset
        if isinstance(self.user_name, Unset):
            user_name = UNSET
        else:
            user_name = self.user_name

        user_id = self.user_id

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, ContactActivityContent):
            content = self.content.to_dict()
        else:
            content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if date is not UNSET:
            field_dict["date"] = date
        if activity_type is not UNSET:
            field_dict["activityType"] = activity_type
        if source_type is not UNSET:
            field_dict["sourceType"] = source_type
        if user_name is not UNSET:
            field_dict["userName"] = user_name
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_activity_content import ContactActivityContent  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        _date = d.pop("date", UNSET)
        date: datetime.datetime | Unset
        if isinstance(_date, Unset):
            date = UNSET
        else:
            date = datetime.datetime.fromisoformat(_date)

        activity_type = d.pop("activityType", UNSET)

        source_type = d.pop("sourceType", UNSET)

        def _parse_user_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_name = _parse_user_name(d.pop("userName", UNSET))

        user_id = d.pop("userId", UNSET)

        def _parse_content(data: object) -> ContactActivityContent | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                content_type_0 = ContactActivityContent.from_dict(data)

                return content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactActivityContent | None | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        contact_activity = cls(
            id=id,
            date=date,
            activity_type=activity_type,
            source_type=source_type,
            user_name=user_name,
            user_id=user_id,
            content=content,
        )

        contact_activity.additional_properties = d
        return contact_activity

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
