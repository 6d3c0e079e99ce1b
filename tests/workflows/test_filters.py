"""Filter builders: exact request bodies, validation before sending, and end to end through the
facade against the sandbox (filter, count, pagination; accounts), sync and async."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from reply_contacts import AsyncReplyContacts, ReplyContacts
from reply_contacts._plan import run_async, run_sync
from reply_contacts.filters import (
    AccountFields,
    AccountFilter,
    AccountRule,
    ContactFields,
    ContactFilter,
    ContactRule,
    FilterError,
    filter_query,
    resolve_filter_body,
    segments,
)
from reply_contacts.pagination import AsyncPaginator, Paginator
from reply_contacts.sandbox import Sandbox

# -- contact rules: exact bodies -----------------------------------------------------------------


def test_issue_example_reads_as_written_despite_operator_precedence() -> None:
    # Python parses this as (A & ContactFields.country) == "US"; the builder completes it.
    built = ContactFields.title.contains("VP") & ContactFields.country == "US"
    assert isinstance(built, ContactFilter)
    assert built.to_body() == {
        "rules": [
            {"property": "title", "condition": "contains", "value": "VP"},
            {"property": "country", "condition": "equals", "value": "US"},
        ]
    }
    assert built == ContactFields.title.contains("VP") & (ContactFields.country == "US")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            ContactFields.email == "a@b.co",
            {"property": "email", "condition": "equals", "value": "a@b.co"},
        ),
        (
            ContactFields.last_name != "Doe",
            {"property": "lastName", "condition": "notEquals", "value": "Doe"},
        ),
        (
            ContactFields.company.not_contains("Inc"),
            {"property": "company", "condition": "notContains", "value": "Inc"},
        ),
        (
            ContactFields.first_name.starts_with("An"),
            {"property": "firstName", "condition": "startsWith", "value": "An"},
        ),
        (
            ContactFields.email.ends_with("@x.io"),
            {"property": "email", "condition": "endsWith", "value": "@x.io"},
        ),
        (ContactFields.phone.is_set(), {"property": "phone", "condition": "isSet"}),
        (ContactFields.city.is_not_set(), {"property": "city", "condition": "isNotSet"}),
        (ContactFields.title == None, {"property": "title", "condition": "isNotSet"}),  # noqa: E711
        (ContactFields.title != None, {"property": "title", "condition": "isSet"}),  # noqa: E711
        (
            ContactFields.country.in_(["US", "CA"]),
            {"property": "country", "condition": "in", "value": "US,CA"},
        ),
        (
            ContactFields.state.not_in(("NY",)),
            {"property": "state", "condition": "notIn", "value": "NY"},
        ),
        (
            ContactFields.owner_user_id == 2,
            {"property": "ownerUserId", "condition": "equals", "value": "2"},
        ),
        (
            ContactFields.account_id.in_([3, 4]),
            {"property": "accountId", "condition": "in", "value": "3,4"},
        ),
        (
            ContactFields.is_opted_out.equals(False),
            {"property": "isOptedOut", "condition": "equals", "value": "false"},
        ),
        (
            ContactFields.call_status == "TOCALL",
            {"property": "callStatus", "condition": "equals", "value": "toCall"},
        ),
        (
            ContactFields.meeting_status != "meetingBooked",
            {"property": "meetingStatus", "condition": "notEquals", "value": "meetingBooked"},
        ),
        (
            ContactFields.company_size == "fifty",
            {"property": "companySize", "condition": "equals", "value": "Fifty"},
        ),
        (
            ContactFields.custom(150697) == "Won",
            {"property": "customField:150697", "condition": "equals", "value": "Won"},
        ),
        (
            ContactFields.custom("42").contains("x"),
            {"property": "customField:42", "condition": "contains", "value": "x"},
        ),
        (
            ContactFields.field("leadScore").where("greaterThan", 7),
            {"property": "leadScore", "condition": "greaterThan", "value": "7"},
        ),
        (
            ContactFields.title.where("MatchesRegex", "^VP"),
            {"property": "title", "condition": "MatchesRegex", "value": "^VP"},
        ),
        (ContactFields.title.where("IsSet"), {"property": "title", "condition": "isSet"}),
        (
            ContactFields.field("tags").where("anyOf", ["a", "b"]),
            {"property": "tags", "condition": "anyOf", "value": "a,b"},
        ),
        (
            ~ContactFields.title.contains("VP"),
            {"property": "title", "condition": "notContains", "value": "VP"},
        ),
        (~ContactFields.phone.is_set(), {"property": "phone", "condition": "isNotSet"}),
    ],
)
def test_rule_bodies(rule: ContactRule, expected: dict[str, object]) -> None:
    assert rule.to_dict() == expected
    # A bare rule is a whole filter: it can be passed to filter/count directly.
    assert rule.to_body() == {"rules": [expected]}


def test_full_filter_body_has_only_set_members_in_camel_case() -> None:
    built = (
        (ContactFields.title.contains("VP") & (ContactFields.owner_user_id == 1))
        .in_list(10)
        .in_sequence(5, step_id=7)
        .search("acme")
        .sort(ContactFields.last_name, "DESC")
    )
    assert built.to_body() == {
        "rules": [
            {"property": "title", "condition": "contains", "value": "VP"},
            {"property": "ownerUserId", "condition": "equals", "value": "1"},
        ],
        "listId": 10,
        "sequenceId": 5,
        "sequenceStepId": 7,
        "searchTerm": "acme",
        "sortBy": "lastName",
        "sortDirection": "desc",
    }
    assert ContactFilter().to_body() == {}
    assert ContactFilter(search="x").to_body() == {"searchTerm": "x"}
    assert ContactFilter(sort_by="email").to_body() == {"sortBy": "email"}


def test_filters_are_immutable_values() -> None:
    base = ContactFilter(ContactFields.title.contains("VP"))
    scoped = base.in_list(3)
    assert base.list_id is None and scoped.list_id == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        base.list_id = 4  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ContactFields.title.contains("VP").value = "x"  # type: ignore[misc]
    assert base == ContactFilter(ContactFields.title.contains("VP"))
    assert hash(base) == hash(ContactFilter(ContactFields.title.contains("VP")))
    assert repr(scoped) == "ContactFilter(title contains 'VP', list_id=3)"


def test_and_merges_filters_and_refuses_conflicting_scopes() -> None:
    left = ContactFilter(ContactFields.title.contains("VP"), list_id=1)
    right = ContactFilter(ContactFields.country == "US", search="x")
    merged = left & right
    assert merged.to_body() == {
        "rules": [
            {"property": "title", "condition": "contains", "value": "VP"},
            {"property": "country", "condition": "equals", "value": "US"},
        ],
        "listId": 1,
        "searchTerm": "x",
    }
    with pytest.raises(FilterError, match="different list_id"):
        _ = left & ContactFilter(list_id=2)


def test_or_is_refused_with_an_explanation() -> None:
    with pytest.raises(TypeError, match=r"ANDs every rule.*no OR"):
        _ = ContactFields.title.contains("VP") | (ContactFields.country == "US")
    with pytest.raises(TypeError, match="no OR"):
        _ = ContactFilter() | ContactFields.title.contains("VP")
    with pytest.raises(TypeError, match="no OR"):
        _ = (AccountFields.name == "a") | (AccountFields.name == "b")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ContactFields.title.contains(5), "ContactFields.title compares text"),
        (lambda: ContactFields.owner_user_id == "2", "compares integers"),
        (lambda: ContactFields.owner_user_id == True, "compares integers"),  # noqa: E712
        (lambda: ContactFields.is_opted_out == "yes", "true or false"),
        (lambda: ContactFields.is_opted_out.contains("x"), "does not support contains"),
        (ContactFields.is_opted_out.is_set, "does not support isSet"),
        (lambda: ContactFields.call_status == "dialled", "one of none, toCall, called"),
        (lambda: ContactFields.owner_user_id.contains(1), "does not support contains"),
        (lambda: ContactFields.country.in_("US"), "takes a list"),
        (lambda: ContactFields.country.in_([]), "at least one value"),
        (lambda: ContactFields.country.in_(["A,B"]), "cannot contain ','"),
        (lambda: ContactFields.title.where("isSet", "x"), "takes no value"),
        (lambda: ContactFields.title.where("", "x"), "needs a condition name"),
        (lambda: ContactFields.field(""), "non-empty"),
        (lambda: ContactFields.custom(""), "title or id"),
        (lambda: ContactFields.custom(0), "positive 32-bit"),
        (lambda: ContactRule("", "equals", "x"), "needs a property"),
        (lambda: ContactRule("  ", "equals", "x"), "needs a property"),
        (lambda: ContactRule("title", "", "x"), "needs a condition"),
        (lambda: ContactRule("title", "isSet", "x"), "takes no value"),
        (lambda: ContactRule("title", "equals"), "needs a value"),
        (lambda: ContactRule("title", "equals", 3), "must be a string"),  # type: ignore[arg-type]
        (lambda: ContactFilter(sequence_step_id=3), "sequence_step_id needs sequence_id"),
        (lambda: ContactFilter(sort_direction="up"), "'asc' or 'desc'"),
        (lambda: ContactFilter().sort("email", "sideways"), "'asc' or 'desc'"),
        (lambda: ContactFilter(sort_by=""), "sort_by"),
        (lambda: ContactFilter(list_id=0), "list_id must be a positive"),
        (lambda: ContactFilter(list_id=True), "list_id must be a positive"),
        (lambda: ContactFilter().search("  "), "search term"),
        (lambda: ContactFilter(["title"]), "holds ContactRule objects"),  # type: ignore[list-item]
        (lambda: ~ContactFields.title.where("fuzzy", "x"), "cannot negate"),
    ],
)
def test_validation_names_the_problem(build: object, message: str) -> None:
    with pytest.raises(FilterError, match=message):
        build()  # type: ignore[operator]


def test_filter_error_is_a_value_error() -> None:
    assert issubclass(FilterError, ValueError)


def test_incomplete_expressions_fail_clearly() -> None:
    with pytest.raises(TypeError, match="has no condition yet"):
        _ = ContactFields.title & ContactFields.country  # type: ignore[operator]
    pending = ContactFields.title.contains("VP") & ContactFields.country
    with pytest.raises(FilterError, match="without a comparison"):
        pending.to_body()


def test_custom_field_titles_must_be_resolved_before_sending() -> None:
    unresolved = ContactFilter(ContactFields.custom("Deal Stage") == "Won")
    assert not unresolved.resolved
    with pytest.raises(FilterError, match="'Deal Stage' is named by title"):
        unresolved.to_body()
    assert ContactFilter(ContactFields.custom(7) == "Won").resolved


# -- account rules: exact bodies -----------------------------------------------------------------


def test_account_filter_body_with_typed_values() -> None:
    since = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    built = (
        (
            (AccountFields.owner_id == 2)
            & AccountFields.company_size.in_(["51-200", "empty"])
            & (AccountFields.number_of_contacts >= 3)
            & (AccountFields.last_activity_date > since)
            & (AccountFields.created_date <= datetime.date(2026, 6, 1))
            & AccountFields.name.contains("Acme")
            & AccountFields.domain_name.is_not_null()
            & AccountFields.stage.in_([1, 3])
            & AccountFields.sequence.contains(9)
        )
        .search("ac")
        .in_list(4)
        .sort("name", "desc")
    )
    assert built.to_body() == {
        "filters": [
            {"property": "OwnerId", "condition": "Equals", "values": 2},
            {"property": "CompanySize", "condition": "In", "values": ["51-200", "Empty"]},
            {"property": "NumberOfContacts", "condition": "GreaterEqualThan", "values": 3},
            {
                "property": "LastActivityDate",
                "condition": "GreaterThan",
                "values": "2026-01-02T03:04:05+00:00",
            },
            {"property": "CreatedDate", "condition": "LowerEqualThan", "values": "2026-06-01"},
            {"property": "Name", "condition": "CollectionContains", "values": "Acme"},
            {"property": "DomainName", "condition": "IsNotNull", "values": None},
            {"property": "Stage", "condition": "In", "values": [1, 3]},
            {"property": "Sequence", "condition": "CollectionContains", "values": 9},
        ],
        "search": "ac",
        "listId": 4,
        "sortBy": "name",
        "sortDirection": "desc",
    }


def test_account_precedence_and_helpers() -> None:
    built = (AccountFields.owner_id == 1) & AccountFields.number_of_contacts > 5
    assert isinstance(built, AccountFilter)
    assert [r.condition for r in built.filters] == ["Equals", "GreaterThan"]
    window = AccountFields.last_activity_between("2026-01-01", datetime.datetime(2026, 2, 1))
    assert window.to_body() == {
        "filters": [
            {
                "property": "LastActivityDateFrom",
                "condition": "GreaterEqualThan",
                "values": "2026-01-01",
            },
            {
                "property": "LastActivityDateTo",
                "condition": "LowerEqualThan",
                "values": "2026-02-01T00:00:00+00:00",
            },
        ]
    }
    assert (AccountFields.name == None).to_dict()["condition"] == "IsNull"  # noqa: E711
    assert (~(AccountFields.industry == "Software")).condition == "NotEquals"
    assert (AccountFields.name == "Acme").to_body() == {
        "filters": [{"property": "Name", "condition": "Equals", "values": "Acme"}]
    }


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: AccountFields.owner_id == "2", "compares integers"),
        (lambda: AccountFields.stage == "Qualified", "compares integers"),
        (lambda: AccountFields.number_of_contacts > 2.5, "compares integers"),
        (lambda: AccountFields.created_date > "yesterday", "ISO 8601"),
        (lambda: AccountFields.created_date > 5, "datetime"),
        (lambda: AccountFields.company_size == "huge", "one of Empty"),
        (lambda: AccountFields.name > "b", "does not support GreaterThan"),
        (lambda: AccountFields.company_size.contains("5"), "does not support CollectionContains"),
        (lambda: AccountFields.name.in_("abc"), "takes a list"),
        (lambda: AccountFields.name.where("Like", "a"), "unknown account condition"),
        (lambda: AccountRule("Revenue", "Equals", 1), "unknown account property"),
        (lambda: AccountRule("Name", "In", "x"), "non-empty list"),
        (lambda: AccountRule("Name", "In", []), "non-empty list"),
        (lambda: AccountRule("Name", "Equals", ["x"]), "takes one value"),
        (lambda: AccountRule("Name", "Equals"), "needs a value"),
        (lambda: AccountRule("Name", "IsNull", "x"), "takes no value"),
        (lambda: AccountFilter(sort_direction="sideways"), "'asc' or 'desc'"),
        (lambda: AccountFilter(list_id=-1), "list_id"),
        (AccountFields.last_activity_between, "needs a start"),
        (lambda: ~(AccountFields.number_of_contacts > 1), "cannot negate"),
        (lambda: (AccountFields.name == "a") & (ContactFields.title == "x"), "cannot combine"),
    ],
)
def test_account_validation(build: object, message: str) -> None:
    with pytest.raises((FilterError, TypeError), match=message):
        build()  # type: ignore[operator]


def test_at_most_twenty_account_conditions() -> None:
    twenty = AccountFilter([AccountFields.owner_id == n for n in range(1, 21)])
    assert len(twenty.to_body()["filters"]) == 20
    with pytest.raises(FilterError, match="at most 20 conditions, got 21"):
        _ = twenty & (AccountFields.name == "x")
    with pytest.raises(FilterError, match="at most 20"):
        AccountFilter([AccountFields.owner_id == n for n in range(1, 22)])


# -- segments ------------------------------------------------------------------------------------


def test_segments_read_naturally() -> None:
    assert segments.by_owner(3).to_body() == {
        "rules": [{"property": "ownerUserId", "condition": "equals", "value": "3"}]
    }
    assert segments.by_custom_field(77, "Won").to_body() == {
        "rules": [{"property": "customField:77", "condition": "equals", "value": "Won"}]
    }
    assert segments.by_custom_field(77, None).to_body() == {
        "rules": [{"property": "customField:77", "condition": "isNotSet"}]
    }
    assert segments.by_status(call_status="called", opted_out=False).to_body() == {
        "rules": [
            {"property": "callStatus", "condition": "equals", "value": "called"},
            {"property": "isOptedOut", "condition": "equals", "value": "false"},
        ]
    }
    with pytest.raises(FilterError, match="needs call_status"):
        segments.by_status()
    segment = segments.re_engagement(list_id=9, owner_user_id=2, exclude_called=True)
    assert segment.to_body() == {
        "rules": [
            {"property": "isOptedOut", "condition": "equals", "value": "false"},
            {"property": "meetingStatus", "condition": "equals", "value": "none"},
            {"property": "callStatus", "condition": "notEquals", "value": "called"},
            {"property": "ownerUserId", "condition": "equals", "value": "2"},
        ],
        "listId": 9,
    }


# -- end to end ----------------------------------------------------------------------------------


def _seed_people(sb: Sandbox) -> dict[str, int]:
    ids = sb.seed_contacts(
        [
            {
                "firstName": "Ann",
                "lastName": "Zed",
                "email": "ann@acme.io",
                "title": "VP Sales",
                "country": "US",
            },
            {
                "firstName": "Bob",
                "lastName": "Young",
                "email": "bob@acme.io",
                "title": "VP Eng",
                "country": "DE",
            },
            {
                "firstName": "Cy",
                "lastName": "Xu",
                "email": "cy@acme.io",
                "title": "Engineer",
                "country": "US",
            },
            {
                "firstName": "Di",
                "lastName": "Wu",
                "email": "di@beta.io",
                "title": "SVP Ops",
                "country": "US",
                "isOptedOut": True,
            },
            {
                "firstName": "Ed",
                "lastName": "Vo",
                "email": "ed@beta.io",
                "title": "VP Ops",
                "country": "US",
                "ownerUserId": 2,
                "meetingStatus": "meetingBooked",
            },
        ]
    )
    return dict(zip(["ann", "bob", "cy", "di", "ed"], ids, strict=True))


def test_filter_and_count_through_the_facade(client: ReplyContacts, sb: Sandbox) -> None:
    people = _seed_people(sb)
    vps_in_us = ContactFields.title.contains("VP") & ContactFields.country == "US"
    found = [c.id for c in client.contacts.filter(vps_in_us.sort(ContactFields.first_name))]
    assert found == [people["ann"], people["di"], people["ed"]]
    assert client.contacts.count(vps_in_us.sort(ContactFields.first_name, "desc")) == 3
    # A bare rule works too, and so does a page.
    assert client.contacts.count(ContactFields.email.ends_with("@beta.io")) == 2
    page = client.contacts.filter_page(vps_in_us.sort(ContactFields.first_name, "desc"), top=2)
    assert [c.id for c in page.items] == [people["ed"], people["di"]] and page.has_more
    # Pagination walks every page of a filter.
    every = client.contacts.filter(ContactFilter().search("acme.io"), page_size=1).to_list()
    assert sorted(c.id for c in every) == sorted([people["ann"], people["bob"], people["cy"]])

    segment = segments.re_engagement() & ContactFields.title.contains("VP")
    assert {c.id for c in client.contacts.filter(segment)} == {people["ann"], people["bob"]}
    assert client.contacts.count(segments.by_owner(2)) == 1


async def test_filter_and_count_async(aclient: AsyncReplyContacts, sb: Sandbox) -> None:
    people = _seed_people(sb)
    built = ContactFields.title.contains("VP") & (ContactFields.is_opted_out == False)  # noqa: E712
    found = [c.id async for c in aclient.contacts.filter(built.sort("email", "desc"))]
    assert found == [people["ed"], people["bob"], people["ann"]]
    assert await aclient.contacts.count(built & (ContactFields.meeting_status == "none")) == 2


def test_list_and_sequence_scopes(client: ReplyContacts, sb: Sandbox) -> None:
    people = _seed_people(sb)
    target = client.contact_lists.create(name="Targets")
    client.contact_lists.add_contacts(target.id, [people["ann"], people["cy"]])
    steps = sb.sequence_steps(1)
    sb.seed(enrollments=[{"contactId": people["bob"], "sequenceId": 1}])
    assert (
        client.contacts.count(ContactFilter(ContactFields.country == "US").in_list(target.id)) == 2
    )
    assert [
        c.id for c in client.contacts.filter(ContactFilter().in_sequence(1, step_id=steps[0]))
    ] == [people["bob"]]


def _deal_stage(client: ReplyContacts, people: dict[str, int]) -> int:
    field = client.custom_fields.create(title="Deal Stage", field_type="text")
    client.contacts.update(people["ann"], custom_fields={"Deal Stage": "Closed Lost"})
    client.contacts.update(people["bob"], custom_fields={"Deal Stage": "Won"})
    return int(field.id)


def test_custom_fields_by_id_and_by_title(client: ReplyContacts, sb: Sandbox) -> None:
    people = _seed_people(sb)
    field_id = _deal_stage(client, people)
    by_id = ContactFilter(ContactFields.custom(field_id) == "closed lost")
    assert [c.id for c in client.contacts.filter(by_id)] == [people["ann"]]

    by_title = segments.re_engagement(custom_fields={"Deal Stage": "Closed Lost"})
    # The facade resolves custom-field titles through the client's catalog before sending.
    assert client.contacts.count(by_title) == 1
    fresh = ReplyContacts(api_key=sb.api_key, base_url=sb.url, rate_limit=None)
    sb.reset_stats()
    body = run_sync(fresh._generated, resolve_filter_body(by_title, fresh.field_catalog))
    assert body["rules"][-1] == {
        "property": f"customField:{field_id}",
        "condition": "equals",
        "value": "Closed Lost",
    }
    assert sb.stats()["byOperation"] == {"GetCustomFields": 1}
    assert client.contacts.count(body) == 1
    # The paginated form resolves as part of its first page (the catalog is now cached).
    sb.reset_stats()
    pages = Paginator(fresh.contacts._run, filter_query(by_title, fresh.field_catalog))
    assert [c.id for c in pages] == [people["ann"]]
    assert sb.stats()["byOperation"] == {"FilterContacts": 1}
    fresh.close()

    with pytest.raises(FilterError, match="no custom field 'Nope'"):
        run_sync(
            client._generated,
            ContactFilter(ContactFields.custom("Nope") == "x").resolve(client.field_catalog),
        )


async def test_custom_field_title_resolution_async(
    aclient: AsyncReplyContacts, client: ReplyContacts, sb: Sandbox
) -> None:
    people = _seed_people(sb)
    _deal_stage(client, people)
    wanted = segments.by_custom_field("deal stage", "Won")
    body = await run_async(aclient._generated, resolve_filter_body(wanted, aclient.field_catalog))
    assert [c.id async for c in aclient.contacts.filter(body)] == [people["bob"]]
    pages = AsyncPaginator(aclient.contacts._run_async, filter_query(wanted, aclient.field_catalog))
    assert [c.id async for c in pages] == [people["bob"]]


def _seed_accounts(client: ReplyContacts) -> dict[str, int]:
    report = client.workflows.create_accounts(
        [
            {
                "name": "Acme Corp",
                "domainName": "acme.io",
                "companySize": "51-200",
                "country": "US",
            },
            {"name": "Beta LLC", "domainName": "beta.io", "companySize": "2-10", "country": "DE"},
            {"name": "Gamma Inc", "companySize": "51-200", "industry": "Software"},
        ]
    )
    assert report.ok
    return dict(zip(["acme", "beta", "gamma"], report.created_ids, strict=True))


def test_account_filter_end_to_end(client: ReplyContacts, sb: Sandbox) -> None:
    accounts = _seed_accounts(client)
    mid = AccountFields.company_size == "51-200"
    assert [a.id for a in client.accounts.filter(mid)] == [accounts["acme"], accounts["gamma"]]
    assert [a.id for a in client.accounts.filter(mid & AccountFields.domain_name.is_null())] == [
        accounts["gamma"]
    ]
    assert [a.id for a in client.accounts.filter(AccountFilter().search("beta"))] == [
        accounts["beta"]
    ]
    recent = AccountFields.created_date >= datetime.datetime.now(datetime.UTC) - datetime.timedelta(
        days=1
    )
    assert len(client.accounts.filter(recent & (AccountFields.owner_id == 1)).to_list()) == 3
    assert client.accounts.filter(AccountFields.owner_id == 2).to_list() == []
    ordered = AccountFilter(AccountFields.country.is_not_null()).sort("name", "desc")
    assert [a.id for a in client.accounts.filter(ordered)] == [accounts["beta"], accounts["acme"]]


async def test_account_filter_async(
    aclient: AsyncReplyContacts, client: ReplyContacts, sb: Sandbox
) -> None:
    accounts = _seed_accounts(client)
    listed = await aclient.workflows.organize_accounts("Mid market", [accounts["acme"]])
    assert listed.ok
    account_list = await aclient.account_lists.find_by_name("Mid market")
    assert account_list is not None
    in_list = AccountFilter(AccountFields.company_size == "51-200").in_list(account_list.id)
    assert [a.id async for a in aclient.accounts.filter(in_list)] == [accounts["acme"]]
