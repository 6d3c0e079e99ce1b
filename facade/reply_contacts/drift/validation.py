"""Validate one exchange against the contract with openapi-core, and say what differs.

Each difference is a `Mismatch`: which part of the response (status, content type, a header, the
body), a JSON pointer into it, what the contract expects and what came back, both cut short. The
body's differences come from openapi-core's JSON Schema errors, so the rules are the spec's
(types, nullability, enums, formats, required members), not a second copy of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .spec import contract_validator

if TYPE_CHECKING:
    from reply_contact_data_client.contract import Operation

    from .exchange import Exchange, Probe

SHOWN = 60
"""Characters of an expected or received value shown in a mismatch."""


@dataclass(frozen=True)
class Mismatch:
    """One way a response differs from the contract.

    `part` is "status", "content-type", "header" or "body"; `pointer` is the JSON pointer into
    the body ("" for the whole body) or the header's name.
    """

    part: str
    pointer: str
    expected: str
    got: str

    def describe(self) -> str:
        where = {"body": self.pointer or "(body)", "header": f"header {self.pointer}"}.get(
            self.part, self.part
        )
        return f"{where}: expected {self.expected}, got {self.got}"

    def as_dict(self) -> dict[str, str]:
        return {
            "part": self.part,
            "pointer": self.pointer,
            "expected": self.expected,
            "got": self.got,
        }


def validate(probe: Probe, exchange: Exchange) -> list[Mismatch]:
    """Every difference between a response and what the contract declares for its operation."""
    request = _Request.of(probe.operation, probe.path, probe.path_params, probe.query, probe.body)
    response = _Response(
        status_code=exchange.status,
        content_type=exchange.content_type,
        headers=dict(exchange.headers),
        data=exchange.content,
    )
    errors = contract_validator().iter_response_errors(request, response)
    return _unique(mismatch for error in errors for mismatch in _explain(error))


def accepts_request_body(operation: Operation, body: Any) -> bool:
    """Whether the contract accepts `body` as the operation's request body."""
    path_params = {name: "1" for name in _template_names(operation.path)}
    request = _Request.of(operation, operation.path, path_params, {}, body)
    return not any(True for _ in contract_validator().iter_request_errors(request))


def short(value: Any) -> str:
    """A JSON rendering of `value`, cut to a readable length."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:
        text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def pointer(path: Iterable[Any]) -> str:
    """An RFC 6901 JSON pointer from a sequence of keys and indexes."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


# -- openapi-core's request and response protocols ---------------------------------------------


@dataclass
class _Request:
    host_url: str
    path: str
    path_pattern: str
    method: str
    parameters: Any
    content_type: str
    body: bytes | None

    @classmethod
    def of(
        cls,
        operation: Operation,
        path: str,
        path_params: Mapping[str, str],
        query: Mapping[str, str],
        body: Any,
    ) -> _Request:
        from openapi_core.datatypes import RequestParameters
        from reply_contact_data_client.contract import SERVER_URL
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        return cls(
            # The spec's own server: the response is judged by the operation it answers, wherever
            # the server runs (the real API, a proxy, the sandbox).
            host_url=SERVER_URL,
            path=path,
            path_pattern=operation.path,
            method=operation.method.lower(),
            parameters=RequestParameters(
                query=ImmutableMultiDict(dict(query)),
                # Only for the request-body check: the key itself is never part of a probe.
                header=Headers({"Authorization": "Bearer drift-check"}),
                path=dict(path_params),
            ),
            content_type="application/json" if body is not None else "",
            body=None if body is None else json.dumps(body).encode("utf-8"),
        )


@dataclass
class _Response:
    status_code: int
    content_type: str
    headers: dict[str, str]
    data: bytes | None = field(default=None)


def _template_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{") and part.endswith("}")]


# -- from openapi-core's errors to mismatches --------------------------------------------------


