from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.call_status import CallStatus
from ..models.contact_company_size import ContactCompanySize
from ..models.meeting_status import MeetingStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_custom_field_update import ContactCustomFieldUpdate


T = TypeVar("T", bound="ContactPatchRequest")


@_attrs_define
class ContactPatchRequest:
    """Fields to change on a contact. Omitted fields stay as they are; `null` clears one."""

    email: None | str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    phone2: None | str | Unset = UNSET
    """ Secondary phone number. """
    title: None | str | Unset = UNSET
    company: None | str | Unset = UNSET
    company_size: ContactCompanySize | None | Unset = UNSET
    industry: None | str | Unset = UNSET
    city: None | str | Unset = UNSET
    state: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    time_zone_id: None | str | Unset = UNSET
    linked_in_url: None | str | Unset = UNSET
    linked_in_sales_navigator_url: None | str | Unset = UNSET
    linked_in_recruiter_url: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    is_opted_out: bool | None | Unset = UNSET
    """ Set or clear the opted-out flag (suppresses all communications when true). """
    call_status: CallStatus | None | Unset = UNSET
    meeting_status: MeetingStatus | None | Unset = UNSET
    owner_user_id: int | None | Unset = UNSET
    """ New owner; must be a member of the team (otherwise 400 `contact.invalidInput`, D7). """
    account_id: int | None | Unset = UNSET
    """ Account to link the contact to; `null` unlinks it. """
    custom_fields: list[ContactCustomFieldUpdate] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

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

        phone2: None | str | Unset
        if isinstance(self.phone2, Unset):
            phone2 = UNSET
        else:
            phone2 = self.phone2

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
        elif isinstance(self.company_size, ContactCompanySize):
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

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        is_opted_out: bool | None | Unset
        if isinstance(self.is_opted_out, Unset):
            is_opted_out = UNSET
        else:
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

        owner_user_id: int | None | Unset
        if isinstance(self.owner_user_id, Unset):
            owner_user_id = UNSET
        else:
            owner_user_id = self.owner_user_id

        account_id: int | None | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        else:
            account_id = self.account_id

        custom_fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = []
            for custom_fields_item_data in self.custom_fields:
                custom_fields_item = custom_fields_item_data.to_dict()
                custom_fields.append(custom_fields_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["firstName"] = first_name
        if last_name is not UNSET:
            field_dict["lastName"] = last_name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if phone2 is not UNSET:
            field_dict["phone2"] = phone2
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
        if notes is not UNSET:
            field_dict["notes"] = notes
        if is_opted_out is not UNSET:
            field_dict["isOptedOut"] = is_opted_out
        if call_status is not UNSET:
            field_dict["callStatus"] = call_status
        if meeting_status is not UNSET:
            field_dict["meetingStatus"] = meeting_status
        if owner_user_id is not UNSET:
            field_dict["ownerUserId"] = owner_user_id
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if custom_fields is not UNSET:
            field_dict["customFields"] = custom_fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_custom_field_update import ContactCustomFieldUpdate  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

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

        def _parse_phone2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone2 = _parse_phone2(d.pop("phone2", UNSET))

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

        def _parse_company_size(data: object) -> ContactCompanySize | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                company_size_type_0 = ContactCompanySize(data)

                return company_size_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactCompanySize | None | Unset, data)

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

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_is_opted_out(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_opted_out = _parse_is_opted_out(d.pop("isOptedOut", UNSET))

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

        def _parse_owner_user_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        owner_user_id = _parse_owner_user_id(d.pop("ownerUserId", UNSET))

        def _parse_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account_id = _parse_account_id(d.pop("accountId", UNSET))

        _custom_fields = d.pop("customFields", UNSET)
        custom_fields: list[ContactCustomFieldUpdate] | Unset = UNSET
        if _custom_fields is not UNSET:
            custom_fields = []
            for custom_fields_item_data in _custom_fields:
                custom_fields_item = ContactCustomFieldUpdate.from_dict(custom_fields_item_data)

                custom_fields.append(custom_fields_item)

        contact_patch_request = cls(
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            phone2=phone2,
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
            notes=notes,
            is_opted_out=is_opted_out,
            call_status=call_status,
            meeting_status=meeting_status,
            owner_user_id=owner_user_id,
            account_id=account_id,
            custom_fields=custom_fields,
        )

        contact_patch_request.additional_properties = d
        return contact_patch_request

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
