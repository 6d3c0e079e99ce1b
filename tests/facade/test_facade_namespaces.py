"""Namespaces as plans: on its own a namespace hands out plans that compose (`yield from`), mixed
with a runner it runs them; signatures and help() show what the user calls."""

from __future__ import annotations

import inspect
import pydoc
from typing import Any, ClassVar

import httpx
import pytest
from facade_support import Recorder, run, seeded_contacts
from reply_contact_data_client.contract import Operations
from reply_contacts import AsyncReplyContacts, NotFoundError, ReplyContacts
from reply_contacts._plan import Call, Flow, run_async, run_sync
from reply_contacts._resource import AsyncResource, ResourceBase, SyncResource, operation
from reply_contacts.pagination import PageQuery
from reply_contacts.resources.account_lists import AccountListsOperations
from reply_contacts.resources.contact_lists import ContactListsOperations
from reply_contacts.resources.contacts import AsyncContacts, Contacts, ContactsOperations
from reply_contacts.resources.custom_fields import AsyncCustomFields, CustomFields
from reply_contacts.sandbox import Sandbox
from reply_contacts.workflows import Workflows


def _client() -> ReplyContacts:
    return ReplyContacts(api_key="rk_test_namespaces_key", base_url="https://api.reply.io")


def test_a_namespace_on_its_own_returns_plans() -> None:
    contacts = ContactsOperations(_client())
    call = contacts.get(42)
    assert isinstance(call, Call)
    assert (call.operation, dict(call.kwargs)) == (Operations.get_contact_by_id, {"id": 42})
    query = contacts.list(max_items=3)
    assert isinstance(query, PageQuery) and query.operation == Operations.get_contacts
    flow = ContactListsOperations(_client()).get_or_create("Leads")
    assert inspect.isgenerator(flow)
    lookup = next(flow)
    assert lookup.operation == Operations.get_contact_lists
    flow.close()
    # Arguments are checked when the plan is built, before anything is sent.
    with pytest.raises(ValueError, match="contact_id"):
        contacts.get(0)
    with pytest.raises(ValueError, match="account list name"):
        AccountListsOperations(_client()).create("x")


def test_plans_compose_with_yield_from(client: ReplyContacts, sb: Sandbox) -> None:
    (ann,) = seeded_contacts(sb, 1)
    contacts = ContactsOperations(client)

    def first_name_or_absent(contact_id: int) -> Flow[str]:
        try:
            contact = yield from contacts.get(contact_id)  # a single Call composes too
        except NotFoundError:
            return "absent"
        return str(contact.first_name)

    def both() -> Flow[list[str]]:
        found = yield from first_name_or_absent(ann)
        missing = yield from first_name_or_absent(999_999)
        listed = yield from contacts.list(max_items=5).collect()
        return [found, missing, *(str(c.id) for c in listed)]

    assert run_sync(client._generated, both()) == ["P1", "absent", str(ann)]


async def test_collect_walks_pages_inside_a_plan(aclient: AsyncReplyContacts, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 7)
    query = ContactsOperations(aclient).list(page_size=3, max_items=5)
    sb.reset_stats()
    items = await run_async(aclient._generated, query.collect())
    assert [c.id for c in items] == ids[:5]
    assert sb.stats()["byOperation"] == {"GetContacts": 2}


class _Probe(ResourceBase):
    """A namespace that records which object its builder is handed."""

    seen: ClassVar[list[type[Any]]] = []

    @operation
    def whoami(self) -> Call[Any]:
        _Probe.seen.append(type(self))
        return Call(Operations.get_contact_by_id, {"id": 1}, lambda _: "ran")


class _SyncProbe(_Probe, SyncResource):
    pass


class _AsyncProbe(_Probe, AsyncResource):
    pass


def _answering_client(cls: type[Any]) -> Any:
    answer = {"id": 1, "firstName": "Ann", "email": "ann@example.com"}
    return cls(
        api_key="rk_test_namespaces_key",
        base_url="https://api.reply.io",
        rate_limit=None,
        http_transport=httpx.MockTransport(Recorder(lambda r: httpx.Response(200, json=answer))),
        async_http_transport=httpx.MockTransport(
            Recorder(lambda r: httpx.Response(200, json=answer))
        ),
    )


async def test_builders_are_handed_the_plans_only_namespace() -> None:
    _Probe.seen.clear()
    assert _SyncProbe(_answering_client(ReplyContacts)).whoami() == "ran"
    assert await _AsyncProbe(_answering_client(AsyncReplyContacts)).whoami() == "ran"
    assert isinstance(_Probe(_answering_client(ReplyContacts)).whoami(), Call)
    # Never the runner: what a builder composes from `self` stays a plan.
    assert _Probe.seen == [_Probe, _Probe, _Probe]


