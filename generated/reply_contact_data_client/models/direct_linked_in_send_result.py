from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.direct_linked_in_action_type import DirectLinkedInActionType

T = TypeVar("T", bound="DirectLinkedInSendResult")


@_attrs_define
class DirectLinkedInSendResult:
    """The LinkedIn action a direct send recorded."""

    action_type: DirectLinkedInActionType
    """ Kind of LinkedIn action a direct send recorded. """
    linked_in_activity_id: int
    sent_at_utc: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_type = self.action_type.value

        linked_in_activity_id = self.linked_in_activity_id

        sent_at_utc = self.sent_at_utc.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actionType": action_type,
                "linkedInActivityId": linked_in_activity_id,
                "sentAtUtc": sent_at_utc,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action_type = DirectLinkedInActionType(d.pop("actionType"))

        linked_in_activity_id = d.pop("linkedInActivityId")

        sent_at_utc = datetime.datetime.fromisoformat(d.pop("sentAtUtc"))

        direct_linked_in_send_result = cls(
            action_type=action_type,
            linked_in_activity_id=linked_in_activity_id,
            sent_at_utc=sent_at_utc,
        )

        direct_linked_in_send_result.additional_properties = d
        return direct_linked_in_send_result

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
