from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_in_sequence import StatusInSequence
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sequence_step_info import SequenceStepInfo


T = TypeVar("T", bound="ContactSequenceMembership")


@_attrs_define
class ContactSequenceMembership:
    """One sequence a contact is in. The reference lists four statuses here (`active`,
    `paused`, `finished`, `outOfOffice`) while related endpoints report more (e.g.
    `inactive`, D18), so the full `StatusInSequence` set is accepted.

    """

    sequence_id: int
    sequence_name: str | Unset = UNSET
    status_in_sequence: StatusInSequence | Unset = UNSET
    """ A contact's status in a sequence, as reported. `inactive` is set by the system when the
    contact lacks data needed to continue.
     """
    current_step: None | SequenceStepInfo | Unset = UNSET
    adding_date: datetime.datetime | None | Unset = UNSET
    """ When the contact was added to the sequence. """
    email_account_id: int | None | Unset = UNSET
    """ Mailbox sending to the contact in this sequence. """
    linked_in_account_id: int | None | Unset = UNSET
    """ LinkedIn account used for the contact in this sequence. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sequence_step_info import SequenceStepInfo  # noqa: PLC0415

        sequence_id = self.sequence_id

        sequence_name = self.sequence_name

        status_in_sequence: str | Unset = UNSET
        if not isinstance(self.status_in_sequence, Unset):
            status_in_sequence = self.status_in_sequence.value

        current_step: dict[str, Any] | None | Unset
        if isinstance(self.current_step, Unset):
            current_step = UNSET
        elif isinstance(self.current_step, SequenceStepInfo):
            current_step = self.current_step.to_dict()
        else:
            current_step = self.current_step

        adding_date: None | str | Unset
        if isinstance(self.adding_date, Unset):
            adding_date = UNSET
        elif isinstance(self.adding_date, datetime.datetime):
            adding_date = self.adding_date.isoformat()
        else:
            adding_date = self.adding_date

        email_account_id: int | None | Unset
        if isinstance(self.email_account_id, Unset):
            email_account_id = UNSET
        else:
            email_account_id = self.email_account_id

        linked_in_account_id: int | None | Unset
        if isinstance(self.linked_in_account_id, Unset):
            linked_in_account_id = UNSET
        else:
            linked_in_account_id = self.linked_in_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sequenceId": sequence_id,
            }
        )
        if sequence_name is not UNSET:
            field_dict["sequenceName"] = sequence_name
        if status_in_sequence is not UNSET:
            field_dict["statusInSequence"] = status_in_sequence
        if current_step is not UNSET:
            field_dict["currentStep"] = current_step
        if adding_date is not UNSET:
            field_dict["addingDate"] = adding_date
        if email_account_id is not UNSET:
            field_dict["emailAccountId"] = email_account_id
        if linked_in_account_id is not UNSET:
            field_dict["linkedInAccountId"] = linked_in_account_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sequence_step_info import SequenceStepInfo  # noqa: PLC0415

        d = dict(src_dict)
        sequence_id = d.pop("sequenceId")

        sequence_name = d.pop("sequenceName", UNSET)

        _status_in_sequence = d.pop("statusInSequence", UNSET)
        status_in_sequence: StatusInSequence | Unset
        if isinstance(_status_in_sequence, Unset):
            status_in_sequence = UNSET
        else:
            status_in_sequence = StatusInSequence(_status_in_sequence)

        def _parse_current_step(data: object) -> None | SequenceStepInfo | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_step_type_0 = SequenceStepInfo.from_dict(data)

                return current_step_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SequenceStepInfo | Unset, data)

        current_step = _parse_current_step(d.pop("currentStep", UNSET))

        def _parse_adding_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                adding_date_type_0 = datetime.datetime.fromisoformat(data)

                return adding_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        adding_date = _parse_adding_date(d.pop("addingDate", UNSET))

        def _parse_email_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        email_account_id = _parse_email_account_id(d.pop("emailAccountId", UNSET))

        def _parse_linked_in_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        linked_in_account_id = _parse_linked_in_account_id(d.pop("linkedInAccountId", UNSET))

        contact_sequence_membership = cls(
            sequence_id=sequence_id,
            sequence_name=sequence_name,
            status_in_sequence=status_in_sequence,
            current_step=current_step,
            adding_date=adding_date,
            email_account_id=email_account_id,
            linked_in_account_id=linked_in_account_id,
        )

        contact_sequence_membership.additional_properties = d
        return contact_sequence_membership

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
