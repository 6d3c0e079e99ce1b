"""The fixture format: one JSON file per response, personal data replaced by stable fakes.

    {
      "format": "reply-contacts-fixture/1",
      "operation": "get_contact_by_id",           # the contract's operation (generated name)
      "source": "reply-contacts drift against https://api.reply.io",
      "request": {"method": "GET", "path": "/v3/contacts/42", "query": {}, "body": null},
      "response": {"status": 200, "contentType": "application/json", "body": {...}}
    }

A body that is not JSON is kept as text under "text" instead of "body". `reply-contacts drift
--save-fixtures DIR` writes these; the project keeps the payloads recorded from the live
server in the same format (tests/fixtures/live/), and `replay.replay_fixture` parses one
through the SDK as if the server had just sent it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .anonymise import Anonymiser
from .exchange import Exchange, Probe

FORMAT = "reply-contacts-fixture/1"


@dataclass(frozen=True)
class Fixture:
    """One recorded exchange of a contract operation."""

    operation: str
    method: str
    path: str
    status: int
    content_type: str = "application/json"
    body: Any = None
    text: str | None = None
    query: Mapping[str, str] = field(default_factory=dict)
    request_body: Any = None
    source: str = ""

    @property
    def content(self) -> bytes:
        """The response body as the server sent it (modulo anonymisation)."""
        if self.text is not None:
            return self.text.encode("utf-8")
        if self.body is None:
            return b""
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")

    def as_dict(self) -> dict[str, Any]:
        response: dict[str, Any] = {"status": self.status, "contentType": self.content_type}
        if self.text is not None:
            response["text"] = self.text
        else:
            response["body"] = self.body
        return {
            "format": FORMAT,
            "operation": self.operation,
            "source": self.source,
            "request": {
                "method": self.method,
                "path": self.path,
                "query": dict(self.query),
                "body": self.request_body,
            },
            "response": response,
        }


def read_fixture(path: Path) -> Fixture:
    """Load one fixture file; ValueError when it is not in this format."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT} fixture")
    request, response = data["request"], data["response"]
    return Fixture(
        operation=data["operation"],
        method=request["method"],
        path=request["path"],
        query=request.get("query") or {},
        request_body=request.get("body"),
        status=response["status"],
        content_type=response.get("contentType", ""),
        body=response.get("body"),
        text=response.get("text"),
        source=data.get("source", ""),
    )


def write_fixture(directory: Path, fixture: Fixture, name: str | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{name or fixture.operation}.json"
    text = json.dumps(fixture.as_dict(), indent=2, ensure_ascii=False, sort_keys=False)
    target.write_text(text + "\n", encoding="utf-8")
    return target


class FixtureWriter:
    """Writes a run's exchanges as anonymised fixtures; one anonymiser for the whole run, so the
    same email or name becomes the same fake in every file."""

    def __init__(self, directory: Path, *, source: str) -> None:
        self.directory = directory
        self.source = source
        self.anonymiser = Anonymiser()

    def write(self, probe: Probe, exchange: Exchange) -> Path:
        return write_fixture(self.directory, self.fixture(probe, exchange))

    def fixture(self, probe: Probe, exchange: Exchange) -> Fixture:
        clean = self.anonymiser.anonymise
        body: Any = None
        text: str | None = None
        try:
            body = clean(exchange.json())
        except ValueError:
            raw = exchange.content.decode("utf-8", errors="replace")
            text = clean(raw) if raw else None
        return Fixture(
            operation=probe.operation.name,
            method=probe.method,
            path=probe.path,
            query=dict(probe.query),
            request_body=clean(probe.body),
            status=exchange.status,
            content_type=exchange.content_type,
            body=body,
            text=text,
            source=self.source,
        )
