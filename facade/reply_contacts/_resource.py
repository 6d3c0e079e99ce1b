"""Namespaces written once for both clients, and composable as plans.

A namespace (contacts, accounts, ...) is a class of `@operation` and `@paginated` plan builders,
such as `ContactsOperations`. What its methods do depends on what it is mixed with:

- on its own, `ContactsOperations(owner).get(42)` returns the plan (a `Call`, a `Flow`, a
  `PageQuery`), to compose inside other plans: `contact = yield from contacts.get(42)`;
- `class Contacts(ContactsOperations, SyncResource)`: every method runs its plan and blocks;
- `class AsyncContacts(ContactsOperations, AsyncResource)`: every method is a coroutine.

So the two client surfaces cannot drift apart, and a workflow reuses a resource's plan instead
of spelling its operation again. A builder always receives the plans-only namespace as `self`,
so `yield from self.find_by_name(name)` composes inside a namespace too.
"""

from __future__ import annotations

import functools
import inspect
import re
import types
import typing
from collections.abc import Awaitable, Callable
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    Protocol,
    Self,
    TypeVar,
    overload,
)

from ._plan import Call, Flow, Plan, run_async, run_sync
from .pagination import AsyncPaginator, PageQuery, Paginator

if TYPE_CHECKING:
    from reply_contact_data_client import AuthenticatedClient

    from ._catalog import CustomFieldCatalog

P = ParamSpec("P")
T = TypeVar("T")
B = TypeVar("B")  # what a builder returns
PlanT = TypeVar("PlanT", bound="Plan[Any]")


class NamespaceOwner(Protocol):
    """What a namespace needs from the client that owns it."""

    @property
    def _generated(self) -> AuthenticatedClient:
        """The generated client, whose transport stack every call goes through."""
        ...

    @property
    def field_catalog(self) -> CustomFieldCatalog: ...

    @property
    def base_url(self) -> str: ...


class ResourceBase:
    """A namespace of plan builders; on its own, each method returns its plan."""

    def __init__(self, owner: NamespaceOwner) -> None:
        self._owner = owner

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._owner!r}>"


class _Runner(ResourceBase):
    """A namespace whose methods run their plans. Its builders are handed `_plans`, the
    plans-only namespace of the same class and owner, so what they compose stays a plan."""

    _plans_class: type[ResourceBase] = ResourceBase

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The namespace itself: the first class of the MRO that does not run plans.
        cls._plans_class = next(
            base
            for base in cls.__mro__
            if issubclass(base, ResourceBase) and not issubclass(base, _Runner)
        )

    def __init__(self, owner: NamespaceOwner) -> None:
        super().__init__(owner)
        self._plans = self._plans_class(owner)

    def _runs(self, build: Callable[..., Plan[Any]]) -> Callable[..., Any]:
        """The method that runs what `build` plans."""
        raise NotImplementedError

    def _iterates(self, build: Callable[..., PageQuery[Any]]) -> Callable[..., Any]:
        """The method that iterates the pages `build` describes."""
        raise NotImplementedError


class SyncResource(_Runner):
    def _run(self, plan: Plan[T]) -> T:
        return run_sync(self._owner._generated, plan)

    def _runs(self, build: Callable[..., Plan[Any]]) -> Callable[..., Any]:
        def run_method(*args: Any, **kwargs: Any) -> Any:
            return self._run(build(self._plans, *args, **kwargs))

        return run_method

    def _iterates(self, build: Callable[..., PageQuery[Any]]) -> Callable[..., Any]:
        def iterate(*args: Any, **kwargs: Any) -> Paginator[Any]:
            return Paginator(self._run, build(self._plans, *args, **kwargs))

        return iterate


class AsyncResource(_Runner):
    async def _run_async(self, plan: Plan[T]) -> T:
        return await run_async(self._owner._generated, plan)

    def _runs(self, build: Callable[..., Plan[Any]]) -> Callable[..., Any]:
        async def run_async_method(*args: Any, **kwargs: Any) -> Any:
            return await self._run_async(build(self._plans, *args, **kwargs))

        return run_async_method

    def _iterates(self, build: Callable[..., PageQuery[Any]]) -> Callable[..., Any]:
        def iterate_async(*args: Any, **kwargs: Any) -> AsyncPaginator[Any]:
            return AsyncPaginator(self._run_async, build(self._plans, *args, **kwargs))

        return iterate_async


# What the builder's return annotation says, and what the method returns instead.
_PLAN_ANNOTATION = re.compile(r"(?:Call|Flow|Plan)\[(?P<value>.*)\]")
_QUERY_ANNOTATION = re.compile(r"PageQuery\[(?P<value>.*)\]")


