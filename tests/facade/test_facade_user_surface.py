"""What a new user reached for and did not find (found by a cold trial of the README)."""

from __future__ import annotations

import inspect

import pytest
from reply_contacts import (
    AccountFields,
    AsyncReplyContacts,
    ContactFields,
    ReplyContacts,
    ReplyError,
)
from reply_contacts.filters import AccountFilter, ContactFilter, FilterError
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows import AsyncWorkflows, Workflows


def test_a_filter_mistake_is_a_reply_error_and_a_value_error() -> None:
    assert issubclass(FilterError, ReplyError)
    assert issubclass(FilterError, ValueError)
    with pytest.raises(ReplyError, match="company"):
        ContactFields.company_size == "Huge"  # noqa: B015 - building the rule validates it


def test_an_unknown_custom_field_in_a_filter_is_caught_as_a_reply_error(
    reply_sandbox: Sandbox,
) -> None:
    with (
        ReplyContacts(api_key=reply_sandbox.api_key, base_url=reply_sandbox.url) as client,
        pytest.raises(ReplyError, match="Lead Sauce"),
    ):
        client.contacts.count(ContactFields.custom("Lead Sauce") == "x")


def test_a_single_rule_reads_like_a_filter() -> None:
    rule = ContactFields.title.contains("VP")
    in_list = rule.in_list(7)
    assert isinstance(in_list, ContactFilter)
    assert in_list.to_body() == {
        "rules": [{"property": "title", "condition": "contains", "value": "VP"}],
        "listId": 7,
    }
    assert rule.in_sequence(3).to_body()["sequenceId"] == 3
    assert rule.search("acme").to_body()["searchTerm"] == "acme"
    account = (AccountFields.country == "PT").in_list(3)
    assert isinstance(account, AccountFilter)
    assert account.to_body()["listId"] == 3


@pytest.mark.parametrize(
    ("client_class", "workflows"),
    [(ReplyContacts, Workflows), (AsyncReplyContacts, AsyncWorkflows)],
)
def test_the_import_shortcut_has_the_workflows_parameters(
    client_class: type[ReplyContacts | AsyncReplyContacts], workflows: type[object]
) -> None:
    client = client_class(api_key="k", base_url="http://127.0.0.1:9")
    shortcut = inspect.signature(client.import_to_list)
    full = inspect.signature(workflows.import_to_list)
    assert list(shortcut.parameters) == list(full.parameters)[1:]  # all but self
    assert "list_name" in shortcut.parameters
    assert inspect.iscoroutinefunction(client.import_to_list) is (
        client_class is AsyncReplyContacts
    )
