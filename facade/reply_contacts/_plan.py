"""Calls and flows: one description of what to send, executed by a sync or an async runner.

Every facade method is written once, as a *plan*: either a single `Call` of a generated
operation, or a generator (`Flow`) that yields calls and receives their results. The sync client
drives a plan with blocking calls and the async client with awaits, so both surfaces behave the
same by construction instead of by discipline. Plans compose: inside a flow,
`value = yield from plan` runs any plan, a single call included, and hands back its value.

A call names its operation by the contract's typed reference (`Operations.get_contact_by_id`,
generated from the spec with its method, path, scope and limits). The endpoint module behind it
is imported on first use: importing any of them imports every generated model, and
`import reply_contacts` must stay cheap.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from .errors import DecodeError, ReplyError

if TYPE_CHECKING:
    from reply_contact_data_client import AuthenticatedClient
    from reply_contact_data_client.contract import Operation

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Call(Generic[T]):
    """One generated operation with its keyword arguments.

    `operation` is the contract's reference (`Operations.get_contact_by_id`). `transform` turns
    the parsed model into what the facade returns (a typed result object, a plain int, ...).
    """

    operation: Operation
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    transform: Callable[[Any], T] | None = None

    def then(self, transform: Callable[[T], R]) -> Call[R]:
        previous = self.transform

        def chained(parsed: Any) -> R:
            return transform(previous(parsed) if previous else parsed)

        return Call(self.operation, self.kwargs, chained)

    def with_response(self) -> Call[CallResult[T]]:
        """The same call, answering a `CallResult` (value plus status and headers)."""
        return _WithResponse(self.operation, self.kwargs, self.transform)

    def __iter__(self) -> Generator[Call[Any], Any, T]:
        """A one-step flow, so `value = yield from call` works like `yield from flow`."""
        value: T = yield self
        return value


@dataclass(frozen=True)
class CallResult(Generic[T]):
    """A call's value together with the response's status and headers."""

    value: T
    status: int
    headers: Mapping[str, str]

    @property
    def replayed(self) -> bool:
        """The transport had to replay the request after a failure of unknown effect."""
        from .transport.stack import REPLAYED_HEADER

        return self.headers.get(REPLAYED_HEADER) == "true"  # httpx headers ignore case


class _WithResponse(Call[Any]):
    """Marker subclass: the runner hands back a CallResult instead of the bare value."""


# A multi-step plan: yields calls, receives each call's result, returns the final value.
Flow = Generator[Call[Any], Any, T]
Plan = Call[T] | Flow[T]


def counted(plan: Plan[T], on_call: Callable[[], None]) -> Flow[T]:
    """`plan`, calling `on_call()` as each of its requests goes out (to count them): a plan
    that pages sends as many requests as it finds pages."""
    flow: Flow[T] = iter(plan) if isinstance(plan, Call) else plan
    try:
        call = next(flow)
        while True:
            on_call()
            try:
                result = yield call
            except GeneratorExit:
                flow.close()
                raise
            except BaseException as exc:  # the call's failure, for the plan to handle
                call = flow.throw(exc)
            else:
                call = flow.send(result)
    except StopIteration as stop:
        return cast(T, stop.value)


_modules: dict[str, ModuleType] = {}


def load_operation(operation: Operation) -> ModuleType:
    """The generated endpoint module of an operation, imported on first use."""
    module = _modules.get(operation.module)
    if module is None:
        module = importlib.import_module(operation.module)
        _modules[operation.module] = module
    return module


def _decode_failure(call: Call[Any], exc: Exception, status: int | None = None) -> DecodeError:
    # The operation's method and path (and the status, when known) say which answer it was.
    operation = call.operation
    where = f"{operation.method} {operation.path}" + (f", {status}" if status else "")
    return DecodeError(
        f"could not parse the response of {operation.operation_id} ({where}): "
        f"{type(exc).__name__}: {exc}",
        status=status,
        method=operation.method,
        path=operation.path,
    )


def _finish(call: Call[T], response: Any) -> T:
    status = int(response.status_code)
    parsed = response.parsed
    if parsed is None and status != 204 and response.content.strip():
        raise DecodeError(
            f"{call.operation.operation_id} answered {status} "
            "with a body the spec does not describe",
            status=status,
            body=response.content[:2048].decode("utf-8", "replace"),
        )
    try:
        value = call.transform(parsed) if call.transform is not None else parsed
    except _PARSE_FAILURES as exc:
        # A documented field missing from a 2xx answer (e.g. a count without "count").
        raise _decode_failure(call, exc, status) from exc
    if isinstance(call, _WithResponse):
        return cast(T, CallResult(value, status, response.headers))
    return cast(T, value)


# The generated parsers signal a malformed body with these; the transport's own errors are
# ReplyError subclasses and must pass through untouched.
_PARSE_FAILURES = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    OverflowError,  # a JSON number such as 1e400 is float('inf'); int() of it overflows
    json.JSONDecodeError,
)


def _parse_error_from_generated(exc: Exception) -> bool:
    if isinstance(exc, ReplyError):
        return False
    name = type(exc).__name__
    return name == "UnexpectedStatus" or isinstance(exc, _PARSE_FAILURES)


def _request_kwargs(call: Call[Any]) -> tuple[ModuleType, dict[str, Any]]:
    """Build the request once, before sending, so a bad argument is a clear TypeError about the
    request rather than something that looks like a bad response.

    The generated `sync_detailed`/`asyncio_detailed` are `build_request` + send +
    `build_response`; running the public halves here keeps request errors and response errors
    apart without building the body twice (an import body holds up to a thousand items).
    """
    module = load_operation(call.operation)
    try:
        return module, module.build_request(**call.kwargs)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        raise TypeError(
            f"invalid arguments for {call.operation.operation_id}: {type(exc).__name__}: {exc}"
        ) from exc


def _parsed(call: Call[T], module: ModuleType, client: AuthenticatedClient, raw: Any) -> T:
    try:
        response = module.build_response(client=client, response=raw)
    except Exception as exc:
        if _parse_error_from_generated(exc):
            raise _decode_failure(call, exc, getattr(raw, "status_code", None)) from exc
        raise
    return _finish(call, response)


def call_sync(client: AuthenticatedClient, call: Call[T]) -> T:
    module, kwargs = _request_kwargs(call)
    try:
        raw = client.get_httpx_client().request(**kwargs)
        return _parsed(call, module, client, raw)
    except ReplyError as exc:
        _forget_server_data(exc)
        raise


async def call_async(client: AuthenticatedClient, call: Call[T]) -> T:
    module, kwargs = _request_kwargs(call)
    try:
        raw = await client.get_async_httpx_client().request(**kwargs)
        return _parsed(call, module, client, raw)
    except ReplyError as exc:
        _forget_server_data(exc)
        raise


def _forget_server_data(exc: ReplyError) -> None:
    """The frames the error left (parsing, transport) forget their locals: a response or a
    parsed body there may echo the API key, and capture_locals=True would print it."""
    from .transport.redaction import scrub_exception_chain

    scrub_exception_chain(exc)


def run_sync(client: AuthenticatedClient, plan: Plan[T]) -> T:
    if isinstance(plan, Call):
        return call_sync(client, plan)
    try:
        step = next(plan)
        while True:
            try:
                result = call_sync(client, step)
            except ReplyError as exc:
                # Let the flow decide (a lookup may treat NotFound as "absent").
                step = plan.throw(exc)
            else:
                step = plan.send(result)
    except StopIteration as stop:
        return cast(T, stop.value)


async def run_async(client: AuthenticatedClient, plan: Plan[T]) -> T:
    if isinstance(plan, Call):
        return await call_async(client, plan)
    try:
        step = next(plan)
        while True:
            try:
                result = await call_async(client, step)
            except ReplyError as exc:
                step = plan.throw(exc)
            else:
                step = plan.send(result)
    except StopIteration as stop:
        return cast(T, stop.value)
