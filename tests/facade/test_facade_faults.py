"""Transport behaviour end to end, through the facade, against sandbox fault injection:
retries where repeating is safe, Retry-After honoured, no retry where it could duplicate."""

from __future__ import annotations

import time
from typing import Any

import pytest
from facade_support import run, seeded_contacts
from reply_contact_data_client.models import ImportItemStatus
from reply_contacts import APIConnectionError, RateLimitError, ServerError
from reply_contacts.sandbox import Sandbox


async def test_get_retried_through_two_503s(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    sb.inject_fault("GET", "/v3/contacts/*", status=503, times=2)
    contact = await run(api.contacts.get(cid))
    assert contact.id == cid
    assert api.requests_sent == 3
    stats = sb.stats()
    assert stats["byStatus"] == {"503": 2, "200": 1}
    assert stats["faultsInjected"] == 2


async def test_429_waits_retry_after_then_succeeds(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    sb.inject_fault("GET", "/v3/contacts/*", status=429, retry_after=1, times=1)
    started = time.monotonic()
    contact = await run(api.contacts.get(cid))
    waited = time.monotonic() - started
    assert contact.id == cid
    assert waited >= 1.0, "never sooner than the server asked"
    assert waited < 3.0
    assert sb.stats()["byStatus"] == {"429": 1, "200": 1}


async def test_429_pause_is_shared_by_copies(api: Any, sb: Sandbox) -> None:
    """The pause after a 429 holds every later request of the key, also from a copy."""
    (cid,) = seeded_contacts(sb, 1)
    sb.inject_fault("GET", "/v3/contacts/*", status=429, retry_after=1, times=1)
    impatient = api.with_options(max_retries=0)
    started = time.monotonic()
    with pytest.raises(RateLimitError) as caught:
        await run(impatient.contacts.get(cid))
    assert caught.value.retry_after == 1
    assert time.monotonic() - started < 0.5, "no retry: the 429 is raised at once"
    await run(api.custom_fields.list())  # another path, from the original client
    waited = time.monotonic() - started
    assert 0.95 <= waited < 3.0, "the original sat out the pause its copy was told about"
    assert sb.stats()["byStatus"] == {"429": 1, "200": 1}


async def test_retry_after_longer_than_max_wait_raises(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    sb.inject_fault("GET", "/v3/contacts/*", status=429, retry_after=30, times=1)
    started = time.monotonic()
    with pytest.raises(RateLimitError) as caught:
        await run(api.contacts.get(cid))
    assert time.monotonic() - started < 2.0, "no silent 30 s sleep"
    assert caught.value.status == 429 and caught.value.retry_after == 30


async def test_create_is_not_retried_after_a_503(api: Any, sb: Sandbox) -> None:
    sb.inject_fault("POST", "/v3/contacts", status=503, times=1)
    with pytest.raises(ServerError) as caught:
        await run(api.contacts.create(first_name="Ann", email="ann@example.com"))
    assert caught.value.status == 503
    assert (caught.value.method, caught.value.path) == ("POST", "/v3/contacts")
    assert sb.stats()["byPath"] == {"POST /v3/contacts": 1}
    assert api.requests_sent == 1
    assert sb.count_contacts() == 0


async def test_note_is_not_retried_after_a_dropped_connection(api: Any, sb: Sandbox) -> None:
    (cid,) = seeded_contacts(sb, 1)
    sb.inject_fault(f"POST /v3/contacts/{cid}/notes drop=after times=1")
    with pytest.raises(APIConnectionError) as caught:
        await run(api.contacts.add_note(cid, "only once"))
    assert caught.value.maybe_applied is True
    assert len(sb.activities(cid)) == 1, "applied once, never duplicated"
    assert sb.stats()["byPath"] == {f"POST /v3/contacts/{cid}/notes": 1}


async def test_import_retried_after_drop_without_duplicates(api: Any, sb: Sandbox) -> None:
    sb.inject_fault("POST /v3/contacts/import drop=after times=1")
    items = [
        {"firstName": "Ann", "email": "ann@example.com"},
        {"firstName": "Bob", "email": "bob@example.com"},
    ]
    result = await run(api.contacts.import_batch(items))
    # The first attempt created both; the retry found them (an upsert by email).
    assert [item.status for item in result.items] == [ImportItemStatus.UPDATED] * 2
    assert sb.count_contacts() == 2
    assert sb.find_contact("ann@example.com") is not None
    stats = sb.stats()
    assert stats["byPath"] == {"POST /v3/contacts/import": 2}
    assert stats["droppedConnections"] == 1
    assert api.requests_sent == 2


async def test_idempotent_post_retried_after_503(api: Any, sb: Sandbox) -> None:
    ids = seeded_contacts(sb, 2)
    sb.inject_fault("POST", "/v3/contacts/filter/count", status=502, times=1)
    sb.inject_fault("POST", "/v3/contacts/bulk-delete", status=504, times=2)
    assert await run(api.contacts.count()) == 2
    result = await run(api.contacts.bulk_delete(ids))
    assert result.ok and sb.count_contacts() == 0


async def test_give_up_after_max_retries(api: Any, sb: Sandbox, make_api: Any) -> None:
    sb.inject_fault("GET", "/v3/custom-fields", status=500)
    patient = make_api(max_retries=2)
    with pytest.raises(ServerError) as caught:
        await run(patient.custom_fields.list())
    assert caught.value.status == 500
    assert patient.requests_sent == 3
    assert sb.stats()["byPath"] == {"GET /v3/custom-fields": 3}
