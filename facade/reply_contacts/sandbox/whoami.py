"""``GET /v3/whoami`` and ``GET /v3/whoami/team-users``: who a request acts for, and the teams
it can act in, answered the way Reply's CLI reads them (its ``auth whoami`` and ``team list``).
"""

from __future__ import annotations

from reply_contact_data_client import contract
from starlette.responses import Response

from .identity import organization_required
from .routing import Ctx, Served, json_response


def whoami(ctx: Ctx) -> Response:
    acting = ctx.acting
    assert acting is not None
    profile = acting.team.member(acting.user_id) or {}
    return json_response(
        {"userId": acting.user_id, "username": profile.get("email"), "teamId": acting.team.id}
    )


def team_users(ctx: Ctx) -> Response:
    acting = ctx.acting
    assert acting is not None
    if not ctx.state.directory.organization:
        raise organization_required()
    return json_response([team.summary() for team in acting.teams])


def served() -> list[Served]:
    ops = contract.Operations
    # Neither is team-scoped: a user of several teams may ask without choosing one.
    return [
        Served(ops.who_am_i, whoami, team_scoped=False),
        Served(ops.who_am_i_team_users, team_users, team_scoped=False),
    ]
