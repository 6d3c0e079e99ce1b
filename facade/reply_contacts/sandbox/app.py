"""The Starlette application: every operation of the contract behind authentication, the
contract's scope checks, rate limiting and request checks, the ``/_sandbox`` admin surface, and
problem+json for unknown routes.

Routes are built when the app is, from the contract module as it is then: an operation's
method, path and scope are the contract's, so a regenerated contract needs no edit here.
``create_app(state)`` is usable on its own (e.g. with ``httpx.ASGITransport``); ``Sandbox``
runs the same app under uvicorn.
"""

from __future__ import annotations

import logging

from reply_contact_data_client.contract import Operation
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import (
    account_lists,
    accounts,
    admin,
    contact_actions,
    contact_views,
    contacts,
    custom_fields,
    direct_outreach,
    jobs,
    lists,
)
from .auth import has_scope, insufficient_scope, unauthorized_response
from .edge import EdgeMiddleware
from .intake import check_body, decode, read_body
from .problems import Problem, forbidden, plain, problem_response, title_for
from .routing import Ctx, Endpoint, Served, json_response
from .state import SandboxState

logger = logging.getLogger("reply_contacts.sandbox")

# Not an operation of the Contact Data contract: which user a key acts for (any valid key).
WHOAMI = Operation(
    operation_id="WhoAmI",
    name="whoami",
    tag="sandbox",
    method="GET",
    path="/v3/whoami",
    scope="",
    idempotent=True,
    read_only=True,
)


def whoami(ctx: Ctx) -> Response:
    return json_response({"userId": ctx.user_id})


def all_served() -> list[Served]:
    """Every operation the sandbox serves, literal path segments before templated ones (so
    ``/v3/contacts/import`` is never taken for a contact whose id is "import")."""
    served = [
        Served(WHOAMI, whoami),
        *contacts.served(),
        *contact_actions.served(),
        *contact_views.served(),
        *direct_outreach.served(),
        *lists.served(),
        *custom_fields.served(),
        *accounts.served(),
        *account_lists.served(),
        *jobs.served(),
    ]
    return sorted(served, key=lambda item: _route_order(item.operation.path))


def _route_order(path: str) -> tuple[bool, ...]:
    return tuple(segment.startswith("{") for segment in path.split("/"))


def _check_feature(ctx: Ctx, served: Served) -> None:
    """Team-level feature permissions: a user can be denied e.g. ``ViewProspect``.

    As observed live, the generic feature-scope check answers a 403 with no ``code``; only
    endpoints with a refusal of their own (a documented message) answer ``<resource>.forbidden``.
    """
    if served.feature is None:
        return
    row = ctx.db.execute(
        "SELECT denied_features FROM users WHERE id = ?", (ctx.user_id,)
    ).fetchone()
    denied = set(row[0].split(",")) if row and row[0] else set()
    if served.feature not in denied:
        return
    if served.forbidden_code and served.forbidden_detail:
        raise forbidden(served.forbidden_code, served.forbidden_detail)
    raise plain(403, f"Feature scopes [{served.feature}] are denied for userId {ctx.user_id}.")


def endpoint_for(served: Served, state: SandboxState) -> Endpoint:
    operation = served.operation
    scope = served.scope

    async def endpoint(request: Request) -> Response:
        api_key = state.keys.lookup(request.headers.get("authorization"))
        if api_key is None:
            return unauthorized_response()
        wait = state.limiter.acquire(api_key.user_id)
        if wait is not None:
            state.stats.rate_limit_hit()
            return plain(
                429, f"Rate limit exceeded. Retry after {wait} seconds.", {"Retry-After": str(wait)}
            ).to_response()
        state.stats.operation_called(operation.operation_id)
        if scope is not None and not has_scope(api_key.scopes, scope):
            return insufficient_scope(scope).to_response()
        try:
            raw_body = await read_body(request)
            # One transaction per request: a problem raised anywhere leaves no partial write.
            with state.store.transaction() as db:
                ctx = Ctx(
                    state,
                    db,
                    api_key.user_id,
                    request.path_params,
                    request.query_params,
                    raw_body,
                    operation,
                    decode(raw_body),
                )
                _check_feature(ctx, served)
                check_body(ctx.parsed_body, served)
                return served.handler(ctx)
        except Problem as problem:
            return problem.to_response()

    return endpoint


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        detail = f"No route matches {request.method} {request.url.path}."
    elif exc.status_code == 405:
        detail = f"Method {request.method} is not allowed on {request.url.path}."
    else:
        detail = str(exc.detail)
    body = {"title": title_for(exc.status_code), "status": exc.status_code, "detail": detail}
    return problem_response(exc.status_code, body, exc.headers)


class ContainFailures:
    """A bug in the sandbox answers a loud 500 problem and leaves the connection usable.

    Starlette's own last-resort handler re-raises after answering, and uvicorn then closes the
    kept-alive connection, so the client's next request would fail too. Only an exception
    raised after the answer has started (nothing sensible left to send) still escapes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if started:
                raise
            # Never an answer the real API gives: make it loud.
            logger.error("sandbox bug on %s %s", scope["method"], scope["path"], exc_info=exc)
            body = {"title": title_for(500), "status": 500, "detail": f"Sandbox error: {exc!r}"}
            await problem_response(500, body)(scope, receive, send)


def create_app(state: SandboxState | None = None) -> Starlette:
    state = state or SandboxState()
    routes: list[BaseRoute] = [
        Route(
            served.operation.path,
            endpoint_for(served, state),
            methods=[served.operation.method],
            name=served.operation.operation_id,
        )
        for served in all_served()
    ]
    routes.extend(admin.routes(state))
    app = Starlette(
        routes=routes,
        # The edge counts and faults every answer, the 500 of a contained failure included.
        middleware=[Middleware(EdgeMiddleware, state=state), Middleware(ContainFailures)],
        exception_handlers={HTTPException: _http_exception},
    )
    app.state.sandbox = state
    return app
