"""Who a request acts for, and the teams it can act in, as plan steps over the generated
operations `GET /v3/whoami` and `GET /v3/whoami/team-users` (the contract's `Identity` tag).

`whoami()` answers a typed `Identity` (`user_id`, `username`, `team_id`). Its answer is checked
strictly, because callers rely on it to tell accounts apart (an import journal is bound to the
user and team it imported for): a success without an integer `userId` is a `DecodeError`.

`teams()` answers the `Team`s one can act in, the way Reply's own CLI finds them: the team
listing; or, when the server refuses to resolve the team (`TEAM_REQUIRED`,
`TEAM_NOT_ACCESSIBLE`), the teams its problem lists; or, for a personal account (403
`workspace.organizationRequired`), whoami's single team, whose name the API does not give.
Which codes mean what is the contract's (`TeamResolutionCode`, `WorkspaceProblemCode`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

from reply_contact_data_client import contract

from ._plan import Call, Flow
from .errors import PermissionDeniedError

__all__ = ["Identity", "Team", "teams", "whoami"]


@dataclass(frozen=True)
class Identity:
    """Who a request acts for: the Reply user (whose rate-limit budget it spends), the user's
    login (`username`, an email address) and the team, when the server names them."""

    user_id: int
    username: str | None = None
    team_id: int | None = None


@dataclass(frozen=True)
class Team:
    """A team one can act in (`team_id` goes into `X-TEAM-ID`, i.e. `team_id=`). `team_name`
    is None when the API did not say it (a personal account's single team)."""

    team_id: int
    team_name: str | None = None


def whoami() -> Call[Identity]:
    """The plan step that asks who the key (and the acting headers) act for."""
    return Call(contract.Operations.who_am_i).then(_identity)


def teams() -> Flow[list[Team]]:
    """The plan that lists the teams one can act in (see the module docstring)."""
    try:
        listed: list[Team] = yield Call(contract.Operations.who_am_i_team_users).then(_teams)
    except PermissionDeniedError as refused:
        if refused.code in contract.Vocabularies.TeamResolutionCode:
            listed_in_problem = _teams_in_problem(refused.problem)
            if listed_in_problem is None:
                raise
            return listed_in_problem
        if refused.code in contract.Vocabularies.WorkspaceProblemCode:
            identity: Identity = yield whoami()
            return [] if identity.team_id is None else [Team(identity.team_id)]
        raise
    return listed


def _identity(parsed: Any) -> Identity:
    from reply_contact_data_client.models import WhoAmI

    if not isinstance(parsed, WhoAmI) or not _is_id(parsed.user_id):
        user_id = getattr(parsed, "user_id", None)
        raise ValueError(f"the answer holds no integer userId (userId: {user_id!r})")
    username = parsed.username if isinstance(parsed.username, str) else None
    team_id = parsed.team_id if _is_id(parsed.team_id) else None
    return Identity(user_id=parsed.user_id, username=username, team_id=team_id)


def _teams(parsed: Any) -> list[Team]:
    if not isinstance(parsed, list):
        raise ValueError(f"the answer is not a list of teams: {type(parsed).__name__}")
    return _distinct(parsed)


def _teams_in_problem(problem: dict[str, Any] | None) -> list[Team] | None:
    """The teams a team-resolution problem lists; None when it lists none readable (the caller
    then lets the refusal itself through rather than answer an empty list)."""
    from reply_contact_data_client.models import IdentityProblem

    if problem is None:
        return None
    try:
        listed = IdentityProblem.from_dict(problem).teams
        return _distinct(listed) if isinstance(listed, list) else None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _distinct(summaries: list[Any]) -> list[Team]:
    """Teams once each, in the server's order. An entry without an integer id is a malformed
    answer (ValueError, hence a DecodeError), not something to skip in silence."""
    seen: set[int] = set()
    found: list[Team] = []
    for summary in summaries:
        team_id = getattr(summary, "team_id", None)
        if not _is_id(team_id):
            raise ValueError(f"a team without an integer teamId: {summary!r}")
        if team_id in seen:
            continue
        seen.add(team_id)
        name = getattr(summary, "team_name", None)
        found.append(Team(team_id, name if isinstance(name, str) else None))
    return found


def _is_id(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
