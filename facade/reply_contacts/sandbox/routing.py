"""What an API operation is, and what its handler gets to work with.

Handlers are plain synchronous functions over a :class:`Ctx`; ``app.py`` wraps each one with
authentication, scope checks, rate limiting and a database transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from .clock import utc_now
from .parsing import BodyReader, Page, PageRules, parse_json, parse_object, path_id, read_page

if TYPE_CHECKING:
    from .state import SandboxState


@dataclass
class Ctx:
    state: SandboxState
    db: sqlite3.Connection
    user_id: int
    path_params: Mapping[str, str]
    query: Mapping[str, str]
    raw_body: bytes

    def body(self, *, required: bool = True) -> BodyReader:
        return parse_object(self.raw_body, required=required)

    def json(self, *, required: bool = True) -> Any:
        return parse_json(self.raw_body, required=required)

    def id(self, *, style: str = "field", name: str = "id") -> int:
        return path_id(self.path_params.get(name, ""), style=style)

    def page(self, rules: PageRules) -> Page:
        return read_page(self.query, rules)

    def now(self) -> str:
        return utc_now()


Handler = Callable[[Ctx], Response]
Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    scope: str | None  # None: any valid key will do (whoami)
    handler: Handler
    # Team-level feature permission behind the operation. Denied, it answers a plain 403
    # ("Feature scopes [X] are denied ..."), or, where the endpoint has a refusal of its own,
    # the business problem ``forbidden_code`` with ``forbidden_detail``.
    feature: str | None = None
    forbidden_code: str | None = None
    forbidden_detail: str | None = None


def json_response(data: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(data, separators=(",", ":"), ensure_ascii=False),
        status_code=status,
        media_type="application/json",
    )


def no_content() -> Response:
    return Response(status_code=204)


def page_of(items: list[Any], page: Page) -> Response:
    shown, has_more = page.slice(items)
    return json_response({"items": shown, "hasMore": has_more})
