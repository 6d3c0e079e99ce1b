from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_in_sequence import StatusInSequence

if TYPE_CHECKING:
    from ..models.email_disposition import EmailDisposition


T = TypeVar("T", bound="ContactSequenceStatus")


@_attrs_define
class ContactSequenceStatus:
    """A contact's status in one sequence. `emailDisposition` is accepted as `null`: a related
    endpoint sends `null` before any email went out (D18).

    """

    sequence_id: int
    sequence_name: str
    status_in_sequence: StatusInSequence
    """ A contact's status in a sequence, as reported. `inactive` is set by the system when the
    contact lacks data needed to continue.
     """
    email_disposition: EmailDisposition | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.email_disposition import EmailDisposition  # noqa: PLC0415

        sequence_id = self.sequence_id

        sequence_name = self.sequence_name

        status_in_sequence = self.status_in_sequence.value

        email_disposition: dict[str, Any] | None
        if isinstance(self.email_disposition, EmailDisposition):
            email_disposition = self.email_disposition.to_dict()
        else:
            email_disposition = self.email_disposition

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sequenceId": sequence_id,
                "sequenceName": sequence_name,
                "statusInSequence": status_in_sequence,
                "emailDisposition": email_disposition,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.email_disposition import EmailDisposition  # noqa: PLC0415

        d = dict(src_dict)
        sequence_id = d.pop("sequenceId")

        sequence_name = d.pop("sequenceName")

        status_in_sequence = StatusInSequence(d.pop("statusInSequence"))

        def _parse_email_disposition(data: object) -> EmailDisposition | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                email_disposition_type_0 = EmailDisposition.from_dict(data)

                return email_disposition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmailDisposition | None, data)

        email_disposition = _parse_email_disposition(d.pop("emailDisposition"))

        contact_sequence_status = cls(
            sequence_id=sequence_id,
            sequence_name=sequence_name,
            status_in_sequence=status_in_sequence,
            email_disposition=email_disposition,
        )

        contact_sequence_status.additional_properties = d
        return contact_sequence_status

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
