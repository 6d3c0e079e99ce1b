"""Namespaces written once for both clients.

A namespace (contacts, accounts, ...) is a mixin whose methods are `@operation` or `@paginated`
plan builders. `class Contacts(ContactsOperations, SyncResource)` turns every builder into a
blocking method and `class AsyncContacts(ContactsOperations, AsyncResource)` into a coroutine
method with the same parameters, so the two surfaces cannot drift apart.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from ._plan import Plan, run_async, run_sync
from .pagination import AsyncPaginator, PageQuery, Paginator

if TYPE_CHECKING:
    from reply_contact_data_client import AuthenticatedClient

    from .client import _ClientCore

P = ParamSpec("P")
T = TypeVar("T")


class ResourceBase:
    """What every namespace can reach: the SDK client that owns it."""

    def __init__(self, owner: _ClientCore) -> None:
        self._owner = owner

    @property
    def _generated(self) -> AuthenticatedClient:
        return self._owner._generated

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._owner!r}>"


class SyncResource(ResourceBase):
    def _run(self, plan: Plan[T]) -> T:
        return run_sync(self._generated, plan)


class AsyncResource(ResourceBase):
    async def _run_async(self, plan: Plan[T]) -> T:
        return await run_async(self._generated, plan)


class operation(Generic[P, T]):
    """Decorator: a plan builder becomes a method of the sync and of the async namespace."""

    def __init__(self, build: Callable[Concatenate[Any, P], Plan[T]]) -> None:
        self._build = build
        functools.update_wrapper(self, build)  # type: ignore[arg-type]

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncResource, owner: type[Any]) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncResource, owner: type[Any]) -> Callable[P, Awaitable[T]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        if obj is None:
            return self
        build = self._build
        if isinstance(obj, AsyncResource):

            async def run_async_method(*args: Any, **kwargs: Any) -> Any:
                return await obj._run_async(build(obj, *args, **kwargs))

            return functools.update_wrapper(run_async_method, build)

        def run_method(*args: Any, **kwargs: Any) -> Any:
            return obj._run(build(obj, *args, **kwargs))

        return functools.update_wrapper(run_method, build)


class paginated(Generic[P, T]):
    """Decorator: a page query becomes an iterator over every item (sync) or an async one."""

    def __init__(self, build: Callable[Concatenate[Any, P], PageQuery[T]]) -> None:
        self._build = build
        functools.update_wrapper(self, build)  # type: ignore[arg-type]

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncResource, owner: type[Any]) -> Callable[P, Paginator[T]]: ...
    @overload
    def __get__(self, obj: AsyncResource, owner: type[Any]) -> Callable[P, AsyncPaginator[T]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        if obj is None:
            return self
        build = self._build
        if isinstance(obj, AsyncResource):

            def iterate_async(*args: Any, **kwargs: Any) -> AsyncPaginator[Any]:
                return AsyncPaginator(obj._run_async, build(obj, *args, **kwargs))

            return functools.update_wrapper(iterate_async, build)

        def iterate(*args: Any, **kwargs: Any) -> Paginator[Any]:
            return Paginator(obj._run, build(obj, *args, **kwargs))

        return functools.update_wrapper(iterate, build)
