"""A rate-limit budget per Reply user: whose budget a request spends, how a key's user is found
(once per key per process, never deadlocking the limiter), and LinkedIn send caps that are not
the budget. A scripted server on httpx.MockTransport, a virtual clock, sync and async."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest
from conftest import BASE_URL, Caller, FakeServer, ok, problem
from reply_contacts import errors
from reply_contacts.transport import (
    FakeClock,
    InMemoryLimiter,
    RateLimitPolicy,
    ReplyTransport,
    RetryPolicy,
)
from reply_contacts.transport.budget import IdentityCache, budget_key
from reply_contacts.transport.ratelimit import (
    PAUSE_WINDOW,
    BudgetWait,
    listening_for_budget_waits,
)

pytestmark = pytest.mark.usefixtures("user_budgets")

USERS = {"rk_key_one_of_ann_01": 7, "rk_key_two_of_ann_02": 7, "rk_key_of_bob_000003": 8}
ORIGIN = httpx.URL(BASE_URL)
ANN_KEY = "rk_key_one_of_ann_01"


def whoami_server(request: httpx.Request) -> httpx.Response:
    """whoami names the user behind the bearer key; everything else is a plain 200."""
    if request.url.path == "/v3/whoami":
        key = request.headers["Authorization"].removeprefix("Bearer ")
        return httpx.Response(200, json={"userId": USERS[key], "username": "u", "teamId": 1})
    return ok()


def transport_for(
    key: str, clock: FakeClock, server: FakeServer, limiter: InMemoryLimiter, **options: Any
) -> ReplyTransport:
    return ReplyTransport(
        api_key=key,
        transport=httpx.MockTransport(server),
        limiter=limiter,
        rate_limit=options.pop("rate_limit", limiter.policy),
        retry=options.pop("retry", RetryPolicy(max_wait=10_000, deadline=100_000)),
        clock=clock,
        **options,
    )


def send(call: Caller, transport: ReplyTransport, key: str, path: str = "/v3/contacts") -> Any:
    return call(transport, "GET", path, headers={"Authorization": f"Bearer {key}"})


def most_in_any_window(times: list[float], window: float) -> int:
    ordered = sorted(times)
    return max(sum(1 for s in ordered if t - window < s <= t) for t in ordered)


def test_two_keys_of_one_user_share_one_budget(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    server.handler = whoami_server
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=3, margin=0.0), clock=clock)
    first, second = list(USERS)[:2]
    one = transport_for(first, clock, server, limiter)
    two = transport_for(second, clock, server, limiter)
    for _ in range(2):
        send(call, one, first)
        send(call, two, second)
    # Each key asked whoami once; after that, 2 + 4 requests of user 7 in the user's windows:
    # never more than 3 in any minute, as the server counts them.
    assert [s.path for s in server.seen].count("/v3/whoami") == 2
    assert most_in_any_window(server.times, 60.0) == 3
    assert max(server.times) - min(server.times) == 60.0
    key_of_ann = budget_key(ORIGIN, user_id=7)
    assert len(limiter._budgets[key_of_ann].sends) == 6


def test_an_organization_key_spends_one_budget_per_acting_user(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    server.handler = whoami_server
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=2, margin=0.0), clock=clock)
    org = "rk_org_key_for_all_00"
    acting = [transport_for(org, clock, server, limiter, user_id=user) for user in (1, 2, 3)]
    for _ in range(2):
        for transport in acting:
            send(call, transport, org)
    assert len(server.seen) == 6  # no whoami: X-USER-ID names the user
    assert set(server.times) == {clock.now()}  # three budgets: nobody waited
    send(call, acting[0], org)
    assert server.times[-1] == min(server.times) + 60.0  # user 1's budget is spent


def test_a_named_budget_is_shared_and_asks_nobody(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    server.handler = whoami_server
    limiter = InMemoryLimiter(RateLimitPolicy(per_minute=1, margin=0.0), clock=clock)
    first, second = list(USERS)[:2]
    one = transport_for(first, clock, server, limiter, budget_key="team-bots")
    two = transport_for(second, clock, server, limiter, budget_key="team-bots")
    send(call, one, first)
    send(call, two, second)
    assert [s.path for s in server.seen] == ["/v3/contacts", "/v3/contacts"]
    assert server.times[1] - server.times[0] == 60.0


def test_a_whoami_call_tells_its_own_key_at_no_extra_cost(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    server.handler = whoami_server
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0.0), clock=clock)
    key = list(USERS)[2]
    transport = transport_for(key, clock, server, limiter)
    send(call, transport, key, "/v3/whoami")
    send(call, transport, key)
    assert [s.path for s in server.seen] == ["/v3/whoami", "/v3/contacts"]
    # The whoami went out under the key's own budget and was charged to Bob's.
    assert len(limiter._budgets[budget_key(ORIGIN, user_id=8)].sends) == 2


def test_a_refused_key_keeps_its_own_budget_and_is_not_asked_again(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    server.script = [httpx.Response(401, headers={"WWW-Authenticate": "Bearer"})]
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0.0), clock=clock)
    key = "rk_revoked_key_00001"
    transport = transport_for(key, clock, server, limiter)
    for _ in range(2):
        with pytest.raises(errors.AuthenticationError) as refused:
            send(call, transport, key)
        assert refused.value.path == "/v3/contacts"  # the call's own refusal
    assert [s.path for s in server.seen] == ["/v3/whoami", "/v3/contacts", "/v3/contacts"]


def test_a_failed_lookup_is_tried_again_later(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    answers = [problem(503, "Service Unavailable")]

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/whoami" and answers:
            return answers.pop()
        return whoami_server(request)

    server.handler = flaky
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0.0), clock=clock)
    key = ANN_KEY
    transport = transport_for(key, clock, server, limiter, retry=RetryPolicy(max_retries=0))
    assert send(call, transport, key).status_code == 200  # went on, under the key's budget
    assert send(call, transport, key).status_code == 200
    assert [s.path for s in server.seen] == [
        "/v3/whoami",
        "/v3/contacts",
        "/v3/whoami",
        "/v3/contacts",
    ]
    assert len(limiter._budgets[budget_key(ORIGIN, user_id=7)].sends) == 2


def test_one_lookup_per_key_however_many_threads_and_tasks(user_budgets: IdentityCache) -> None:
    """Real clock, a slow whoami: every concurrent first request waits for the one lookup."""
    lookups: list[str] = []
    lock = threading.Lock()

    def slow(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v3/whoami":
            with lock:
                lookups.append(request.headers["Authorization"])
            time.sleep(0.2)
        return whoami_server(request)

    policy = RateLimitPolicy(margin=0.0)
    key = ANN_KEY
    transport = ReplyTransport(
        api_key=key,
        transport=httpx.MockTransport(slow),
        limiter=InMemoryLimiter(policy),
        rate_limit=policy,
    )
    with httpx.Client(transport=transport, base_url=BASE_URL) as client:
        threads = [threading.Thread(target=client.get, args=("/v3/contacts",)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert len(lookups) == 1

    user_budgets.clear()

    async def tasks() -> None:
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            await asyncio.gather(*(client.get("/v3/contacts") for _ in range(8)))

    asyncio.run(tasks())
    assert len(lookups) == 2  # one more for the cleared cache, not eight


def test_a_tight_budget_still_resolves_without_deadlock(
    clock: FakeClock, server: FakeServer
) -> None:
    """One request a minute: the lookup, its charge and four threads' first requests all get
    their turn (the lookup never waits on a slot the waiting requests hold)."""
    server.handler = whoami_server
    policy = RateLimitPolicy(per_minute=1, margin=0.0)
    limiter = InMemoryLimiter(policy, clock=clock)
    key = ANN_KEY
    transport = transport_for(key, clock, server, limiter)
    client = httpx.Client(transport=transport, base_url=BASE_URL)

    def worker() -> None:
        with clock.actor():
            client.get("/v3/contacts", headers={"Authorization": f"Bearer {key}"})

    threads = [threading.Thread(target=worker) for _ in range(4)]
    with clock.actor():
        for thread in threads:
            thread.start()
    for thread in threads:
        thread.join(30)
    client.close()
    paths = [s.path for s in server.seen]
    assert paths.count("/v3/whoami") == 1 and paths.count("/v3/contacts") == 4
    user_sends = [s.at for s in server.seen if s.path == "/v3/contacts"]
    assert most_in_any_window(user_sends, 60.0) == 1


def test_a_linkedin_cap_raises_at_once_without_pausing(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    capped = problem(
        429,
        "Too Many Requests",
        "LinkedIn account 77 reached its daily limit of 50 sends.",
        code="directLinkedIn.dailyLimitReached",
    )
    capped.headers["Retry-After"] = "3600"
    server.script = [capped, ok()]
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0.0), clock=clock)
    transport = transport_for("rk_linkedin_sender_01", clock, server, limiter, budget_key="sender")
    with pytest.raises(errors.LinkedInLimitError) as caught:
        call(transport, "POST", "/v3/contacts/5/send-direct-linkedin-inmail", json={})
    assert caught.value.retry_after == 3600 and caught.value.code.endswith("dailyLimitReached")
    assert len(server.seen) == 1  # not retried
    assert limiter.paused_for(transport.explicit_budget or "") == 0
    call(transport, "GET", "/v3/contacts")
    assert server.times == [clock.now(), clock.now()]  # the next call went at once


def test_the_api_budget_429_still_pauses(
    call: Caller, clock: FakeClock, server: FakeServer
) -> None:
    limited = problem(429, "Too Many Requests", "Rate limit exceeded. Retry after 30 seconds.")
    limited.headers["Retry-After"] = "30"
    server.script = [limited, ok()]
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0.0), clock=clock)
    transport = transport_for("rk_budget_user_00001", clock, server, limiter, budget_key="b")
    assert call(transport, "GET", "/v3/contacts").status_code == 200  # retried after the pause
    assert server.times[1] - server.times[0] == 30.0


@pytest.mark.parametrize("proactive", [True, False], ids=["limited", "unlimited"])
def test_a_429_pause_is_announced_for_the_users_budget(
    call: Caller, clock: FakeClock, server: FakeServer, proactive: bool
) -> None:
    # What a listener hears names the budget the pause holds (user 8's), not the key's own.
    limited = problem(429, "Too Many Requests", "Rate limit exceeded. Retry after 30 seconds.")
    limited.headers["Retry-After"] = "30"
    server.script = [limited, ok(), ok()]
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0.0), clock=clock)
    org = "rk_org_key_for_all_00"
    policy = limiter.policy if proactive else None
    transport = transport_for(org, clock, server, limiter, user_id=8, rate_limit=policy)
    user = budget_key(ORIGIN, user_id=8)
    heard: list[BudgetWait] = []
    with listening_for_budget_waits(heard.append):
        assert send(call, transport, org).status_code == 200  # retried after the pause
        limiter.pause(user, 5)  # a pause another client of user 8 met meanwhile
        assert send(call, transport, org).status_code == 200
    assert [(event.key, event.seconds, event.window) for event in heard] == [
        (user, 30.0, PAUSE_WINDOW),
        (user, 5.0, PAUSE_WINDOW),
    ]


def test_waiting_for_another_lookup_ends_with_max_wait_not_the_deadline(
    call: Caller, clock: FakeClock, server: FakeServer, user_budgets: IdentityCache
) -> None:
    # Another request (another thread) is finding the key's user and never answers. The call's
    # deadline starts with its first send, so its waits before that send, this one included,
    # are bounded by max_wait: it goes on at 10 s under the key's own budget, not at 100 s.
    server.handler = whoami_server
    limiter = InMemoryLimiter(RateLimitPolicy(margin=0.0), clock=clock)
    retry = RetryPolicy(max_wait=10.0, deadline=100.0)
    transport = transport_for(ANN_KEY, clock, server, limiter, retry=retry)
    credential = (str(transport.origin), transport.limiter_key, "")
    elsewhere = threading.Thread(target=user_budgets.claim, args=(credential,))
    elsewhere.start()
    elsewhere.join()
    started = clock.now()
    assert send(call, transport, ANN_KEY).status_code == 200
    assert [s.path for s in server.seen] == ["/v3/contacts"]  # no second lookup
    assert 10.0 <= server.times[0] - started <= 10.5
    assert len(limiter._budgets[transport.limiter_key].sends) == 1
