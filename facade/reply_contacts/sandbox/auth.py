"""API keys and the ``domain:verb`` scope model of reference §1.1.

``write`` and ``operate`` each satisfy ``read`` but not each other; ``contacts:*`` and ``*:*``
are wildcards. A key is personal (it acts for its user), the workspace's master key, or an
organization key (``identity.py`` resolves who those act for).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from starlette.responses import Response

from .identity import KEY_KINDS, KeyKind
from .problems import Problem

ALL_SCOPES = ("*:*",)
KNOWN_VERBS = frozenset({"read", "write", "operate", "*"})


@dataclass(frozen=True)
class ApiKey:
    key: str
    user_id: int  # a personal key's user; unused by master and organization keys
    scopes: frozenset[str]
    kind: KeyKind = "personal"


def scope_grants(granted: str, required: str) -> bool:
    """Whether one granted scope covers the required one."""
    g_domain, _, g_verb = granted.partition(":")
    r_domain, _, r_verb = required.partition(":")
    if g_domain not in ("*", r_domain):
        return False
    if g_verb in ("*", r_verb):
        return True
    return r_verb == "read" and g_verb in ("write", "operate")


def has_scope(scopes: Iterable[str], required: str) -> bool:
    return any(scope_grants(granted, required) for granted in scopes)


def validate_scope(scope: str) -> str:
    domain, sep, verb = scope.partition(":")
    if not sep or not domain or verb not in KNOWN_VERBS:
        raise ValueError(f"not a scope: {scope!r} (expected domain:verb, e.g. contacts:read)")
    return scope


class KeyRing:
    """The keys the sandbox accepts, changeable at run time from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[str, ApiKey] = {}

    def add(
        self,
        key: str,
        scopes: Iterable[str] = ALL_SCOPES,
        user_id: int = 1,
        kind: KeyKind = "personal",
    ) -> ApiKey:
        if not key:
            raise ValueError("an API key must not be empty")
        if kind not in KEY_KINDS:
            raise ValueError(f"a key's kind is one of {', '.join(KEY_KINDS)}, not {kind!r}")
        api_key = ApiKey(key, user_id, frozenset(validate_scope(s) for s in scopes), kind)
        with self._lock:
            self._keys[key] = api_key
        return api_key

    def remove(self, key: str) -> None:
        with self._lock:
            self._keys.pop(key, None)

    def replace_all(self, keys: Mapping[str, ApiKey]) -> None:
        with self._lock:
            self._keys = dict(keys)

    def snapshot(self) -> dict[str, ApiKey]:
        with self._lock:
            return dict(self._keys)

    def lookup(self, authorization: str | None) -> ApiKey | None:
        if not authorization:
            return None
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer":
            return None
        with self._lock:
            return self._keys.get(token.strip())


def unauthorized_response() -> Response:
    """401 exactly as the live server sends it: empty body, ``WWW-Authenticate: Bearer``."""
    return Response(b"", status_code=401, headers={"WWW-Authenticate": "Bearer"})


def insufficient_scope(required: str) -> Problem:
    return Problem(
        403,
        f"This API key lacks the required scope '{required}'.",
        code="auth.insufficientScope",
        extra={"requiredScope": required},
        headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{required}"'},
    )
