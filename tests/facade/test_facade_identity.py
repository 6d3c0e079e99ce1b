"""`whoami()` and `teams()`, the identity problems as typed errors, and LinkedIn send caps that
raise at once without pausing anything: the facade against the sandbox over real HTTP, sync
and async."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from facade_support import run, seeded_contacts
from reply_contacts import (
    AuthenticationError,
    Identity,
    LinkedInLimitError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    Team,
)
from reply_contacts.sandbox import Sandbox
from reply_contacts.transport import InMemoryLimiter, RateLimitPolicy
from reply_contacts.transport.budget import budget_key

DANA = {"id": 4, "name": "Dana Beta", "email": "dana@beta.test"}
WORKSPACE: dict[str, Any] = {
    "teams": [{"id": 2, "name": "Beta", "members": [1, DANA]}],
    "keys": [
        {"key": "rk_test_master_key_1", "kind": "master"},
        {"key": "rk_test_org_key_12345", "kind": "organization"},
    ],
}


async def test_whoami_is_typed(api: Any) -> None:
    identity = await run(api.whoami())
    assert identity == Identity(user_id=1, username="owner@sandbox.test", team_id=1)


async def test_teams_of_a_personal_account_fall_back_to_whoami(api: Any, sb: Sandbox) -> None:
    sent = sb.stats()["requests"]
    assert await run(api.teams()) == [Team(team_id=1, team_name=None)]
    # team-users (403 workspace.organizationRequired), then whoami
    assert sb.stats()["requests"] == sent + 2


async def test_teams_of_an_organization(api: Any, sb: Sandbox, make_api: Any) -> None:
    sb.seed(WORKSPACE)
    assert await run(api.teams()) == [Team(1, "Sandbox Team"), Team(2, "Beta")]
    dana = make_api(api_key="rk_test_master_key_1", user_id=4)
    assert await run(dana.teams()) == [Team(2, "Beta")]
    # A team the user is not in: the refusal lists the user's teams, and teams() reads them.
    astray = make_api(team_id=99)
    assert await run(astray.teams()) == [Team(1, "Sandbox Team"), Team(2, "Beta")]


async def test_acting_user_and_team_follow_the_client(api: Any, sb: Sandbox, make_api: Any) -> None:
    sb.seed(WORKSPACE)
    master = make_api(api_key="rk_test_master_key_1")
    assert (await run(master.whoami())).user_id == 1  # the owner
    for_dana = master.with_options(user_id=4)
    assert await run(for_dana.whoami()) == Identity(4, "dana@beta.test", 2)
    by_email = make_api(api_key="rk_test_master_key_1", user_email="dana@beta.test")
    assert (await run(by_email.whoami())).user_id == 4
    in_beta = make_api(team_id=2)
    created = await run(in_beta.contacts.create(first_name="Zoe", email="zoe@x.test"))
    assert created.owner_user_id == 1 and sb.count_contacts(team_id=2) == 1
    with pytest.raises(PermissionDeniedError) as several:
        await run(api.contacts.get(created.id))  # user 1 is in two teams and chose none
    assert several.value.code == "TEAM_REQUIRED"


async def test_identity_problems_are_typed(api: Any, sb: Sandbox, make_api: Any) -> None:
    sb.seed(WORKSPACE)
    with pytest.raises(PermissionDeniedError) as no_user:
        await run(make_api(api_key="rk_test_org_key_12345").whoami())
    assert no_user.value.code == "USER_REQUIRED"
    with pytest.raises(AuthenticationError) as unknown:
        await run(make_api(api_key="rk_test_org_key_12345", user_id=999).whoami())
    assert unknown.value.code == "USER_NOT_FOUND"
    with pytest.raises(PermissionDeniedError) as not_mine:
        await run(make_api(team_id=99).contacts.list_page(top=1))
    assert not_mine.value.code == "TEAM_NOT_ACCESSIBLE"


def limited(make_api: Any, **options: Any) -> Any:
    """A client with proactive limiting on (so its budget is its user's) and retries allowed."""
    policy = RateLimitPolicy(margin=0.0)
    return make_api(rate_limit=policy, limiter=InMemoryLimiter(policy), **options)


async def test_linkedin_cap_raises_at_once_and_pauses_nothing(
    api: Any, sb: Sandbox, make_api: Any
) -> None:
    (cid,) = seeded_contacts(sb, 1, linkedInUrl="https://www.linkedin.com/in/p1")
    sb.set_setting("linkedInDailySendLimit", 1)
    client = limited(make_api, retry=RetryPolicy(max_retries=5, max_wait=7200.0))
    await run(
        client.contacts.send_linkedin_inmail(cid, linkedin_account_id=1, subject="s", body="b")
    )
    sent = client.requests_sent
    with pytest.raises(LinkedInLimitError) as capped:
        await run(
            client.contacts.send_linkedin_inmail(cid, linkedin_account_id=1, subject="s", body="b")
        )
    assert not isinstance(capped.value, RateLimitError)  # a sibling: not the API budget
    assert capped.value.code == "directLinkedIn.dailyLimitReached"
    assert capped.value.status == 429 and capped.value.retry_after is not None
    assert capped.value.retry_after > 3600  # honouring it would have stalled for hours
    assert client.requests_sent == sent + 1  # no retry
    user_budget = budget_key(httpx.URL(sb.url), user_id=1)
    limiter = client.transport.limiter
    assert (
        limiter.paused_for(user_budget) == 0
        and limiter.paused_for(client.transport.limiter_key) == 0
    )
    assert (await run(client.contacts.get(cid))).id == cid  # the next call goes straight on


async def test_only_the_api_budget_429_pauses_the_budget(
    api: Any, sb: Sandbox, make_api: Any
) -> None:
    client = limited(make_api, retry=RetryPolicy(max_retries=0))
    await run(client.whoami())  # the key's user is known: its budget is user 1's
    sb.inject_fault("GET", "/v3/contacts/*", status=429, retry_after=30, times=1)
    with pytest.raises(RateLimitError) as budget:
        await run(client.contacts.get(1))
    assert budget.value.retry_after == 30
    user_budget = budget_key(httpx.URL(sb.url), user_id=1)
    assert client.transport.limiter.paused_for(user_budget) > 25


async def test_an_inmail_over_the_specs_lengths_is_refused_before_sending(
    api: Any, sb: Sandbox
) -> None:
    sent = sb.stats()["requests"]
    for subject, body, field in (("S" * 201, "ok", "subject"), ("ok", "B" * 1901, "body")):
        with pytest.raises(ValueError, match=f"{field} is"):
            await run(
                api.contacts.send_linkedin_inmail(
                    1, linkedin_account_id=1, subject=subject, body=body
                )
            )
    assert sb.stats()["requests"] == sent
