"""Who a request acts for: users, teams, kinds of key, and the acting-user and team headers.

The model of reference §1.1 and §14.1, as Reply's CLI meets it (its ``auth whoami`` and
``team list``):

- a **personal** key acts for the user who made it (acting headers are ignored);
- the **master** key acts for the workspace owner unless ``X-USER-ID`` or ``X-User-Email``
  names another user;
- an **organization** key must name its acting user: ``X-USER-ID``, or ``X-User-Email`` with
  ``X-TEAM-ID`` (else ``USER_REQUIRED`` / ``TEAM_REQUIRED``);
- a user named by no Reply account is ``USER_NOT_FOUND`` (401);
- ``X-TEAM-ID`` picks one of the acting user's teams (else ``TEAM_NOT_ACCESSIBLE``, listing
  them); without it a team-scoped operation needs the user to have a single team
  (``TEAM_REQUIRED``), while whoami reports the user's first team.

Each team keeps its data in its own store (``TeamSpace``): what a request can see and own
follows the team it acts in, and the handlers stay unaware of teams. A user belongs to the
teams whose store lists them; that membership is the only record of users, so it cannot
disagree with what the handlers see (``owner_is_team_member`` reads the same table).

The problem codes are the contract's vocabularies (``TeamResolutionCode``,
``UserResolutionCode``, ``WorkspaceProblemCode``), read when a problem is made and taken in the
order the spec lists them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from reply_contact_data_client import contract

from .problems import Problem
from .store import Store

KeyKind = Literal["personal", "master", "organization"]
KEY_KINDS: tuple[KeyKind, ...] = ("personal", "master", "organization")

# Header names as Reply's backend spells them; Starlette's header lookup ignores case anyway.
TEAM_HEADER = "X-TEAM-ID"
USER_ID_HEADER = "X-USER-ID"
USER_EMAIL_HEADER = "X-User-Email"

DEFAULT_TEAM_ID = 1
DEFAULT_TEAM_NAME = "Sandbox Team"
DEFAULT_OWNER_ID = 1
# Each team's row ids start at a multiple of this, so ids stay unique across teams as they
# are in Reply (contact 10000001 is team 2's; team 1 keeps 1, 2, 3, ... as before).
TEAM_ID_SPAN = 10_000_000


@dataclass(frozen=True)
class TeamSpace:
    """One team: its name and the store holding its members and its data."""

    id: int
    name: str
    store: Store

    def has_member(self, user_id: int) -> bool:
        with self.store.transaction() as db:
            return db.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)).fetchone() is not None

    def member_by_email(self, email: str) -> int | None:
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT id FROM users WHERE lower(email) = lower(?) ORDER BY id LIMIT 1",
                (email.strip(),),
            ).fetchone()
        return None if row is None else int(row[0])

    def member(self, user_id: int) -> dict[str, Any] | None:
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT id, name, email FROM users WHERE id = ?", (user_id,)
            ).fetchone()
        return None if row is None else dict(row)

    def summary(self) -> dict[str, Any]:
        return {"teamId": self.id, "teamName": self.name}


@dataclass(frozen=True)
class Acting:
    """Who a request acts for: the user (its budget, its ownership) and the team (its data)."""

    user_id: int
    team: TeamSpace
    teams: tuple[TeamSpace, ...]
    # False when the user belongs to several teams and none was chosen: only operations that
    # are not team-scoped (whoami, team listing) may go on, in the user's first team.
    team_chosen: bool


class Directory:
    """The teams of the sandbox's workspace, and how a request's headers resolve against them."""

    def __init__(self, default_team: TeamSpace) -> None:
        self._lock = threading.Lock()
        self._teams: dict[int, TeamSpace] = {default_team.id: default_team}
        self.owner_id = DEFAULT_OWNER_ID
        # None: an organization exactly when there are several teams (see `organization`).
        self.declared_organization: bool | None = None

    @property
    def organization(self) -> bool:
        """A personal account has one team and no team listing; an organization lists its
        teams (``GET /v3/whoami/team-users``)."""
        if self.declared_organization is not None:
            return self.declared_organization
        with self._lock:
            return len(self._teams) > 1

    @property
    def default(self) -> TeamSpace:
        with self._lock:
            return self._teams[min(self._teams)]

    def teams(self) -> list[TeamSpace]:
        with self._lock:
            return [self._teams[key] for key in sorted(self._teams)]

    def get(self, team_id: int) -> TeamSpace | None:
        with self._lock:
            return self._teams.get(team_id)

    def add(self, team: TeamSpace) -> TeamSpace:
        with self._lock:
            self._teams[team.id] = team
            return team

    def drop_all_but(self, keep: Iterable[int]) -> list[TeamSpace]:
        """Forget every team not in ``keep``; return the dropped ones (their stores to close)."""
        wanted = set(keep)
        with self._lock:
            dropped = [team for key, team in self._teams.items() if key not in wanted]
            self._teams = {key: team for key, team in self._teams.items() if key in wanted}
        return dropped

    def teams_of(self, user_id: int) -> list[TeamSpace]:
        return [team for team in self.teams() if team.has_member(user_id)]

    def user_by_email(self, email: str) -> int | None:
        for team in self.teams():
            found = team.member_by_email(email)
            if found is not None:
                return found
        return None

    def profile(self, user_id: int) -> dict[str, Any] | None:
        for team in self.teams():
            found = team.member(user_id)
            if found is not None:
                return found
        return None

    # -- resolution --------------------------------------------------------------------------

    def resolve(self, kind: KeyKind, key_user_id: int, headers: Mapping[str, str]) -> Acting:
        """The acting user and team of a request, or the Problem the real API answers."""
        by_email = False
        if kind == "personal":
            user_id = key_user_id
        else:
            named = self._named_user(headers)
            by_email = named is not None and named[1]
            if named is not None:
                user_id = named[0]
            elif kind == "master":
                user_id = self.owner_id
            else:
                user_required, _ = contract.Vocabularies.UserResolutionCode
                raise Problem(
                    403,
                    "An organization API key needs an acting user: send X-USER-ID, or"
                    " X-User-Email with X-TEAM-ID.",
                    code=user_required,
                )
        teams = self.teams_of(user_id)
        if not teams:
            raise _user_not_found(f"No Reply user has the id {user_id}.")
        chosen = headers.get(TEAM_HEADER, "").strip()
        if chosen:
            team = next((t for t in teams if str(t.id) == chosen), None)
            if team is None:
                raise _team_problem(
                    "not accessible", f"Team {chosen} is not one of the user's teams.", teams
                )
            return Acting(user_id, team, tuple(teams), team_chosen=True)
        if by_email and kind == "organization":
            raise _team_problem(
                "required",
                "An organization key acting by X-User-Email needs X-TEAM-ID as well.",
                teams,
            )
        return Acting(user_id, teams[0], tuple(teams), team_chosen=len(teams) == 1)

    def _named_user(self, headers: Mapping[str, str]) -> tuple[int, bool] | None:
        """The user named by X-USER-ID (preferred) or X-User-Email, and whether by email."""
        raw_id = headers.get(USER_ID_HEADER, "").strip()
        if raw_id:
            if not (raw_id.isascii() and raw_id.isdigit()) or int(raw_id) < 1:
                raise _user_not_found(f"No Reply user has the id {raw_id[:40]!r}.")
            return int(raw_id), False
        email = headers.get(USER_EMAIL_HEADER, "").strip()
        if email:
            found = self.user_by_email(email)
            if found is None:
                raise _user_not_found("No Reply user has the email address sent in X-User-Email.")
            return found, True
        return None


def require_team(acting: Acting) -> None:
    """Team-scoped operations refuse a user of several teams who chose none."""
    if not acting.team_chosen:
        raise _team_problem(
            "required",
            "The user belongs to several teams; choose one with X-TEAM-ID.",
            acting.teams,
        )


def organization_required() -> Problem:
    (code,) = contract.Vocabularies.WorkspaceProblemCode
    return Problem(403, "Team users are available to organization workspaces only.", code=code)


def _user_not_found(detail: str) -> Problem:
    _, code = contract.Vocabularies.UserResolutionCode
    return Problem(401, detail, code=code)


def _team_problem(
    which: Literal["required", "not accessible"], detail: str, teams: Iterable[TeamSpace]
) -> Problem:
    """403 ``TEAM_REQUIRED`` or ``TEAM_NOT_ACCESSIBLE``, listing the user's teams."""
    required, not_accessible = contract.Vocabularies.TeamResolutionCode
    code = required if which == "required" else not_accessible
    return Problem(403, detail, code=code, extra={"teams": [t.summary() for t in teams]})
