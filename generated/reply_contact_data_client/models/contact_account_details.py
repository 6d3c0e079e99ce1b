from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.account_company_size import AccountCompanySize
from ..models.email_provider import EmailProvider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_account_stage import ContactAccountStage


T = TypeVar("T", bound="ContactAccountDetails")


@_attrs_define
class ContactAccountDetails:
    """A company account with details (single-account answers)."""

    id: int
    name: str
    owner_user_id: int | Unset = UNSET
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
    stage: ContactAccountStage | None | Unset = UNSET
    linked_prospects_count: int | Unset = UNSET
    """ Number of contacts linked to the account. """
    created_date: datetime.datetime | Unset = UNSET
    last_activity_date: datetime.datetime | None | Unset = UNSET
    """ Last activity on the account; accepted as `null` for an account without activity (INFERRED). """
    email_provider: EmailProvider | None | Unset = UNSET
    """ Mail provider resolved from the domain's MX records; `null` when the account
    has no domain or the provider could not be determined.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_account_stage import ContactAccountStage  # noqa: PLC0415

        id = self.id

        name = self.name

        owner_user_id = self.owner_user_id

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

        stage: dict[str, Any] | None | Unset
        if isinstance(self.stage, Unset):
            stage = UNSET
        elif isinstance(self.stage, ContactAccountStage):
            stage = self.stage.to_dict()
        else:
            stage = self.stage

        linked_prospects_count = self.linked_prospects_count

        created_date: str | Unset = UNSET
        if not isinstance(self.created_date, Unset):
            created_date = self.created_date.isoformat()

        last_activity_date: None | str | Unset
        if isinstance(self.last_activity_date, Unset):
            last_activity_date = UNSET
        elif isinstance(self.last_activity_date, datetime.datetime):
            last_activity_date = self.last_activity_date.isoformat()
        else:
            last_activity_date = self.last_activity_date

        email_provider: None | str | Unset
        if isinstance(self.email_provider, Unset):
            email_provider = UNSET
        elif isinstance(self.email_provider, EmailProvider):
            email_provider = self.email_provider.value
        else:
            email_provider = self.email_provider

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if owner_user_id is not UNSET:
            field_dict["ownerUserId"] = owner_user_id
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
        if stage is not UNSET:
            field_dict["stage"] = stage
        if linked_prospects_count is not UNSET:
            field_dict["linkedProspectsCount"] = linked_prospects_count
        if created_date is not UNSET:
            field_dict["createdDate"] = created_date
        if last_activity_date is not UNSET:
            field_dict["lastActivityDate"] = last_activity_date
        if email_provider is not UNSET:
            field_dict["emailProvider"] = email_provider

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_account_stage import ContactAccountStage  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        owner_user_id = d.pop("ownerUserId", UNSET)

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

        def _parse_stage(data: object) -> ContactAccountStage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stage_type_0 = ContactAccountStage.from_dict(data)

                return stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactAccountStage | None | Unset, data)

        stage = _parse_stage(d.pop("stage", UNSET))

        linked_prospects_count = d.pop("linkedProspectsCount", UNSET)

        _created_date = d.pop("createdDate", UNSET)
        created_date: datetime.datetime | Unset
        if isinstance(_created_date, Unset):
            created_date = UNSET
        else:
            created_date = datetime.datetime.fromisoformat(_created_date)

        def _parse_last_activity_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_date_type_0 = datetime.datetime.fromisoformat(data)

                return last_activity_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_activity_date = _parse_last_activity_date(d.pop("lastActivityDate", UNSET))

        def _parse_email_provider(data: object) -> EmailProvider | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                email_provider_type_0 = EmailProvider(data)

                return email_provider_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmailProvider | None | Unset, data)

        email_provider = _parse_email_provider(d.pop("emailProvider", UNSET))

        contact_account_details = cls(
            id=id,
            name=name,
            owner_user_id=owner_user_id,
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
            stage=stage,
            linked_prospects_count=linked_prospects_count,
            created_date=created_date,
            last_activity_date=last_activity_date,
            email_provider=email_provider,
        )

        contact_account_details.additional_properties = d
        return contact_account_details

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
