"""What every API request passes before its handler runs: a JSON body of bounded size, and, once
decoded, the checks the contract states for the whole body.

Refused here, with the problem+json envelopes of the rest of the sandbox:

- a body over ``MAX_BODY_BYTES`` (413, before reading it when ``Content-Length`` says so);
- a body declared as anything but JSON (415; one with no ``Content-Type`` is read as JSON);
- JSON nested deeper than ``MAX_DEPTH`` levels, and NUL characters in any string (400);
- an array longer than the contract's ``maxItems`` for it, or, where the contract states none,
  than ``MAX_UNBOUNDED_ITEMS`` (400, in the endpoint's own words where it has them);
- a property the contract does not declare on an object it closes
  (``additionalProperties: false``; 400 pointing at the property).

All of it is cheap next to the handler's work, so a hostile body costs the server little: a
2,000,000-id bulk delete is refused once decoded (a tenth of a second), and never reaches SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from reply_contact_data_client.contract import Limit
from starlette.requests import Request

from .parsing import parse_json, unparsed
from .problems import Problem, plain, validation

if TYPE_CHECKING:
    from .routing import Served

# Well above the largest legitimate request: 1,000 import items with every field filled with
# 500-character strings and ten 500-character custom values is about 14 MB.
MAX_BODY_BYTES: Final = 32 * 1024 * 1024
# Levels of nested objects and arrays, the body itself being the first: as deep as ASP.NET's
# JSON reader goes by default. The deepest body of the contract (import) has 4.
MAX_DEPTH: Final = 64
# For arrays the contract leaves unbounded (contacts bulk-delete, owner change, list filing):
# generous, but it keeps one request from holding the server (and its answer) for seconds.
MAX_UNBOUNDED_ITEMS: Final = 100_000

JSON_MEDIA_TYPES: Final = frozenset({"application/json", "text/json"})
NUL: Final = "\x00"
NUL_DETAIL: Final = "Value must not contain NUL characters."


def is_json_media_type(content_type: str) -> bool:
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type in JSON_MEDIA_TYPES or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def too_large() -> Problem:
    return plain(413, f"The request body is larger than the {MAX_BODY_BYTES} bytes accepted.")


def not_json(content_type: str) -> Problem:
    return plain(
        415, f"The request body must be application/json; the request sent '{content_type}'."
    )


def _declared_length(request: Request) -> int | None:
    try:
        return int(request.headers.get("content-length", ""))
    except ValueError:
        return None


async def read_body(request: Request, *, json_only: bool = True) -> bytes:
    """The request body, refused (413) past ``MAX_BODY_BYTES`` without reading all of it, and
    (415) when it is declared as something other than JSON."""
    content_type = request.headers.get("content-type")
    declared = _declared_length(request)
    if json_only and content_type and declared != 0 and not is_json_media_type(content_type):
        # A body the sender calls form data or text is refused before it is read.
        raise not_json(content_type)
    if declared is not None and declared > MAX_BODY_BYTES:
        raise too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def decode(raw: bytes) -> Any:
    """The decoded body, or ``unparsed`` when it is empty or not JSON: the handler then answers
    that the way it always has (body required, invalid JSON), in its own order."""
    if not raw.strip():
        return unparsed
    try:
        return parse_json(raw)
    except Problem:
        return unparsed


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def check_body(data: Any, served: Served) -> None:
    """The contract's whole-body checks, before any handler work (see the module docstring)."""
    if data is unparsed:
        return
    operation = served.operation
    bounded = {
        limit.pointer: limit
        for limit in operation.limits
        if limit.location == "body" and limit.max_items is not None
    }
    closed = {shape.pointer: frozenset(shape.properties) for shape in operation.closed}
    errors: list[tuple[str, str]] = []
    if isinstance(data, str) and NUL in data:
        errors.append(("", NUL_DETAIL))
    # Containers still to look into: (container, its JSON pointer, the contract's pointer for
    # it with "*" for indices, its level of nesting). Scalars are checked where they are met.
    pending: list[tuple[Any, str, str, int]] = []
    if isinstance(data, (list, dict)):
        pending.append((data, "", "", 1))
    while pending:
        value, pointer, pattern, level = pending.pop()
        if level > MAX_DEPTH:
            raise validation([("", f"The JSON is nested deeper than {MAX_DEPTH} levels.")])
        if isinstance(value, list):
            _check_length(value, pointer, bounded.get(pattern), served)
            for index, item in enumerate(value):
                if isinstance(item, (list, dict)):
                    pending.append((item, f"{pointer}/{index}", f"{pattern}/*", level + 1))
                elif isinstance(item, str) and NUL in item:
                    errors.append((f"{pointer}/{index}", NUL_DETAIL))
        else:
            errors.extend(_unknown_properties(value, pointer, closed.get(pattern)))
            for key, item in value.items():
                if isinstance(item, (list, dict)):
                    member = _escape(key)
                    pending.append((item, f"{pointer}/{member}", f"{pattern}/{member}", level + 1))
                elif isinstance(item, str) and NUL in item:
                    errors.append((f"{pointer}/{_escape(key)}", NUL_DETAIL))
                if NUL in key:
                    errors.append((f"{pointer}/{_escape(key)}", NUL_DETAIL))
    if errors:
        raise validation(sorted(errors))


def _check_length(items: list[Any], pointer: str, limit: Limit | None, served: Served) -> None:
    if limit is not None and limit.max_items is not None:
        if len(items) > limit.max_items:
            if served.too_many is not None:
                raise served.too_many(pointer, limit)
            raise validation([(pointer, f"At most {limit.max_items} items are allowed.")])
    elif len(items) > MAX_UNBOUNDED_ITEMS:
        raise validation(
            [(pointer, f"At most {MAX_UNBOUNDED_ITEMS} items are accepted by the sandbox.")]
        )


def _unknown_properties(
    value: Mapping[str, Any], pointer: str, allowed: frozenset[str] | None
) -> list[tuple[str, str]]:
    if allowed is None:
        return []
    return [
        (f"{pointer}/{_escape(key)}", f"Unknown property '{key}'.")
        for key in value
        if key not in allowed
    ]
