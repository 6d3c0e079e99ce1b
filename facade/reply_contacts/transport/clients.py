"""The httpx clients the SDK sends through: failures of the client itself become ReplyErrors too.

The transport stack turns everything that happens on the wire into typed errors, but an
`httpx.Client` can still fail on its own, around the transport: a redirect loop with
`follow_redirects=True` (`httpx.TooManyRedirects`), or a body it reads after the transport
returned. These subclasses catch httpx's errors at `send`, the one door every request goes
through (`request`, `stream`, the generated endpoints), and raise the typed equivalent.
"""

from __future__ import annotations

from typing import Any

import httpx

from reply_contacts.transport.stack import error_from_client_failure

__all__ = ["ReplyAsyncHTTPClient", "ReplyHTTPClient"]


class ReplyHTTPClient(httpx.Client):
    """`httpx.Client` whose failures are all `ReplyError`s."""

    def send(self, request: httpx.Request, **options: Any) -> httpx.Response:
        try:
            return super().send(request, **options)
        except httpx.HTTPError as failure:
            raise error_from_client_failure(failure, request) from failure


class ReplyAsyncHTTPClient(httpx.AsyncClient):
    """`httpx.AsyncClient` whose failures are all `ReplyError`s."""

    async def send(self, request: httpx.Request, **options: Any) -> httpx.Response:
        try:
            return await super().send(request, **options)
        except httpx.HTTPError as failure:
            raise error_from_client_failure(failure, request) from failure
