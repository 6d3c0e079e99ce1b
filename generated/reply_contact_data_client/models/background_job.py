from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.background_job_status import BackgroundJobStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="BackgroundJob")


@_attrs_define
class BackgroundJob:
    """A background job with its raw input and result."""

    job_id: UUID
    status: BackgroundJobStatus
    """ Lifecycle state of a background job (PascalCase on the wire). `Done`, `Failed`,
    `Cancelled` and `Expired` are final.
     """
    category: None | str | Unset = UNSET
    """ Job category, e.g. `r2/bg-jobs/email-validation`. """
    started_at: datetime.datetime | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    progress: float | None | Unset = UNSET
    """ Fraction done, 0 to 1. """
    json_data: None | str | Unset = UNSET
    """ The job's input, a JSON document serialised as a string (opaque, per category). """
    json_data_result: None | str | Unset = UNSET
    """ The job's result, a JSON document serialised as a string; present only once the
    status is `Done` or `Failed`.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = str(self.job_id)

        status = self.status.value

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        progress: float | None | Unset
        if isinstance(self.progress, Unset):
            progress = UNSET
        else:
            progress = self.progress

        json_data: None | str | Unset
        if isinstance(self.json_data, Unset):
            json_data = UNSET
        else:
            json_data = self.json_data

        json_data_result: None | str | Unset
        if isinstance(self.json_data_result, Unset):
            json_data_result = UNSET
        else:
            json_data_result = self.json_data_result

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobId": job_id,
                "status": status,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if progress is not UNSET:
            field_dict["progress"] = progress
        if json_data is not UNSET:
            field_dict["jsonData"] = json_data
        if json_data_result is not UNSET:
            field_dict["jsonDataResult"] = json_data_result

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        job_id = UUID(d.pop("jobId"))

        status = BackgroundJobStatus(d.pop("status"))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at, Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finishedAt", UNSET))

        def _parse_progress(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        progress = _parse_progress(d.pop("progress", UNSET))

        def _parse_json_data(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        json_data = _parse_json_data(d.pop("jsonData", UNSET))

        def _parse_json_data_result(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        json_data_result = _parse_json_data_result(d.pop("jsonDataResult", UNSET))

        background_job = cls(
            job_id=job_id,
            status=status,
            category=category,
            started_at=started_at,
            finished_at=finished_at,
            progress=progress,
            json_data=json_data,
            json_data_result=json_data_result,
        )

        background_job.additional_properties = d
        return background_job

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
