"""Small pieces shared by the namespaces: request models from user input, id lists, chunking."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
from reply_contact_data_client.contract import Operation

from .._plan import Call, Flow
from .._text import check_text_fields
from ..errors import APIConnectionError, ConflictError, ServerError
from ..results import BulkResult, bulk_result

M = TypeVar("M")


def unset_if_none(value: Any) -> Any:
    """None -> the generated UNSET (the field is left out of the request), else the value."""
    from reply_contact_data_client.types import UNSET

    return UNSET if value is None else value


def find_by_name(operation: Operation, name: str) -> Flow[Any | None]:
    """The item of a name-searchable listing whose name equals `name` (case-insensitive).

    Pages through the API's substring search at the maximum page size; None when absent.
    """
    wanted = name.strip().casefold()
    top = operation.limit("top", "query").maximum
    skip = 0
    seen: set[object] = set()
    while True:
        page = yield Call(operation, {"top": top, "skip": skip, "search": name.strip()})
        items = list(page.items or [])
        for item in items:
            if str(item.name).strip().casefold() == wanted:
                return item
        fresh = {item.id for item in items} - seen
        # Stop when the server repeats itself (hasMore forever, skip ignored): never loop.
        if not page.has_more or not fresh:
            return None
        seen |= fresh
        skip += len(items)


# Creating something whose name is unique is safe to repeat: a few tries ride out faults.
CREATE_ATTEMPTS = 3


def create_or_find(
    create: Call[Any], find: Callable[[], Flow[Any | None]], attempts: int = CREATE_ATTEMPTS
) -> Flow[Any]:
    """Create a uniquely named thing (a list, an account list), safely repeatable.

    A create that already happened (a concurrent creator, or our own request whose answer was
    lost to a dropped connection or a 5xx) shows up as a 409 or in the lookup by name, and is
    used instead of a second one.
    """
    for attempt in range(attempts):
        try:
            created = yield create
        except ConflictError:
            found = yield from find()
            if found is None:
                raise
            return found
        except (ServerError, APIConnectionError):
            found = yield from find()
            if found is not None:
                return found
            if attempt == attempts - 1:
                raise
            continue
        return created
    raise AssertionError("unreachable")


def build_model(cls: type[M], value: M | Mapping[str, Any] | None, fields: Mapping[str, Any]) -> M:
    """A generated request model from a model, an API-shaped mapping, or keyword arguments.

    A mapping uses the API's field names (camelCase). Keyword arguments use the model's Python
    names (snake_case). Unknown names raise instead of being dropped: a typo must not silently
    leave a field unsent.
    """
    if value is not None and fields:
        raise TypeError(f"pass either a {cls.__name__} (or a mapping) or keyword fields, not both")
    if isinstance(value, cls):
        check_text_fields(value.to_dict(), cls.__name__)  # type: ignore[attr-defined]
        return value
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - _api_names(cls))
        if unknown:
            raise TypeError(f"{cls.__name__} has no field(s) {', '.join(unknown)}")
        check_text_fields(value, cls.__name__)
        try:
            model: Any = cls.from_dict(value)  # type: ignore[attr-defined]
        except KeyError as exc:
            raise TypeError(f"{cls.__name__} needs the field {exc.args[0]!r}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise TypeError(f"invalid {cls.__name__}: {exc}") from exc
        return model  # type: ignore[no-any-return]
    if value is not None:
        raise TypeError(f"expected a {cls.__name__} or a mapping, got {type(value).__name__}")
    # Keyword fields go through from_dict too, so strings become enums and dicts become nested
    # models exactly as they would from JSON.
    unknown = sorted(set(fields) - _python_names(cls))
    if unknown:
        raise TypeError(f"{cls.__name__} has no field(s) {', '.join(unknown)}")
    return build_model(cls, {camel_case(k): _jsonable(v) for k, v in fields.items()}, {})


_PYTHON_NAMES: dict[type[Any], frozenset[str]] = {}


def _python_names(cls: type[Any]) -> frozenset[str]:
    names = _PYTHON_NAMES.get(cls)
    if names is None:
        names = frozenset(f.name for f in attrs.fields(cls) if f.name != "additional_properties")
        _PYTHON_NAMES[cls] = names
    return names


def _api_names(cls: type[Any]) -> frozenset[str]:
    return frozenset(camel_case(name) for name in _python_names(cls))


def camel_case(python_name: str) -> str:
    """The generator's snake_case name back to the API's camelCase (first_name -> firstName);
    a name already in camelCase is kept."""
    head, *rest = python_name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def id_list(ids: int | Iterable[int], what: str = "id") -> list[int]:
    """Validate ids locally so a bad one fails before it costs a request."""
    values = [ids] if isinstance(ids, int) else list(ids)
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 2**31 - 1:
            raise ValueError(f"{what} must be a positive 32-bit integer, got {value!r}")
    if not values:
        raise ValueError(f"at least one {what} is required")
    return values


def chunks(values: Sequence[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


# Where the spec states no maxItems (list membership), batches of this many ids keep a request
# small enough that a retry after a dropped connection replays a bounded amount of work. A
# facade choice, not a fact of the contract.
UNBOUNDED_BATCH = 1000


def batch_size(operation: Operation, pointer: str) -> int:
    """How many array items one request of `operation` may carry at `pointer` (body)."""
    try:
        stated = operation.limit(pointer).max_items
    except KeyError:
        stated = None
    return stated or UNBOUNDED_BATCH


def bulk_in_chunks(
    operation: Operation,
    ids: Sequence[int],
    body: Callable[..., Any],
    field: str,
    *,
    path: Mapping[str, Any] | None = None,
    **fields: Any,
) -> Flow[BulkResult]:
    """Run a per-id bulk endpoint over any number of ids; merge the per-id results.

    Each request's body is `body(**{field: chunk}, **fields)` (a generated request model and the
    Python name of its id array, e.g. `ContactIdsRequest, "contact_ids"`); `path` holds the path
    parameters (`{"id": list_id}`). A chunk holds as many ids as the spec's `maxItems` for that
    array allows, so a limit changed in the spec changes the batching with no edit here. Every
    failure of every chunk is kept, so the caller sees all of them, not only the first.
    """
    result = BulkResult(operation.name, ())
    for chunk in chunks(ids, batch_size(operation, f"/{camel_case(field)}")):
        request = body(**{field: chunk}, **fields)
        parsed = yield Call(operation, {**(path or {}), "body": request})
        result = result.merge(bulk_result(operation.name, chunk, parsed))
    return result


def check_text_lengths(operation: Operation, body: Mapping[str, Any]) -> None:
    """Refuse, before sending, a top-level text of the body longer than the spec's maxLength
    (an InMail subject over 200 characters would cost a request to be refused)."""
    for limit in operation.limits:
        if limit.location != "body" or limit.max_length is None or limit.pointer.count("/") != 1:
            continue
        name = limit.pointer[1:]
        value = body.get(name)
        if isinstance(value, str) and len(value) > limit.max_length:
            raise ValueError(
                f"{name} is {len(value):,} characters; {operation.operation_id} takes at most "
                f"{limit.max_length:,}"
            )
