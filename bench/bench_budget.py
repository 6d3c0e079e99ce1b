"""Benchmark: a rate-limit budget per Reply user, not per API key.

    python -m bench.bench_budget

One sandbox over loopback counts requests per acting user in shrunken windows (10 per second;
the hourly window does not bind), and the clients' limiter uses the same windows plus a small
margin. Two scenarios, each against a baseline run in the same process just before it:

* two keys of one user: two clients, each with its own personal key of user 1, send
  `REQUESTS` each at once. Baseline: each key keeps a budget of its own (`budget_key=` the
  key, which is how the SDK behaved before budgets belonged to users): together they overrun
  the user's budget and the server answers 429s.
* an organization key acting for three users: three clients of one organization key, acting
  for users 1, 2 and 3. Baseline: one budget for the key (`budget_key=` one name for all):
  the three users' budgets go unused past one.

Figures: 429s the server sent (the aim is 0), and utilization, the workload's requests
answered divided by the most the users' budgets allow in the same elapsed time (from the first
answer to the last, the opening burst included): 1.00 means no budget left unused. The whoami
that finds whose budget a key spends (one per key) is not counted as served, though it spends
a slot: utilization is, if anything, understated.
"""

from __future__ import annotations

import sys
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from reply_contacts import ReplyContacts
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import InMemoryLimiter, RateLimitPolicy, RetryPolicy
from reply_contacts.transport.budget import identities

PER_WINDOW = 10
WINDOW = 1.0
# The hourly window is set out of reach: these runs measure the short one.
LIMITS = RateLimitPolicy(
    per_minute=PER_WINDOW, per_hour=100_000, minute_window=WINDOW, hour_window=3600.0, margin=0
)
MARGIN = 0.1  # loopback, with the server in this process: arrivals lag their slots a little
REQUESTS = 30
RETRY = RetryPolicy(max_retries=20, max_wait=60.0, deadline=120.0)


def allowed_within(elapsed: float, budgets: int) -> int:
    """The most requests `budgets` users' windows allow in [0, elapsed] (bursts at 0, W, 2W...)."""
    return budgets * PER_WINDOW * (int(elapsed / WINDOW + 1e-9) + 1)


def _drive(clients: list[ReplyContacts]) -> list[float]:
    """Each client sends REQUESTS in its own thread, all starting together; answer times."""
    start = threading.Barrier(len(clients))
    answered: list[float] = []
    lock = threading.Lock()

    def work(client: ReplyContacts) -> None:
        start.wait()
        for _ in range(REQUESTS):
            client.contacts.list_page(top=1)
            with lock:
                answered.append(time.monotonic())

    threads = [threading.Thread(target=work, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    return answered


def _measure(
    sb: Sandbox, budgets: int, make_clients: Callable[[InMemoryLimiter], list[ReplyContacts]]
) -> dict[str, Any]:
    identities.clear()  # every run resolves its keys afresh, as a new process would
    limiter = InMemoryLimiter(RateLimitPolicy(**{**LIMITS.__dict__, "margin": MARGIN}))
    clients = make_clients(limiter)
    sb.set_rate_limit(PER_WINDOW, LIMITS.per_hour, WINDOW, LIMITS.hour_window)
    sb.reset_stats()
    try:
        answered = _drive(clients)
    finally:
        for client in clients:
            client.close()
    stats = sb.stats()
    elapsed = max(answered) - min(answered) if len(answered) > 1 else 0.0
    allowed = allowed_within(elapsed, budgets)
    return {
        "served": len(answered),
        "429s": stats["byStatus"].get("429", 0),
        "elapsed_s": round(elapsed, 3),
        "allowed": allowed,
        "utilization": round(len(answered) / allowed, 4) if allowed else 0.0,
    }


def two_keys_of_one_user(sb: Sandbox, *, per_key_budgets: bool) -> dict[str, Any]:
    keys = [f"rk_bench_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    for key in keys:
        sb.add_key(key, user_id=1)

    def clients(limiter: InMemoryLimiter) -> list[ReplyContacts]:
        return [
            ReplyContacts(
                api_key=key,
                base_url=sb.url,
                rate_limit=limiter.policy,
                limiter=limiter,
                retry=RETRY,
                budget_key=key if per_key_budgets else None,
            )
            for key in keys
        ]

    return _measure(sb, 1, clients)


def organization_key_for_three_users(sb: Sandbox, *, one_key_budget: bool) -> dict[str, Any]:
    key = f"rk_bench_org_{uuid.uuid4().hex[:10]}"
    sb.add_key(key, kind="organization")

    def clients(limiter: InMemoryLimiter) -> list[ReplyContacts]:
        return [
            ReplyContacts(
                api_key=key,
                base_url=sb.url,
                user_id=user_id,
                rate_limit=limiter.policy,
                limiter=limiter,
                retry=RETRY,
                budget_key=key if one_key_budget else None,
            )
            for user_id in (1, 2, 3)
        ]

    return _measure(sb, 3, clients)


def run() -> dict[str, dict[str, Any]]:
    with Sandbox() as sb:
        return {
            "two_keys_per_key": two_keys_of_one_user(sb, per_key_budgets=True),
            "two_keys_per_user": two_keys_of_one_user(sb, per_key_budgets=False),
            "org_one_budget": organization_key_for_three_users(sb, one_key_budget=True),
            "org_per_user": organization_key_for_three_users(sb, one_key_budget=False),
        }


def main() -> int:
    results = run()
    print(f"budget per user vs per key; sandbox {PER_WINDOW}/{WINDOW:g}s per user, margin {MARGIN}")
    for name, figures in results.items():
        print(
            f"{name:>18}: {figures['served']:>3} served in {figures['elapsed_s']:>6.2f}s,"
            f" {figures['429s']:>3} x 429, utilization {figures['utilization']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
