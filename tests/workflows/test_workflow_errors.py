"""One error rule for every workflow, over real HTTP against the sandbox, sync and async: whatever
step fails (a 403 or a 5xx), the error is the workflow's documented class AND the step's own
class, with the step's fields, and carries the report of what was done before it."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from import_support import run
from reply_contacts import (
    AccountCreateInterruptedError,
    AccountCreateReport,
    AnnotateInterruptedError,
    AnnotateReport,
    APIError,
    AsyncReplyContacts,
    BulkResult,
    ImportInterruptedError,
    ImportProgress,
    ImportReport,
    LinkInterruptedError,
    LinkReport,
    OrganizeInterruptedError,
    OutreachCheckInterruptedError,
    PermissionDeniedError,
    ReplyContacts,
    ReplyError,
    ServerError,
    WorkflowError,
)
from reply_contacts.sandbox import Sandbox

# (status, the class the step's error has): a refusal and a server failure.
FAILURES = [
    pytest.param(403, PermissionDeniedError, id="403"),
    pytest.param(503, ServerError, id="503"),
]


@pytest.fixture
def api_options() -> dict[str, Any]:
    """No transport retries: an injected 5xx is final at once (see conftest's `api`)."""
    return {"max_retries": 0}


@pytest.fixture
def setup(sb: Sandbox) -> Iterator[ReplyContacts]:
    """A sync client for arranging data before the faults are injected."""
    with ReplyContacts(api_key=sb.api_key, base_url=sb.url, rate_limit=None) as client:
        yield client


async def stopped(
    call: Callable[[], Any],
    workflow_error: type[WorkflowError[Any]],
    status: int,
    step_class: type[APIError],
    step: str,
) -> Any:
    """The error `call` ends with, checked against the rule; its report is returned."""
    with pytest.raises(workflow_error) as caught:
        await run(call())
    error = caught.value
    # Catchable as the documented workflow class and as the step's own class, a ReplyError.
    assert isinstance(error, step_class) and isinstance(error, WorkflowError)
    assert isinstance(error, ReplyError)
    assert error.status == status
    assert error.step == step, error.step
    assert error.error is error.__cause__ and type(error.error) is step_class
    assert str(error).startswith(f"{workflow_error.workflow} stopped")
    assert f"{status} " in str(error)
    assert type(error).__name__ == f"{workflow_error.__name__}[{step_class.__name__}]"
    # It survives pickling (a worker process handing it back), report and all.
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and copy.report == error.report
    return error.report


def fault(sb: Sandbox, method: str, path: str, status: int) -> None:
    sb.inject_fault(method, path, status=status)  # every matching request, until reset


ROWS = [
    {"First Name": "Ann", "E-mail": "ann@example.com"},
    {"First Name": "Bob", "E-mail": "bob@example.com"},
    {"First Name": "Cy", "E-mail": "cy@example.com"},
    {"First Name": "Di", "E-mail": "di@example.com"},
]


# -- import_to_list -------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
@pytest.mark.parametrize(
    ("method", "path", "options"),
    [
        pytest.param("GET", "/v3/contact-lists", {}, id="list-lookup"),
        pytest.param("POST", "/v3/contact-lists", {"create_list": True}, id="list-create"),
        pytest.param("POST", "/v3/contacts/import", {"create_list": True}, id="import"),
        pytest.param("GET", "/v3/whoami", {"journal": True}, id="journal-whoami"),
    ],
)
async def test_import_to_list_any_step(
    api: Any,
    sb: Sandbox,
    setup: ReplyContacts,
    tmp_path: Path,
    method: str,
    path: str,
    options: dict[str, Any],
    status: int,
    step_class: type[APIError],
) -> None:
    if "create_list" not in options:
        setup.contact_lists.create("Outbound")
    if options.pop("journal", False):
        options["journal"] = tmp_path / "import.journal"
    fault(sb, method, path, status)
    report = await stopped(
        lambda: api.workflows.import_to_list(ROWS, list_name="Outbound", **options),
        ImportInterruptedError,
        status,
        step_class,
        f"{method} {path}",
    )
    assert isinstance(report, ImportReport) and report.total == 0
    assert sb.count_contacts() == 0


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
async def test_import_to_list_custom_field_read(
    api: Any, sb: Sandbox, status: int, step_class: type[APIError]
) -> None:
    fault(sb, "GET", "/v3/custom-fields", status)
    rows = [{**row, "Deal Stage": "Won"} for row in ROWS]
    report = await stopped(
        lambda: api.workflows.import_to_list(rows, list_name="Outbound", create_list=True),
        ImportInterruptedError,
        status,
        step_class,
        "GET /v3/custom-fields",
    )
    # The columns are decided before the list is looked up: no list is left behind.
    assert report.total == 0 and report.list_id is None


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
async def test_import_to_list_a_later_batch_keeps_the_rows_settled_before(
    api: Any, sb: Sandbox, status: int, step_class: type[APIError]
) -> None:
    def fail_from_now_on(progress: ImportProgress) -> None:
        fault(sb, "POST", "/v3/contacts/import", status)

    report = await stopped(
        lambda: api.workflows.import_to_list(
            ROWS,
            list_name="Outbound",
            create_list=True,
            batch_size=2,
            on_progress=fail_from_now_on,
        ),
        ImportInterruptedError,
        status,
        step_class,
        "POST /v3/contacts/import",
    )
    assert report.total == 2 and report.created == 2 and sb.count_contacts() == 2


async def test_import_refused_by_a_key_without_the_scope_names_it(api: Any, sb: Sandbox) -> None:
    """The 403 a real key gets, not an injected one: it names the scope the key lacks."""
    sb.add_key("rk_read_only_agent", ["contacts:read"])
    options = {"api_key": "rk_read_only_agent", "base_url": sb.url, "rate_limit": None}
    client_class = AsyncReplyContacts if isinstance(api, AsyncReplyContacts) else ReplyContacts
    reader = client_class(**options)
    try:
        with pytest.raises(PermissionDeniedError) as caught:
            await run(reader.workflows.import_to_list(ROWS, list_name="Xs", create_list=True))
    finally:
        await run(reader.close())
    assert isinstance(caught.value, ImportInterruptedError)
    assert caught.value.missing_scope == "contacts:write"
    assert caught.value.report.total == 0


# -- create_accounts ------------------------------------------------------------------------------

NAMES = [{"name": f"Co {n}"} for n in range(5)]


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
@pytest.mark.parametrize(
    ("path", "requests", "settled"),
    [
        # The names are looked up first: nothing was sent to be created.
        pytest.param("/v3/contact-accounts/filter", 1, "not sent:", id="lookup"),
        # Refused, or failing: a 503 is reconciled by name (nothing had been created) and
        # resent, three times, before the run gives up.
        pytest.param("/v3/contact-accounts/bulk", {403: 2, 503: 1 + 4 * 2}, "", id="bulk-create"),
    ],
)
async def test_create_accounts_any_step(
    api: Any,
    sb: Sandbox,
    path: str,
    requests: int | dict[int, int],
    settled: str,
    status: int,
    step_class: type[APIError],
) -> None:
    fault(sb, "POST", path, status)
    report = await stopped(
        lambda: api.workflows.create_accounts(NAMES),
        AccountCreateInterruptedError,
        status,
        step_class,
        f"POST {path}",
    )
    assert isinstance(report, AccountCreateReport)
    assert report.total == 5 and report.failed_count == 5 and sb.count_accounts() == 0
    assert report.requests == (requests if isinstance(requests, int) else requests[status])
    assert {f.status for f in report.failures} == {status}
    expected = settled or {403: "Injected fault", 503: "not created:"}[status]
    assert all(f.details.startswith(expected) for f in report.failures)
    # Safe to run again once the server is back: nothing is created twice.
    sb.clear_faults()
    again = await run(api.workflows.create_accounts(NAMES))
    assert again.created_count == 5 and sb.count_accounts() == 5


# -- link_contacts_to_account ---------------------------------------------------------------------


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
@pytest.mark.parametrize("step", ["email-lookup", "link"])
async def test_link_contacts_to_account_any_step(
    api: Any,
    sb: Sandbox,
    setup: ReplyContacts,
    step: str,
    status: int,
    step_class: type[APIError],
) -> None:
    ann, bob = sb.seed_contacts(
        [{"firstName": "Ann", "email": "ann@acme.io"}, {"firstName": "Bob", "email": "b@acme.io"}]
    )
    account = setup.accounts.create(name="Acme")
    if step == "email-lookup":
        method, path = "GET", "/v3/contacts"
    else:
        method, path = "POST", f"/v3/contact-accounts/{account.id}/contact-links/bulk"
    fault(sb, method, path, status)
    report = await stopped(
        lambda: api.workflows.link_contacts_to_account(account.id, [ann, "b@acme.io"]),
        LinkInterruptedError,
        status,
        step_class,
        f"{method} {path}",
    )
    assert isinstance(report, LinkReport) and report.linked == ()
    assert report.resolved_emails == ({} if step == "email-lookup" else {"b@acme.io": bob})
    assert report.email_lookups == 1


# -- organize_accounts ----------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        pytest.param("GET", "/v3/contact-account-lists", id="list-lookup"),
        pytest.param("POST", "/v3/contact-account-lists", id="list-create"),
        pytest.param("POST", "/v3/contact-account-lists/*/add-accounts", id="add-accounts"),
    ],
)
async def test_organize_accounts_any_step(
    api: Any,
    sb: Sandbox,
    setup: ReplyContacts,
    method: str,
    path: str,
    status: int,
    step_class: type[APIError],
) -> None:
    ids = setup.workflows.create_accounts(NAMES).created_ids
    fault(sb, method, path, status)
    with pytest.raises(OrganizeInterruptedError) as caught:
        await run(api.workflows.organize_accounts("Tier 1", ids))
    error = caught.value
    assert isinstance(error, step_class) and error.status == status
    assert error.step.startswith(method) and error.error is error.__cause__
    assert error.report == BulkResult("organize_accounts", ())


