"""Account workflows against the sandbox over HTTP: bulk create that loses nothing, linking
contacts by id or email, and organizing accounts into a list by name; sync and async."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from import_support import run
from reply_contacts import AsyncReplyContacts, PermissionDeniedError, ReplyContacts
from reply_contacts.models import ContactAccountCreateRequest
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows.accounts import (
    AccountCreateFailure,
    AccountCreateInterruptedError,
    AccountListNotFoundError,
    prepare_account,
)

BULK_PATH = "/v3/contact-accounts/bulk"


def _bulk_requests(sb: Sandbox) -> int:
    return int(sb.stats()["byPath"].get(f"POST {BULK_PATH}", 0))


def _names(sb: Sandbox) -> list[str]:
    return [row["name"] for row in sb.query("SELECT name FROM accounts ORDER BY id")]


class _ServerOnlyRule:
    """Stands in for a server rule the client cannot know: bulk create refuses, whole, any
    request holding an account named "Reserved ...", like the API does on a validation error.
    With `pointers`, the 400 names the items (`/items/<i>/name`); without, it is a business
    problem that names none, so the client has to split by halves."""

    def __init__(self, pointers: bool) -> None:
        self.pointers = pointers

    def reject(self, request: httpx.Request) -> httpx.Response | None:
        if request.method != "POST" or request.url.path != BULK_PATH:
            return None
        items = json.loads(request.content)["items"]
        bad = [i for i, item in enumerate(items) if item["name"].startswith("Reserved")]
        if not bad:
            return None
        headers = {"content-type": "application/problem+json"}
        if self.pointers:
            problem: dict[str, Any] = {
                "title": "Validation failed",
                "status": 400,
                "detail": "The request body contains validation errors.",
                "errors": [
                    {"pointer": f"/items/{i}/name", "detail": "Name is reserved."} for i in bad
                ],
            }
        else:
            problem = {
                "title": "Bad Request",
                "status": 400,
                "detail": f"items[{bad[0]}].name is reserved.",
                "code": "contactAccount.invalidInput",
            }
        return httpx.Response(400, headers=headers, json=problem)


class _SyncRule(httpx.HTTPTransport):
    def __init__(self, rule: _ServerOnlyRule) -> None:
        super().__init__()
        self.rule = rule

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.rule.reject(request) or super().handle_request(request)


class _AsyncRule(httpx.AsyncHTTPTransport):
    def __init__(self, rule: _ServerOnlyRule) -> None:
        super().__init__()
        self.rule = rule

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self.rule.reject(request) or await super().handle_async_request(request)


# -- create_accounts -----------------------------------------------------------------------------


def test_prepare_account_checks_items_locally() -> None:
    assert prepare_account({"name": "Acme", "domain_name": "acme.io", "companySize": "51-200"}) == (
        {"name": "Acme", "domainName": "acme.io", "companySize": "51-200"},
        None,
        None,
    )
    assert prepare_account(ContactAccountCreateRequest(name="Model"))[0] == {"name": "Model"}
    assert prepare_account({"name": "x", "company_size": "SELFEMPLOYED"})[0] == {
        "name": "x",
        "companySize": "SelfEmployed",
    }
    assert prepare_account({})[1:] == ("/name", "Name is required.")
    assert prepare_account({"name": "  "})[1:] == ("/name", "Name must not be empty.")
    assert prepare_account({"name": 5})[1] == "/name"
    assert prepare_account({"name": "a", "revenue": 1})[1:] == (
        "/revenue",
        "unknown account field 'revenue'",
    )
    assert prepare_account({"name": "a", "city": 3})[1] == "/city"
    assert prepare_account({"name": "a", "companySize": "huge"})[1] == "/companySize"
    assert prepare_account("Acme")[1] == ""


def test_bad_items_are_reported_and_every_good_one_lands(
    client: ReplyContacts, sb: Sandbox
) -> None:
    items: list[Any] = [
        {"name": "Acme", "domainName": "acme.io"},
        {"name": "  "},
        {"name": "Beta", "companySize": "enormous"},
        ContactAccountCreateRequest(name="Gamma"),
        {"domainName": "noname.io"},
        {"name": "Delta", "revenue": 10},
        {"name": "Epsilon", "company_size": "11-50"},
        "not an account",
    ]
    report = client.workflows.create_accounts(items)
    assert sorted(report.created) == [0, 3, 6]
    assert _names(sb) == ["Acme", "Gamma", "Epsilon"]
    assert report.created_ids == [
        row["id"] for row in sb.query("SELECT id FROM accounts ORDER BY id")
    ]
    assert report.failed_indices == [1, 2, 4, 5, 7]
    by_index = {f.index: f for f in report.failures}
    assert by_index[1] == AccountCreateFailure(
        1, "  ", "local", "Name must not be empty.", pointer="/name"
    )
    assert by_index[2].name == "Beta" and by_index[2].pointer == "/companySize"
    assert by_index[4].name is None and by_index[4].details == "Name is required."
    assert by_index[5].pointer == "/revenue"
    # One lookup of the names, one bulk create.
    assert report.requests == 2 and _bulk_requests(sb) == 1
    assert not report.ok and report.total == 8
    assert repr(report) == (
        "AccountCreateReport(total=8, created=3, found=0, failed=5, requests=2)"
    )
    as_dict = report.to_dict()
    assert as_dict["created"] == {
        "0": report.created[0],
        "3": report.created[3],
        "6": report.created[6],
    }
    assert as_dict["failures"][0] == {
        "index": 1,
        "name": "  ",
        "source": "local",
        "details": "Name must not be empty.",
        "pointer": "/name",
    }


def test_chunks_of_one_hundred(client: ReplyContacts, sb: Sandbox) -> None:
    report = client.workflows.create_accounts({"name": f"Co {n}"} for n in range(250))
    assert report.ok and report.created_count == 250 and report.requests == 4
    assert _bulk_requests(sb) == 3
    assert sb.count_accounts() == 250
    assert (
        client.workflows.create_accounts(
            [{"name": f"S {n}"} for n in range(5)], chunk_size=2
        ).requests
        == 4
    )
    with pytest.raises(ValueError, match="chunk_size"):
        client.workflows.create_accounts([{"name": "x"}], chunk_size=101)


def test_server_rejection_with_pointers_drops_only_the_named_items(sb: Sandbox) -> None:
    rule = _ServerOnlyRule(pointers=True)
    with ReplyContacts(
        api_key=sb.api_key, base_url=sb.url, rate_limit=None, http_transport=_SyncRule(rule)
    ) as client:
        items = [{"name": f"Co {n}"} for n in range(10)]
        items[3] = {"name": "Reserved one"}
        items[7] = {"name": "Reserved two"}
        report = client.workflows.create_accounts(items)
    assert sorted(report.created) == [0, 1, 2, 4, 5, 6, 8, 9]
    assert sb.count_accounts() == 8
    assert [(f.index, f.name, f.pointer, f.details, f.status) for f in report.failures] == [
        (3, "Reserved one", "/name", "Name is reserved.", 400),
        (7, "Reserved two", "/name", "Name is reserved.", 400),
    ]
    assert report.requests == 3  # the lookup, the rejected chunk, then its eight good items


def test_server_rejection_without_pointers_is_split_by_halves(sb: Sandbox) -> None:
    rule = _ServerOnlyRule(pointers=False)
    with ReplyContacts(
        api_key=sb.api_key, base_url=sb.url, rate_limit=None, http_transport=_SyncRule(rule)
    ) as client:
        items = [{"name": f"Co {n}"} for n in range(16)]
        items[5] = {"name": "Reserved"}
        report = client.workflows.create_accounts(items)
    assert sorted(report.created) == [n for n in range(16) if n != 5]
    assert sb.count_accounts() == 15
    (failure,) = report.failures
    assert (failure.index, failure.code, failure.details) == (
        5,
        "contactAccount.invalidInput",
        "items[0].name is reserved.",
    )
    # The lookup, then 16 -> 8 (bad) + 8 -> 4 (bad) + 4 -> 2 (bad) + 2 -> 1 + 1: 1 + 2 + 2 + 2 + 2.
    assert report.requests == 10


def test_a_whole_chunk_400_is_retried_in_parts(client: ReplyContacts, sb: Sandbox) -> None:
    sb.inject_fault("POST", BULK_PATH, status=400, times=1)
    report = client.workflows.create_accounts([{"name": f"Co {n}"} for n in range(6)])
    assert report.ok and report.created_count == 6 and sb.count_accounts() == 6
    assert report.requests == 4


def test_auth_failure_stops_and_reports_the_rest(client: ReplyContacts, sb: Sandbox) -> None:
    sb.inject_fault("POST", BULK_PATH, status=403, times=1)
    with pytest.raises(AccountCreateInterruptedError) as stopped:
        client.workflows.create_accounts([{"name": f"Co {n}"} for n in range(150)])
    assert isinstance(stopped.value, PermissionDeniedError)
    report = stopped.value.report
    assert report.created_count == 0 and report.failed_count == 150
    assert report.requests == 2 and sb.count_accounts() == 0
    assert report.failures[0].status == 403
    assert report.failures[0].details.startswith("Injected fault")
    assert report.failures[120].details.startswith("not sent:")


def test_an_unknown_outcome_is_reconciled_by_name_then_resent(sb: Sandbox) -> None:
    sb.inject_fault("POST", BULK_PATH, status=503, times=1)
    with ReplyContacts(
        api_key=sb.api_key, base_url=sb.url, rate_limit=None, max_retries=0
    ) as client:
        report = client.workflows.create_accounts([{"name": f"Co {n}"} for n in range(150)])
    assert sorted(report.created) == list(range(150)) and report.ok
    assert not report.reconciled  # the 503 created nothing: all were resent
    assert len(_names(sb)) == 150


def test_a_create_applied_but_unanswered_is_found_not_duplicated(sb: Sandbox) -> None:
    sb.inject_fault("POST", BULK_PATH, drop="after", times=1)
    with ReplyContacts(
        api_key=sb.api_key, base_url=sb.url, rate_limit=None, max_retries=0
    ) as client:
        report = client.workflows.create_accounts([{"name": f"Co {n}"} for n in range(150)])
    assert sorted(report.created) == list(range(150)) and report.ok
    assert report.reconciled == frozenset(range(100))
    assert len(_names(sb)) == 150


async def test_create_accounts_async(sb: Sandbox) -> None:
    rule = _ServerOnlyRule(pointers=True)
    async with AsyncReplyContacts(
        api_key=sb.api_key, base_url=sb.url, rate_limit=None, async_http_transport=_AsyncRule(rule)
    ) as client:
        report = await client.workflows.create_accounts(
            [{"name": "Acme"}, {"name": ""}, {"name": "Reserved"}, {"name": "Beta"}]
        )
    assert sorted(report.created) == [0, 3]
    assert [(f.index, f.source) for f in report.failures] == [(1, "local"), (2, "server")]
    assert _names(sb) == ["Acme", "Beta"]


# -- get or create by name -----------------------------------------------------------------------


async def test_running_it_again_with_the_same_names_creates_nothing_new(
    api: Any, sb: Sandbox
) -> None:
    first = await run(api.workflows.create_accounts([{"name": f"Co {n}"} for n in range(5)]))
    assert first.created_count == 5 and first.found_count == 0 and first.requests == 2
    sb.reset_stats()
    # The same names, differently cased and spaced: found, not created again.
    again = [{"name": f"  CO {n} "} for n in range(5)]
    second = await run(api.workflows.create_accounts(again))
    assert second.created_count == 0 and second.found == first.created and second.ok
    assert second.account_ids == first.account_ids
    assert sb.count_accounts() == 5
    # One lookup for all the names, no create.
    assert second.requests == 1
    assert sb.stats()["byOperation"] == {"FilterContactAccounts": 1}
    assert second.to_dict()["found"] == {str(i): first.created[i] for i in range(5)}
    assert repr(second) == (
        "AccountCreateReport(total=5, created=0, found=5, failed=0, requests=1)"
    )


async def test_existing_names_are_found_and_a_repeated_name_is_created_once(
    api: Any, client: ReplyContacts, sb: Sandbox
) -> None:
    acme = client.accounts.create(name="Acme")
    items = [{"name": "acme"}, {"name": "Beta"}, {"name": "BETA"}, {"name": "Gamma"}]
    report = await run(api.workflows.create_accounts(items))
    beta = report.created[1]
    assert sorted(report.created) == [1, 3]
    assert report.found == {0: acme.id, 2: beta}
    assert report.account_ids == {0: acme.id, 1: beta, 2: beta, 3: report.created[3]}
    assert _names(sb) == ["Acme", "Beta", "Gamma"]
    # allow_duplicates: an account for every input, whatever exists.
    duplicated = await run(api.workflows.create_accounts([{"name": "Acme"}], allow_duplicates=True))
    assert duplicated.created_count == 1 and duplicated.found_count == 0
    assert _names(sb) == ["Acme", "Beta", "Gamma", "Acme"]


def test_the_lookup_costs_one_request_per_thousand_names(
    client: ReplyContacts, sb: Sandbox
) -> None:
    names = [{"name": f"Co {n}"} for n in range(1500)]
    client.workflows.create_accounts(names)
    sb.reset_stats()
    report = client.workflows.create_accounts(names)
    assert report.found_count == 1500 and report.requests == 2
    assert sb.stats()["byOperation"] == {"FilterContactAccounts": 2}


async def test_an_unknown_outcome_never_takes_an_older_account_for_a_new_one(
    api: Any, client: ReplyContacts, sb: Sandbox
) -> None:
    older = client.accounts.create(name="Co 0")
    sb.inject_fault("POST", BULK_PATH, drop="after", times=1)  # applied, answer lost
    items = [{"name": "Co 0"}, {"name": "Co 1"}]
    report = await run(api.workflows.create_accounts(items, allow_duplicates=True))
    assert report.ok and report.reconciled == frozenset({0, 1})
    assert older.id not in report.created.values()
    assert _names(sb) == ["Co 0", "Co 0", "Co 1"]  # the older one and the two created once


# -- link_contacts_to_account --------------------------------------------------------------------


def test_link_by_id_and_email_reports_unknowns(client: ReplyContacts, sb: Sandbox) -> None:
    ann, bob, cy = sb.seed_contacts(
        [
            {"firstName": "Ann", "email": "ann@acme.io"},
            {"firstName": "Bob", "email": "bob@acme.io"},
            {"firstName": "Cy", "email": "cy@acme.io"},
        ]
    )
    account = client.accounts.create(name="Acme")
    sb.reset_stats()
    report = client.workflows.link_contacts_to_account(
        account.id,
        [
            ann,
            "bob@acme.io",
            "BOB@acme.io",
            "ghost@acme.io",
            987654,
            "not-an-email",
            bob,
            "cy@acme.io",
        ],
    )
    assert report.linked == (ann, bob, cy)
    assert [(f.input, f.contact_id, f.code) for f in report.failures] == [
        ("ghost@acme.io", None, "notFound"),
        ("not-an-email", None, "invalidEmail"),
        (987654, 987654, 1),
    ]
    assert report.failures[2].reason.startswith("NotFound")
    assert report.resolved_emails == {"bob@acme.io": bob, "cy@acme.io": cy}
    # One lookup per distinct email (case-insensitive), one link request.
    assert report.email_lookups == 3
    assert sb.stats()["byOperation"] == {"GetContacts": 3, "BulkAddContactsToContactAccount": 1}
    assert {c.id for c in client.accounts.contacts(account.id)} == {ann, bob, cy}
    assert report.to_dict()["failures"][0] == {
        "input": "ghost@acme.io",
        "contactId": None,
        "code": "notFound",
        "details": "no contact has the email ghost@acme.io",
    }


def test_link_chunks_of_one_thousand(client: ReplyContacts, sb: Sandbox) -> None:
    ids = sb.seed_contacts(1005)
    account = client.accounts.create(name="Big")
    sb.reset_stats()
    report = client.workflows.link_contacts_to_account(account.id, ids)
    assert report.ok and len(report.linked) == 1005
    assert sb.stats()["byOperation"] == {"BulkAddContactsToContactAccount": 2}
    assert sb.count_contacts() == 1005


def test_link_with_nothing_resolvable_sends_no_link(client: ReplyContacts, sb: Sandbox) -> None:
    account = client.accounts.create(name="Empty")
    sb.reset_stats()
    report = client.workflows.link_contacts_to_account(account.id, ["nobody@x.io", 0, True])  # type: ignore[list-item]
    assert report.linked == () and len(report.failures) == 3
    assert sb.stats()["byOperation"] == {"GetContacts": 1}


async def test_link_async(aclient: AsyncReplyContacts, sb: Sandbox) -> None:
    (ann,) = sb.seed_contacts([{"firstName": "Ann", "email": "ann@acme.io"}])
    account = await aclient.accounts.create(name="Acme")
    report = await aclient.workflows.link_contacts_to_account(account.id, ["ann@acme.io", "x@y.io"])
    assert report.linked == (ann,)
    assert [f.code for f in report.failures] == ["notFound"]


# -- organize_accounts ---------------------------------------------------------------------------


def _account_ids(client: ReplyContacts, n: int) -> list[int]:
    return client.workflows.create_accounts([{"name": f"Co {i}"} for i in range(n)]).created_ids


def test_organize_by_name_twice_is_idempotent(client: ReplyContacts, sb: Sandbox) -> None:
    ids = _account_ids(client, 3)
    first = client.workflows.organize_accounts("Tier 1", ids)
    assert first.ok and first.succeeded_ids == ids
    sb.reset_stats()
    second = client.workflows.organize_accounts("tier 1", ids + ids[:1])
    assert second.ok and second.requested == tuple(ids)
    assert "CreateContactAccountList" not in sb.stats()["byOperation"]
    lists = client.account_lists.list().to_list()
    assert [x.name for x in lists] == ["Tier 1"]
    assert sb.accounts_in_list(lists[0].id) == ids


def test_organize_move_and_missing_list(client: ReplyContacts, sb: Sandbox) -> None:
    ids = _account_ids(client, 2)
    client.workflows.organize_accounts("Old list", ids)
    moved = client.workflows.organize_accounts("New list", [ids[0], 999_999], move=True)
    assert moved.failed_ids == [999_999] and moved.failures[0].error == 7
    lists = {x.name: x.id for x in client.account_lists.list()}
    assert sb.accounts_in_list(lists["New list"]) == [ids[0]]
    assert sb.accounts_in_list(lists["Old list"]) == [ids[1]]
    sb.reset_stats()
    with pytest.raises(AccountListNotFoundError, match="Nowhere"):
        client.workflows.organize_accounts("Nowhere", ids, create=False)
    assert sb.stats()["byOperation"] == {"GetContactAccountLists": 1}
    with pytest.raises(ValueError, match="3 to 128"):
        client.workflows.organize_accounts("ab", ids)


def test_organize_chunks_of_one_thousand(client: ReplyContacts, sb: Sandbox) -> None:
    ids = _account_ids(client, 1001)
    sb.reset_stats()
    result = client.workflows.organize_accounts("Everyone", ids)
    assert result.ok and len(result.requested) == 1001
    assert sb.stats()["byOperation"]["AddAccountsToContactAccountList"] == 2


async def test_organize_async(
    aclient: AsyncReplyContacts, client: ReplyContacts, sb: Sandbox
) -> None:
    ids = _account_ids(client, 2)
    assert (await aclient.workflows.organize_accounts("Async list", ids)).ok
    assert (await aclient.workflows.organize_accounts("Async list", ids)).ok
    lists = await aclient.account_lists.list().to_list()
    assert [x.name for x in lists] == ["Async list"]
    assert sb.accounts_in_list(lists[0].id) == ids


async def test_organize_with_no_account_is_a_no_op(api: Any, sb: Sandbox) -> None:
    sb.reset_stats()
    result = await run(api.workflows.organize_accounts("Tier 1", []))
    assert result.ok and result.requested == () and result.failures == ()
    assert sb.stats()["requests"] == 0  # the list was neither looked up nor created
    # An empty create or link is a no-op too.
    assert (await run(api.workflows.create_accounts([]))).requests == 0
    account = await run(api.accounts.create(name="Acme"))
    sb.reset_stats()
    assert (await run(api.workflows.link_contacts_to_account(account.id, []))).ok
    assert sb.stats()["requests"] == 0
