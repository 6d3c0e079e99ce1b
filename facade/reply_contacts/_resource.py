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


# What the builder's return annotation says, and what the method returns instead.
_PLAN_ANNOTATION = re.compile(r"(?:Call|Flow|Plan)\[(?P<value>.*)\]")
_QUERY_ANNOTATION = re.compile(r"PageQuery\[(?P<value>.*)\]")


class _Builder(Generic[P, B]):
    """A plan builder in a namespace: a descriptor that hands out plans on the plans-only
    namespace; a runner class gets a method of its own made from it (see `_Runner`)."""

    _annotation: re.Pattern[str]
    paginates = False

    def __init__(self, build: Callable[Concatenate[Any, P], B]) -> None:
        self._build = build
        functools.update_wrapper(self, build)

    def __call__(self, namespace: ResourceBase, /, *args: P.args, **kwargs: P.kwargs) -> Any:
        """On the class, like any function: `ContactsOperations.get(namespace, 42)` does what
        `namespace.get(42)` does (a plan, or, handed a runner, the runner's method)."""
        return getattr(namespace, self._build.__name__)(*args, **kwargs)

    def _bind(self, namespace: ResourceBase) -> Callable[..., Any]:
        method = types.MethodType(self._build, namespace)
        # The next lookup finds the method in the instance and skips the descriptor.
        namespace.__dict__[self._build.__name__] = method
        return method

    def _returns(self, value: str, is_async: bool) -> str:
        return value

    def describe(self, method: Callable[..., Any], runner: type[_Runner]) -> Callable[..., Any]:
        """`method`, named and documented as the builder, with the signature a user calls:
        the builder's parameters (`self` kept: this is the class's function) and the value the
        method gives back instead of the plan (`Flow[CustomField]` becomes `CustomField`). A
        builder of a generic base names the namespace's own types, not its type variables."""
        functools.update_wrapper(method, self._build)
        method.__qualname__ = f"{runner.__qualname__}.{self._build.__name__}"
        method.__module__ = runner.__module__
        arguments = _type_arguments(runner)

        def own_types(annotation: Any) -> Any:
            if isinstance(annotation, str):
                for name, argument in arguments.items():
                    annotation = re.sub(rf"\b{re.escape(name)}\b", argument, annotation)
            return annotation

        full = inspect.signature(self._build)
        returns = full.return_annotation
        if isinstance(returns, str) and (match := self._annotation.fullmatch(returns)):
            returns = self._returns(match["value"], issubclass(runner, AsyncResource))
        parameters = [
            parameter.replace(annotation=own_types(parameter.annotation))
            for parameter in full.parameters.values()
        ]
        signature = full.replace(parameters=parameters, return_annotation=own_types(returns))
        method.__signature__ = signature  # type: ignore[attr-defined]
        method.__annotations__ = {
            **{
                name: parameter.annotation
                for name, parameter in signature.parameters.items()
                if parameter.annotation is not inspect.Parameter.empty
            },
            "return": signature.return_annotation,
        }
        return method


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

    # What type checkers see (at run time a runner class holds its own function, see
    # `_Runner`). A runner is a ResourceBase too; the overloads are tried in order, runners
    # first.
    @overload
    def __get__(
        self, obj: None, owner: type[SyncResource]
    ) -> Callable[Concatenate[SyncResource, P], T]: ...
    @overload
    def __get__(
        self, obj: None, owner: type[AsyncResource]
    ) -> Callable[Concatenate[AsyncResource, P], Awaitable[T]]: ...
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


class paginated(_Builder[P, PageQuery[T]], Generic[P, T]):
    """Decorator: a page query becomes an iterator over every item (sync) or an async one,
    and stays the query on the plans-only namespace."""

    _annotation = _QUERY_ANNOTATION
    paginates = True

    def __init__(self, build: Callable[Concatenate[Any, P], PageQuery[T]]) -> None:
        super().__init__(build)

    @overload
    def __get__(
        self, obj: None, owner: type[SyncResource]
    ) -> Callable[Concatenate[SyncResource, P], Paginator[T]]: ...
    @overload
    def __get__(
        self, obj: None, owner: type[AsyncResource]
    ) -> Callable[Concatenate[AsyncResource, P], AsyncPaginator[T]]: ...
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