# -- annotate -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
@pytest.mark.parametrize("step", ["custom-fields", "patch", "note"])
async def test_annotate_any_step(
    api: Any,
    sb: Sandbox,
    setup: ReplyContacts,
    step: str,
    status: int,
    step_class: type[APIError],
) -> None:
    setup.custom_fields.create(title="Deal Stage", field_type="text")
    contact_id = setup.contacts.create(first_name="Ann", email="ann@acme.io").id
    method, path = {
        "custom-fields": ("GET", "/v3/custom-fields"),
        "patch": ("PATCH", f"/v3/contacts/{contact_id}"),
        "note": ("POST", f"/v3/contacts/{contact_id}/notes"),
    }[step]
    fault(sb, method, path, status)
    report = await stopped(
        lambda: api.workflows.annotate(
            contact_id, note="Met at SaaStr", custom_fields={"Deal Stage": "Won"}, title="CTO"
        ),
        AnnotateInterruptedError,
        status,
        step_class,
        f"{method} {path}",
    )
    assert isinstance(report, AnnotateReport) and not report.note_added
    if step == "note":  # the fields went through before the note failed
        assert report.contact is not None and report.contact.title == "CTO"
    else:
        assert report.contact is None and sb.get_contact(contact_id)["title"] != "CTO"  # type: ignore[index]


# -- outreach checks ------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "step_class"), FAILURES)
async def test_outreach_check_many_keeps_the_verdicts_before_the_failure(
    api: Any, sb: Sandbox, status: int, step_class: type[APIError]
) -> None:
    first, second = sb.seed_contacts(
        [{"firstName": "Ann", "email": "ann@acme.io"}, {"firstName": "Bob", "email": "b@acme.io"}]
    )
    fault(sb, "GET", f"/v3/contacts/{second}/sequences", status)
    verdicts = await stopped(
        lambda: api.workflows.outreach_check_many([first, second]),
        OutreachCheckInterruptedError,
        status,
        step_class,
        f"GET /v3/contacts/{second}/sequences",
    )
    assert [verdict.contact_id for verdict in verdicts] == [first]