def test_signatures_show_what_the_user_calls() -> None:
    sync = _client()
    asyn = AsyncReplyContacts(api_key="rk_test_namespaces_key", base_url="https://api.reply.io")
    assert str(inspect.signature(sync.contacts.get)) == "(contact_id: 'int') -> 'Contact'"
    assert str(inspect.signature(asyn.contacts.get)) == "(contact_id: 'int') -> 'Contact'"
    assert inspect.iscoroutinefunction(asyn.contacts.get)
    assert not inspect.iscoroutinefunction(sync.contacts.get)
    assert str(inspect.signature(sync.contact_lists.find_by_name)) == (
        "(name: 'str') -> 'ContactList | None'"
    )
    assert inspect.signature(sync.contacts.list).return_annotation == "Paginator[Contact]"
    assert inspect.signature(asyn.contacts.list).return_annotation == "AsyncPaginator[Contact]"
    plans = ContactsOperations(sync)
    assert str(inspect.signature(plans.get)) == "(contact_id: 'int') -> 'Call[Contact]'"
    assert sync.contacts.get.__doc__ == ContactsOperations.get.__doc__
    assert sync.contacts.get.__name__ == "get"
    # help() lists every method with its parameters.
    page = pydoc.render_doc(sync.contacts, renderer=pydoc.plaintext)
    assert "find_by_email(self, email: 'str')" in page
    workflows = pydoc.render_doc(sync.workflows, renderer=pydoc.plaintext)
    assert "import_to_list(self, rows:" in workflows
    assert isinstance(sync.workflows, Workflows)


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_help_on_a_namespace_class_shows_parameters_and_the_value_returned(
    is_async: bool,
) -> None:
    client_class = AsyncReplyContacts if is_async else ReplyContacts
    client = client_class(api_key="rk_test_namespaces_key", base_url="https://api.reply.io")
    namespace = type(client.custom_fields)
    assert namespace is (AsyncCustomFields if is_async else CustomFields)
    page = pydoc.render_doc(namespace, renderer=pydoc.plaintext)
    prefix = "async " if is_async else ""
    assert f"{prefix}by_title(self, title: 'str') -> 'CustomField'" in page
    assert f"{prefix}get(self, field_id: 'int') -> 'CustomField'" in page
    assert "The field with this title (case-insensitive)" in page
    # The namespace's own methods, not plan builders inherited from the plans-only class.
    assert "Methods defined here" in page and "CustomFieldsOperations:" not in page
    assert "Call[" not in page and "Flow[" not in page
    # Class-level access is a proper function: parameters, value, sync or coroutine.
    by_title = namespace.by_title
    assert inspect.isfunction(by_title)
    assert str(inspect.signature(by_title)) == "(self, title: 'str') -> 'CustomField'"
    assert inspect.iscoroutinefunction(by_title) is is_async
    assert by_title.__qualname__ == f"{namespace.__name__}.by_title"
    listing = (AsyncContacts if is_async else Contacts).list
    paginator = "AsyncPaginator" if is_async else "Paginator"
    assert str(inspect.signature(listing)) == (
        "(self, *, page_size: 'int | None' = None, max_items: 'int | None' = None)"
        f" -> '{paginator}[Contact]'"
    )
    assert not inspect.iscoroutinefunction(listing)  # an async iterator, not a coroutine
    workflows = pydoc.render_doc(type(client.workflows), renderer=pydoc.plaintext)
    assert f"{prefix}import_to_list(self, rows: " in workflows
    assert "-> 'ImportReport'" in workflows and "Flow[" not in workflows
    # Bound, the same minus `self`.
    assert str(inspect.signature(client.custom_fields.by_title)) == (
        "(title: 'str') -> 'CustomField'"
    )


async def test_a_method_called_on_the_class_runs_like_one_on_the_instance(
    client: ReplyContacts, aclient: AsyncReplyContacts, sb: Sandbox
) -> None:
    (ann,) = seeded_contacts(sb, 1)
    assert Contacts.get(client.contacts, ann).id == ann
    assert (await AsyncContacts.get(aclient.contacts, ann)).id == ann
    plans = ContactsOperations(client)
    assert ContactsOperations.get(plans, ann) == plans.get(ann)
    # The plans class handed a runner runs the runner's method, never a plan built on it.
    assert ContactsOperations.get(client.contacts, ann).id == ann


async def test_bound_methods_are_built_once_per_namespace(api: Any, sb: Sandbox) -> None:
    (ann,) = seeded_contacts(sb, 1)
    assert api.contacts.get is api.contacts.get
    assert (await run(api.contacts.get(ann))).id == ann
