"""``/_sandbox/...``: control a running sandbox over HTTP (reset, seed, faults, limits, keys,
stats). Never rate limited, never counted, never faulted: it is the test harness's side door,
not part of the API.

On loopback it needs no authentication. A sandbox bound to any other interface can be reached
by other machines, and these routes can replace its keys and wipe its data, so there they need
the admin token the server generates at start (``X-Sandbox-Admin-Token``; ``sandbox serve``
prints it, ``Sandbox.admin_token`` holds it) and a warning is logged.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
import socket
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .faults import FaultRule
from .intake import read_body
from .parsing import decimal_int, parse_json
from .problems import Problem, problem_response
from .ratelimit import RateLimitConfig
from .routing import json_response, no_content
from .seed import apply_seed

if TYPE_CHECKING:
    from .state import SandboxState

PREFIX = "/_sandbox"
ADMIN_TOKEN_HEADER = "X-Sandbox-Admin-Token"
AdminHandler = Callable[[Request], Awaitable[Response]]

logger = logging.getLogger("reply_contacts.sandbox")


def is_loopback(sock: socket.socket) -> bool:
    """Whether a bound socket is reachable from this machine only."""
    host = str(sock.getsockname()[0]).split("%")[0]
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def protect_if_exposed(state: SandboxState, sock: socket.socket) -> str | None:
    """Require an admin token on ``/_sandbox`` when ``sock`` is not loopback; return it."""
    if is_loopback(sock):
        return None
    if state.admin_token is None:
        state.admin_token = secrets.token_urlsafe(24)
    host, port = sock.getsockname()[:2]
    logger.warning(
        "the sandbox is bound to %s:%s, reachable from other machines: its /_sandbox admin "
        "routes now need the %s header, and any client that can reach it can use its API keys",
        host,
        port,
        ADMIN_TOKEN_HEADER,
    )
    return state.admin_token


def _bad_request(message: str) -> Response:
    return problem_response(400, {"title": "Bad Request", "status": 400, "detail": message})


def _unauthorized() -> Response:
    detail = (
        f"This sandbox is reachable from the network: admin routes need the {ADMIN_TOKEN_HEADER} "
        "header with the token printed when it started."
    )
    return problem_response(401, {"title": "Unauthorized", "status": 401, "detail": detail})


async def _json_body(request: Request) -> Any:
    data = parse_json(await read_body(request, json_only=False), required=False)
    return {} if data is None else data


def _guarded(state: SandboxState, handler: AdminHandler) -> AdminHandler:
    async def run(request: Request) -> Response:
        token = state.admin_token
        if token is not None:
            sent = request.headers.get(ADMIN_TOKEN_HEADER, "")
            if not hmac.compare_digest(sent.encode(), token.encode()):
                return _unauthorized()
        try:
            return await handler(request)
        except Problem as problem:
            return problem.to_response()
        except (ValueError, TypeError, KeyError, OverflowError, sqlite3.Error) as error:
            return _bad_request(f"{type(error).__name__}: {error}")

    return run


def state_summary(state: SandboxState) -> dict[str, Any]:
    with state.store.transaction() as db:
        counts = {
            "contacts": db.execute("SELECT count(*) FROM contacts WHERE deleted = 0").fetchone()[0],
            "deletedContacts": db.execute(
                "SELECT count(*) FROM contacts WHERE deleted = 1"
            ).fetchone()[0],
            "contactLists": db.execute("SELECT count(*) FROM contact_lists").fetchone()[0],
            "accounts": db.execute("SELECT count(*) FROM accounts").fetchone()[0],
            "customFields": db.execute("SELECT count(*) FROM custom_fields").fetchone()[0],
        }
    return counts


def rate_limit_to_api(config: RateLimitConfig) -> dict[str, Any]:
    data = asdict(config)
    return {
        "perMinute": data["per_minute"],
        "perHour": data["per_hour"],
        "minuteWindow": data["minute_window"],
        "hourWindow": data["hour_window"],
        "enabled": data["enabled"],
    }


def routes(state: SandboxState) -> list[BaseRoute]:
    async def health(request: Request) -> Response:
        return json_response({"status": "ok"})

    async def reset(request: Request) -> Response:
        body = await _json_body(request)
        state.reset(seed=body.get("seed") if isinstance(body, dict) else None)
        return no_content()

    async def seed(request: Request) -> Response:
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise ValueError("the seed document must be a JSON object")
        with state.store.transaction() as db:
            created = apply_seed(db, body)
        return json_response(created)

    async def stats(request: Request) -> Response:
        return json_response(
            {
                **state.stats.snapshot(),
                "rateLimit": rate_limit_to_api(state.limiter.config),
                "faults": [rule.to_dict() for rule in state.faults.rules()],
                "data": state_summary(state),
            }
        )

    async def reset_stats(request: Request) -> Response:
        state.stats.reset()
        return no_content()

    async def list_faults(request: Request) -> Response:
        return json_response([rule.to_dict() for rule in state.faults.rules()])

    async def add_fault(request: Request) -> Response:
        body = await _json_body(request)
        if isinstance(body, dict) and isinstance(body.get("spec"), str):
            rule = FaultRule.parse(body["spec"])
        elif isinstance(body, dict):
            rule = FaultRule.from_dict(body)
        else:
            raise ValueError('a fault is a JSON object (or {"spec": "..."})')
        return json_response(state.faults.add(rule).to_dict(), 201)

    async def clear_faults(request: Request) -> Response:
        state.faults.clear()
        return no_content()

    async def remove_fault(request: Request) -> Response:
        rule_id = decimal_int(request.path_params["rule_id"])
        if rule_id is not None and state.faults.remove(rule_id):
            return no_content()
        return problem_response(
            404, {"title": "Not Found", "status": 404, "detail": "No such fault."}
        )

    async def get_rate_limit(request: Request) -> Response:
        return json_response(rate_limit_to_api(state.limiter.config))

    async def put_rate_limit(request: Request) -> Response:
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise ValueError("the rate limit is a JSON object")
        names = {
            "perMinute": "per_minute",
            "perHour": "per_hour",
            "minuteWindow": "minute_window",
            "hourWindow": "hour_window",
            "enabled": "enabled",
        }
        changes = {names[key]: value for key, value in body.items() if key in names}
        unknown = set(body) - set(names)
        if unknown:
            raise ValueError(f"unknown rate-limit option(s): {', '.join(sorted(unknown))}")
        config = state.limiter.configure(**changes)
        if body.get("clear", True):
            state.limiter.clear()
        return json_response(rate_limit_to_api(config))

    async def add_key(request: Request) -> Response:
        body = await _json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("key"), str):
            raise ValueError('a key is {"key": "...", "scopes": [...], "userId": 1}')
        user_id = int(body.get("userId", 1))
        state.ensure_user(user_id)
        api_key = state.keys.add(body["key"], body.get("scopes", ["*:*"]), user_id=user_id)
        return json_response(
            {"key": api_key.key, "scopes": sorted(api_key.scopes), "userId": api_key.user_id}, 201
        )

    async def remove_key(request: Request) -> Response:
        state.keys.remove(request.path_params["key"])
        return no_content()

    table: list[tuple[str, str, AdminHandler]] = [
        ("GET", "/health", health),
        ("POST", "/reset", reset),
        ("POST", "/seed", seed),
        ("GET", "/stats", stats),
        ("POST", "/stats/reset", reset_stats),
        ("GET", "/faults", list_faults),
        ("POST", "/faults", add_fault),
        ("DELETE", "/faults", clear_faults),
        # A plain segment: Starlette's int convertor raises on 5,000 digits.
        ("DELETE", "/faults/{rule_id}", remove_fault),
        ("GET", "/rate-limit", get_rate_limit),
        ("PUT", "/rate-limit", put_rate_limit),
        ("POST", "/keys", add_key),
        ("DELETE", "/keys/{key}", remove_key),
    ]
    return [
        Route(PREFIX + path, _guarded(state, handler), methods=[method])
        for method, path, handler in table
    ]
