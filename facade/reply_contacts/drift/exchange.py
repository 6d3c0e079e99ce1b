"""One request the drift check sends (`Probe`) and what came back (`Exchange`).

An exchange is the same whether the client returned a response or raised a typed error for it:
the check judges statuses, headers and bodies, not exceptions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reply_contacts.errors import APIError, DecodeError

if TYPE_CHECKING:
    import httpx
    from reply_contact_data_client.contract import Operation


@dataclass(frozen=True)
class Probe:
    """A read-only request of one contract operation: concrete path, query and JSON body (None
    for no body)."""

    operation: Operation
    path: str
    path_params: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    body: Any = None

    @property
    def method(self) -> str:
        return self.operation.method


@dataclass(frozen=True)
class Exchange:
    """A response: status, headers and raw body, plus the typed error the client raised, if any."""

    status: int
    headers: Mapping[str, str]
    content: bytes
    error: APIError | DecodeError | None = None

    @property
    def content_type(self) -> str:
        return self.header("content-type") or ""

    @property
    def is_success(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)

    def json(self) -> Any:
        """The body as JSON; ValueError when it is empty or not JSON."""
        if not self.content.strip():
            raise ValueError("empty body")
        return json.loads(self.content)

    @classmethod
    def from_response(cls, response: httpx.Response) -> Exchange:
        return cls(response.status_code, dict(response.headers), response.content)

    @classmethod
    def from_error(cls, error: APIError | DecodeError) -> Exchange:
        """What the transport kept of a refused request (status, headers, body up to 2 KiB)."""
        return cls(error.status or 0, dict(error.headers), error.body.encode("utf-8"), error)
