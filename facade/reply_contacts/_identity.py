"""`GET /v3/whoami` as a plan step: the Reply user an API key (and the acting headers) resolve to.

whoami is Reply's authentication endpoint, outside the Contact Data spec, so the contract module
does not list it. It is described here in the shape of a generated operation (an `Operation`
whose module offers `build_request` and `build_response`), so the clients and the workflows
yield it like any other call: same transport, same typed errors, same sync and async runners.

Its answer is checked strictly, because callers rely on it to tell accounts apart (an import
journal is bound to the user it imported for): anything but a 200 whose JSON object holds an
integer `userId` is a `DecodeError`, never a raw KeyError or JSON error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import httpx
from reply_contact_data_client.contract import Operation
from reply_contact_data_client.types import Response

from ._plan import Call
from .errors import DecodeError

__all__ = ["WHOAMI", "Identity", "build_request", "build_response", "whoami"]


@dataclass(frozen=True)
class Identity:
    """Who the API key acts as: the Reply user, and the team when the server names it."""

    user_id: int
    team_id: int | None = None


class _UnlistedOperation(Operation):
    """An operation the Contact Data spec does not describe, served by this module."""

    @property
    def module(self) -> str:
        return __name__


WHOAMI: Operation = _UnlistedOperation(
    operation_id="WhoAmI",
    name="who_am_i",
    tag="auth",
    method="GET",
    path="/v3/whoami",
    scope="",  # any valid key may ask
    idempotent=True,
    read_only=True,
)


def whoami() -> Call[Identity]:
    """The plan step that asks who the key acts as."""
    return Call(WHOAMI)


def build_request() -> dict[str, Any]:
    return {"method": "get", "url": WHOAMI.path}


def build_response(*, client: Any, response: httpx.Response) -> Response[Identity]:
    """The identity in a whoami answer, or DecodeError saying what is wrong with the answer.

    Error statuses never get here (the transport raised them as typed errors); what does is a
    success that is not the documented one: a redirect (a wrong base_url), an empty or non-JSON
    body, or JSON without an integer `userId`.
    """
    status = response.status_code
    where = f"GET {WHOAMI.path}"
    if status != HTTPStatus.OK:
        location = response.headers.get("location")
        hint = f" to {location}" if location else ""
        raise DecodeError(
            f"{where} answered {status} {response.reason_phrase}{hint} instead of 200 with the"
            " user id; is base_url the Reply API?",
            status=status,
            method="GET",
            path=WHOAMI.path,
            headers=dict(response.headers),
            content_type=response.headers.get("content-type"),
        )
    try:
        data = json.loads(response.content)
    except (ValueError, RecursionError):
        data = None
    user_id = _integer(data.get("userId")) if isinstance(data, dict) else None
    if user_id is None:
        raise DecodeError(
            f"{where} answered 200 without an integer userId: {_snippet(response.content)}",
            status=status,
            method="GET",
            path=WHOAMI.path,
            body=response.content[:2048].decode("utf-8", errors="replace"),
            content_type=response.headers.get("content-type"),
        )
    assert isinstance(data, dict)
    identity = Identity(user_id=user_id, team_id=_integer(data.get("teamId")))
    return Response(
        status_code=HTTPStatus(status),
        content=response.content,
        headers=response.headers,
        parsed=identity,
    )


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def _snippet(content: bytes) -> str:
    text = " ".join(content.decode("utf-8", errors="replace").split())
    if not text:
        return "(empty body)"
    return text if len(text) <= 200 else text[:200] + "..."
