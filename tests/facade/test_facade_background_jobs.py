"""`client.background_jobs` end to end, sync and async, over jobs seeded into the sandbox."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from facade_support import collect, collect_pages, run
from reply_contact_data_client.models import (
    BackgroundJob,
    BackgroundJobListItem,
    BackgroundJobStatus,
)
from reply_contacts import NotFoundError, ServerError
from reply_contacts.sandbox import Sandbox


async def test_list_get_cancel(api: Any, sb: Sandbox) -> None:
    running = sb.seed_background_job(
        status="Processing", started_at="2025-03-02T10:00:00Z", json_data={"emails": 3}
    )
    done = sb.seed_background_job(
        category="export",
        status="Done",
        started_at="2025-03-01T10:00:00Z",
        json_data_result={"valid": 2},
    )
    jobs = await collect(api.background_jobs.list())
    assert all(isinstance(j, BackgroundJobListItem) for j in jobs)
    assert [str(j.job_id) for j in jobs] == [running, done]
    exports = await collect(api.background_jobs.list(category="export"))
    assert [str(j.job_id) for j in exports] == [done]
    job = await run(api.background_jobs.get(running))
    assert isinstance(job, BackgroundJob)
    assert job.job_id == uuid.UUID(running) and job.status == BackgroundJobStatus.PROCESSING
    assert job.category == "r2/bg-jobs/email-validation"
    assert await run(api.background_jobs.cancel(uuid.UUID(running), reason="not needed")) is None
    assert (await run(api.background_jobs.get(running))).status == "Cancelled"
    # Idempotent: cancelling a settled job is a no-op 204.
    assert await run(api.background_jobs.cancel(done)) is None
    assert (await run(api.background_jobs.get(done))).status == "Done"


async def test_pages_of_at_most_two_hundred(api: Any, sb: Sandbox) -> None:
    for n in range(230):
        sb.seed_background_job(
            status="Done", started_at=f"2025-01-01T00:{n // 60:02d}:{n % 60:02d}Z"
        )
    pages = await collect_pages(api.background_jobs.list())
    assert [len(p.items) for p in pages] == [200, 30]
    assert len(await collect(api.background_jobs.list(page_size=50, max_items=120))) == 120
    with pytest.raises(ValueError):
        api.background_jobs.list(page_size=201)


async def test_errors(api: Any, sb: Sandbox) -> None:
    with pytest.raises(ValueError, match="GUID"):
        await run(api.background_jobs.get("not-a-guid"))
    assert api.requests_sent == 0
    with pytest.raises(NotFoundError) as missing:
        await run(api.background_jobs.get(uuid.uuid4()))
    assert missing.value.code == "backgroundJob.notFound"
    sb.set_setting("backgroundJobsAvailable", False)
    with pytest.raises(ServerError) as unavailable:
        await run(api.background_jobs.list().to_list())
    assert unavailable.value.status == 503
    assert unavailable.value.code == "backgroundJob.upstreamUnavailable"
