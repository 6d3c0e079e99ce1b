"""Background jobs (reference §8, J1-J3)."""

from __future__ import annotations

import uuid

import httpx
from reply_contacts.sandbox import Sandbox

from .conftest import assert_problem


def test_list_get_cancel(api: httpx.Client, sb: Sandbox) -> None:
    running = sb.seed_background_job(category="email-validation", status="Processing", progress=0.5)
    done = sb.seed_background_job(
        category="bulk-import", status="Done", json_data={"n": 1}, json_data_result={"ok": True}
    )
    listed = api.get("/v3/background-jobs").json()["items"]
    assert {job["jobId"] for job in listed} == {running, done}
    only = api.get("/v3/background-jobs", params={"category": "email"}).json()["items"]
    assert [job["jobId"] for job in only] == [running]
    detail = api.get(f"/v3/background-jobs/{done}").json()
    assert detail["status"] == "Done" and detail["category"] == "r2/bg-jobs/bulk-import"
    assert detail["jsonDataResult"] == '{"ok": true}'
    assert (
        api.post(f"/v3/background-jobs/{running}/cancel", json={"reason": "test"}).status_code
        == 204
    )
    assert api.get(f"/v3/background-jobs/{running}").json()["status"] == "Cancelled"
    assert api.post(f"/v3/background-jobs/{running}/cancel").status_code == 204  # idempotent
    assert api.post(f"/v3/background-jobs/{done}/cancel").status_code == 204
    assert api.get(f"/v3/background-jobs/{done}").json()["status"] == "Done"


def test_errors(api: httpx.Client, sb: Sandbox) -> None:
    assert_problem(api.get("/v3/background-jobs/not-a-guid"), 400, "backgroundJob.invalidJobId")
    assert_problem(
        api.get(f"/v3/background-jobs/{uuid.UUID(int=0)}"), 400, "backgroundJob.invalidJobId"
    )
    assert_problem(
        api.get(f"/v3/background-jobs/{uuid.uuid4()}"),
        404,
        "backgroundJob.notFound",
        detail="The requested background job was not found.",
    )
    assert_problem(
        api.post(f"/v3/background-jobs/{uuid.uuid4()}/cancel"), 404, "backgroundJob.notFound"
    )
    assert_problem(
        api.get("/v3/background-jobs", params={"top": 201}),
        400,
        "backgroundJob.invalidPagination",
        detail="Parameter 'top' must be between 1 and 200",
    )
    sb.set_setting("backgroundJobsAvailable", False)
    assert_problem(api.get("/v3/background-jobs"), 503, "backgroundJob.upstreamUnavailable")
