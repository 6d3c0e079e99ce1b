"""The Starlette application: every API operation behind authentication, scope checks and
rate limiting, the ``/_sandbox`` admin surface, and problem+json for unknown routes.

``create_app(state)`` is usable on its own (e.g. with ``httpx.ASGITransport``); ``Sandbox``
runs the same app under uvicorn.
"""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

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
from .problems import Problem, forbidden, plain, problem_response, title_for
from .routing import Ctx, Endpoint, Operation, json_response
from .state import SandboxState

logger = logging.getLogger("reply_contacts.sandbox")


def whoami(ctx: Ctx) -> Response:
    return json_response({"userId": ctx.user_id})


def all_operations() -> list[Operation]:
    # Fixed paths come before "{id}" routes of the same prefix so they match first.
    return [
        Operation("GET", "/v3/whoami", "WhoAmI", None, whoami),
        *contacts.operations(),
        *contact_actions.operations(),
        *contact_views.operations(),
        *direct_outreach.operations(),
        *lists.operations(),
        *custom_fields.operations(),
        *accounts.operations(),
        *account_lists.operations(),
        *jobs.operations(),
    ]


def _check_feature(ctx: Ctx, operation: Operation) -> None:
    """Team-level feature permissions: a user can be denied e.g. ``ViewProspect``.

    As observed live, the generic feature-scope check answers a 403 with no ``code``; only
    endpoints with a refusal of their own (a documented message) answer ``<resource>.forbidden``.
    """
    if operation.feature is None:
        return
    row = ctx.db.execute(
        "SELECT denied_features FROM users WHERE id = ?", (ctx.user_id,)
    ).fetchone()
    denied = set(row[0].split(",")) if row and row[0] else set()
    if operation.feature not in denied:
        return
    if operation.forbidden_code and operation.forbidden_detail:
        raise forbidden(operation.forbidden_code, operation.forbidden_detail)
    raise plain(403, f"Feature scopes [{operation.feature}] are denied for userId {ctx.user_id}.")


def endpoint_for(operation: Operation, state: SandboxState) -> Endpoint:
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
        if operation.scope is not None and not has_scope(api_key.scopes, operation.scope):
            return insufficient_scope(operation.scope).to_response()
        raw_body = await request.body()
        try:
            # One transaction per request: a problem raised anywhere leaves no partial write.
            with state.store.transaction() as db:
                ctx = Ctx(
                    state,
                    db,
                    api_key.user_id,
                    request.path_params,
                    request.query_params,
                    raw_body,
                )
                _check_feature(ctx, operation)
                return operation.handler(ctx)
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


async def _server_error(request: Request, exc: Exception) -> Response:
    # A bug in the sandbox, never an answer the real API gives: make it loud.
    logger.error("sandbox bug on %s %s", request.method, request.url.path, exc_info=exc)
    body = {"title": title_for(500), "status": 500, "detail": f"Sandbox error: {exc!r}"}
    return problem_response(500, body)


def create_app(state: SandboxState | None = None) -> Starlette:
    state = state or SandboxState()
    routes: list[BaseRoute] = [
        Route(op.path, endpoint_for(op, state), methods=[op.method], name=op.operation_id)
        for op in all_operations()
    ]
    routes.extend(admin.routes(state))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(EdgeMiddleware, state=state)],
        exception_handlers={HTTPException: _http_exception, Exception: _server_error},
    )
    app.state.sandbox = state
    return app
