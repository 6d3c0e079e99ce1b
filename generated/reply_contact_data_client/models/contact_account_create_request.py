from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.account_company_size import AccountCompanySize
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactAccountCreateRequest")


@_attrs_define
class ContactAccountCreateRequest:
    """A new account. Only `name` is required."""

    name: str
    description: None | str | Unset = UNSET
    domain_name: None | str | Unset = UNSET
    domain_secondary: None | str | Unset = UNSET
    industry: None | str | Unset = UNSET
    company_size: AccountCompanySize | None | Unset = UNSET
    country: None | str | Unset = UNSET
    state: None | str | Unset = UNSET
    city: None | str | Unset = UNSET
    time_zone_id: None | str | Unset = UNSET
    linked_in_url: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    twitter_url: None | str | Unset = UNSET
    logo_url: None | str | Unset = UNSET
    email: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        domain_name: None | str | Unset
        if isinstance(self.domain_name, Unset):
            domain_name = UNSET
        else:
            domain_name = self.domain_name

        domain_secondary: None | str | Unset
        if isinstance(self.domain_secondary, Unset):
            domain_secondary = UNSET
        else:
            domain_secondary = self.domain_secondary

        industry: None | str | Unset
        if isinstance(self.industry, Unset):
            industry = UNSET
        else:
            industry = self.industry

        company_size: None | str | Unset
        if isinstance(self.company_size, Unset):
            company_size = UNSET
        elif isinstance(self.company_size, AccountCompanySize):
            company_size = self.company_size.value
        else:
            company_size = self.company_size

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

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

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        twitter_url: None | str | Unset
        if isinstance(self.twitter_url, Unset):
            twitter_url = UNSET
        else:
            twitter_url = self.twitter_url

        logo_url: None | str | Unset
        if isinstance(self.logo_url, Unset):
            logo_url = UNSET
        else:
            logo_url = self.logo_url

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if domain_name is not UNSET:
            field_dict["domainName"] = domain_name
        if domain_secondary is not UNSET:
            field_dict["domainSecondary"] = domain_secondary
        if industry is not UNSET:
            field_dict["industry"] = industry
        if company_size is not UNSET:
            field_dict["companySize"] = company_size
        if country is not UNSET:
            field_dict["country"] = country
        if state is not UNSET:
            field_dict["state"] = state
        if city is not UNSET:
            field_dict["city"] = city
        if time_zone_id is not UNSET:
            field_dict["timeZoneId"] = time_zone_id
        if linked_in_url is not UNSET:
            field_dict["linkedInUrl"] = linked_in_url
        if phone is not UNSET:
            field_dict["phone"] = phone
        if twitter_url is not UNSET:
            field_dict["twitterUrl"] = twitter_url
        if logo_url is not UNSET:
            field_dict["logoUrl"] = logo_url
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_domain_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain_name = _parse_domain_name(d.pop("domainName", UNSET))

        def _parse_domain_secondary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain_secondary = _parse_domain_secondary(d.pop("domainSecondary", UNSET))

        def _parse_industry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry = _parse_industry(d.pop("industry", UNSET))

        def _parse_company_size(data: object) -> AccountCompanySize | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                company_size_type_0 = AccountCompanySize(data)

                return company_size_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountCompanySize | None | Unset, data)

        company_size = _parse_company_size(d.pop("companySize", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

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

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_twitter_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        twitter_url = _parse_twitter_url(d.pop("twitterUrl", UNSET))

        def _parse_logo_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        logo_url = _parse_logo_url(d.pop("logoUrl", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        contact_account_create_request = cls(
            name=name,
            description=description,
            domain_name=domain_name,
            domain_secondary=domain_secondary,
            industry=industry,
            company_size=company_size,
            country=country,
            state=state,
            city=city,
            time_zone_id=time_zone_id,
            linked_in_url=linked_in_url,
            phone=phone,
            twitter_url=twitter_url,
            logo_url=logo_url,
            email=email,
        )

        return contact_account_create_request
