"""How the sandbox serves an operation of the contract, and what its handler gets to work with.

Which operations exist, their method, path and scope, and the bounds of their requests come from
the generated contract (``reply_contact_data_client.contract``); a :class:`Served` only adds the
sandbox's handler and its team-feature permission. Handlers are plain synchronous functions over
a :class:`Ctx`; ``app.py`` wraps each one with authentication, scope checks, rate limiting, the
request checks of ``intake.py`` and a database transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reply_contact_data_client.contract import Limit, Operation
from starlette.requests import Request
from starlette.responses import Response

from .clock import utc_now
from .parsing import (
    BodyReader,
    Page,
    PageRules,
    parse_json,
    parse_object,
    path_id,
    read_page,
    unparsed,
)
from .problems import Problem

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
    # The contract's operation being served: handlers read its limits at request time.
    operation: Operation
    # The body as ``intake.py`` already decoded it, so it is parsed once per request.
    parsed_body: Any = unparsed

    def json(self, *, required: bool = True) -> Any:
        if self.parsed_body is unparsed:
            return parse_json(self.raw_body, required=required)
        return self.parsed_body

    def body(self, *, required: bool = True) -> BodyReader:
        return parse_object(self.json(required=required))

    def id(self, *, style: str = "field", name: str = "id") -> int:
        return path_id(self.path_params.get(name, ""), style=style)

    def page(self, rules: PageRules) -> Page:
        return read_page(self.query, rules, self.operation)

    def now(self) -> str:
        return utc_now()


Handler = Callable[[Ctx], Response]
Endpoint = Callable[[Request], Awaitable[Response]]


# The API's own refusal of an array longer than the contract's maxItems: (pointer, its limit).
TooMany = Callable[[str, Limit], Problem]


@dataclass(frozen=True)
class Served:
    """The sandbox's implementation of one operation of the contract."""

    operation: Operation
    handler: Handler
    # Team-level feature permission behind the operation. Denied, it answers a plain 403
    # ("Feature scopes [X] are denied ..."), or, where the endpoint has a refusal of its own,
    # the business problem ``forbidden_code`` with ``forbidden_detail``.
    feature: str | None = None
    forbidden_code: str | None = None
    forbidden_detail: str | None = None
    # How this endpoint words "too many items"; without one, a generic validation problem.
    too_many: TooMany | None = None

    @property
    def scope(self) -> str | None:
        """The key scope the contract requires; None (any valid key) for sandbox-only routes."""
        return self.operation.scope or None


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
