from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MoveContactToSequenceRequest")


@_attrs_define
class MoveContactToSequenceRequest:
    """Where and how to enroll a contact."""

    sequence_id: int
    remove_from_existing: bool | Unset = False
    """ Take the contact out of the sequence it is currently in. """
    start_step_id: int | None | Unset = UNSET
    """ Step to start at; `null` starts at the first step. """
    ignore_step_delay: bool | Unset = False
    """ Skip the delay before the first step. """
    start_from: datetime.datetime | None | Unset = UNSET
    """ When to start; `null` starts immediately. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sequence_id = self.sequence_id

        remove_from_existing = self.remove_from_existing

        start_step_id: int | None | Unset
        if isinstance(self.start_step_id, Unset):
            start_step_id = UNSET
        else:
            start_step_id = self.start_step_id

        ignore_step_delay = self.ignore_step_delay

        start_from: None | str | Unset
        if isinstance(self.start_from, Unset):
            start_from = UNSET
        elif isinstance(self.start_from, datetime.datetime):
            start_from = self.start_from.isoformat()
        else:
            start_from = self.start_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sequenceId": sequence_id,
            }
        )
        if remove_from_existing is not UNSET:
            field_dict["removeFromExisting"] = remove_from_existing
        if start_step_id is not UNSET:
            field_dict["startStepId"] = start_step_id
        if ignore_step_delay is not UNSET:
            field_dict["ignoreStepDelay"] = ignore_step_delay
        if start_from is not UNSET:
            field_dict["startFrom"] = start_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sequence_id = d.pop("sequenceId")

        remove_from_existing = d.pop("removeFromExisting", UNSET)

        def _parse_start_step_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        start_step_id = _parse_start_step_id(d.pop("startStepId", UNSET))

        ignore_step_delay = d.pop("ignoreStepDelay", UNSET)

        def _parse_start_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_from_type_0 = datetime.datetime.fromisoformat(data)

                return start_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_from = _parse_start_from(d.pop("startFrom", UNSET))

        move_contact_to_sequence_request = cls(
            sequence_id=sequence_id,
            remove_from_existing=remove_from_existing,
            start_step_id=start_step_id,
            ignore_step_delay=ignore_step_delay,
            start_from=start_from,
        )

        move_contact_to_sequence_request.additional_properties = d
        return move_contact_to_sequence_request

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
