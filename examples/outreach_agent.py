"""An outreach agent, written the way a user writes one: import prospects into a list, read back
the contacts by id, check each before reaching out, file the companies as accounts, and note what
was done, handling the errors the SDK documents. The same agent twice: on the sync client and on
the async one.

The test suite runs it against the sandbox and type-checks it with `mypy --strict`. To run it:

    python examples/outreach_agent.py          # against a local sandbox (reply-contacts[sandbox])
    REPLY_API_KEY=... python examples/outreach_agent.py --live   # against your Reply account
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field

from reply_contacts import (
    AccountCreateInterruptedError,
    AsyncReplyContacts,
    ImportInterruptedError,
    ImportReport,
    NotFoundError,
    OutreachVerdict,
    PermissionDeniedError,
    ReplyContacts,
    WorkflowError,
)
from reply_contacts.models import Contact

LIST_NAME = "Q4 Outbound (agent)"

PROSPECTS = [
    {"First Name": "Ann", "Last Name": "Lee", "E-mail": "ann@northwind.io", "Company": "Northwind"},
    {"First Name": "Bob", "Last Name": "Ray", "E-mail": "bob@northwind.io", "Company": "Northwind"},
    {"First Name": "Cy", "Last Name": "Moss", "E-mail": "cy@globex.io", "Company": "Globex"},
    {"First Name": "", "E-mail": "no-first-name@globex.io"},  # refused locally: no first name
]


@dataclass
class AgentRun:
    """What one run of the agent did."""

    imported: list[int] = field(default_factory=list)
    invalid_rows: int = 0
    verdicts: dict[int, str] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)
    noted: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def company_of(contact: Contact) -> str | None:
    """The contact's company, if the record has one (a field the API may leave out or null)."""
    company = contact.company
    return company if isinstance(company, str) and company.strip() else None


def summarise(report: ImportReport, run: AgentRun) -> None:
    run.imported = report.contact_ids()
    run.invalid_rows = report.invalid


def note_for(verdict: OutreachVerdict) -> str:
    reasons = "; ".join(reason.message for reason in verdict.reasons) or "nothing in the way"
    return f"Agent check: {verdict.verdict} ({reasons})"


def run_agent(client: ReplyContacts) -> AgentRun:
    run = AgentRun()
    try:
        report = client.import_to_list(PROSPECTS, list_name=LIST_NAME, create_list=True)
    except ImportInterruptedError as stopped:
        # Whatever step failed, the rows settled before it are in the report.
        summarise(stopped.report, run)
        if isinstance(stopped, PermissionDeniedError):
            run.problems.append(f"the key lacks {stopped.missing_scope}")
            return run
        raise
    summarise(report, run)

    by_company: dict[str, list[int]] = {}
    for contact_id in run.imported:
        try:
            contact = client.contacts.get(contact_id)
        except NotFoundError:
            run.problems.append(f"contact {contact_id} was deleted meanwhile")
            continue
        verdict = client.workflows.outreach_check(contact.id)  # ids are plain ints
        run.verdicts[contact.id] = verdict.verdict
        company = company_of(contact)
        if company is not None:
            by_company.setdefault(company, []).append(contact.id)
        if verdict.allowed:
            client.workflows.annotate(contact.id, note=note_for(verdict))
            run.noted.append(contact.id)

    names = sorted(by_company)
    try:
        accounts = client.workflows.create_accounts([{"name": name} for name in names])
    except AccountCreateInterruptedError as stopped:
        run.problems.append(f"accounts: {stopped}")
        accounts = stopped.report
    for index, account_id in accounts.account_ids.items():  # created or found by name
        run.accounts[names[index]] = account_id
        client.workflows.link_contacts_to_account(account_id, by_company[names[index]])
    return run


async def run_agent_async(client: AsyncReplyContacts) -> AgentRun:
    run = AgentRun()
    try:
        report = await client.import_to_list(PROSPECTS, list_name=LIST_NAME, create_list=True)
    except ImportInterruptedError as stopped:
        summarise(stopped.report, run)
        if isinstance(stopped, PermissionDeniedError):
            run.problems.append(f"the key lacks {stopped.missing_scope}")
            return run
        raise
    summarise(report, run)

    by_company: dict[str, list[int]] = {}
    for contact_id in run.imported:
        try:
            contact = await client.contacts.get(contact_id)
        except NotFoundError:
            run.problems.append(f"contact {contact_id} was deleted meanwhile")
            continue
        verdict = await client.workflows.outreach_check(contact.id)
        run.verdicts[contact.id] = verdict.verdict
        company = company_of(contact)
        if company is not None:
            by_company.setdefault(company, []).append(contact.id)
        if verdict.allowed:
            await client.workflows.annotate(contact.id, note=note_for(verdict))
            run.noted.append(contact.id)

    names = sorted(by_company)
    try:
        accounts = await client.workflows.create_accounts([{"name": name} for name in names])
    except WorkflowError as stopped:  # the base class of every workflow's error
        run.problems.append(f"accounts: {stopped}")
        return run
    for index, account_id in accounts.account_ids.items():
        run.accounts[names[index]] = account_id
        await client.workflows.link_contacts_to_account(account_id, by_company[names[index]])
    return run


def main(argv: list[str]) -> int:
    if "--live" in argv:
        with ReplyContacts() as client:  # the key from $REPLY_API_KEY
            print(run_agent(client))
        return 0
    from reply_contacts.sandbox import Sandbox

    with Sandbox() as sandbox:
        with ReplyContacts(api_key=sandbox.api_key, base_url=sandbox.url) as client:
            print("sync: ", run_agent(client))

        async def run_async() -> AgentRun:
            async with AsyncReplyContacts(api_key=sandbox.api_key, base_url=sandbox.url) as aclient:
                return await run_agent_async(aclient)

        print("async:", asyncio.run(run_async()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