def _builders(namespace: type[ResourceBase]) -> dict[str, _Builder[..., Any]]:
    """The plan builders of a namespace class by name, as its MRO resolves them."""
    found: dict[str, _Builder[..., Any]] = {}
    for name in dir(namespace):
        attribute = inspect.getattr_static(namespace, name)
        if isinstance(attribute, _Builder):
            found[name] = attribute
    return found


class _Runner(ResourceBase):
    """A namespace whose methods run their plans. Its builders are handed `_plans`, the
    plans-only namespace of the same class and owner, so what they compose stays a plan.

    Each plan builder of the namespace becomes a real method of the runner class itself (a
    function in its `__dict__`, `async def` on the async side), with the builder's parameters
    and the value the user gets back: `help(CustomFields)`, IDEs and `inspect.signature` show
    `by_title(self, title: str) -> CustomField`, not the plan it is built from.
    """

    _plans_class: type[ResourceBase] = ResourceBase

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The namespace itself: the first class of the MRO that does not run plans.
        cls._plans_class = next(
            base
            for base in cls.__mro__
            if issubclass(base, ResourceBase) and not issubclass(base, _Runner)
        )
        for name, builder in _builders(cls._plans_class).items():
            if name not in cls.__dict__:  # a method the runner class writes itself wins
                method = builder.describe(cls._method_for(builder), cls)
                setattr(cls, name, _RunnerMethod(method))

    def __init__(self, owner: NamespaceOwner) -> None:
        super().__init__(owner)
        self._plans = self._plans_class(owner)

    @classmethod
    def _method_for(cls, builder: _Builder[..., Any]) -> Callable[..., Any]:
        """The function that runs (or iterates) what `builder` plans, `self` first."""
        raise NotImplementedError


class SyncResource(_Runner):
    def _run(self, plan: Plan[T]) -> T:
        return run_sync(self._owner._generated, plan)

    @classmethod
    def _method_for(cls, builder: _Builder[..., Any]) -> Callable[..., Any]:
        build = builder._build
        if builder.paginates:

            def iterate(self: SyncResource, /, *args: Any, **kwargs: Any) -> Paginator[Any]:
                return Paginator(self._run, build(self._plans, *args, **kwargs))

            return iterate

        def run_method(self: SyncResource, /, *args: Any, **kwargs: Any) -> Any:
            return self._run(build(self._plans, *args, **kwargs))

        return run_method


class AsyncResource(_Runner):
    async def _run_async(self, plan: Plan[T]) -> T:
        return await run_async(self._owner._generated, plan)

    @classmethod
    def _method_for(cls, builder: _Builder[..., Any]) -> Callable[..., Any]:
        build = builder._build
        if builder.paginates:

            def iterate_async(
                self: AsyncResource, /, *args: Any, **kwargs: Any
            ) -> AsyncPaginator[Any]:
                return AsyncPaginator(self._run_async, build(self._plans, *args, **kwargs))

            return iterate_async

        async def run_async_method(self: AsyncResource, /, *args: Any, **kwargs: Any) -> Any:
            return await self._run_async(build(self._plans, *args, **kwargs))

        return run_async_method


class _RunnerMethod:
    """A runner's method: on the class the plain function (what help() and IDEs read); on an
    instance a bound method, built once per namespace (the next lookup finds it in the
    instance's `__dict__`)."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function

    def __get__(self, obj: object, owner: type[Any] | None = None) -> Callable[..., Any]:
        if obj is None:
            return self.function
        method = types.MethodType(self.function, obj)
        obj.__dict__[self.function.__name__] = method
        return method
