"""The Redis-shared budget belongs to a Reply user too: two keys of one user, each in a client
with its own RedisLimiter (as two processes would have), spend one budget in Redis, and the
sandbox (counting per user) never answers 429."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
import redis
from reply_contacts import ReplyContacts, RetryPolicy
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import RateLimitPolicy
from reply_contacts.transport.budget import budget_key
from reply_contacts.transport.redis_limiter import RedisLimiter
from reply_contacts.transport.redis_scripts import budget_keys

KEYS = ("rk_redis_user_key_a1", "rk_redis_user_key_b2")
# 5 per 2 s: twelve requests take three windows. The margin (10% of the window) absorbs how late
# a request reaches a server that shares this process's interpreter.
POLICY = RateLimitPolicy(per_minute=5, per_hour=1000, minute_window=2.0, hour_window=3600.0)
MARGIN = 0.2


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as sb:
        for key in KEYS:
            sb.add_key(key, user_id=1)
        sb.set_rate_limit(POLICY.per_minute, POLICY.per_hour, POLICY.minute_window, 3600.0)
        yield sb


def test_two_keys_of_one_user_share_one_redis_budget(
    redis_url: str, namespace: str, redis_client: redis.Redis, sandbox: Sandbox
) -> None:
    policy = RateLimitPolicy(**{**POLICY.__dict__, "margin": MARGIN})
    clients = [
        ReplyContacts(
            api_key=key,
            base_url=sandbox.url,
            rate_limit=policy,
            limiter=RedisLimiter(redis_url, policy, namespace=namespace),
            retry=RetryPolicy(max_retries=0, max_wait=60.0),
        )
        for key in KEYS
    ]
    # Each key's user is found first (one whoami per key, before the burst): a whoami is the
    # one request a budget cannot reserve, its user being unknown until it answers.
    assert [client.whoami().user_id for client in clients] == [1, 1]
    # A clean window at the server (the limiter in Redis still counts the whoamis: cautious).
    sandbox.set_rate_limit(POLICY.per_minute, POLICY.per_hour, POLICY.minute_window, 3600.0)
    failures: list[BaseException] = []

    def work(client: ReplyContacts) -> None:
        try:
            for _ in range(6):
                client.contacts.list_page(top=1)
        except BaseException as exc:  # a 429 would be raised: max_retries=0
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for client in clients:
        client.close()
    assert failures == []
    assert sandbox.stats()["byStatus"].get("429", 0) == 0
    user = budget_key(httpx.URL(sandbox.url), user_id=1)
    stored = {key.decode() for key in redis_client.scan_iter(match=f"{namespace}:*")}
    assert budget_keys(namespace, user).sends in stored
    # The budgets Redis holds, by their hash tag: the user's, and at most each key's own for
    # its one whoami (sent under the key's provisional budget); nothing else per key.
    budgets = {key.split("{", 1)[1].split("}", 1)[0] for key in stored}
    assert user in budgets
    assert len(budgets - {user}) <= len(KEYS)
