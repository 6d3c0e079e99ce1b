"""The ASGI layer in front of the API: counts requests and applies injected faults.

It sits outside routing, authentication and rate limiting, so an injected failure costs the
client nothing from its quota, and ``/_sandbox`` admin calls are never counted or faulted.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .faults import FaultRule
from .problems import plain

if TYPE_CHECKING:
    from .state import SandboxState

ADMIN_PREFIX = "/_sandbox"


class ConnectionDropped(ConnectionError):
    """Raised where the server cannot hang up itself (e.g. under httpx's ASGI transport)."""


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, state: SandboxState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        stats = self.state.stats
        method, path = scope["method"], scope["path"]
        stats.request_received(method, path)

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                stats.response_sent(message["status"])
            await send(message)

        decision = self.state.faults.decide(method, path)
        if decision is not None and decision.latency:
            await asyncio.sleep(decision.latency)
        rule = decision.rule if decision is not None else None
        if rule is None:
            await self.app(scope, receive, counting_send)
            return
        stats.fault_injected(dropped=rule.drop is not None)
        if rule.status is not None:
            await _injected_response(rule)(scope, receive, counting_send)
            return
        if rule.drop == "after":
            # Let the handler apply its write, but never let its answer reach the client.
            async def swallow(message: Message) -> None:
                return None

            await self.app(scope, receive, swallow)
        stats.response_sent("dropped")
        await self._hang_up(scope, receive)

    async def _hang_up(self, scope: Scope, receive: Receive) -> None:
        if not self.state.connections.close(scope.get("client")):
            raise ConnectionDropped("sandbox fault: connection dropped")
        # Wait until uvicorn has seen the close, so it does not try to answer on it.
        try:
            async with asyncio.timeout(2.0):
                while (await receive())["type"] != "http.disconnect":
                    pass
        except TimeoutError:
            pass


def _injected_response(rule: FaultRule) -> Response:
    status = rule.status or 500
    headers: dict[str, str] = {}
    if status == 429:
        retry_after = max(1, rule.retry_after or 1)
        headers["Retry-After"] = str(retry_after)
        detail = f"Rate limit exceeded. Retry after {retry_after} seconds."
    else:
        if rule.retry_after is not None:
            headers["Retry-After"] = str(rule.retry_after)
        detail = "Injected fault (sandbox)."
    return plain(status, detail, headers).to_response()
