"""``Sandbox``: a running sandbox in this process, for tests, the demo and notebooks.

    with Sandbox() as sb:
        client = ReplyContacts(api_key=sb.api_key, base_url=sb.url)
        ...
        assert sb.count_contacts() == 3

The server runs in a background thread; the methods here act on its state directly (seeding,
faults, limits, keys, counters and read access for assertions), thread-safely.

Who requests act for: by default one personal workspace (team 1, users 1-3, the key acting for
user 1). ``identity=`` takes the workspace part of a seed document (``teams``, ``keys`` with
their ``kind``: personal, master or organization, ``organization``, ``owner``; see
``SandboxState.apply_seed``), kept across ``reset()``. Seeding and reading helpers act on the
first team unless given ``team_id``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from starlette.applications import Starlette

from . import seed as seeding
from .admin import protect_if_exposed
from .app import create_app
from .auth import ALL_SCOPES
from .contact_model import contact_to_api, find_by_email, get_row
from .faults import DropWhen, FaultRule
from .identity import KeyKind
from .ratelimit import Clock, RateLimitConfig
from .server import SandboxServer
from .state import DEFAULT_API_KEY, SandboxState


class Sandbox:
    """A stateful local Contact Data API server, running in a background thread.

    `Sandbox()` serves on a free loopback port with the API key "sandbox" (all scopes), seeded
    demo data, the real rate limits (`rate_limit="20/200"` per minute/hour, a `RateLimitConfig`
    for shorter windows, `rate_limiting=False` for none), and no faults; use it as a context
    manager. The workspace is one team (users 1-3), the key acting for user 1; `identity=` (the
    seed document's `teams`, `keys`, `organization` and `owner`) adds teams, users in several
    teams, master and organization keys.
    Its methods seed data, inject faults, add scoped keys and read the state for assertions.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        db_path: str | None = None,
        api_key: str = DEFAULT_API_KEY,
        keys: Mapping[str, Iterable[str]] | None = None,
        seed: bool = True,
        rate_limit: RateLimitConfig | str | None = None,
        rate_limiting: bool = True,
        clock: Clock = time.monotonic,
        faults: Iterable[FaultRule | str] = (),
        log_level: str = "warning",
        identity: Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(rate_limit, str):
            rate_limit = RateLimitConfig.parse(rate_limit)
        config = rate_limit or RateLimitConfig()
        if not rate_limiting:
            config = RateLimitConfig(**{**config.__dict__, "enabled": False})
        self.state = SandboxState(
            db_path=db_path,
            api_key=api_key,
            keys=keys,
            seed=seed,
            rate_limit=config,
            clock=clock,
            faults=faults,
            identity=identity,
        )
        self.app: Starlette = create_app(self.state)
        self._api_key = api_key
        self._host, self._port, self._log_level = host, port, log_level
        self._server: SandboxServer | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Sandbox:
        if self._server is None:
            server = SandboxServer(
                self.app,
                self.state.connections,
                host=self._host,
                port=self._port,
                log_level=self._log_level,
            )
            protect_if_exposed(self.state, server.socket)
            server.start()
            self._server = server
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def close(self) -> None:
        self.stop()
        self.state.close()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; use `with Sandbox() as sb:` or start()")
        return self._server.url

    @property
    def admin_token(self) -> str | None:
        """What ``/_sandbox`` routes need in ``X-Sandbox-Admin-Token`` when the sandbox is bound
        to an interface other than loopback; None on loopback (no token needed)."""
        return self.state.admin_token

    @property
    def api_key(self) -> str:
        """The default key: every scope, acting for user 1."""
        return self._api_key

    def reset(self, *, seed: bool | None = None) -> None:
        """Fresh data, default keys, limits and no faults; counters back to zero."""
        self.state.reset(seed=seed)

    # -- keys, limits, clock -----------------------------------------------------------------

    def add_key(
        self,
        key: str,
        scopes: Iterable[str] = ALL_SCOPES,
        user_id: int = 1,
        *,
        kind: KeyKind = "personal",
    ) -> None:
        """Accept ``key`` with ``scopes`` (e.g. ``["contacts:read"]``). A personal key acts for
        ``user_id``; a ``master`` key for the workspace owner unless a request names another
        user; an ``organization`` key for the user each request names."""
        if kind == "personal" and not self.state.directory.teams_of(user_id):
            self.state.ensure_user(user_id)
        self.state.keys.add(key, scopes, user_id=user_id, kind=kind)

    def remove_key(self, key: str) -> None:
        self.state.keys.remove(key)

    def set_rate_limit(
        self,
        per_minute: int = 100,
        per_hour: int = 3000,
        minute_window: float = 60.0,
        hour_window: float = 3600.0,
        *,
        enabled: bool = True,
    ) -> RateLimitConfig:
        """Change the per-user limits (windows in seconds) and forget past requests."""
        config = RateLimitConfig(per_minute, per_hour, minute_window, hour_window, enabled)
        self.state.limiter.set_config(config)
        self.state.limiter.clear()
        return config

    def disable_rate_limit(self) -> None:
        self.state.limiter.configure(enabled=False)

    def set_clock(self, clock: Clock) -> None:
        """Use ``clock`` (seconds, monotonic) for rate-limit windows, e.g. a fake one in tests."""
        self.state.limiter.clock = clock
        self.state.limiter.clear()

    # -- faults ------------------------------------------------------------------------------

    def inject_fault(
        self,
        method: str = "*",
        path: str = "*",
        *,
        status: int | None = None,
        retry_after: int | None = None,
        times: int | None = None,
        rate: float | None = None,
        latency: float = 0.0,
        drop: DropWhen | None = None,
        seed: int | None = None,
    ) -> FaultRule:
        """Add a fault rule; ``method`` may also be a whole CLI spec string
        (``"POST /v3/contacts/import drop=after times=1"``)."""
        if " " in method.strip() or "=" in method:
            return self.state.faults.add(FaultRule.parse(method))
        rule = FaultRule(
            method=method,
            path=path,
            status=status,
            retry_after=retry_after,
            times=times,
            rate=rate,
            latency=latency,
            drop=drop,
            seed=seed,
        )
        return self.state.faults.add(rule)

    def clear_faults(self) -> None:
        self.state.faults.clear()

    def faults(self) -> list[FaultRule]:
        return self.state.faults.rules()

    # -- counters ----------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Requests served, 429s sent, faults injected, and counts per operation/path/status."""
        return self.state.stats.snapshot()

    def reset_stats(self) -> None:
        self.state.stats.reset()

    # -- seeding -----------------------------------------------------------------------------

    def seed(
        self, spec: Mapping[str, Any] | None = None, *, team_id: int | None = None, **more: Any
    ) -> dict[str, list[Any]]:
        """Seed from a document, as ``POST /_sandbox/seed`` takes it: data members as in
        ``seed.apply_seed`` (into ``team_id``, default the first team), workspace members
        (teams, keys, organization, owner) as in ``SandboxState.apply_seed``."""
        return self.state.apply_seed({**(spec or {}), **more}, team_id=team_id)

    def seed_user(
        self,
        user_id: int | None = None,
        *,
        name: str | None = None,
        email: str | None = None,
        denied_features: Iterable[str] = (),
    ) -> int:
        with self.state.store.transaction() as db:
            return seeding.seed_user(
                db, user_id=user_id, name=name, email=email, denied_features=denied_features
            )

    def seed_sequence(self, name: str, steps: Sequence[str] | int = 3) -> int:
        with self.state.store.transaction() as db:
            return seeding.seed_sequence(db, name=name, steps=steps)

    def sequence_steps(self, sequence_id: int) -> list[int]:
        return [
            row["id"]
            for row in self.query(
                "SELECT id FROM sequence_steps WHERE sequence_id = ? ORDER BY position",
                (sequence_id,),
            )
        ]

    def seed_email_account(self, email: str, user_id: int = 1) -> int:
        with self.state.store.transaction() as db:
            return seeding.seed_email_account(db, email=email, user_id=user_id)

    def seed_linkedin_account(
        self,
        name: str = "LinkedIn account",
        user_id: int = 1,
        *,
        active: bool = True,
        cookie_valid: bool = True,
    ) -> int:
        with self.state.store.transaction() as db:
            return seeding.seed_linkedin_account(
                db, name=name, user_id=user_id, active=active, cookie_valid=cookie_valid
            )

    def seed_voice_attachment(self, user_id: int = 1, duration_seconds: float = 20.0) -> int:
        """A recorded voice message of ``user_id``, for ``send_linkedin_voice``."""
        with self.state.store.transaction() as db:
            return seeding.seed_voice_attachment(
                db, user_id=user_id, duration_seconds=duration_seconds
            )

    def seed_linkedin_connection(self, contact_id: int, linkedin_account_id: int = 1) -> None:
        with self.state.store.transaction() as db:
            seeding.seed_linkedin_connection(
                db, contact_id=contact_id, linkedin_account_id=linkedin_account_id
            )

    def seed_blacklist(self, *patterns: str) -> None:
        with self.state.store.transaction() as db:
            for pattern in patterns:
                seeding.seed_blacklist(db, pattern)

    def seed_inbox_thread(self, contact_id: int, **fields: Any) -> int:
        with self.state.store.transaction() as db:
            return seeding.seed_inbox_thread(db, contact_id=contact_id, **fields)

    def seed_background_job(self, **fields: Any) -> str:
        with self.state.store.transaction() as db:
            return seeding.seed_background_job(db, **fields)

    def seed_account_stage(self, name: str, color_id: int = 1) -> int:
        with self.state.store.transaction() as db:
            return seeding.seed_account_stage(db, name=name, color_id=color_id)

    def seed_contact(self, owner_user_id: int = 1, **fields: Any) -> int:
        """Insert a contact from camelCase fields without validation (fast setup)."""
        with self.state.store.transaction() as db:
            return seeding.seed_contact(db, fields, owner_user_id=owner_user_id)

    def seed_contacts(self, contacts: int | Iterable[Mapping[str, Any]]) -> list[int]:
        """Insert ``n`` generated contacts, or the given ones, in one transaction."""
        if isinstance(contacts, int):
            contacts = (
                {"firstName": f"Seed{n}", "lastName": "Contact", "email": f"seed{n}@example.com"}
                for n in range(1, contacts + 1)
            )
        with self.state.store.transaction() as db:
            return [seeding.seed_contact(db, fields) for fields in contacts]

    def enroll(self, contact_id: int, sequence_id: int, status: str = "active") -> None:
        with self.state.store.transaction() as db:
            seeding.enroll_contact(
                db, contact_id=contact_id, sequence_id=sequence_id, status=status
            )

    def set_setting(self, name: str, value: object) -> None:
        """Flip a team switch, e.g. ``set_setting("inboxEnabled", False)``.

        The switches and their defaults are ``seed.SETTING_DEFAULTS``.
        """
        with self.state.store.transaction() as db:
            seeding.set_setting(db, name, value)

    # -- read access for assertions ----------------------------------------------------------

    def query(
        self, sql: str, params: Sequence[Any] = (), *, team_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Run a read query against a team's database (the first team's by default)."""
        with self.state.team(team_id).store.transaction() as db:
            return [dict(row) for row in db.execute(sql, params).fetchall()]

    def count_contacts(self, *, include_deleted: bool = False, team_id: int | None = None) -> int:
        where = "" if include_deleted else " WHERE deleted = 0"
        sql = f"SELECT count(*) AS n FROM contacts{where}"
        return int(self.query(sql, team_id=team_id)[0]["n"])

    def get_contact(self, contact_id: int) -> dict[str, Any] | None:
        """The contact as the API would return it, or None (also when deleted)."""
        with self.state.store.transaction() as db:
            row = get_row(db, contact_id)
            return contact_to_api(db, row) if row is not None else None

    def find_contact(self, email: str) -> dict[str, Any] | None:
        with self.state.store.transaction() as db:
            row = find_by_email(db, email)
            return contact_to_api(db, row) if row is not None else None

    def is_deleted(self, contact_id: int) -> bool:
        rows = self.query("SELECT deleted FROM contacts WHERE id = ?", (contact_id,))
        return bool(rows and rows[0]["deleted"])

    def contacts_in_list(self, list_id: int) -> list[int]:
        rows = self.query(
            "SELECT m.contact_id FROM list_members m JOIN contacts c ON c.id = m.contact_id "
            "WHERE m.list_id = ? AND c.deleted = 0 ORDER BY m.contact_id",
            (list_id,),
        )
        return [row["contact_id"] for row in rows]

    def lists_of_contact(self, contact_id: int) -> list[int]:
        rows = self.query(
            "SELECT list_id FROM list_members WHERE contact_id = ? ORDER BY list_id", (contact_id,)
        )
        return [row["list_id"] for row in rows]

    def activities(self, contact_id: int) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT * FROM activities WHERE contact_id = ? ORDER BY id DESC", (contact_id,)
        )
        for row in rows:
            row["content"] = json.loads(row["content"]) if row["content"] else None
        return rows

    def sequence_memberships(self, contact_id: int) -> list[dict[str, Any]]:
        return self.query(
            "SELECT * FROM sequence_members WHERE contact_id = ? ORDER BY sequence_id",
            (contact_id,),
        )

    def count_accounts(self) -> int:
        return int(self.query("SELECT count(*) AS n FROM accounts")[0]["n"])

    def accounts_in_list(self, list_id: int) -> list[int]:
        rows = self.query(
            "SELECT account_id FROM account_list_members WHERE list_id = ? ORDER BY account_id",
            (list_id,),
        )
        return [row["account_id"] for row in rows]
