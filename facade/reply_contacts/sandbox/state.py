"""Everything one sandbox instance knows: its teams and their data, keys, limits, faults and
counters.

By default it is one personal workspace: team 1 ("Sandbox Team") with users 1-3, and the key
``sandbox`` acting for user 1, as simple as before teams existed. An ``identity`` document (the
seed document's workspace part, see :meth:`SandboxState.apply_seed`) adds teams, users in
several teams, master and organization keys; it is applied at start and again after a reset.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

from .auth import ALL_SCOPES, KeyRing
from .connections import ConnectionRegistry
from .faults import FaultInjector, FaultRule
from .identity import (
    DEFAULT_OWNER_ID,
    DEFAULT_TEAM_ID,
    DEFAULT_TEAM_NAME,
    TEAM_ID_SPAN,
    Directory,
    TeamSpace,
)
from .ratelimit import Clock, RateLimitConfig, RateLimiter
from .seed import apply_seed, seed_default, seed_user, seed_user_item
from .send_caps import SendCaps
from .stats import Stats
from .store import Store

DEFAULT_API_KEY = "sandbox"

# Members of a seed document that concern the workspace rather than one team's data.
WORKSPACE_KEYS = ("teams", "keys", "organization", "owner")


class SandboxState:
    def __init__(
        self,
        *,
        db_path: str | None = None,
        api_key: str | None = DEFAULT_API_KEY,
        keys: Mapping[str, Iterable[str]] | None = None,
        seed: bool = True,
        rate_limit: RateLimitConfig | None = None,
        clock: Clock = time.monotonic,
        faults: Iterable[FaultRule | str] = (),
        identity: Mapping[str, Any] | None = None,
    ) -> None:
        self.store = Store(db_path)
        self.directory = Directory(TeamSpace(DEFAULT_TEAM_ID, DEFAULT_TEAM_NAME, self.store))
        self._teams_made = 1
        self.keys = KeyRing()
        self.limiter = RateLimiter(rate_limit, clock)
        # The limiter's clock, whichever it is then (tests swap it with set_clock).
        self.send_caps = SendCaps(self._now)
        self.default_rate_limit = self.limiter.config
        self.default_clock = clock
        self.faults = FaultInjector()
        self.connections = ConnectionRegistry()
        self.stats = Stats()
        self.seeded_by_default = seed
        self.identity: dict[str, Any] = dict(identity or {})
        # Set when the server is reachable from other machines: /_sandbox then requires it.
        self.admin_token: str | None = None
        if api_key:
            self.keys.add(api_key, ALL_SCOPES, user_id=1)
        for key, scopes in (keys or {}).items():
            self.keys.add(key, scopes, user_id=1)
        for fault in faults:
            self.faults.add(FaultRule.parse(fault) if isinstance(fault, str) else fault)
        # A file database keeps its data between runs; seed it only the first time.
        with self.store.transaction() as db:
            empty = db.execute("SELECT count(*) FROM users").fetchone()[0] == 0
            if seed and empty:
                seed_default(db)
        if self.identity:
            self.apply_seed(self.identity)
        self.default_keys = self.keys.snapshot()
        self._ensure_key_users()

    def reset(self, *, seed: bool | None = None) -> None:
        """A fresh sandbox: data, teams, keys, limits (and their clock), faults, counters."""
        for team in self.directory.drop_all_but([DEFAULT_TEAM_ID]):
            team.store.close()
        self._teams_made = 1
        self.directory.owner_id = DEFAULT_OWNER_ID
        self.directory.declared_organization = None
        self.store.wipe()
        if self.seeded_by_default if seed is None else seed:
            with self.store.transaction() as db:
                seed_default(db)
        if self.identity:
            self.apply_seed(self.identity)
        self.keys.replace_all(self.default_keys)
        self._ensure_key_users()
        self.limiter.set_config(self.default_rate_limit)
        self.limiter.clock = self.default_clock
        self.limiter.clear()
        self.send_caps.clear()
        self.faults.clear()
        self.stats.reset()

    def _ensure_key_users(self) -> None:
        # A personal key acts for its user, so that user exists (even unseeded, seed=False).
        for api_key in self.keys.snapshot().values():
            if api_key.kind == "personal" and not self.directory.teams_of(api_key.user_id):
                self.ensure_user(api_key.user_id)

    def _now(self) -> float:
        return self.limiter.clock()

    def close(self) -> None:
        for team in self.directory.teams():
            team.store.close()

    # -- teams and users ---------------------------------------------------------------------

    def team(self, team_id: int | None = None) -> TeamSpace:
        """A team by id (the default team for None); KeyError naming the teams if unknown."""
        if team_id is None:
            return self.directory.default
        team = self.directory.get(team_id)
        if team is None:
            known = ", ".join(str(t.id) for t in self.directory.teams())
            raise KeyError(f"no team {team_id} in this sandbox (teams: {known})")
        return team

    def ensure_team(self, team_id: int, name: str | None = None) -> TeamSpace:
        existing = self.directory.get(team_id)
        if existing is not None:
            if name and name != existing.name:
                existing = self.directory.add(TeamSpace(team_id, name, existing.store))
            return existing
        path = self.store.db_path
        store = Store(
            None if path == ":memory:" else f"{path}.team{team_id}",
            id_base=self._teams_made * TEAM_ID_SPAN,
        )
        self._teams_made += 1
        return self.directory.add(TeamSpace(team_id, name or f"Team {team_id}", store))

    def ensure_user(self, user_id: int, team_id: int | None = None) -> None:
        """Make ``user_id`` a member of the team (the default one), copying a known profile."""
        team = self.team(team_id)
        if team.has_member(user_id):
            return
        profile = self.directory.profile(user_id) or {}
        with team.store.transaction() as db:
            seed_user(db, user_id=user_id, name=profile.get("name"), email=profile.get("email"))

    # -- seeding -----------------------------------------------------------------------------

    def apply_seed(
        self, spec: Mapping[str, Any], *, team_id: int | None = None
    ) -> dict[str, list[Any]]:
        """Seed from a document: its data goes to team ``team_id`` (default: the first team).

        Workspace members, besides ``seed.apply_seed``'s data members:

        - ``teams``: ``[{"id": 2, "name": "Beta", "members": [1, {"id": 4, "name": ...,
          "email": ...}], "seed": {...}}]``; a member is a known user's id or a new user; a
          nested ``seed`` fills that team's data;
        - ``users[].teams``: the teams a new user joins instead of the document's team;
        - ``keys``: ``[{"key": "k", "kind": "personal"|"master"|"organization", "userId": 4,
          "scopes": ["contacts:read"]}]`` (a personal key's user must exist);
        - ``organization``: whether the workspace is an organization (default: when it has more
          than one team); ``owner``: the user the master key acts for (default 1).
        """
        created: dict[str, list[Any]] = {}
        if "organization" in spec:
            self.directory.declared_organization = bool(spec["organization"])
        if "owner" in spec:
            self.directory.owner_id = int(spec["owner"])
        for item in _objects(spec, "teams"):
            team = self.ensure_team(int(item["id"]), item.get("name"))
            for member in item.get("members") or []:
                if isinstance(member, Mapping):
                    _seed_member(team, member)
                else:
                    self.ensure_user(int(member), team.id)
            if isinstance(item.get("seed"), Mapping):
                self.apply_seed(item["seed"], team_id=team.id)
            created.setdefault("teams", []).append(team.id)
        data = {key: value for key, value in spec.items() if key not in WORKSPACE_KEYS}
        users = _objects(data, "users")
        elsewhere = [user for user in users if user.get("teams")]
        data["users"] = [user for user in users if not user.get("teams")]
        for user in elsewhere:
            for joined in user["teams"]:
                new_id = _seed_member(self.ensure_team(int(joined)), user)
            created.setdefault("users", []).append(new_id)
        with self.team(team_id).store.transaction() as db:
            for key, ids in apply_seed(db, data).items():
                created.setdefault(key, []).extend(ids)
        for item in _objects(spec, "keys"):
            kind = item.get("kind", "personal")
            user_id = int(item.get("userId", self.directory.owner_id))
            if kind == "personal" and not self.directory.teams_of(user_id):
                self.ensure_user(user_id, team_id)
            self.keys.add(str(item["key"]), item.get("scopes", ALL_SCOPES), user_id, kind)
            created.setdefault("keys", []).append(str(item["key"]))
        return created


def _seed_member(team: TeamSpace, user: Mapping[str, Any]) -> int:
    """A user of the seed document (``users[]`` item or team member) added to ``team``."""
    with team.store.transaction() as db:
        return seed_user_item(db, user)


def _objects(spec: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = spec.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
        raise ValueError(f"'{key}' must be a list of objects")
    return items