class _Builder(Generic[P, B]):
    """A plan builder in a namespace; bound, it is a plan, a blocking or a coroutine method."""

    _annotation: re.Pattern[str]

    def __init__(self, build: Callable[Concatenate[Any, P], B]) -> None:
        self._build = build
        self._signatures: dict[tuple[type[Any], bool], inspect.Signature] = {}
        functools.update_wrapper(self, build)

    def __call__(self, namespace: ResourceBase, /, *args: P.args, **kwargs: P.kwargs) -> Any:
        """On the class, like any function: `Contacts.get(client.contacts, 42)`."""
        return self._bind(namespace)(*args, **kwargs)

    def _bind(self, namespace: ResourceBase) -> Callable[..., Any]:
        if isinstance(namespace, _Runner):
            method = self._running(namespace)
            functools.update_wrapper(method, self._build)
            method.__signature__ = self._signature(  # type: ignore[attr-defined]
                type(namespace), isinstance(namespace, AsyncResource)
            )
        else:
            method = types.MethodType(self._build, namespace)
        # The next lookup finds the method in the instance and skips the descriptor.
        namespace.__dict__[self._build.__name__] = method
        return method

    def _running(self, namespace: _Runner) -> Callable[..., Any]:
        """The method of a namespace that runs plans."""
        raise NotImplementedError

    def _returns(self, value: str, is_async: bool) -> str:
        return value

    def _signature(self, namespace: type[Any], is_async: bool) -> inspect.Signature:
        """The builder's signature as the method has it: no `self`, the value it returns (a
        builder of a generic base names the namespace's own type, not the type variable)."""
        signature = self._signatures.get((namespace, is_async))
        if signature is None:
            full = inspect.signature(self._build)
            returns = full.return_annotation
            if isinstance(returns, str) and (match := self._annotation.fullmatch(returns)):
                returns = self._returns(match["value"], is_async)
            if isinstance(returns, str):
                for name, argument in _type_arguments(namespace).items():
                    returns = re.sub(rf"\b{re.escape(name)}\b", argument, returns)
            signature = full.replace(
                parameters=list(full.parameters.values())[1:], return_annotation=returns
            )
            self._signatures[namespace, is_async] = signature
        return signature


def _type_arguments(namespace: type[Any]) -> dict[str, str]:
    """Type-variable name -> the type argument `namespace` gives a generic base, as text."""
    found: dict[str, str] = {}
    for cls in namespace.__mro__:
        for base in getattr(cls, "__orig_bases__", ()):
            variables = getattr(typing.get_origin(base), "__parameters__", ())
            for variable, argument in zip(variables, typing.get_args(base), strict=False):
                text = getattr(argument, "__forward_arg__", None) or getattr(
                    argument, "__name__", str(argument)
                )
                found.setdefault(variable.__name__, str(text))
    return found


class operation(_Builder[P, PlanT], Generic[P, T, PlanT]):
    """Decorator: a plan builder becomes a method of the sync and of the async namespace, and
    stays a plan builder on the plans-only namespace."""

    _annotation = _PLAN_ANNOTATION

    @overload
    def __init__(
        self: operation[P, T, Call[T]], build: Callable[Concatenate[Any, P], Call[T]]
    ) -> None: ...
    @overload
    def __init__(
        self: operation[P, T, Flow[T]], build: Callable[Concatenate[Any, P], Flow[T]]
    ) -> None: ...
    def __init__(self, build: Callable[Concatenate[Any, P], Any]) -> None:
        super().__init__(build)

    # A runner is a ResourceBase too; the overloads are tried in order, runners first.
    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncResource, owner: type[Any]) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncResource, owner: type[Any]) -> Callable[P, Awaitable[T]]: ...
    @overload
    def __get__(self, obj: ResourceBase, owner: type[Any]) -> Callable[P, PlanT]: ...
    def __get__(self, obj: ResourceBase | None, owner: type[Any]) -> Any:
        return self if obj is None else self._bind(obj)

    def _running(self, namespace: _Runner) -> Callable[..., Any]:
        return namespace._runs(self._build)


class paginated(_Builder[P, PageQuery[T]], Generic[P, T]):
    """Decorator: a page query becomes an iterator over every item (sync) or an async one,
    and stays the query on the plans-only namespace."""

    _annotation = _QUERY_ANNOTATION

    def __init__(self, build: Callable[Concatenate[Any, P], PageQuery[T]]) -> None:
        super().__init__(build)

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncResource, owner: type[Any]) -> Callable[P, Paginator[T]]: ...
    @overload
    def __get__(self, obj: AsyncResource, owner: type[Any]) -> Callable[P, AsyncPaginator[T]]: ...
    @overload
    def __get__(self, obj: ResourceBase, owner: type[Any]) -> Callable[P, PageQuery[T]]: ...
    def __get__(self, obj: ResourceBase | None, owner: type[Any]) -> Any:
        return self if obj is None else self._bind(obj)

    def _returns(self, value: str, is_async: bool) -> str:
        return f"{'AsyncPaginator' if is_async else 'Paginator'}[{value}]"

    def _running(self, namespace: _Runner) -> Callable[..., Any]:
        return namespace._iterates(self._build)
