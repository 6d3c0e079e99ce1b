"""Pagination: walking more than 2,000 contacts on the sandbox, sync and async, with page sizes,
`max_items` and `pages()`; the exact `top`/`skip` sequence and the stop rules on a scripted
server; and memory: only one page alive at a time."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import httpx
import pytest
from facade_support import Recorder, collect, collect_pages
from reply_contact_data_client.models import Contact, ContactPage
from reply_contacts import AsyncReplyContacts, ReplyContacts
from reply_contacts.pagination import AsyncPaginator, Paginator
from reply_contacts.sandbox import Sandbox


def list_requests(sb: Sandbox) -> int:
    return int(sb.stats()["byOperation"].get("GetContacts", 0))


@pytest.fixture
def many(sb: Sandbox) -> list[int]:
    ids = sb.seed_contacts(2100)
    sb.reset_stats()
    return ids


async def test_walks_every_contact_in_pages_of_a_thousand(
    api: Any, sb: Sandbox, many: list[int]
) -> None:
    paginator = api.contacts.list()
    assert isinstance(
        paginator, AsyncPaginator if isinstance(api, AsyncReplyContacts) else Paginator
    )
    seen = [contact.id for contact in await collect(paginator)]
    assert seen == many
    assert list_requests(sb) == 3


@pytest.mark.parametrize(("page_size", "requests"), [(700, 3), (300, 7)])
async def test_page_sizes(
    api: Any, sb: Sandbox, many: list[int], page_size: int, requests: int
) -> None:
    pages = await collect_pages(api.contacts.list(page_size=page_size))
    assert all(isinstance(page, ContactPage) for page in pages)
    sizes = [len(page.items) for page in pages]
    assert sum(sizes) == 2100 and len(pages) == requests
    assert all(size == page_size for size in sizes[:-1])
    assert [page.has_more for page in pages] == [True] * (requests - 1) + [False]
    assert [c.id for page in pages for c in page.items] == many
    assert list_requests(sb) == requests


@pytest.mark.parametrize(("max_items", "requests"), [(1, 1), (1000, 1), (1500, 2), (5000, 3)])
async def test_max_items(
    api: Any, sb: Sandbox, many: list[int], max_items: int, requests: int
) -> None:
    items = await collect(api.contacts.list(max_items=max_items))
    assert [c.id for c in items] == many[:max_items]
    assert list_requests(sb) == requests


async def test_max_items_zero_sends_nothing(api: Any, many: list[int]) -> None:
    assert await collect(api.contacts.list(max_items=0)) == []
    assert await collect_pages(api.contacts.list(max_items=0)) == []
    assert api.requests_sent == 0


async def test_stops_on_has_more_false(api: Any, sb: Sandbox) -> None:
    ids = sb.seed_contacts(2000)
    sb.reset_stats()
    pages = await collect_pages(api.contacts.list())
    assert [len(page.items) for page in pages] == [1000, 1000]
    assert pages[-1].has_more is False
    assert list_requests(sb) == 2, "no trailing request for an empty page"
    assert [c.id for page in pages for c in page.items] == ids


async def test_async_for_and_early_break(
    aclient: AsyncReplyContacts, sb: Sandbox, many: list[int]
) -> None:
    seen = []
    async for contact in aclient.contacts.list(page_size=500):
        assert isinstance(contact, Contact)
        seen.append(contact.id)
        if len(seen) == 750:
            break
    assert seen == many[:750]
    assert list_requests(sb) == 2


def test_sync_for_and_early_break(client: ReplyContacts, sb: Sandbox, many: list[int]) -> None:
    paginator = client.contacts.list(page_size=400)
    seen = [contact.id for _, contact in zip(range(401), paginator, strict=False)]
    assert seen == many[:401]
    assert list_requests(sb) == 2
    # A paginator is re-iterable: each iteration starts over.
    assert next(iter(paginator)).id == many[0]


def test_invalid_page_arguments_fail_at_once(client: ReplyContacts) -> None:
    with pytest.raises(ValueError):
        client.contacts.list(page_size=1001)
    with pytest.raises(ValueError):
        client.contacts.list(page_size=0)
    with pytest.raises(ValueError):
        client.contacts.list(max_items=-1)
    assert client.requests_sent == 0


# -- the top/skip sequence and stop rules, on a scripted server --------------------------------


def scripted_pages(total: int, *, lie_has_more: bool = False) -> Recorder:
    """Pages of contacts 1..total, by `top`/`skip`; optionally `hasMore: true` forever."""

    def answer(request: httpx.Request) -> httpx.Response:
        top = int(request.url.params["top"])
        skip = int(request.url.params["skip"])
        ids = range(skip + 1, min(skip + top, total) + 1)
        items = [{"id": i, "firstName": f"C{i}", "email": f"c{i}@example.com"} for i in ids]
        has_more = lie_has_more or skip + top < total
        return httpx.Response(200, json={"items": items, "hasMore": has_more})

    return Recorder(answer)


def mocked(recorder: Recorder, cls: type[Any]) -> Any:
    return cls(
        api_key="rk_test_facade_mock_key",
        base_url="https://api.reply.io",
        rate_limit=None,
        http_transport=httpx.MockTransport(recorder),
    )


def requested(recorder: Recorder) -> list[tuple[int, int]]:
    return [(int(r.url.params["top"]), int(r.url.params["skip"])) for r in recorder.requests]


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_top_and_skip_sequence(cls: type[Any]) -> None:
    recorder = scripted_pages(20)
    client = mocked(recorder, cls)
    items = await collect(client.contacts.list(page_size=3, max_items=7))
    assert [c.id for c in items] == list(range(1, 8))
    assert requested(recorder) == [(3, 0), (3, 3), (1, 6)]
    recorder.requests.clear()
    assert len(await collect(client.contacts.list())) == 20
    assert requested(recorder) == [(1000, 0)]
    recorder.requests.clear()
    assert len(await collect(client.contacts.list(max_items=6, page_size=3))) == 6
    assert requested(recorder) == [(3, 0), (3, 3)], "stops at max_items on a page boundary"


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_stops_on_an_empty_page_even_if_has_more_lies(cls: type[Any]) -> None:
    recorder = scripted_pages(5, lie_has_more=True)
    client = mocked(recorder, cls)
    assert len(await collect(client.contacts.list(page_size=2))) == 5
    assert requested(recorder) == [(2, 0), (2, 2), (2, 4), (2, 5)]


# -- memory: one page at a time -------------------------------------------------------------------


class PageTracker:
    """Wraps a namespace's plan runner; at each page fetch, counts earlier pages still alive."""

    def __init__(self) -> None:
        self.pages: list[weakref.ref[Any]] = []
        self.alive_at_fetch: list[int] = []

    def before_fetch(self) -> None:
        gc.collect()
        self.alive_at_fetch.append(sum(ref() is not None for ref in self.pages))

    def fetched(self, page: Any) -> Any:
        self.pages.append(weakref.ref(page))
        return page


