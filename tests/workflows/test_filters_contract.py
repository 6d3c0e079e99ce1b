"""The filter builders follow the generated contract, read when used: a vocabulary or a limit
changed in the contract changes what the builders accept with no edit. Also: the public names
cannot be mistaken for generated record models, and custom-field titles are resolved by the
client's field catalog (one lookup per filter, sync and async, over real HTTP)."""

from __future__ import annotations

import dataclasses

import pytest
import reply_contacts
from reply_contact_data_client import models
from reply_contact_data_client.contract import Limit, Operations, Vocabularies
from reply_contacts import AsyncReplyContacts, ReplyContacts, filters
from reply_contacts._plan import run_async, run_sync
from reply_contacts.filters import (
    AccountFields,
    AccountFilter,
    AccountRule,
    ContactFields,
    ContactFilter,
    ContactRule,
    FilterError,
    resolve_filter_body,
    segments,
)
from reply_contacts.sandbox import Sandbox

# -- names ---------------------------------------------------------------------------------------


def test_no_filter_name_is_a_generated_model_name() -> None:
    assert set(filters.__all__).isdisjoint(models.__all__)
    from_filters = {name for name in reply_contacts.__all__ if name in filters.__all__}
    assert from_filters == {
        "AccountFields",
        "AccountFilter",
        "ContactFields",
        "ContactFilter",
        "FilterError",  # what a filter built wrong raises: exported like every error class
    }
    assert reply_contacts.ContactFields is ContactFields
    assert reply_contacts.AccountFields is AccountFields
    assert reply_contacts.ContactFilter is ContactFilter
    assert reply_contacts.AccountFilter is AccountFilter
    # The record is the generated model, reached only through `models`.
    assert reply_contacts.models.Contact is models.Contact
    with pytest.raises(AttributeError):
        _ = reply_contacts.Contact  # type: ignore[attr-defined]


def test_namespaces_are_not_instantiated() -> None:
    with pytest.raises(TypeError, match="namespace"):
        ContactFields()
    with pytest.raises(TypeError, match="namespace"):
        AccountFields()


def test_account_namespace_names_every_contract_property() -> None:
    named = {
        getattr(AccountFields, attribute).name
        for attribute in vars(AccountFields)
        if not attribute.startswith("_")
        and not callable(getattr(AccountFields, attribute))
        and attribute not in {"field", "last_activity_between"}
    }
    assert named == set(Vocabularies.AccountFilterProperty)
    assert AccountFields.field("company_size").name == "CompanySize"
    assert AccountFields.field("LINKEDINURL").name == "LinkedInUrl"
    with pytest.raises(FilterError, match="unknown account property 'Revenue'"):
        AccountFields.field("Revenue")


# -- vocabularies and limits are read from the contract when used ---------------------------------


def test_contact_enums_follow_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (ContactFields.call_status == "CALLED").value == "called"
    monkeypatch.setattr(Vocabularies, "CallStatus", ("none", "voicemail"))
    assert (ContactFields.call_status == "Voicemail").value == "voicemail"
    with pytest.raises(FilterError, match="one of none, voicemail; got 'called'"):
        _ = ContactFields.call_status == "called"
    monkeypatch.setattr(Vocabularies, "MeetingStatus", ("none", "meetingBooked", "held"))
    assert segments.by_status(meeting_status="held").to_body()["rules"][0]["value"] == "held"
    monkeypatch.setattr(Vocabularies, "ContactCompanySize", ("Tiny", "Huge"))
    assert (ContactFields.company_size == "tiny").value == "Tiny"
    with pytest.raises(FilterError, match="one of Tiny, Huge"):
        _ = ContactFields.company_size == "Fifty"


def test_account_conditions_follow_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    conditions = (*Vocabularies.AccountFilterCondition, "StartsWith")
    monkeypatch.setattr(Vocabularies, "AccountFilterCondition", conditions)
    # A condition the contract adds is accepted as written, by rule or by field.
    assert AccountRule("Name", "StartsWith", "Ac").to_dict()["condition"] == "StartsWith"
    assert AccountFields.name.where("startswith", "Ac").to_dict() == {
        "property": "Name",
        "condition": "StartsWith",
        "values": "Ac",
    }
    # A condition the contract drops is refused before anything is sent.
    monkeypatch.setattr(
        Vocabularies, "AccountFilterCondition", tuple(c for c in conditions if c != "GreaterThan")
    )
    with pytest.raises(FilterError, match="lists no account condition 'GreaterThan'"):
        _ = AccountFields.number_of_contacts > 3
    with pytest.raises(FilterError, match="unknown account condition 'GreaterThan'"):
        AccountRule("NumberOfContacts", "GreaterThan", 3)
    with pytest.raises(FilterError, match="unknown account condition"):
        AccountFields.number_of_contacts.where("GreaterThan", 3)


