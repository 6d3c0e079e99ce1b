from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_company_size import ContactCompanySize
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_custom_field_create import ContactCustomFieldCreate


T = TypeVar("T", bound="ContactCreateRequest")


@_attrs_define
class ContactCreateRequest:
    """Fields of a new contact. `firstName` is required (D4: the live server rejects a create
    without it, though the published schema lists no required field); an `email` or a
    `linkedInUrl` is needed too. Owner, opt-out, call and meeting flags cannot be set on
    create (use PATCH).

    """

    first_name: str
    email: str | Unset = UNSET
    last_name: str | Unset = UNSET
    phone: str | Unset = UNSET
    phone2: str | Unset = UNSET
    """ Secondary phone number. """
    title: str | Unset = UNSET
    """ Job title. """
    company: str | Unset = UNSET
    company_size: ContactCompanySize | Unset = UNSET
    """ Company size band of a contact, as sent in requests (PascalCase). Responses use
    `ContactCompanySizeResponse`.
     """
    industry: str | Unset = UNSET
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    country: str | Unset = UNSET
    time_zone_id: str | Unset = UNSET
    """ Time-zone id, e.g. `America/Los_Angeles`. """
    linked_in_url: str | Unset = UNSET
    linked_in_sales_navigator_url: str | Unset = UNSET
    linked_in_recruiter_url: str | Unset = UNSET
    notes: str | Unset = UNSET
    account_id: int | None | Unset = UNSET
    """ Account to link the contact to. """
    custom_fields: list[ContactCustomFieldCreate] | Unset = UNSET
    """ Custom-field values (observed to be dropped on create; PATCH them if needed). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_name = self.first_name

        email = self.email

        last_name = self.last_name

        phone = self.phone

        phone2 = self.phone2

        title = self.title

        company = self.company

        company_size: str | Unset = UNSET
        if not isinstance(self.company_size, Unset):
            company_size = self.company_size.value

        industry = self.industry

        city = self.city

        state = self.state

        country = self.country

        time_zone_id = self.time_zone_id

        linked_in_url = self.linked_in_url

        linked_in_sales_navigator_url = self.linked_in_sales_navigator_url

        linked_in_recruiter_url = self.linked_in_recruiter_url

        notes = self.notes

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
        field_dict.update(
            {
                "firstName": first_name,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
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
        if account_id is not UNSET:
            field_dict["accountId"] = account_id
        if custom_fields is not UNSET:
            field_dict["customFields"] = custom_fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_custom_field_create import ContactCustomFieldCreate  # noqa: PLC0415

        d = dict(src_dict)
        first_name = d.pop("firstName")

        email = d.pop("email", UNSET)

        last_name = d.pop("lastName", UNSET)

        phone = d.pop("phone", UNSET)

        phone2 = d.pop("phone2", UNSET)

        title = d.pop("title", UNSET)

        company = d.pop("company", UNSET)

        _company_size = d.pop("companySize", UNSET)
        company_size: ContactCompanySize | Unset
        if isinstance(_company_size, Unset):
            company_size = UNSET
        else:
            company_size = ContactCompanySize(_company_size)

        industry = d.pop("industry", UNSET)

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        country = d.pop("country", UNSET)

        time_zone_id = d.pop("timeZoneId", UNSET)

        linked_in_url = d.pop("linkedInUrl", UNSET)

        linked_in_sales_navigator_url = d.pop("linkedInSalesNavigatorUrl", UNSET)

        linked_in_recruiter_url = d.pop("linkedInRecruiterUrl", UNSET)

        notes = d.pop("notes", UNSET)

        def _parse_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account_id = _parse_account_id(d.pop("accountId", UNSET))

        _custom_fields = d.pop("customFields", UNSET)
        custom_fields: list[ContactCustomFieldCreate] | Unset = UNSET
        if _custom_fields is not UNSET:
            custom_fields = []
            for custom_fields_item_data in _custom_fields:
                custom_fields_item = ContactCustomFieldCreate.from_dict(custom_fields_item_data)

                custom_fields.append(custom_fields_item)

        contact_create_request = cls(
            first_name=first_name,
            email=email,
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
            account_id=account_id,
            custom_fields=custom_fields,
        )

        contact_create_request.additional_properties = d
        return contact_create_request

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