def test_pages_are_fetched_lazily(client: ReplyContacts, many: list[int], sb: Sandbox) -> None:
    iterator = iter(client.contacts.list(page_size=500))
    assert list_requests(sb) == 0
    next(iterator)
    assert list_requests(sb) == 1
    for _ in range(499):
        next(iterator)
    assert list_requests(sb) == 1
    next(iterator)
    assert list_requests(sb) == 2


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_only_one_page_alive_while_iterating(cls: type[Any]) -> None:
    client = mocked(scripted_pages(200), cls)
    tracker = PageTracker()
    contacts = client.contacts
    if cls is ReplyContacts:
        real_run = contacts._run

        def tracked_run(call: Any) -> Any:
            tracker.before_fetch()
            return tracker.fetched(real_run(call))

        contacts._run = tracked_run
        count = sum(1 for _ in contacts.list(page_size=50))
    else:
        real_run_async = contacts._run_async

        async def tracked_run_async(call: Any) -> Any:
            tracker.before_fetch()
            return tracker.fetched(await real_run_async(call))

        contacts._run_async = tracked_run_async
        count = 0
        async for _ in contacts.list(page_size=50):
            count += 1
    assert count == 200 and len(tracker.pages) == 4
    assert tracker.alive_at_fetch == [0, 0, 0, 0]


@pytest.mark.parametrize("cls", [ReplyContacts, AsyncReplyContacts])
async def test_pages_consumer_can_let_go_of_each_page(cls: type[Any]) -> None:
    """With `pages()`, a consumer that drops each page keeps at most one more alive (the one
    the generator holds); the raw response bytes are never retained."""
    client = mocked(scripted_pages(200), cls)
    refs: list[weakref.ref[Any]] = []
    pages = client.contacts.list(page_size=50).pages()
    if cls is ReplyContacts:
        for page in pages:
            refs.append(weakref.ref(page))
            del page
            gc.collect()
            assert sum(ref() is not None for ref in refs) <= 1
    else:
        async for page in pages:
            refs.append(weakref.ref(page))
            del page
            gc.collect()
            assert sum(ref() is not None for ref in refs) <= 1
    assert len(refs) == 4
