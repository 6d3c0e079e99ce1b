"""Iterate every item of a `top`/`skip` listing, sync or async, one page in memory at a time.

The API pages by offset (`top`, `skip`) and says `hasMore`; it sends no total. Pages are requested
at the endpoint's maximum size (fewest requests against the per-user budget) unless `max_items`
needs fewer, and iteration stops on `hasMore=false`, on an empty page, or at `max_items`.
Inside a plan, `items = yield from query.collect()` walks the same pages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._plan import Call, Flow, Plan

if TYPE_CHECKING:
    from reply_contact_data_client.contract import Operation

T = TypeVar("T")


@dataclass(frozen=True)
class PageQuery(Generic[T]):
    """How to fetch one page of a listing: the operation, its fixed arguments and page limits.

    The largest page is the spec's `maximum` for the operation's `top` parameter.
    """

    operation: Operation
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    page_size: int | None = None
    max_items: int | None = None
    skip: int = 0
    # Arguments known only when the pages are fetched, from a plan run before each page: a
    # filter body whose custom-field titles the catalog resolves (no request once it is loaded).
    prepare: Callable[[], Flow[Mapping[str, Any]]] | None = None

    @property
    def max_page_size(self) -> int:
        return int(self.operation.limit("top", "query").maximum or 1)

    def __post_init__(self) -> None:
        if self.page_size is not None and not 1 <= self.page_size <= self.max_page_size:
            raise ValueError(f"page_size must be between 1 and {self.max_page_size}")
        if self.max_items is not None and self.max_items < 0:
            raise ValueError("max_items must not be negative")
        if self.skip < 0:
            raise ValueError("skip must not be negative")

    def call_for(self, skip: int, remaining: int | None) -> Call[Any]:
        top = self.page_size or self.max_page_size
        if remaining is not None:
            top = max(1, min(top, remaining))
        return Call(self.operation, {**self.kwargs, "top": top, "skip": skip})

    def plan_for(self, skip: int, remaining: int | None) -> Plan[Any]:
        """The plan of one page: its call, after `prepare` when there is one."""
        call = self.call_for(skip, remaining)
        return call if self.prepare is None else self._prepared(call, self.prepare)

    @staticmethod
    def _prepared(call: Call[Any], prepare: Callable[[], Flow[Mapping[str, Any]]]) -> Flow[Any]:
        extra = yield from prepare()
        return (yield Call(call.operation, {**call.kwargs, **extra}))

    def collect(self) -> Flow[list[T]]:
        """Every item (up to `max_items`) as a plan: `items = yield from query.collect()`."""
        cursor = _Cursor(self)
        items: list[T] = []
        while not cursor.done:
            page = yield from cursor.next_call()
            items.extend(cursor.accept(page))
        return items


def _items_of(page: Any) -> list[Any]:
    # Paged responses are {items, hasMore}; the generated model exposes them as attributes.
    return list(page.items)


def _ids_of(items: list[Any]) -> tuple[object, ...]:
    return tuple(getattr(item, "id", None) for item in items)


def _repeats(items: list[Any], previous: tuple[object, ...]) -> bool:
    ids = _ids_of(items)
    return bool(previous) and ids == previous and all(i is not None for i in ids)


def _has_more(page: Any) -> bool:
    return bool(page.has_more)


class _Cursor:
    """Offset bookkeeping shared by the sync and async paginators."""

    def __init__(self, query: PageQuery[Any]) -> None:
        self.query = query
        self.skip = query.skip
        self.yielded = 0
        self.done = query.max_items == 0
        self.last_ids: tuple[object, ...] = ()

    def remaining(self) -> int | None:
        if self.query.max_items is None:
            return None
        return self.query.max_items - self.yielded

    def next_call(self) -> Plan[Any]:
        return self.query.plan_for(self.skip, self.remaining())

    def accept(self, page: Any) -> list[Any]:
        items = _items_of(page)
        if self.skip > self.query.skip and items and _repeats(items, self.last_ids):
            # The server answered the same page again (it ignored skip): stop, never loop.
            self.done = True
            return []
        self.last_ids = _ids_of(items)
        remaining = self.remaining()
        if remaining is not None and len(items) >= remaining:
            items = items[:remaining]
            self.done = True
        if not items or not _has_more(page):
            self.done = True
        self.skip += len(items)
        self.yielded += len(items)
        return items


class Paginator(Generic[T]):
    """`for item in paginator` walks every page lazily; `.pages()` yields the page models."""

    def __init__(self, run: Callable[[Plan[Any]], Any], query: PageQuery[T]) -> None:
        self._run = run
        self._query = query

    def pages(self) -> Iterator[Any]:
        cursor = _Cursor(self._query)
        while not cursor.done:
            page = self._run(cursor.next_call())
            cursor.accept(page)
            yield page
            del page  # let it go before the next one is fetched: one page in memory

    def __iter__(self) -> Iterator[T]:
        cursor = _Cursor(self._query)
        while not cursor.done:
            # No name for the page: only its items (held by the loop) outlive the fetch.
            yield from cursor.accept(self._run(cursor.next_call()))

    def to_list(self) -> list[T]:
        """Everything in one list: only for listings you know are small."""
        return list(self)


class AsyncPaginator(Generic[T]):
    """`async for item in paginator` walks every page lazily; `.pages()` yields page models."""

    def __init__(self, run: Callable[[Plan[Any]], Awaitable[Any]], query: PageQuery[T]) -> None:
        self._run = run
        self._query = query

    async def pages(self) -> AsyncIterator[Any]:
        cursor = _Cursor(self._query)
        while not cursor.done:
            page = await self._run(cursor.next_call())
            cursor.accept(page)
            yield page
            del page  # let it go before the next one is fetched: one page in memory

    async def __aiter__(self) -> AsyncIterator[T]:
        cursor = _Cursor(self._query)
        while not cursor.done:
            # No name for the page: only its items (held by the loop) outlive the fetch.
            for item in cursor.accept(await self._run(cursor.next_call())):
                yield item

    async def to_list(self) -> list[T]:
        """Everything in one list: only for listings you know are small."""
        return [item async for item in self]
