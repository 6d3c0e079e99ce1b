"""Whose rate-limit budget a request spends: the Reply user it acts for, not the API key.

Reply counts 100 requests/minute and 3,000/hour per user, shared by every key and app of that
user; an organization key acting for three users spends three budgets. So the limiter's key
(in process or in Redis) is derived from the user, in one place, `budget_key`:

- the acting user a request names in `X-USER-ID` (master and organization keys);
- otherwise the user behind the credential (a personal key, a master key acting as the
  owner, an `X-User-Email` acting user), which only the server knows: it is asked once per
  (server, key, email) per process with `GET /v3/whoami`, and the answer is cached here and
  shared by every client and limiter of the process (and, being the user id, by every
  process of a Redis-shared budget);
- or an explicit `budget_key=` from the caller;
- until the user is known, or when it cannot be (the key is refused), the key's own
  provisional budget: its fingerprint, as before budgets belonged to users.

The whoami that resolves a key is sent under the key's provisional budget (it cannot wait for
the budget it is about to discover, and a budget of its own keeps it from ever waiting on a
reservation it would have to make itself), then charged to the user's budget once known, so
the user's windows count it as the server does. `IdentityCache` makes sure one request per key
resolves while the others of that key wait for its answer, never for a limiter slot.

The one request a user's budget cannot reserve is that whoami: its user is unknown until it
answers. So each process spends one unreserved request per key, at its first request; if the
user's budget is already full at that moment (another process of the same user in full
flight), that can cost one 429, which is retried. A caller that knows the user can say so
(`user_id=` for master and organization keys, or `budget_key=`) and no whoami is sent.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

import httpx

from reply_contacts.transport.ratelimit import key_fingerprint

__all__ = ["IdentityCache", "Resolution", "budget_key", "identities"]


def budget_key(
    origin: httpx.URL,
    *,
    user_id: int | None = None,
    explicit: str | None = None,
    api_key: str | None = None,
) -> str:
    """The limiter key of a budget: a Reply user's on a server, a caller's own, or an API key's.

    User budgets name the server (two sandboxes' user 1 are different people); every process
    and machine talking to the same server derives the same key, so a Redis limiter shares it.
    Keys hold no secret and no personal data (a caller's own name is hashed) and no braces, so
    they fit inside a Redis Cluster hash tag.
    """
    if user_id is not None:
        host = origin.host + (f":{origin.port}" if origin.port is not None else "")
        return f"user:{user_id}@{host}"
    if explicit is not None:
        return "custom:" + hashlib.sha256(explicit.encode("utf-8")).hexdigest()[:16]
    if api_key is not None:
        return key_fingerprint(api_key)
    raise ValueError("a budget key needs a user id, an explicit key or an API key")


@dataclass
class Resolution:
    """The state of one credential's lookup: who settles it, and what it settled on."""

    key: str | None = None  # the budget key, once settled
    settled: bool = False
    owner: int | None = None  # thread id of the request resolving it, while it does
    done: threading.Event = field(default_factory=threading.Event)


class IdentityCache:
    """Process-wide: (server, API key fingerprint, acting email) -> the budget key found."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, str], Resolution] = {}

    def claim(self, credential: tuple[str, str, str]) -> tuple[str, Resolution]:
        """("settled", r): use r.key. ("resolve", r): the caller resolves, then settles or
        abandons r. ("wait", r): another request resolves; wait on r.done."""
        with self._lock:
            entry = self._entries.get(credential)
            if entry is not None and entry.settled:
                return "settled", entry
            if entry is not None and entry.owner is not None:
                return "wait", entry
            entry = self._entries[credential] = Resolution(owner=threading.get_ident())
            return "resolve", entry

    def settle(self, entry: Resolution, key: str) -> None:
        with self._lock:
            entry.key, entry.settled, entry.owner = key, True, None
        entry.done.set()

    def abandon(self, entry: Resolution) -> None:
        """The resolver gave up (a transient failure, a cancelled call): the next request of
        the credential tries again; those waiting now go on under the provisional budget."""
        with self._lock:
            if not entry.settled:
                entry.owner = None
                for credential, current in list(self._entries.items()):
                    if current is entry:
                        del self._entries[credential]
        entry.done.set()

    def clear(self) -> None:
        """Forget every resolution (tests; or after a key was moved to another user)."""
        with self._lock:
            self._entries.clear()


identities = IdentityCache()