def test_account_properties_and_sizes_follow_the_contract(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    properties = (*Vocabularies.AccountFilterProperty, "AnnualRevenue")
    monkeypatch.setattr(Vocabularies, "AccountFilterProperty", properties)
    revenue = AccountFields.field("annual_revenue")
    assert (revenue >= 1_000_000).to_dict() == {
        "property": "AnnualRevenue",
        "condition": "GreaterEqualThan",
        "values": 1_000_000,
    }
    assert AccountRule("AnnualRevenue", "Equals", 5).values == 5
    monkeypatch.setattr(
        Vocabularies, "AccountFilterProperty", tuple(p for p in properties if p != "Sequence")
    )
    with pytest.raises(FilterError, match="unknown account property 'sequence'"):
        _ = AccountFields.sequence
    monkeypatch.setattr(Vocabularies, "AccountCompanySize", ("Small", "Large"))
    assert (AccountFields.company_size == "large").values == "Large"
    with pytest.raises(FilterError, match="one of Small, Large"):
        _ = AccountFields.company_size == "51-200"


def test_condition_cap_follows_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    operation = Operations.filter_contact_accounts
    three = [AccountFields.owner_id == n for n in range(1, 4)]
    capped = dataclasses.replace(
        operation, limits=(Limit(location="body", pointer="/filters", max_items=2),)
    )
    monkeypatch.setattr(Operations, "filter_contact_accounts", capped)
    with pytest.raises(FilterError, match="at most 2 conditions, got 3"):
        AccountFilter(three)
    # No maxItems in the contract: no cap.
    monkeypatch.setattr(
        Operations, "filter_contact_accounts", dataclasses.replace(operation, limits=())
    )
    assert len(AccountFilter(three * 10).filters) == 30


def test_sort_directions_follow_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ContactFilter().sort("email", "DESC").sort_direction == "desc"
    monkeypatch.setattr(Vocabularies, "SortDirection", ("ascending", "descending"))
    assert AccountFilter().sort("name", "Descending").sort_direction == "descending"
    with pytest.raises(FilterError, match="'ascending' or 'descending', got 'desc'"):
        ContactFilter().sort("email", "desc")


# -- one base, two families ----------------------------------------------------------------------


def test_both_families_share_the_same_behaviour() -> None:
    # == None / != None, ~, in_ and where(case aside) mean the same in both dialects.
    assert (ContactFields.title == None).condition == "isNotSet"  # noqa: E711
    assert (AccountFields.name == None).condition == "IsNull"  # noqa: E711
    assert (~(ContactFields.title != None)).condition == "isNotSet"  # noqa: E711
    assert (~(AccountFields.name != None)).condition == "IsNull"  # noqa: E711
    assert ContactFields.title.where("NOTEQUALS", "x").condition == "notEquals"
    assert AccountFields.name.where("notequals", "x").condition == "NotEquals"
    assert ContactFields.owner_user_id.in_([1, 2]).value == "1,2"
    assert AccountFields.owner_id.in_([1, 2]).values == [1, 2]
    assert AccountFilter().sort(AccountFields.name).sort_by == "Name"
    assert repr(AccountFilter()) == "AccountFilter(all accounts)"
    assert repr(ContactFilter()) == "ContactFilter(all contacts)"
    with pytest.raises(TypeError, match="cannot combine a contact filter with an account rule"):
        _ = ContactFilter() & (AccountFields.name == "x")
    with pytest.raises(TypeError, match="cannot combine an account filter with a contact"):
        _ = AccountFilter() & ContactFilter()
    with pytest.raises(TypeError, match="has no condition yet"):
        _ = AccountFields.name & (AccountFields.city == "x")  # type: ignore[operator]
    with pytest.raises(FilterError, match="without a comparison"):
        (AccountFilter() & AccountFields.name).to_body()
    with pytest.raises(FilterError, match=r"ContactFields\.is_opted_out does not support in"):
        ContactFields.is_opted_out.where("in", [True])
    with pytest.raises(FilterError, match=r"AccountFields\.company_size does not support Greater"):
        _ = AccountFields.company_size > "51-200"
    with pytest.raises(FilterError, match="cannot contain ','"):
        ContactFields.field("tags").where("anyOf", ["a,b"])


def test_sorting_by_a_custom_field_named_by_title_is_refused() -> None:
    assert ContactFilter().sort(ContactFields.custom(7)).sort_by == "customField:7"
    with pytest.raises(FilterError, match="named by title"):
        ContactFilter().sort(ContactFields.custom("Deal Stage"))


# -- custom-field titles: resolved by the catalog --------------------------------------------------


def _fields(client: ReplyContacts) -> dict[str, int]:
    stage = client.custom_fields.create(title="Deal Stage", field_type="text")
    score = client.custom_fields.create(title="Lead Score", field_type="number")
    return {"Deal Stage": int(stage.id), "Lead Score": int(score.id)}


def _two_titles() -> ContactFilter:
    return ContactFilter(
        [ContactFields.custom("deal stage") == "Won", ContactFields.custom("Lead Score") == 9]
    )


def test_catalog_resolves_every_title_of_a_filter_in_one_lookup(
    client: ReplyContacts, sb: Sandbox
) -> None:
    ids = _fields(client)
    fresh = ReplyContacts(api_key=sb.api_key, base_url=sb.url, rate_limit=None)
    try:
        sb.reset_stats()
        catalog = fresh.field_catalog
        resolved = run_sync(fresh._generated, _two_titles().resolve(catalog))
        assert [rule.property for rule in resolved.rules] == [
            f"customField:{ids['Deal Stage']}",
            f"customField:{ids['Lead Score']}",
        ]
        assert resolved.resolved
        assert sb.stats()["byOperation"] == {"GetCustomFields": 1}
        # Loaded: no request; a filter without titles never asks.
        sb.reset_stats()
        assert run_sync(fresh._generated, catalog.ids_by_title(["Lead Score"])) == {
            "Lead Score": ids["Lead Score"]
        }
        assert run_sync(fresh._generated, ContactFilter().resolve(catalog)) == ContactFilter()
        # A title the loaded catalog misses costs exactly one refresh, then fails clearly.
        with pytest.raises(FilterError, match=r"rule customField:'Nope' equals 'x': no custom"):
            run_sync(
                fresh._generated,
                (_two_titles() & (ContactFields.custom("Nope") == "x")).resolve(catalog),
            )
        assert sb.stats()["byOperation"] == {"GetCustomFields": 1}
    finally:
        fresh.close()


def test_catalog_request_body_takes_every_filter_input(client: ReplyContacts) -> None:
    ids = _fields(client)
    catalog = client.field_catalog
    rule = ContactFields.custom("Deal Stage") == "Won"
    wanted = {
        "rules": [
            {"property": f"customField:{ids['Deal Stage']}", "condition": "equals", "value": "Won"}
        ]
    }
    assert run_sync(client._generated, catalog.request_body(rule)) == wanted
    assert run_sync(client._generated, catalog.request_body(ContactFilter(rule))) == wanted
    assert run_sync(client._generated, resolve_filter_body(rule, catalog)) == wanted
    assert run_sync(client._generated, catalog.request_body(wanted)) == wanted
    request = models.ContactFilterRequest.from_dict({"searchTerm": "x"})
    assert run_sync(client._generated, catalog.request_body(request)) == {"searchTerm": "x"}
    assert run_sync(client._generated, catalog.request_body(None)) == {}
    assert isinstance(rule, ContactRule)


async def test_catalog_resolution_async(
    aclient: AsyncReplyContacts, client: ReplyContacts, sb: Sandbox
) -> None:
    ids = _fields(client)
    (ann,) = sb.seed_contacts([{"firstName": "Ann", "email": "ann@acme.io"}])
    client.contacts.update(ann, custom_fields={"Deal Stage": "Won", "Lead Score": "9"})
    sb.reset_stats()
    ids_found = await run_async(
        aclient._generated, aclient.field_catalog.ids_by_title(["DEAL STAGE", "lead score"])
    )
    assert ids_found == {"DEAL STAGE": ids["Deal Stage"], "lead score": ids["Lead Score"]}
    assert sb.stats()["byOperation"] == {"GetCustomFields": 1}
    assert [c.id async for c in aclient.contacts.filter(_two_titles())] == [ann]
    assert await aclient.contacts.count(_two_titles().search("acme")) == 1
    with pytest.raises(FilterError, match="no custom field 'Nope'"):
        await aclient.contacts.count(ContactFields.custom("Nope") == "x")


def test_unknown_title_through_the_client_is_a_filter_error(client: ReplyContacts) -> None:
    _fields(client)
    with pytest.raises(FilterError, match="no custom field 'Nope'"):
        client.contacts.count(ContactFields.custom("Nope") == "x")
    with pytest.raises(FilterError, match="no custom field 'Nope'"):
        client.contacts.filter(segments.by_custom_field("Nope", "x")).to_list()