def _explain(error: Exception) -> Iterator[Mismatch]:
    from openapi_core.deserializing.exceptions import DeserializeError
    from openapi_core.templating.media_types.exceptions import MediaTypeNotFound
    from openapi_core.templating.responses.exceptions import ResponseNotFound
    from openapi_core.validation.response.exceptions import (
        InvalidHeader,
        MissingData,
        MissingRequiredHeader,
    )

    cause = error.__cause__
    if isinstance(error, ResponseNotFound):
        declared = ", ".join(str(s) for s in error.availableresponses)
        yield Mismatch("status", "", f"one of {declared}", str(error.http_status))
    elif isinstance(cause, MediaTypeNotFound):
        declared = ", ".join(cause.availableMimetypes)
        yield Mismatch("content-type", "", declared, cause.mimetype or "none")
    elif isinstance(error, MissingData):
        yield Mismatch("body", "", "a body", "an empty body")
    elif isinstance(error, MissingRequiredHeader):
        yield Mismatch("header", error.name, "present (required)", "missing")
    elif isinstance(error, InvalidHeader):
        for schema_error in getattr(cause, "schema_errors", ()):
            for found in _schema_mismatches(schema_error):
                yield Mismatch("header", error.name, found.expected, found.got)
    elif isinstance(cause, DeserializeError):
        yield Mismatch("body", "", "a JSON document", f"undecodable: {cause}"[:SHOWN])
    elif getattr(cause, "schema_errors", None):
        for schema_error in cause.schema_errors:  # type: ignore[union-attr]
            yield from _schema_mismatches(schema_error)
    else:
        yield Mismatch("body", "", "a valid response", short(f"{type(error).__name__}: {error}"))


def _schema_mismatches(error: Any) -> Iterator[Mismatch]:
    """One jsonschema ValidationError as mismatches at the pointer where it happened."""
    location = list(error.absolute_path)
    kind = error.validator
    if kind == "required":
        instance = error.instance if isinstance(error.instance, Mapping) else {}
        for name in error.validator_value:
            if name not in instance:
                yield Mismatch("body", pointer([*location, name]), "present (required)", "missing")
        return
    if kind in ("anyOf", "oneOf") and error.context:
        here = [sub for sub in error.context if not list(sub.relative_path)]
        deeper = [sub for sub in error.context if list(sub.relative_path)]
        if deeper:
            # A branch matched the value's shape and failed inside it: that is the difference
            # (the deepest failure is the most specific one).
            yield from _schema_mismatches(max(deeper, key=lambda sub: len(sub.relative_path)))
            return
        expected = " or ".join(dict.fromkeys(_expected(sub) for sub in here))
        yield Mismatch("body", pointer(location), expected, short(error.instance))
        return
    if kind == "additionalProperties" and isinstance(error.instance, Mapping):
        allowed = set(error.schema.get("properties", {}))
        extra = [name for name in error.instance if name not in allowed]
        yield Mismatch("body", pointer(location), "no other members", short(extra))
        return
    yield Mismatch("body", pointer(location), _expected(error), short(error.instance))


def _expected(error: Any) -> str:
    kind, value = error.validator, error.validator_value
    if kind == "type":
        types = value if isinstance(value, list) else [value]
        return "null" if types == ["null"] else "type " + " or ".join(str(t) for t in types)
    if kind == "enum":
        return _one_of(value)
    if kind == "format":
        return f"format {value}"
    if kind == "const":
        return f"exactly {short(value)}"
    return f"{kind} {short(value)}"


def _one_of(values: list[Any]) -> str:
    """`one of "a", "b", … (20 values)`: the first values that fit, and how many there are."""
    shown: list[str] = []
    for value in values:
        if len(", ".join([*shown, json.dumps(value)])) > SHOWN // 2:
            break
        shown.append(json.dumps(value))
    if len(shown) == len(values):
        return "one of " + ", ".join(shown)
    return f"one of {', '.join(shown)}, … ({len(values)} values)"


def _unique(mismatches: Iterable[Mismatch]) -> list[Mismatch]:
    return list(dict.fromkeys(mismatches))
