"""The drift engine with the sync and the async client against the sandbox (real HTTP): the same
verdicts, requests through the client's budget and retries, and each kind of answer judged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from drift_support import unique_key
from reply_contact_data_client.contract import OPERATIONS, Operations
from reply_contacts import AsyncReplyContacts, RateLimitPolicy, ReplyContacts, RetryPolicy
from reply_contacts.drift import DriftPlan, DriftReport, acheck_contract, check_contract
from reply_contacts.drift.plan import read_only_operations
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import InMemoryLimiter

READ_ONLY = {op.name for op in OPERATIONS.values() if op.read_only}
FAST_RETRY = RetryPolicy(backoff_base=0.01, backoff_cap=0.05, max_wait=0.0, deadline=20.0)


@pytest.fixture(params=["sync", "async"])
async def check(request: pytest.FixtureRequest, sandbox: Sandbox) -> AsyncIterator[Any]:
    """Run the engine with the sync or the async client: `await check(plan=..., **options)`."""

    async def run(plan: DriftPlan | None = None, **options: Any) -> DriftReport:
        settings: dict[str, Any] = {
            "api_key": unique_key(sandbox),
            "base_url": sandbox.url,
            "retry": FAST_RETRY,
            "limiter": InMemoryLimiter(),
            **options,
        }
        if request.param == "sync":
            with ReplyContacts(**settings) as client:
                return check_contract(client, plan)
        async with AsyncReplyContacts(**settings) as aclient:
            return await acheck_contract(aclient, plan)

    yield run


def verdicts(report: DriftReport) -> dict[str, tuple[str, str]]:
    return {r.operation.name: (r.outcome, r.reason) for r in report.results}


async def test_every_read_only_operation_is_ok(check: Any, populated: dict[str, Any]) -> None:
    report = await check()
    assert {name: outcome for name, (outcome, _) in verdicts(report).items()} == dict.fromkeys(
        READ_ONLY, "ok"
    )
    assert report.requests_planned == report.requests_sent == len(READ_ONLY)
    assert not report.drifted


async def test_results_follow_the_contract_order(check: Any, populated: dict[str, Any]) -> None:
    report = await check()
    assert [r.operation for r in report.results] == read_only_operations()


async def test_a_retried_answer_is_judged_and_the_retry_counted(
    check: Any, sandbox: Sandbox, populated: dict[str, Any]
) -> None:
    sandbox.inject_fault("GET", "/v3/contact-lists", status=503, times=1)
    report = await check()
    assert verdicts(report)["get_contact_lists"] == ("ok", "")
    assert report.requests_sent == report.requests_planned + 1


async def test_refusals_are_not_checked_with_a_reason(
    check: Any, sandbox: Sandbox, populated: dict[str, Any]
) -> None:
    sandbox.inject_fault("GET", "/v3/contact-accounts/*", status=404)
    sandbox.inject_fault("GET", "/v3/contact-account-lists", status=503)
    report = await check(retry=RetryPolicy(max_retries=0))
    found = verdicts(report)
    assert found["get_contact_account_by_id"][0] == "not checked"
    assert found["get_contact_account_by_id"][1].startswith("404")
    assert found["get_contact_account_lists"] == ("not checked", "503: server error")
    # Its item read has no id to use, and says so.
    outcome, reason = found["get_contact_account_list_by_id"]
    assert outcome == "not checked" and "no data: GET /v3/contact-account-lists" in reason
    assert "503" in reason
    assert not report.drifted


async def test_an_error_where_the_contract_promises_success_is_drift(
    check: Any, sandbox: Sandbox, populated: dict[str, Any]
) -> None:
    sandbox.inject_fault("POST", "/v3/contacts/filter", status=400)
    report = await check()
    (result,) = [r for r in report.results if r.operation == Operations.filter_contacts]
    assert result.outcome == "drift" and result.status == 400
    (mismatch,) = result.mismatches
    assert (mismatch.part, mismatch.expected) == ("status", "200")
    assert mismatch.got.startswith("400")
    assert report.drifted


async def test_the_local_rate_budget_applies(check: Any, populated: dict[str, Any]) -> None:
    # Three requests per (long) minute and no waiting: the rest are refused before sending.
    tight = RateLimitPolicy(per_minute=3, per_hour=3000, minute_window=3600.0, margin=0)
    report = await check(rate_limit=tight, limiter=InMemoryLimiter(tight))
    assert report.requests_sent == 3
    assert sum(r.outcome == "ok" for r in report.results) == 3
    refused = [r for r in report.results if r.outcome != "ok"]
    assert all(r.outcome == "not checked" and "rate limited" in r.reason for r in refused)
    assert any(r.reason.startswith("rate limited, retry after") for r in refused)


async def test_a_smaller_plan_sends_fewer_requests(check: Any, populated: dict[str, Any]) -> None:
    report = await check(DriftPlan(max_requests=4))
    assert report.requests_planned == report.requests_sent == 4
    sent = [r for r in report.results if not r.reason.startswith("beyond max_requests=4")]
    assert len(sent) == 4
    # The list operations go first: their pages give the ids for the rest.
    assert all("{" not in r.operation.path for r in sent)


def test_post_reads_send_the_smallest_body_the_contract_accepts() -> None:
    plan = DriftPlan().run()
    probes = []
    probe = next(plan)
    from reply_contacts.drift.exchange import Exchange

    empty_page = Exchange(
        200, {"content-type": "application/json"}, b'{"items":[],"hasMore":false}'
    )
    try:
        while True:
            probes.append(probe)
            probe = plan.send(empty_page)
    except StopIteration:
        pass
    posts = {p.operation.name: p.body for p in probes if p.method == "POST"}
    assert set(posts) == {
        op.name for op in OPERATIONS.values() if op.read_only and op.method == "POST"
    }
    assert all(body == {} for body in posts.values())
    assert all(p.operation.read_only for p in probes)


def test_max_requests_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_requests"):
        DriftPlan(max_requests=0)
