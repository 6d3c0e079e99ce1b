from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.call_status import CallStatus
from ..models.contact_company_size_response import ContactCompanySizeResponse
from ..models.meeting_status import MeetingStatus
from ..models.phone_status import PhoneStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_custom_field import ContactCustomField


T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """A contact as returned. Only `id` is guaranteed to be present (the live server has always
    sent every member, but the published reference requires none). The live server sends
    `null` (or `""`) for many documented strings, so every string is nullable here.
    `createdAt` and `lastModifiedAt` have always been `null` on the live server (D16).
    There are no embedded `sequences`/`lists` members (older docs showed them, D2): use
    `GET /v3/contacts/{id}/sequences` and `/lists`.

    """

    id: int
    """ Contact id. """
    email: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    """ Email domain, derived from `email`. """
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    """ Job title. """
    company: None | str | Unset = UNSET
    company_size: ContactCompanySizeResponse | None | Unset = UNSET
    industry: None | str | Unset = UNSET
    city: None | str | Unset = UNSET
    state: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    time_zone_id: None | str | Unset = UNSET
    """ Time-zone id, e.g. `America/Los_Angeles` (older data may hold Windows ids such as `Eastern Standard Time`).
    """
    linked_in_url: None | str | Unset = UNSET
    linked_in_sales_navigator_url: None | str | Unset = UNSET
    linked_in_recruiter_url: None | str | Unset = UNSET
    phone_status: None | PhoneStatus | Unset = UNSET
    notes: None | str | Unset = UNSET
    owner_user_id: int | Unset = UNSET
    """ Id of the user who owns the contact. """
    account_id: int | None | Unset = UNSET
    """ Id of the linked account, if any. """
    is_opted_out: bool | Unset = UNSET
    """ Opted out of all communications. """
    call_status: CallStatus | None | Unset = UNSET
    meeting_status: MeetingStatus | None | Unset = UNSET
    adding_date: datetime.datetime | None | Unset = UNSET
    """ When the contact was added. May come with or without a UTC offset. """
    created_at: datetime.datetime | None | Unset = UNSET
    """ Documented creation time; always `null` on the live server so far (D16). """
    last_modified_at: datetime.datetime | None | Unset = UNSET
    """ Documented last-change time; always `null` on the live server so far (D16). """
    custom_fields: list[ContactCustomField] | Unset = UNSET
    """ Custom-field values held by the contact. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        company: None | str | Unset
        if isinstance(self.company, Unset):
            company = UNSET
        else:
            company = self.company

        company_size: None | str | Unset
        if isinstance(self.company_size, Unset):
            company_size = UNSET
        elif isinstance(self.company_size, ContactCompanySizeResponse):
            company_size = self.company_size.value
        else:
            company_size = self.company_size

        industry: None | str | Unset
        if isinstance(self.industry, Unset):
            industry = UNSET
        else:
            industry = self.industry

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        time_zone_id: None | str | Unset
        if isinstance(self.time_zone_id, Unset):
            time_zone_id = UNSET
        else:
            time_zone_id = self.time_zone_id

        linked_in_url: None | str | Unset
        if isinstance(self.linked_in_url, Unset):
            linked_in_url = UNSET
        else:
            linked_in_url = self.linked_in_url

        linked_in_sales_navigator_url: None | str | Unset
        if isinstance(self.linked_in_sales_navigator_url, Unset):
            linked_in_sales_navigator_url = UNSET
        else:
            linked_in_sales_navigator_url = self.linked_in_sales_navigator_url

        linked_in_recruiter_url: None | str | Unset
        if isinstance(self.linked_in_recruiter_url, Unset):
            linked_in_recruiter_url = UNSET
        else:
            linked_in_recruiter_url = self.linked_in_recruiter_url

        phone_status: None | str | Unset
        if isinstance(self.phone_status, Unset):
            phone_status = UNSET
        elif isinstance(self.phone_status, PhoneStatus):
            phone_status = self.phone_status.value
        else:
            phone_status = self.phone_status

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        owner_user_id = self.owner_user_id

        account_id: int | None | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        else:
            account_id = self.account_id

        is_opted_out = self.is_opted_out

        call_status: None | str | Unset
        if isinstance(self.call_status, Unset):
            call_status = UNSET
        elif isinstance(self.call_status, CallStatus):
            call_status = self.call_status.value
        else:
            call_status = self.call_status

        meeting_status: None | str | Unset
        if isinstance(self.meeting_status, Unset):
            meeting_status = UNSET
        elif isinstance(self.meeting_status, MeetingStatus):
            meeting_status = self.meeting_status.value
        else:
            meeting_status = self.meeting_status

        adding_date: None | str | Unset
        if isinstance(self.adding_date, Unset):
            adding_date = UNSET
        elif isinstance(self.adding_date, datetime.datetime):
            adding_date = self.adding_date.isoformat()
        else:
            adding_date = self.adding_date

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        last_modified_at: None | str | Unset
        if isinstance(self.last_modified_at, Unset):
            last_modified_at = UNSET
        elif isinstance(self.last_modified_at, datetime.datetime):
            last_modified_at = self.last_modified_at.isoformat()
        else:
            last_modified_at = self.last_modified_at

        custom_fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = []
            for custom_fields_item_data in self.custom_fields:
                custom_fields_item = custom_fields_item_data.to_dict()
                custom_fields.append(custom_fields_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if domain is not UNSET:
            field_dict["domain"] = domain
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if title is not UNSET:
            field_dict["title"] = title
        if company is not UNSET:
            field_dict["company"] = company
        if company_size is not UNSET:
            field_dict["companySize"] = company_size
        if industry is not UNSET:
            field_dict["industry"] = industry
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if country is not UNSET:
            field_dict["country"] = country
        if time_zone_id is not UNSET:
            field_dict["timeZoneId"] = time_zone_id
        if linked_in_url is not UNSET:
            field_dict["linkedInUrl"] = linked_in_url
        if linked_in_sales_navigator_url is not UNSET:
            field_dict["linkedInSalesNavigatorUrl"] = linked_in_sales_navigator_url
        if linked_in_recruiter_url is not UNSET:
            field_dict["linkedInRecruiterUrl"] = linked_in_recruiter_url
        if phone_status is not UNSET:
            field_dict["phoneStatus"] = phone_status
        if notes is not UNSET:
            field_dict["notes"] = notes
        if owner_user_id is not UNSET:
            field_dict["ownerUserId"] = owner_user_id
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if is_opted_out is not UNSET:
            field_dict["isOptedOut"] = is_opted_out
        if call_status is not UNSET:
            field_dict["callStatus"] = call_status
        if meeting_status is not UNSET:
            field_dict["meetingStatus"] = meeting_status
        if adding_date is not UNSET:
            field_dict["addingDate"] = adding_date
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if last_modified_at is not UNSET:
            field_dict["lastModifiedAt"] = last_modified_at
        if custom_fields is not UNSET:
            field_dict["customFields"] = custom_fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_custom_field import ContactCustomField  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("firstName", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("lastName", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_company(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company = _parse_company(d.pop("company", UNSET))

        def _parse_company_size(data: object) -> ContactCompanySizeResponse | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                company_size_type_0 = ContactCompanySizeResponse(data)

                return company_size_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactCompanySizeResponse | None | Unset, data)

        company_size = _parse_company_size(d.pop("companySize", UNSET))

        def _parse_industry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry = _parse_industry(d.pop("industry", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_time_zone_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone_id = _parse_time_zone_id(d.pop("timeZoneId", UNSET))

        def _parse_linked_in_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        linked_in_url = _parse_linked_in_url(d.pop("linkedInUrl", UNSET))

        def _parse_linked_in_sales_navigator_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        linked_in_sales_navigator_url = _parse_linked_in_sales_navigator_url(d.pop("linkedInSalesNavigatorUrl", UNSET))

        def _parse_linked_in_recruiter_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        linked_in_recruiter_url = _parse_linked_in_recruiter_url(d.pop("linkedInRecruiterUrl", UNSET))

        def _parse_phone_status(data: object) -> None | PhoneStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                phone_status_type_0 = PhoneStatus(data)

                return phone_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PhoneStatus | Unset, data)

        phone_status = _parse_phone_status(d.pop("phoneStatus", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        owner_user_id = d.pop("ownerUserId", UNSET)

        def _parse_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account_id = _parse_account_id(d.pop("accountId", UNSET))

        is_opted_out = d.pop("isOptedOut", UNSET)

        def _parse_call_status(data: object) -> CallStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                call_status_type_0 = CallStatus(data)

                return call_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallStatus | None | Unset, data)

        call_status = _parse_call_status(d.pop("callStatus", UNSET))

        def _parse_meeting_status(data: object) -> MeetingStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                meeting_status_type_0 = MeetingStatus(data)

                return meeting_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MeetingStatus | None | Unset, data)

        meeting_status = _parse_meeting_status(d.pop("meetingStatus", UNSET))

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

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("createdAt", UNSET))

        def _parse_last_modified_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_modified_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_modified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_modified_at = _parse_last_modified_at(d.pop("lastModifiedAt", UNSET))

        _custom_fields = d.pop("customFields", UNSET)
        custom_fields: list[ContactCustomField] | Unset = UNSET
        if _custom_fields is not UNSET:
            custom_fields = []
            for custom_fields_item_data in _custom_fields:
                custom_fields_item = ContactCustomField.from_dict(custom_fields_item_data)

                custom_fields.append(custom_fields_item)

        contact = cls(
            id=id,
            email=email,
            domain=domain,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            title=title,
            company=company,
            company_size=company_size,
            industry=industry,
            city=city,
            state=state,
            country=country,
            time_zone_id=time_zone_id,
            linked_in_url=linked_in_url,
            linked_in_sales_navigator_url=linked_in_sales_navigator_url,
            linked_in_recruiter_url=linked_in_recruiter_url,
            phone_status=phone_status,
            notes=notes,
            owner_user_id=owner_user_id,
            account_id=account_id,
            is_opted_out=is_opted_out,
            call_status=call_status,
            meeting_status=meeting_status,
            adding_date=adding_date,
            created_at=created_at,
            last_modified_at=last_modified_at,
            custom_fields=custom_fields,
        )

        contact.additional_properties = d
        return contact

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
