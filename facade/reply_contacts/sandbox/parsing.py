"""Turn raw request parts (JSON body, path ids, query strings) into typed values.

Everything a client sends passes through here, so a wrong JSON type anywhere becomes the API's
400 validation problem ("Value has an invalid type." with a JSON pointer) instead of a crash.
Readers collect every error of a body before raising, the way ASP.NET model binding does.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from reply_contact_data_client.contract import Operation

from .problems import (
    BODY_REQUIRED,
    FIELD_REQUIRED,
    INVALID_JSON,
    INVALID_TYPE,
    bad_request,
    invalid_field,
    validation,
)

INT32_MAX: Final = 2_147_483_647
INT64_MAX: Final = 9_223_372_036_854_775_807


class Missing(Enum):
    """Marks a body member that was not sent at all (as opposed to sent as ``null``)."""

    MISSING = "missing"


MISSING: Final = Missing.MISSING


class Unparsed(Enum):
    """Marks a request body nobody has decoded yet."""

    UNPARSED = "unparsed"


unparsed: Final = Unparsed.UNPARSED


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _finite_float(text: str) -> float:
    # 1e999 is valid JSON syntax but no double holds it; Python would make it inf.
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_json(raw: bytes, *, required: bool = True) -> Any:
    """Decode a request body; ``None`` for an empty optional body."""
    if not raw.strip():
        if required:
            raise validation([("", BODY_REQUIRED)])
        return None
    try:
        # NaN/Infinity are not JSON, 1e999 fits no double, integers past Python's digit limit
        # raise ValueError; deep nesting raises RecursionError.
        data = json.loads(
            raw.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float
        )
        if _SURROGATE_ESCAPE.search(raw):
            # A lone "\ud800" escape decodes to text that is not Unicode; the real server's
            # JSON reader refuses it, and SQLite could not store it either.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        return data
    except (ValueError, RecursionError, UnicodeError):
        raise validation([("", INVALID_JSON)]) from None


def parse_object(data: Any) -> BodyReader:
    """Wrap a decoded body that must be a JSON object (``None``: an empty one) in a reader."""
    if data is None:
        return BodyReader({})
    if not isinstance(data, dict):
        raise validation([("", INVALID_TYPE)])
    return BodyReader(data)


def is_int(value: object) -> bool:
    # bool is an int subclass in Python, but not a JSON integer.
    return isinstance(value, int) and not isinstance(value, bool)


class BodyReader:
    """Typed access to one JSON object, recording ``(pointer, detail)`` errors as it goes."""

    def __init__(
        self, data: Mapping[str, Any], prefix: str = "", errors: list[tuple[str, str]] | None = None
    ) -> None:
        self.data = data
        self.prefix = prefix
        self.errors: list[tuple[str, str]] = errors if errors is not None else []

    def pointer(self, name: str | int) -> str:
        return f"{self.prefix}/{name}"

    def error(self, name: str | int, detail: str) -> None:
        self.errors.append((self.pointer(name), detail))

    def has(self, name: str) -> bool:
        return name in self.data

    def raw(self, name: str) -> Any:
        return self.data.get(name, MISSING)

    def finish(self) -> None:
        if self.errors:
            raise validation(self.errors)

    def _required(self, name: str, required: bool | str) -> None:
        if required:
            self.error(name, required if isinstance(required, str) else FIELD_REQUIRED)

    def string(self, name: str, *, required: bool | str = False) -> str | Missing | None:
        value = self.data.get(name, MISSING)
        if value is MISSING or (value is None and required):
            self._required(name, required)
            return MISSING if value is MISSING else None
        if value is None or isinstance(value, str):
            return value
        self.error(name, INVALID_TYPE)
        return MISSING

    def integer(
        self,
        name: str,
        *,
        required: bool | str = False,
        maximum: int = INT64_MAX,
    ) -> int | Missing | None:
        value = self.data.get(name, MISSING)
        if value is MISSING or (value is None and required):
            self._required(name, required)
            return MISSING if value is MISSING else None
        if value is None:
            return None
        if is_int(value) and -maximum - 1 <= value <= maximum:
            return int(value)
        self.error(name, INVALID_TYPE)
        return MISSING

    def boolean(self, name: str, *, required: bool | str = False) -> bool | Missing | None:
        value = self.data.get(name, MISSING)
        if value is MISSING or (value is None and required):
            self._required(name, required)
            return MISSING if value is MISSING else None
        if value is None or isinstance(value, bool):
            return value
        self.error(name, INVALID_TYPE)
        return MISSING

    def array(self, name: str, *, required: bool | str = False) -> list[Any] | Missing | None:
        value = self.data.get(name, MISSING)
        if value is MISSING or (value is None and required):
            self._required(name, required)
            return MISSING if value is MISSING else None
        if value is None or isinstance(value, list):
            return value
        self.error(name, INVALID_TYPE)
        return MISSING

    def int_list(
        self, name: str, *, required: bool | str = False, maximum: int = INT64_MAX
    ) -> list[int] | Missing | None:
        items = self.array(name, required=required)
        if not isinstance(items, list):
            return items
        result: list[int] = []
        for index, item in enumerate(items):
            if is_int(item) and -maximum - 1 <= item <= maximum:
                result.append(int(item))
            else:
                self.errors.append((f"{self.pointer(name)}/{index}", INVALID_TYPE))
        return result

    def objects(
        self, name: str, *, required: bool | str = False
    ) -> list[BodyReader] | Missing | None:
        """An array of objects, each wrapped in a reader whose pointers nest under it."""
        items = self.array(name, required=required)
        if not isinstance(items, list):
            return items
        readers: list[BodyReader] = []
        for index, item in enumerate(items):
            pointer = f"{self.pointer(name)}/{index}"
            if isinstance(item, dict):
                readers.append(BodyReader(item, pointer, self.errors))
            else:
                self.errors.append((pointer, INVALID_TYPE))
        return readers

    def child(self, name: str) -> BodyReader | Missing | None:
        value = self.data.get(name, MISSING)
        if value is MISSING or value is None:
            return value
        if isinstance(value, dict):
            return BodyReader(value, self.pointer(name), self.errors)
        self.error(name, INVALID_TYPE)
        return MISSING

    def enum(
        self, name: str, allowed: Mapping[str, str], *, required: bool | str = False
    ) -> str | Missing | None:
        """A string from ``allowed`` (keys lower-cased, values canonical); else a format error."""
        value = self.string(name, required=required)
        if not isinstance(value, str):
            return value
        canonical = allowed.get(value.lower())
        if canonical is None:
            self.error(
                name,
                f"Value '{value}' is not one of: {', '.join(dict.fromkeys(allowed.values()))}.",
            )
            return MISSING
        return canonical


def given(value: object) -> bool:
    return value is not MISSING


# ASCII digits only, as the API's .NET parsers read numbers: str.isdigit() also takes "²" (which
# int() refuses) and "٣" (which int() reads as 3).
_INT_TEXT = re.compile(r"[+-]?[0-9]{1,20}")
_SMALL_INT_TEXT = re.compile(r"[+-]?[0-9]{1,18}")


def decimal_int(text: str) -> int | None:
    """The integer ``text`` spells in ASCII digits (at most 18, so it fits 64 bits), else None."""
    text = text.strip()
    return int(text) if _SMALL_INT_TEXT.fullmatch(text) else None


def path_id(raw: str, *, style: str) -> int:
    """Validate a route id: a positive int32, with the message each resource family uses."""
    if _INT_TEXT.fullmatch(raw.strip()):
        value = int(raw)
        if 1 <= value <= INT32_MAX:
            return value
    if style == "field":
        message = "The field id must be between 1 and 2147483647."
    else:
        message = "The 'id' parameter must be a positive integer."
    raise invalid_field("id", message)


def query_int(params: Mapping[str, str], name: str) -> int | None:
    """An optional integer query parameter; non-integers fail binding with pointer ``/name``."""
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    text = raw.strip()
    if not _INT_TEXT.fullmatch(text) or not -INT32_MAX - 1 <= int(text) <= INT32_MAX:
        raise invalid_field(f"/{name}", INVALID_TYPE)
    return int(text)


TOP_RANGE: Final = "Parameter 'top' must be between {minimum} and {maximum}"


@dataclass(frozen=True)
class PageRules:
    """The problem one endpoint answers a page out of range with.

    The range itself (``top``'s minimum, maximum and default, ``skip``'s minimum) is the
    contract's; ``detail`` may name it as ``{minimum}`` and ``{maximum}``.
    """

    code: str
    detail: str = "Invalid requested page view."
    # Where the contract gives ``top`` no default (the server picks its own page size).
    fallback_top: int = 25


@dataclass(frozen=True)
class Page:
    top: int
    skip: int

    def slice(self, rows: list[Any]) -> tuple[list[Any], bool]:
        """Cut ``top`` items from rows fetched with ``limit top+1``; the extra one sets hasMore."""
        return rows[: self.top], len(rows) > self.top


def read_page(params: Mapping[str, str], rules: PageRules, operation: Operation) -> Page:
    top_limit = operation.limit("top", "query")
    skip_limit = operation.limit("skip", "query")
    top = query_int(params, "top")
    skip = query_int(params, "skip")
    if top is None:
        top = int(top_limit.default) if top_limit.default is not None else rules.fallback_top
    if skip is None:
        skip = int(skip_limit.default or 0)
    low, high = top_limit.minimum, top_limit.maximum
    if (low is not None and top < low) or (high is not None and top > high):
        raise bad_request(rules.code, rules.detail.format(minimum=low, maximum=high))
    if skip_limit.minimum is not None and skip < skip_limit.minimum:
        raise bad_request(rules.code, rules.detail.format(minimum=low, maximum=high))
    return Page(top, skip)
