"""Plans and their runners, and the facade's coverage of the spec: every operation of
contact-data.openapi.yaml is reachable from a namespace; a parsed body the spec does not
describe is a DecodeError; a flow decides what an API error means to it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import reply_contact_data_client.api as generated_api
import reply_contacts._catalog as catalog
import reply_contacts.resources as resources
import yaml
from facade_support import Recorder, run
from reply_contact_data_client.contract import OPERATIONS, Operations
from reply_contacts import AsyncReplyContacts, DecodeError, NotFoundError, ReplyContacts
from reply_contacts import _identity as identity_plans
from reply_contacts._plan import Call, run_async, run_sync

SPEC = Path(__file__).resolve().parents[2] / "contact-data.openapi.yaml"


def snake(operation_id: str) -> str:
    # The generator's spelling (SendDirectLinkedInAiVoice -> send_direct_linked_in_ai_voice,
    # WhoAmITeamUsers -> who_am_i_team_users), as the contract module records it.
    names = {op.operation_id: op.name for op in OPERATIONS.values()}
    return names.get(operation_id) or re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def spec_operations() -> list[str]:
    spec = yaml.safe_load(SPEC.read_text())
    return [
        op["operationId"]
        for path in spec["paths"].values()
        for method, op in path.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_every_spec_operation_is_reachable_from_a_namespace() -> None:
    operations = spec_operations()
    assert len(operations) == 65
    generated = {
        module.stem
        for module in Path(generated_api.__file__).parent.glob("*/*.py")
        if module.stem != "__init__"
    }
    assert {snake(op) for op in operations} == generated
    # The namespaces, the custom-field catalog that `custom_fields.list` refreshes, and the
    # client's own whoami() and teams() (_identity.py).
    modules = [
        *Path(resources.__file__).parent.glob("*.py"),
        Path(catalog.__file__),
        Path(identity_plans.__file__),
    ]
    source = "\n".join(p.read_text() for p in modules)
    unreachable = sorted(op for op in operations if not re.search(rf"\b{snake(op)}\b", source))
    assert unreachable == []


def test_namespaces_are_the_same_on_both_clients() -> None:
    sync = ReplyContacts(api_key="rk_test_facade_mock_key", base_url="https://api.reply.io")
    asyn = AsyncReplyContacts(api_key="rk_test_facade_mock_key", base_url="https://api.reply.io")
    for name in (
        "contacts",
        "contact_lists",
        "custom_fields",
        "accounts",
        "account_lists",
        "background_jobs",
    ):
        sync_methods = {m for m in dir(getattr(sync, name)) if not m.startswith("_")}
        async_methods = {m for m in dir(getattr(asyn, name)) if not m.startswith("_")}
        assert sync_methods == async_methods, name
        assert getattr(sync, name) is getattr(sync, name), "namespaces are built once"


def mocked(answer: Any, cls: type[Any] = ReplyContacts) -> Any:
    return cls(
        api_key="rk_test_facade_mock_key",
        base_url="https://api.reply.io",
        rate_limit=None,
        max_retries=0,
        http_transport=httpx.MockTransport(Recorder(answer)),
    )


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_body_the_spec_does_not_describe_is_a_decode_error(cls: type[Any]) -> None:
    client = mocked(lambda request: httpx.Response(200, json=["not", "a", "contact"]), cls)
    with pytest.raises(DecodeError, match="GetContactById"):
        await run(client.contacts.get(5))


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_non_json_success_body_is_a_decode_error(cls: type[Any]) -> None:
    html = "<html>maintenance</html>"
    client = mocked(
        lambda request: httpx.Response(200, text=html, headers={"content-type": "text/html"}), cls
    )
    with pytest.raises(DecodeError) as caught:
        await run(client.contacts.get(5))
    assert caught.value.status == 200 and "maintenance" in caught.value.body


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_undocumented_status_is_a_decode_error(cls: type[Any]) -> None:
    client = mocked(lambda request: httpx.Response(202, json={"queued": True}), cls)
    with pytest.raises(DecodeError):
        await run(client.contacts.get(5))


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_unknown_enum_values_and_fields_are_kept(cls: type[Any]) -> None:
    body = {
        "id": 5,
        "firstName": "Ann",
        "email": "ann@example.com",
        "companySize": "Gigantic",
        "callStatus": "voicemail",
        "brandNewField": {"x": 1},
    }
    client = mocked(lambda request: httpx.Response(200, json=body), cls)
    contact = await run(client.contacts.get(5))
    assert contact.company_size == "Gigantic" and contact.call_status == "voicemail"
    assert contact.additional_properties["brandNewField"] == {"x": 1}


def test_flows_decide_what_an_error_means(client: ReplyContacts) -> None:
    def lookup(contact_id: int) -> Any:
        try:
            found = yield Call(Operations.get_contact_by_id, {"id": contact_id})
        except NotFoundError:
            return "absent"
        return found.first_name

    assert run_sync(client._generated, lookup(12345)) == "absent"
    chained = (
        Call(Operations.filter_contacts_count, {"body": _empty_count()})
        .then(lambda result: result.count)
        .then(lambda count: count + 1)
    )
    assert run_sync(client._generated, chained) == 1


async def test_async_flows_decide_what_an_error_means(aclient: AsyncReplyContacts) -> None:
    def lookup() -> Any:
        try:
            yield Call(Operations.get_contact_list_by_id, {"id": 777})
        except NotFoundError as exc:
            return exc.code
        return None

    assert await run_async(aclient._generated, lookup()) == "contactsList.notFound"


def _empty_count() -> Any:
    from reply_contact_data_client.models import ContactFilterCountRequest

    return ContactFilterCountRequest.from_dict({})


def test_bad_request_arguments_are_not_reported_as_response_errors(client: ReplyContacts) -> None:
    bad = Call(Operations.get_contact_accounts, {"sort_direction": "sideways"})
    with pytest.raises(TypeError, match="GetContactAccounts"):
        run_sync(client._generated, bad)
    assert client.requests_sent == 0
