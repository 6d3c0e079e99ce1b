"""Client construction and lifetime: settings from arguments or the environment, refused
settings, headers, the shared pool of `with_options` copies, context managers, `whoami()`
and the `request()` escape hatch."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from facade_support import API_KEY, FAST_RETRY, Recorder, client_options, run
from reply_contacts import (
    AsyncReplyContacts,
    ConfigurationError,
    InsecureURLError,
    NotFoundError,
    ReplyContacts,
    ValidationError,
)
from reply_contacts.sandbox import Sandbox

SECRET = "rk_live_3b9f0c1d7e5a42"


def mock_client(recorder: Recorder, cls: type[Any] = ReplyContacts, **options: Any) -> Any:
    settings: dict[str, Any] = {
        "api_key": SECRET,
        "base_url": "https://api.reply.io",
        "rate_limit": None,
        "http_transport": httpx.MockTransport(recorder),
    }
    settings.update(options)
    return cls(**settings)


# -- settings from arguments and environment ----------------------------------------------------


def test_key_and_url_from_environment(monkeypatch: pytest.MonkeyPatch, sb: Sandbox) -> None:
    monkeypatch.setenv("REPLY_API_KEY", API_KEY)
    monkeypatch.setenv("REPLY_BASE_URL", sb.url)
    with ReplyContacts(rate_limit=None) as client:
        assert client.base_url == sb.url
        assert (client.whoami()).user_id == 1


async def test_async_client_from_environment(monkeypatch: pytest.MonkeyPatch, sb: Sandbox) -> None:
    monkeypatch.setenv("REPLY_API_KEY", API_KEY)
    monkeypatch.setenv("REPLY_BASE_URL", sb.url + "/v3/")
    async with AsyncReplyContacts(rate_limit=None) as client:
        assert client.base_url == sb.url
        assert (await client.whoami()).user_id == 1


def test_arguments_win_over_environment(monkeypatch: pytest.MonkeyPatch, sb: Sandbox) -> None:
    monkeypatch.setenv("REPLY_API_KEY", "rk_wrong_key_from_env")
    monkeypatch.setenv("REPLY_BASE_URL", "https://api.reply.io")
    with ReplyContacts(api_key=API_KEY, base_url=sb.url, rate_limit=None) as client:
        assert client.base_url == sb.url
        assert (client.whoami()).user_id == 1


def test_default_base_url_is_the_real_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPLY_BASE_URL", raising=False)
    client = ReplyContacts(api_key=SECRET, rate_limit=None)
    assert client.base_url == "https://api.reply.io"


def test_missing_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPLY_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="REPLY_API_KEY"):
        ReplyContacts(base_url="https://api.reply.io")
    with pytest.raises(ConfigurationError):
        AsyncReplyContacts(api_key="   ", base_url="https://api.reply.io")


@pytest.mark.parametrize(
    "given",
    ["{url}", "{url}/", "{url}/v3", "{url}/v3/", "  {url}/v3  "],
)
def test_v3_suffix_and_slashes_accepted(sb: Sandbox, given: str) -> None:
    with ReplyContacts(**client_options(sb, base_url=given.format(url=sb.url))) as client:
        assert client.base_url == sb.url
        assert (client.whoami()).user_id == 1


@pytest.mark.parametrize(
    "url",
    ["http://api.reply.io", "http://10.0.0.5:8080", "http://example.com/v3"],
)
@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
def test_plain_http_to_non_loopback_refused(url: str, cls: type[Any]) -> None:
    with pytest.raises(InsecureURLError, match="http://"):
        cls(api_key=SECRET, base_url=url)


@pytest.mark.parametrize("url", ["http://localhost:9", "http://127.0.0.1:9", "http://[::1]:9"])
def test_plain_http_to_loopback_allowed(url: str) -> None:
    client = ReplyContacts(api_key=SECRET, base_url=url, rate_limit=None)
    assert client.base_url.startswith("http://")


@pytest.mark.parametrize("url", ["ftp://api.reply.io", "api.reply.io", "https://"])
def test_malformed_base_url_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        ReplyContacts(api_key=SECRET, base_url=url)


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
def test_timeout_none_refused(cls: type[Any]) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        cls(api_key=SECRET, base_url="https://api.reply.io", timeout=None)
    with pytest.raises(ConfigurationError):
        cls(api_key=SECRET, base_url="https://api.reply.io", timeout=0)
    client = cls(api_key=SECRET, base_url="https://api.reply.io", rate_limit=None)
    with pytest.raises(ConfigurationError):
        client.with_options(timeout=None)


def test_timeouts_reach_the_request() -> None:
    recorder = Recorder()
    client = mock_client(recorder, timeout=7)
    client.whoami()
    client.with_options(timeout=httpx.Timeout(3.0, connect=1.0)).whoami()
    first, second = (r.extensions["timeout"] for r in recorder.requests)
    assert first == {"connect": 5.0, "read": 7.0, "write": 7.0, "pool": 7.0}
    assert second == {"connect": 1.0, "read": 3.0, "write": 3.0, "pool": 3.0}
    default = mock_client(recorder)
    default.whoami()
    assert recorder.requests[-1].extensions["timeout"] == {
        "connect": 5.0,
        "read": 30.0,
        "write": 30.0,
        "pool": 10.0,
    }


# -- secrets ----------------------------------------------------------------------------------


async def test_repr_never_shows_the_key_before_use() -> None:
    client = mock_client(Recorder())
    aclient = mock_client(Recorder(), AsyncReplyContacts)
    for thing in (client, aclient, client.contacts, aclient.accounts, client.transport):
        assert SECRET not in repr(thing)
    assert SECRET not in repr(client.with_options(user_id=3))
    assert "redacted" in repr(client)


async def test_repr_never_shows_the_key_after_use() -> None:
    client = mock_client(Recorder())
    client.whoami()
    aclient = mock_client(Recorder(), AsyncReplyContacts)
    await aclient.whoami()
    for thing in (client, aclient):
        assert SECRET not in repr(vars(thing))
        assert SECRET not in repr(thing._generated)


def test_errors_never_show_the_key() -> None:
    def echo_key(request: httpx.Request) -> httpx.Response:
        body = {"title": "Not Found", "status": 404, "detail": f"bad {SECRET}"}
        return httpx.Response(404, json=body, headers={"content-type": "application/problem+json"})

    client = mock_client(Recorder(echo_key))
    with pytest.raises(NotFoundError) as caught:
        client.contacts.get(5)
    assert SECRET not in str(caught.value)
    assert SECRET not in repr(caught.value)
    assert SECRET not in caught.value.body


# -- headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_acting_headers_and_credentials_are_sent(cls: type[Any]) -> None:
    recorder = Recorder()
    client = mock_client(recorder, cls, user_id=42, team_id=9)
    assert (await run(client.whoami())).user_id == 7
    await run(client.request("GET", "/v3/contacts", params={"top": 1}))
    for request in recorder.requests:
        assert request.headers["Authorization"] == f"Bearer {SECRET}"
        assert request.headers["X-USER-ID"] == "42"
        assert request.headers["X-TEAM-ID"] == "9"
        assert request.headers["User-Agent"].startswith("reply-contacts/")
    assert recorder.requests[1].url == "https://api.reply.io/v3/contacts?top=1"
    await run(client.close())
    by_email = mock_client(recorder, cls, user_email="ann@example.com", team_id=9)
    await run(by_email.whoami())
    assert recorder.requests[-1].headers["X-User-Email"] == "ann@example.com"
    await run(by_email.close())
    with pytest.raises(ValueError, match="not both"):
        mock_client(recorder, cls, user_id=42, user_email="ann@example.com")


def test_no_acting_headers_unless_asked() -> None:
    recorder = Recorder()
    mock_client(recorder).whoami()
    headers = recorder.requests[0].headers
    assert not {"x-user-id", "x-user-email", "x-team-id"} & set(headers.keys())


def test_with_options_changes_acting_user_only_on_the_copy() -> None:
    recorder = Recorder()
    client = mock_client(recorder, user_id=1)
    copy = client.with_options(user_id=2, team_id=5)
    cleared = client.with_options(user_id=None)
    copy.whoami()
    client.whoami()
    cleared.whoami()
    sent = [r.headers for r in recorder.requests]
    assert (sent[0]["X-User-Id"], sent[0]["X-Team-Id"]) == ("2", "5")
    assert sent[1]["X-User-Id"] == "1" and "X-Team-Id" not in sent[1]
    assert "X-User-Id" not in sent[2]


# -- pool and lifetime --------------------------------------------------------------------------


def test_one_pool_per_client_and_copies_share_it(sb: Sandbox) -> None:
    pool = httpx.HTTPTransport()
    client = ReplyContacts(**client_options(sb, http_transport=pool))
    assert client._generated.get_httpx_client() is client._generated.get_httpx_client()
    copy = client.with_options(timeout=5, max_retries=1)
    copy_inner = copy.transport.inner_transports()[0]
    assert getattr(copy_inner, "_inner", None) is pool
    assert copy.transport.limiter is client.transport.limiter
    assert copy.retry.max_retries == 1 and client.retry.max_retries == FAST_RETRY.max_retries
    for _ in range(3):
        client.whoami()
        copy.contacts.count()
        client.custom_fields.list()
    # Sequential calls through both clients reused a single keep-alive connection.
    assert len(pool._pool.connections) == 1
    assert client.requests_sent == 6 and copy.requests_sent == 3
    assert sb.stats()["requests"] == 9
    copy.close()
    assert (client.whoami()).user_id == 1, "closing the copy must not close the shared pool"
    client.close()
    with pytest.raises(RuntimeError):
        client.whoami()


async def test_async_copies_share_the_pool(sb: Sandbox) -> None:
    pool = httpx.AsyncHTTPTransport()
    client = AsyncReplyContacts(**client_options(sb, async_http_transport=pool))
    copy = client.with_options(user_email="owner@sandbox.test")
    assert getattr(copy.transport.inner_transports()[1], "_inner", None) is pool
    assert (await client.whoami()).user_id == 1
    assert await copy.contacts.count() == 0
    assert len(pool._pool.connections) == 1
    await copy.close()
    assert (await client.whoami()).user_id == 1
    await client.close()
    with pytest.raises(RuntimeError):
        await client.whoami()


def test_sync_context_manager_closes(sb: Sandbox) -> None:
    with ReplyContacts(**client_options(sb)) as client:
        assert (client.whoami()).user_id == 1
    with pytest.raises(RuntimeError, match="closed"):
        client.whoami()


async def test_async_context_manager_closes(sb: Sandbox) -> None:
    async with AsyncReplyContacts(**client_options(sb)) as client:
        assert (await client.whoami()).user_id == 1
    with pytest.raises(RuntimeError, match="closed"):
        await client.whoami()


async def test_async_client_serves_concurrent_tasks(aclient: AsyncReplyContacts) -> None:
    results = await asyncio.gather(*(aclient.whoami() for _ in range(10)))
    assert [identity.user_id for identity in results] == [1] * 10


# -- whoami and the escape hatch ---------------------------------------------------------------


async def test_whoami_follows_the_key(api: Any, sb: Sandbox, make_api: Any) -> None:
    assert (await run(api.whoami())).user_id == 1
    sb.add_key("rk_test_facade_user3_key", user_id=3)
    other = make_api(api_key="rk_test_facade_user3_key")
    assert (await run(other.whoami())).user_id == 3


async def test_request_escape_hatch(api: Any, sb: Sandbox) -> None:
    ids = sb.seed_contacts(3)
    response = await run(api.request("GET", "/v3/contacts", params={"top": 2, "skip": 1}))
    assert isinstance(response, httpx.Response)
    body = json.loads(response.content)
    assert [item["id"] for item in body["items"]] == ids[1:3]
    assert body["hasMore"] is False
    created = await run(
        api.request("POST", "/v3/contact-lists", json={"name": "Raw list", "isShared": False})
    )
    assert created.status_code == 201 and created.json()["name"] == "Raw list"
    deleted = await run(api.request("DELETE", f"/v3/contact-lists/{created.json()['id']}"))
    assert deleted.status_code == 204 and deleted.content == b""
    counted = await run(
        api.request("POST", "/v3/contacts/filter/count", json={}, headers={"X-Trace": "1"})
    )
    assert counted.json() == {"count": 3}
    assert api.requests_sent == 4


async def test_request_escape_hatch_raises_typed_errors(api: Any) -> None:
    with pytest.raises(NotFoundError) as missing:
        await run(api.request("GET", "/v3/contacts/999"))
    assert missing.value.code == "contact.notFound"
    assert missing.value.path == "/v3/contacts/999"
    with pytest.raises(ValidationError) as invalid:
        await run(api.request("POST", "/v3/contacts", json={"email": "x@example.com"}))
    assert [e.pointer for e in invalid.value.errors] == ["/firstName"]
    with pytest.raises(NotFoundError):
        await run(api.request("GET", "/v3/no-such-route"))
