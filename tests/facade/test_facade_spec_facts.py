"""What the facade knows of the API is what contact-data.openapi.yaml says: batch and name limits,
enum vocabularies, retry safety (tests/transport) and the server. Each expectation is read from
the YAML itself, not from the generated contract the facade reads, so a facade that types a fact
by hand and drifts from the spec fails here."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
import yaml
from reply_contacts import ReplyContacts
from reply_contacts.pagination import PageQuery
from reply_contacts.resources import account_lists, accounts, contacts
from reply_contacts.resources.contacts import ContactsOperations
from reply_contacts.transport import build_transport, default_base_url
from reply_contacts.workflows import Workflows, outreach
from reply_contacts.workflows.accounts import AccountWorkflows, prepare_account
from reply_contacts.workflows.import_report import RowStatus
from reply_contacts.workflows.importing import ImportWorkflows
from reply_contacts.workflows.rows import company_size_literal

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "contact-data.openapi.yaml").read_text()
)
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]


def request_schema(path: str, method: str = "post") -> dict[str, Any]:
    ref = SPEC["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return dict(SCHEMAS[ref["$ref"].rsplit("/", 1)[1]])


def enum(name: str) -> list[str]:
    return [str(value) for value in SCHEMAS[name]["enum"]]


def client() -> ReplyContacts:
    return ReplyContacts(api_key="rk_test_spec_facts_key")


def test_the_default_server_is_the_specs() -> None:
    server = SPEC["servers"][0]["url"]
    assert default_base_url() == server
    assert client().base_url == server
    assert str(build_transport(api_key="rk_test_spec_facts_key").origin).rstrip("/") == server


def test_import_batches_are_the_specs_max_items() -> None:
    most = request_schema("/v3/contacts/import")["properties"]["items"]["maxItems"]
    assert most == contacts.IMPORT_MAX_ITEMS
    batch_size = inspect.signature(Workflows.import_to_list).parameters["batch_size"]
    assert batch_size.default == most
    plans = ContactsOperations(client())
    assert plans.import_batch([{"firstName": "A"}] * most).operation.name == "import_contacts"
    with pytest.raises(ValueError, match=f"at most {most}"):
        plans.import_batch([{"firstName": "A"}] * (most + 1))
    with pytest.raises(ValueError, match=f"between 1 and {most}"):
        next(ImportWorkflows(client()).import_to_list([], list_id=1, batch_size=most + 1))


def test_bulk_account_create_is_the_specs_max_items() -> None:
    most = request_schema("/v3/contact-accounts/bulk")["properties"]["items"]["maxItems"]
    assert most == accounts.BULK_CREATE_MAX
    chunk_size = inspect.signature(Workflows.create_accounts).parameters["chunk_size"]
    assert chunk_size.default == most
    with pytest.raises(ValueError, match=f"between 1 and {most}"):
        next(AccountWorkflows(client()).create_accounts([], chunk_size=most + 1))


def test_account_list_names_are_bounded_as_the_spec_says() -> None:
    name = request_schema("/v3/contact-account-lists")["properties"]["name"]
    shortest, longest = name["minLength"], name["maxLength"]
    assert account_lists.ACCOUNT_LISTS.checked_name("x" * shortest) == "x" * shortest
    assert account_lists.ACCOUNT_LISTS.checked_name("x" * longest) == "x" * longest
    for bad in ("x" * (shortest - 1), "x" * (longest + 1)):
        with pytest.raises(ValueError, match=f"{shortest} to {longest} characters"):
            account_lists.ACCOUNT_LISTS.checked_name(bad)


def test_the_largest_page_is_the_specs_top_maximum() -> None:
    top = next(p for p in SPEC["components"]["parameters"].values() if p["name"] == "top")
    query = ContactsOperations(client()).list()
    assert isinstance(query, PageQuery)
    assert query.max_page_size == top["schema"]["maximum"]


def test_account_company_sizes_are_the_specs() -> None:
    sizes = enum("AccountCompanySize")
    for size in sizes:
        body, pointer, _ = prepare_account({"name": "Acme", "companySize": size.lower()})
        assert body is not None and body["companySize"] == size, pointer
    _, pointer, problem = prepare_account({"name": "Acme", "companySize": "Gigantic"})
    assert pointer == "/companySize" and problem is not None and ", ".join(sizes) in problem


def test_contact_company_sizes_are_the_specs() -> None:
    literals = enum("ContactCompanySize")
    bands = enum("AccountCompanySize")
    for literal in literals:
        assert company_size_literal(literal) == literal
    # An account's band spelling ("51-200") means the contact band at the same place.
    for band, literal in zip(bands, literals, strict=True):
        assert company_size_literal(band) == literal
    assert company_size_literal("11 - 50") == literals[bands.index("11-50")]
    assert company_size_literal("gigantic") is None


def test_statuses_the_facade_acts_on_are_the_specs() -> None:
    in_sequence = set(enum("StatusInSequence"))
    assert in_sequence >= outreach.SENDING_STATUSES
    source = inspect.getsource(outreach)
    for literal in ("paused", "bounced", "invalidEmail", "replied", "autoReplied"):
        assert f'"{literal}"' in source and literal in in_sequence
    assert '"meetingBooked"' in source and "meetingBooked" in enum("MeetingStatus")
    for literal in ("toCall", "called"):
        assert f'"{literal}"' in source and literal in enum("CallStatus")
    server_statuses = {status.value for status in RowStatus} - {"invalid"}
    assert server_statuses == set(enum("ImportItemStatus"))


def test_writable_sequence_statuses_are_the_specs() -> None:
    plans = ContactsOperations(client())
    for status in enum("WritableStatusInSequence"):
        flow = plans.set_status_in_sequence([1], status)
        assert next(flow).kwargs["body"].status_in_sequence == status
        flow.close()
    with pytest.raises(ValueError, match="status must be one of"):
        plans.set_status_in_sequence([1], "replied")


def test_sort_directions_are_the_specs() -> None:
    plans = accounts.AccountsOperations(client())
    for direction in enum("SortDirection"):
        assert plans.list(sort_direction=direction).kwargs["sort_direction"] == direction
    with pytest.raises(ValueError, match="sort_direction"):
        plans.list(sort_direction="sideways")
